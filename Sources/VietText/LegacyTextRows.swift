// Font-aware conversion inside workbooks (DESIGN §5: `cat` prints legacy-encoded text as Unicode NFC). Excel and
// LibreOffice show TCVN3 or VNI bytes as Vietnamese only through fonts such as `.VnTime` or `VNI-Times`; the bytes
// themselves survive in the file as characters U+0000–U+00FF. So the font decides, per cell and per rich-text run:
//
//   cell font `.VnTime`           "Céng hßa"     → "Cộng hòa"
//   cell font `.VnTimeH`          "céng hßa"     → "CỘNG HÒA"
//   run fonts `.VnTime` + Arial   ["Ia §al", " (x)"] → ["Ia Đal", " (x)"]
//   cell font Times New Roman      "Cộng hòa"     → unchanged
import SheetCore

/// How the text of a workbook is taken: by its fonts, forced to one legacy encoding, or left as stored.
public enum LegacyTextPolicy: Sendable, Equatable {
    /// Convert text whose font names a legacy encoding; leave the rest.
    case byFont
    /// Convert every text cell from this encoding, whatever its font.
    case forced(LegacyEncoding)
    /// Leave every text as stored.
    case none
}

/// What was converted: cells (and rich-text runs) per font name and encoding, for `inspect` to show.
public struct LegacyTextReport: Sendable, Equatable {
    public struct Entry: Hashable, Sendable {
        public var fontName: String
        public var encoding: LegacyEncoding
        public var upperCase: Bool
    }

    /// Text pieces converted, by font and encoding.
    public private(set) var counts: [Entry: Int] = [:]

    public init() {}

    public var isEmpty: Bool { counts.isEmpty }

    mutating func add(_ entry: Entry) { counts[entry, default: 0] += 1 }

    /// Adds another report's counts.
    public mutating func merge(_ other: LegacyTextReport) {
        for (entry, count) in other.counts { counts[entry, default: 0] += count }
    }
}

/// A sheet's rows with legacy-encoded text converted to Unicode NFC as its fonts say.
///
/// ```swift
/// let rows = LegacyTextRows(try reader.sheetRows(at: 0), styles: reader.styles)
/// while let row = try rows.next() { … }   // "Céng hßa" under .VnTime reads "Cộng hòa"
/// ```
public final class LegacyTextRows: SheetRowReading {
    private let base: any SheetRowReading
    private let styles: Styles
    private let policy: LegacyTextPolicy
    /// The encoding each cell format's font implies, computed once per style index.
    private var styleEncodings: [Int: LegacyTextReport.Entry?] = [:]
    /// What has been converted so far.
    public private(set) var report = LegacyTextReport()

    /// - Parameters:
    ///   - base: the rows as the file stores them.
    ///   - styles: the workbook's styles, which give each cell its font.
    ///   - policy: by font (the default), forced, or none.
    public init(_ base: any SheetRowReading, styles: Styles, policy: LegacyTextPolicy = .byFont) {
        self.base = base
        self.styles = styles
        self.policy = policy
    }

    public var sheet: SheetInfo { base.sheet }
    public var declaredDimension: CellRange? { base.declaredDimension }
    public var mergedRanges: [CellRange] { base.mergedRanges }
    public var columns: [ColumnInfo] { base.columns }

    public func next() throws -> Row? {
        guard var row = try base.next() else { return nil }
        guard policy != .none else { return row }
        for index in row.cells.indices {
            switch row.cells[index].value {
            case .string(let text):
                if let entry = encodingEntry(forStyle: row.cells[index].styleIndex) {
                    row.cells[index].value = .string(convert(text, entry))
                }
            case .richText(let rich):
                row.cells[index].value = .richText(convert(rich, cellStyle: row.cells[index].styleIndex))
            default:
                continue
            }
        }
        return row
    }

    private func convert(_ rich: RichText, cellStyle: Int) -> RichText {
        var converted = rich
        for index in converted.runs.indices {
            let run = converted.runs[index]
            let entry = run.fontName.flatMap { encodingEntry(forFont: $0) } ?? encodingEntry(forStyle: cellStyle)
            if let entry { converted.runs[index].text = convert(run.text, entry) }
        }
        return converted
    }

    private func convert(_ text: String, _ entry: LegacyTextReport.Entry) -> String {
        report.add(entry)
        return VietText.decode(text, from: entry.encoding, upperCase: entry.upperCase)
    }

    private func encodingEntry(forStyle style: Int) -> LegacyTextReport.Entry? {
        if let known = styleEncodings[style] { return known }
        let name = styles.font(forStyle: style)?.name ?? ""
        let found = encodingEntry(forFont: name)
        styleEncodings[style] = .some(found)
        return found
    }

    private func encodingEntry(forFont name: String) -> LegacyTextReport.Entry? {
        switch policy {
        case .none: return nil
        case .forced(let encoding): return LegacyTextReport.Entry(fontName: name, encoding: encoding, upperCase: false)
        case .byFont:
            guard let (encoding, upperCase) = VietText.encoding(forFontName: name) else { return nil }
            return LegacyTextReport.Entry(fontName: name, encoding: encoding, upperCase: upperCase)
        }
    }
}
