// Font-aware conversion inside workbooks (DESIGN §5: `cat` prints legacy-encoded text as Unicode NFC). Excel and
// LibreOffice show TCVN3 or VNI bytes as Vietnamese only through fonts such as `.VnTime` or `VNI-Times`; the bytes
// themselves survive in the file as characters U+0000–U+00FF. So the font decides, per cell and per rich-text run:
//
//   cell font `.VnTime`           "Céng hßa"     → "Cộng hòa"
//   cell font `.VnTimeH`          "céng hßa"     → "CỘNG HÒA"
//   run fonts `.VnTime` + Arial   ["Ia §al", " (x)"] → ["Ia Đal", " (x)"]
//   cell font Times New Roman      "Cộng hòa"     → unchanged
//   cell font Arial                "Céng hßa x· héi chñ nghÜa" → converted only when the detector is confident
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
    private var styleEncodings: [LegacyTextReport.Entry??] = []
    /// What the detector said of texts without a telling font, by text.
    private var detections: [String: LegacyTextReport.Entry?] = [:]
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
                if let entry = encodingEntry(forStyle: row.cells[index].styleIndex) ?? detectedEntry(text) {
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
            // A run with a font of its own follows that font (a Times New Roman run in a `.VnTime` cell is Unicode);
            // only a run without one inherits the cell's.
            let entry = run.fontName.map { encodingEntry(forFont: $0) } ?? encodingEntry(forStyle: cellStyle)
            if let entry { converted.runs[index].text = convert(run.text, entry) }
        }
        return converted
    }

    private func convert(_ text: String, _ entry: LegacyTextReport.Entry) -> String {
        report.add(entry)
        return VietText.decode(text, from: entry.encoding, upperCase: entry.upperCase)
    }

    /// The name reported for text converted without a telling font.
    public static let detectedFontName = "(detected)"

    /// For text whose font says nothing: a legacy encoding only on strong evidence. The text must be made of
    /// single-byte characters (U+0000–U+00FF, as legacy bytes survive in workbooks), hold at least 8 characters of
    /// which 2 are outside ASCII, and VietText's detector must be confident that TCVN3 or VNI spells Vietnamese
    /// syllables (it is not for German, French or Spanish text).
    private func detectedEntry(_ text: String) -> LegacyTextReport.Entry? {
        guard policy == .byFont else { return nil }
        // One pass over the UTF-8 without allocating: a lead byte from 0xC4 starts a character above U+00FF
        // (real Unicode text, nothing to convert); 0xC2 and 0xC3 start the U+0080–U+00FF characters counted.
        var nonASCII = 0
        var characters = 0
        for byte in text.utf8 {
            if byte >= 0xC4 { return nil }
            if byte == 0xC2 || byte == 0xC3 { nonASCII += 1 }
            if byte < 0x80 || byte >= 0xC0 { characters += 1 }
        }
        guard characters >= 8, nonASCII >= 2 else { return nil }
        if let known = detections[text] { return known }
        let bytes = text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        let detection = bytes.withUnsafeBufferPointer { VietText.detect($0) }
        var found: LegacyTextReport.Entry?
        if detection.isConfident, case .legacy(let encoding) = detection.encoding,
            encoding == .tcvn3 || encoding == .vni
        {
            found = LegacyTextReport.Entry(
                fontName: LegacyTextRows.detectedFontName, encoding: encoding, upperCase: false)
        }
        // Texts repeat (shared strings): each distinct one is judged once, within a bounded memory.
        if detections.count >= 4096 { detections.removeAll(keepingCapacity: true) }
        detections[text] = .some(found)
        return found
    }

    private func encodingEntry(forStyle style: Int) -> LegacyTextReport.Entry? {
        guard style >= 0, style < 1 << 16 else { return nil }
        if style < styleEncodings.count, let known = styleEncodings[style] { return known }
        if style >= styleEncodings.count {
            styleEncodings += Array(repeating: nil, count: style + 1 - styleEncodings.count)
        }
        let found = encodingEntry(forFont: styles.font(forStyle: style)?.name ?? "")
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
