import SheetXLSX

/// The styles of an official form: Times New Roman throughout, bordered table, bold totals, number formats that
/// group thousands (Excel shows `#,##0` as `1.234` on a Vietnamese system).
struct FormStyles {
    let heading: StyleID
    let headingUnderlined: StyleID
    let plain: StyleID
    let italic: StyleID
    let italicRight: StyleID
    let formNumber: StyleID
    let title: StyleID
    let periodLine: StyleID
    let tableHeader: StyleID
    /// A header label turned upright (90°), for narrow 0/1 columns.
    let uprightHeader: StyleID
    let numbering: StyleID
    let signatureTitle: StyleID
    let signatureNote: StyleID
    /// Table cells: [isTotal][kind].
    private let text: [StyleID]
    /// Row labels: [isTotal][indent 0, 1, 2].
    private let labels: [[StyleID]]
    private let code: [StyleID]
    private let numbers: [[Int: StyleID]]

    static let fontName = "Times New Roman"

    init(_ writer: XLSXWriter, decimals: Set<Int>) throws(XLSXError) {
        func font(size: Double = 12, bold: Bool = false, italic: Bool = false, underlined: Bool = false)
            -> CellStyle.Font
        {
            CellStyle.Font(name: Self.fontName, size: size, isBold: bold, isItalic: italic, isUnderlined: underlined)
        }
        func style(
            _ font: CellStyle.Font, _ horizontal: CellStyle.Alignment.Horizontal = .general, wraps: Bool = false,
            border: Bool = false, format: NumberFormatCode = .general, vertical: CellStyle.Alignment.Vertical = .center,
            indent: Int = 0, rotation: Int = 0
        ) throws(XLSXError) -> StyleID {
            try writer.addStyle(
                CellStyle(
                    font: font, border: border ? .all(.thin) : nil,
                    alignment: CellStyle.Alignment(
                        horizontal: horizontal, vertical: vertical, wrapsText: wraps, indent: indent,
                        rotation: rotation),
                    numberFormat: format))
        }
        heading = try style(font(bold: true), .center)
        headingUnderlined = try style(font(bold: true, underlined: true), .center)
        plain = try style(font())
        italic = try style(font(italic: true), .center)
        italicRight = try style(font(italic: true), .right)
        formNumber = try style(font(bold: true, italic: true), .right)
        title = try style(font(size: 14, bold: true), .center, wraps: true)
        periodLine = try style(font(italic: true), .center)
        tableHeader = try style(
            font(size: FormSheetLayout.headerPoints, bold: true), .center, wraps: true, border: true)
        uprightHeader = try style(
            font(size: FormSheetLayout.headerPoints, bold: true), .center, wraps: true, border: true, rotation: 90)
        numbering = try style(font(size: 9, italic: true), .center, border: true)
        signatureTitle = try style(font(bold: true), .center)
        signatureNote = try style(font(italic: true), .center)
        var text: [StyleID] = []
        var labels: [[StyleID]] = []
        var code: [StyleID] = []
        var numbers: [[Int: StyleID]] = []
        for isTotal in [false, true] {
            text.append(try style(font(bold: isTotal), .left, wraps: true, border: true))
            labels.append(
                try (0...2).map { (indent: Int) throws(XLSXError) -> StyleID in
                    try style(font(bold: isTotal), .left, wraps: true, border: true, indent: indent)
                })
            code.append(try style(font(bold: isTotal), .center, border: true))
            var byDecimals: [Int: StyleID] = [:]
            for places in decimals.union([0]).sorted() {
                let format = NumberFormatCode(places == 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: places))
                byDecimals[places] = try style(font(bold: isTotal), .right, border: true, format: format)
            }
            numbers.append(byDecimals)
        }
        self.text = text
        self.labels = labels
        self.code = code
        self.numbers = numbers
    }

    /// The style of a row label: bold on total rows, indented one step per level below the first.
    func label(isTotal: Bool, level: Int) -> StyleID {
        labels[isTotal ? 1 : 0][min(max(level - 1, 0), 2)]
    }

    func cell(for column: ColumnDefinition, isTotal: Bool) -> StyleID {
        let row = isTotal ? 1 : 0
        if column.isNumeric { return numbers[row][column.decimals] ?? numbers[row][0]! }
        return column.type == .code ? code[row] : text[row]
    }
}
