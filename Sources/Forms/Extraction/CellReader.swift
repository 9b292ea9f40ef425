import SheetCore
import VietText

// Values by column type (DESIGN §3, typed columns):
//
//   cell              integer/decimal/money/percent          code / text        boolean          date
//   ───────────────── ────────────────────────────────────── ────────────────── ──────────────── ─────────────
//   blank, sentinel   missing                                missing            false / missing  missing
//   number            exact shortest decimal; ×100 when a    integer text /     1 → yes, 0 → no  serial → date
//                     percent column's cell has a % format   shortest text
//   text              LocalizedNumber under the locale:      NFC, trimmed       x, có, 1 / 0,    dd/mm/yyyy,
//                     ambiguous → declared + warning;                           không            yyyy-mm-dd
//                     not a number → invalid + error
//   error (#DIV/0!)   invalid + error                        invalid + error    …                …
//
// Every value keeps its provenance: document, sheet, cell, raw text (as written; for a number its shortest
// round-trip text) and formula.

/// Reads cells into typed values with provenance; collects what it cannot read as findings.
struct CellReader {
    let locale: NumberLocale
    let dateSystem: DateSystem
    let styles: Styles
    /// The file and sheet, shared by the provenance of every value read.
    let origin: SheetOrigin
    /// Per style index: 0 not looked at yet, 1 not a percent format, 2 a percent format.
    private var percentStyles: [UInt8] = []
    /// What reading found.
    var findings: [Finding] = []

    init(locale: NumberLocale, dateSystem: DateSystem, styles: Styles, document: SourceDocument, sheet: String) {
        self.locale = locale
        self.dateSystem = dateSystem
        self.styles = styles
        origin = SheetOrigin(document: document, sheet: sheet)
    }

    /// A column prepared for reading: its definition and its missing-value sentinels normalised once. A class:
    /// handed to every cell of its column, it is shared, not copied.
    final class Column: Sendable {
        let definition: ColumnDefinition
        let sentinels: [MatchText]
        /// The longest sentinel in bytes: longer texts are not compared.
        let longestSentinel: Int
        /// Which of its cells read without a finding possible (``CellReader/plainValue(_:_:)``).
        let plain: PlainReading

        init(_ definition: ColumnDefinition) {
            self.definition = definition
            sentinels = definition.missing.map { MatchText($0) }
            longestSentinel = definition.missing.map(\.utf8.count).max() ?? 0
            switch definition.type {
            case _ where !sentinels.isEmpty: plain = .none
            case .integer, .decimal, .money: plain = .numbers
            case .text, .code: plain = .texts
            case .percent, .boolean, .date: plain = .none
            }
        }
    }

    /// The cells of a column that read the same whatever the workbook and leave no finding: blank cells, and
    /// numbers in a column of integers, decimals or money, or texts (and numbers) in a column of text or codes,
    /// when the column has no missing-value texts. A table reads them without the reader's state
    /// (``plainValue(_:_:)``); every other cell goes through ``value(_:formula:style:at:column:)``.
    enum PlainReading: Sendable {
        case numbers, texts, none
    }

    /// The value of a cell of a column read `plain`, or `nil` when the cell needs the whole reading: what
    /// ``value(_:formula:style:at:column:)`` gives for it, without the column or a provenance.
    static func plainValue(_ content: CellValue, _ plain: PlainReading) -> FieldValue? {
        switch (plain, content) {
        case (.none, _): return nil
        case (_, .empty): return .missing
        case (.numbers, .number(let double)): return exactDecimal(double).map(FieldValue.number)
        case (.texts, .number(let double)): return .text(integerText(double) ?? NumberText.text(double))
        case (.texts, .string(let text)):
            // Nothing to trim (else the whole reading trims it, or finds it blank), and NFC as it stands: one look
            // at the bytes, and the text is kept as it is.
            let isPlain = text.withUTF8Bytes { bytes in
                !bytes.isEmpty && hasNothingToTrim(bytes) && VietText.isStablyNFC(bytes)
            }
            return isPlain ? .text(text) : nil
        default: return nil
        }
    }

    /// The exact decimal of the shortest round-trip text of `double`, as `DecimalNumber(shortestRepresentationOf:)`.
    static func exactDecimal(_ double: Double) -> DecimalNumber? {
        isWhole(double)
            ? DecimalNumber(significand: Int64(double), exponent: 0) : DecimalNumber(NumberText.text(double))
    }

    func provenance(_ address: CellAddress, raw: String, formula: String? = nil) -> Provenance {
        Provenance(origin: origin, cell: address, raw: raw, formula: formula)
    }

    /// The value of `cell` (absent: blank) at `address` in `column`, with its provenance.
    mutating func read(_ cell: Cell?, at address: CellAddress, column: Column) -> ExtractedValue {
        ExtractedValue(
            value: value(cell, at: address, column: column),
            provenance: provenance(address, raw: Self.raw(cell), formula: cell?.formula))
    }

