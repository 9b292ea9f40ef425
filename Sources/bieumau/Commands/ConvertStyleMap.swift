// A source workbook's cell styles as styles of the `.xlsx` being written (issue 7): the reader's style index
// (`xf` in `.xlsx`, XF record in `.xls`) gives a font (name, size, bold, italic) and a number format, which become a
// writer style, made once per index. With `--fix-fonts`, a legacy font becomes its Unicode counterpart; size, bold
// and italic stay.
import SheetCore
import SheetXLSX

/// Writer styles for a reader's style indexes.
final class ConvertStyleMap {
    private let styles: Styles
    private let book: XLSXWriter
    /// Whether legacy fonts become Unicode ones.
    let fixFonts: Bool
    /// The writer's style for each reader style index made so far (indexes are below 65,536 in both formats).
    private var made: [StyleID?] = []

    init(styles: Styles, book: XLSXWriter, fixFonts: Bool) {
        self.styles = styles
        self.book = book
        self.fixFonts = fixFonts
    }

    /// The writer's style for a reader's style index.
    func id(for index: Int) throws -> StyleID {
        if index >= 0, index < made.count, let known = made[index] { return known }
        var style = CellStyle()
        if let font = styles.font(forStyle: index) {
            var name = font.name ?? CellStyle.Font.default.name
            if fixFonts, let unicode = ConvertFonts.unicodeCounterpart(of: name) { name = unicode }
            let size = font.size.flatMap { (1...409).contains($0) ? $0 : nil } ?? CellStyle.Font.default.size
            if !name.isEmpty && name.utf16.count <= 31 {
                style.font = CellStyle.Font(name: name, size: size, isBold: font.isBold, isItalic: font.isItalic)
            }
        }
        let format = styles.numberFormat(forStyle: index)
        if !format.code.isEmpty, format.code.utf16.count <= 255 { style.numberFormat = NumberFormatCode(format.code) }
        let id: StyleID
        do {
            id = try book.addStyle(style)
        } catch {
            id = .default
        }
        if index >= 0, index < 1 << 16 {
            if index >= made.count { made += Array(repeating: nil, count: index + 1 - made.count) }
            made[index] = id
        }
        return id
    }
}
