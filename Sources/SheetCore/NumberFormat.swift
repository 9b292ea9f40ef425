/// A number format: its id, its format code and what kind of value it shows.
///
/// A cell's style points at a number format by id (`xf/@numFmtId`, ECMA-376 Part 1, §18.8.45); ids below 164
/// may be built in (§18.8.30), others are declared in `numFmts/numFmt` (§18.8.31). The kind is what a reader
/// needs: whether a number is a date, time or duration, a percentage, text or a plain number.
///
/// ```swift
/// let format = NumberFormat(id: 164, code: "[$-42A]dd/mm/yyyy")
/// format.kind            // .temporal(.date)
/// format.isTemporal      // true
/// NumberFormat.builtin(id: 46)?.kind   // .temporal(.duration)
/// ```
public struct NumberFormat: Hashable, Sendable {
    /// What a number format shows, decided by the first section of its code.
    public enum Kind: Hashable, Sendable {
        /// `General`: the number as it is, in as few digits as fit.
        case general
        /// A plain number: digits, grouping, decimals, scientific notation, fractions, currency.
        case number
        /// A percentage: the code has an unquoted `%`, so the number is shown multiplied by 100.
        case percent
        /// Text: the code's first section has an unquoted `@`.
        case text
        /// A date, time, date-time or duration.
        case temporal(TemporalKind)
    }

    /// The format's id (`numFmtId`), shared by the built-in table and the workbook's own formats.
    public var id: Int
    /// The format code as written in the file, `#,##0.00` or `dd/mm/yyyy`.
    public var code: String
    /// What the code shows, from ``kind(of:)``.
    public var kind: Kind

    /// A number format from its id and code, classifying the code.
    ///
    /// Call it once per format in a workbook's styles, not once per cell: classification reads the whole code.
    ///
    /// - Parameters:
    ///   - id: The format's `numFmtId`.
    ///   - code: The format code (`numFmt/@formatCode`, ECMA-376 Part 1, §18.8.31).
    public init(id: Int, code: String) {
        self.id = id
        self.code = code
        self.kind = Self.kind(of: code)
    }

    /// Built-in format 0, `General`.
    public static let general = NumberFormat(id: 0, code: "General")

    /// Whether the format shows numbers as a date, time, date-time or duration.
    public var isTemporal: Bool {
        if case .temporal = kind { return true }
        return false
    }

    /// What a temporal format shows, `nil` for other formats.
    ///
    /// ```swift
    /// if let kind = format.temporalKind {
    ///     value = .dateTime(ExcelDateTime(serial: number, system: workbook.dateSystem, kind: kind))
    /// }
    /// ```
    public var temporalKind: TemporalKind? {
        if case .temporal(let temporal) = kind { return temporal }
        return nil
    }
}