    /// A cell's content as provenance keeps it: the text as written, a number's shortest round-trip text (`12`
    /// for 12.0), `TRUE`/`FALSE`, an error's code, a date in ISO 8601; blank for no cell.
    static func raw(_ cell: Cell?) -> String {
        guard let cell else { return "" }
        return raw(cell.value)
    }

    /// A cell value as provenance keeps it (``raw(_:)-swift.type.method``).
    static func raw(_ value: CellValue) -> String {
        switch value {
        case .empty: return ""
        case .number(let double): return integerText(double) ?? NumberText.text(double)
        case .string, .richText: return value.text ?? ""
        case .boolean(let flag): return flag ? "TRUE" : "FALSE"
        case .error(let error): return error.text
        case .dateTime(let date): return date.iso8601
        }
    }

    /// The value of `cell` (absent: blank) at `address` in `column`; its provenance is made only for a finding.
    mutating func value(_ cell: Cell?, at address: CellAddress, column: Column) -> FieldValue {
        guard let cell else { return value(.empty, formula: nil, style: 0, at: address, column: column) }
        return value(cell.value, formula: cell.formula, style: cell.styleIndex, at: address, column: column)
    }

    /// The value of a cell holding `content` (and `formula`, in the style `style`) at `address` in `column`.
    ///
    /// A table reads its cells through this one, by their parts, so as not to copy each cell out of its row.
    mutating func value(
        _ content: CellValue, formula: String?, style: Int, at address: CellAddress, column: Column
    ) -> FieldValue {
        var source: Provenance { provenance(address, raw: Self.raw(content), formula: formula) }
        switch content {
        case .empty:
            return column.definition.type == .boolean ? .boolean(false) : .missing
        case .number(let double):
            if !column.sentinels.isEmpty, isSentinel(Self.raw(content), column) { return .missing }
            return number(double, formula: formula, style: style, at: address, column: column)
        case .string, .richText:
            return text(content.text ?? "", formula: formula, at: address, column: column)
        case .boolean(let flag):
            switch column.definition.type {
            case .boolean: return .boolean(flag)
            case .text, .code: return .text(flag ? "TRUE" : "FALSE")
            default:
                findings.append(ReadingFindings.notANumber(source, column: column.definition))
                return .invalid
            }
        case .error:
            findings.append(ReadingFindings.cellError(source, column: column.definition))
            return .invalid
        case .dateTime(let date):
            switch column.definition.type {
            case .date: return .date(date)
            case .text, .code: return .text(date.iso8601)
            case .boolean:
                findings.append(ReadingFindings.notAFlag(source, column: column.definition))
                return .invalid
            case .integer, .decimal, .money, .percent:
                // A number shown as a date: the number stands, the display is likely a formatting slip.
                guard let value = DecimalNumber(shortestRepresentationOf: date.serial) else {
                    findings.append(ReadingFindings.notANumber(source, column: column.definition))
                    return .invalid
                }
                return .number(value)
            }
        }
    }

    // MARK: Numbers in number cells

    private mutating func number(
        _ double: Double, formula: String?, style: Int, at address: CellAddress, column: Column
    ) -> FieldValue {
        // Made only for a finding.
        var source: Provenance { provenance(address, raw: Self.raw(.number(double)), formula: formula) }
        switch column.definition.type {
        case .integer, .decimal, .money, .percent:
            guard var value = Self.exactDecimal(double) else {
                findings.append(ReadingFindings.notANumber(source, column: column.definition))
                return .invalid
            }
            if column.definition.type == .percent, isPercentStyle(style), !value.isZero,
                abs(value.exponent + 2) <= DecimalNumber.maxExponent
            {
                // Excel stores 7,93 % as 0.0793.
                value = DecimalNumber(significand: value.significand, exponent: value.exponent + 2)
            }
            return .number(value)
        case .code, .text:
            return .text(Self.integerText(double) ?? NumberText.text(double))
        case .boolean:
            if double == 1 { return .boolean(true) }
            if double == 0 { return .boolean(false) }
            findings.append(ReadingFindings.notAFlag(source, column: column.definition))
            return .invalid
        case .date:
            guard double >= 1, double < 2_958_466 else {
                findings.append(ReadingFindings.notADate(source, column: column.definition))
                return .invalid
            }
            return .date(ExcelDateTime(serial: double, system: dateSystem, kind: .date))
        }
    }

    /// `12` for 12.0; `nil` for a number with a fraction or beyond 2⁵³ (the same text as `NumberText`).
    static func integerText(_ double: Double) -> String? {
        isWhole(double) ? String(Int64(double)) : nil
    }

    /// Whether `double` is a whole number below 2⁵³ in magnitude.
    static func isWhole(_ double: Double) -> Bool {
        abs(double) < 9_007_199_254_740_992 && Double(Int64(double)) == double
    }

    private mutating func isPercentStyle(_ index: Int) -> Bool {
        guard index >= 0 else { return false }
        if index >= percentStyles.count {
            guard index < styles.cellFormats.count else { return false }
            percentStyles.append(contentsOf: repeatElement(0, count: index + 1 - percentStyles.count))
        }
        if percentStyles[index] == 0 {
            percentStyles[index] = styles.numberFormat(forStyle: index).kind == .percent ? 2 : 1
        }
        return percentStyles[index] == 2
    }

    // MARK: Text cells

    private mutating func text(_ raw: String, formula: String?, at address: CellAddress, column: Column) -> FieldValue {
        // Made only for a finding.
        var source: Provenance { provenance(address, raw: raw, formula: formula) }
        let trimmed = Self.trimmed(raw)
        if trimmed.isEmpty {
            return column.definition.type == .boolean ? .boolean(false) : .missing
        }
        if isSentinel(trimmed, column) { return .missing }
        switch column.definition.type {
        case .text, .code:
            return .text(VietText.nfc(trimmed))
        case .integer, .decimal, .money, .percent:
            return numberText(trimmed, column: column, source: source)
        case .boolean:
            if let flag = Self.flag(MatchText(trimmed)) { return .boolean(flag) }
            findings.append(ReadingFindings.notAFlag(source, column: column.definition))
            return .invalid
        case .date:
            if let date = DateText.read(trimmed, system: dateSystem) { return .date(date) }
            findings.append(ReadingFindings.notADate(source, column: column.definition))
            return .invalid
        }
    }

    private mutating func numberText(_ text: String, column: Column, source: Provenance) -> FieldValue {
        let isPercentColumn = column.definition.type == .percent
        func value(_ number: LocalizedNumber) -> DecimalNumber {
            // `7,93 %` in a percent column is 7,93 (the column holds numbers of percent); elsewhere 0,0793.
            isPercentColumn ? number.value : number.quantity
        }
        switch LocalizedNumber.read(text, locale: locale) {
        case .number(let number):
            return .number(value(number))
        case .ambiguous(let declared, let other):
            findings.append(
                ReadingFindings.ambiguousNumber(
                    source, column: column.definition, declared: value(declared), other: value(other), locale: locale))
            return .number(value(declared))
        case .otherLocaleOnly(let other, _):
            findings.append(
                ReadingFindings.otherLocaleNumber(
                    source, column: column.definition, other: value(other), locale: locale))
            return .invalid
        case .notANumber:
            findings.append(ReadingFindings.notANumber(source, column: column.definition))
            return .invalid
        }
    }

    private func isSentinel(_ text: String, _ column: Column) -> Bool {
        guard !column.sentinels.isEmpty, text.utf8.count <= column.longestSentinel + 8 else { return false }
        let normalized = MatchText(text)
        return column.sentinels.contains(normalized)
    }

    /// `1`, `x`, `có`, `yes`… → true; `0`, `không`, `no`… → false.
    static func flag(_ text: MatchText) -> Bool? {
        switch text.text {
        case "1", "x", "có", "co", "c", "yes", "y", "true", "đúng", "v", "✓", "✔", "√", "+": true
        case "0", "không", "khong", "k", "ko", "no", "n", "false", "sai", "-": false
        default: nil
        }
    }

    /// Whether a text's first and last bytes show it has no white space to cut at either end: neither is an ASCII
    /// space or control, nor part of an NBSP (`C2 A0`). An empty text has nothing to cut.
    static func hasNothingToTrim(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return true }
        return first > 0x20 && first != 0xC2 && last > 0x20 && last != 0xA0
    }

    /// `raw` without leading and trailing white space (including NBSP and line breaks).
    static func trimmed(_ raw: String) -> String {
        // Most cells have nothing to cut: their first and last bytes say so.
        if raw.withUTF8Bytes(hasNothingToTrim) { return raw }
        let utf8 = raw.utf8
        // ASCII spaces and line breaks at either end, a non-ASCII byte next to them: cut as bytes.
        func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        if let start = utf8.firstIndex(where: { !isASCIISpace($0) }) {
            let end = utf8.lastIndex(where: { !isASCIISpace($0) })!
            if utf8[start] < 0x80, utf8[end] < 0x80 { return String(raw[start...end]) }
        } else {
            return ""
        }
        let scalars = raw.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }
}

/// Dates typed as text: `15/01/2025`, `15-1-2025`, `15.01.2025` (day first, as in Vietnam) or `2025-01-15`.
enum DateText {
    static func read(_ text: String, system: DateSystem) -> ExcelDateTime? {
        var parts: [Int] = []
        var current = 0
        var digits = 0
        var separator: UInt8?
        for byte in text.utf8 {
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                current = current * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                guard digits <= 4 else { return nil }
            } else if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") {
                guard digits > 0, separator == nil || separator == byte else { return nil }
                separator = byte
                parts.append(current)
                current = 0
                digits = 0
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        parts.append(current)
        guard parts.count == 3 else { return nil }
        let (year, month, day) = parts[0] > 31 ? (parts[0], parts[1], parts[2]) : (parts[2], parts[1], parts[0])
        guard year >= 1900 else { return nil }
        return ExcelDateTime(
            components: DateTimeComponents(year: year, month: month, day: day), system: system, kind: .date)
    }
}
