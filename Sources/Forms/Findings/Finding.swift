import SheetCore

/// Something a rule found: a value, never thrown; the engine collects them all (DESIGN §2).
public struct Finding: Hashable, Sendable {
    /// The stable rule id (`tt07-bc01/totals`, `link/bc01-poor-bc02-end`, `read/number-text`).
    public var rule: String
    public var severity: Severity
    public var location: FindingLocation
    /// The value the rule expected, if it computes one.
    public var expected: FindingValue?
    /// The value found.
    public var actual: FindingValue?
    /// What a person reads, in Vietnamese and English; numbers in both are written the Vietnamese way
    /// (`1.234,5`), as the forms print them.
    public var message: LocalizedText
    /// Other places the finding involves: the other side of a cross-form link, the first of two duplicate codes.
    public var related: [FindingLocation]

    public init(
        rule: String, severity: Severity, location: FindingLocation, expected: FindingValue? = nil,
        actual: FindingValue? = nil, message: LocalizedText, related: [FindingLocation] = []
    ) {
        self.rule = rule
        self.severity = severity
        self.location = location
        self.expected = expected
        self.actual = actual
        self.message = message
        self.related = related
    }
}

/// Where a finding points: file, sheet, and a cell or range (`E12`, `E9:E12`) when there is one.
public struct FindingLocation: Hashable, Sendable, Comparable {
    public var file: String
    public var sheet: String?
    /// A cell or range in A1 notation.
    public var cell: String?

    public init(file: String, sheet: String? = nil, cell: String? = nil) {
        self.file = file
        self.sheet = sheet
        self.cell = cell
    }

    /// `Biểu 02!E12`, or the sheet or file alone.
    public var reference: String {
        switch (sheet, cell) {
        case (let sheet?, let cell?): "\(sheet)!\(cell)"
        case (let sheet?, nil): sheet
        default: file
        }
    }

    public static func < (lhs: FindingLocation, rhs: FindingLocation) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        if lhs.sheet != rhs.sheet { return (lhs.sheet ?? "") < (rhs.sheet ?? "") }
        let left = lhs.cell.map(FindingLocation.sortKey) ?? []
        let right = rhs.cell.map(FindingLocation.sortKey) ?? []
        return left.lexicographicallyPrecedes(right)
    }

    /// Orders cells by row, then column (`B9` before `A10`).
    private static func sortKey(_ cell: String) -> [Int] {
        let first = cell.split(separator: ":").first.map(String.init) ?? cell
        guard let address = CellAddress(first) else { return [] }
        return [address.row, address.column]
    }
}

/// A value quoted by a finding.
public enum FindingValue: Hashable, Sendable {
    case number(DecimalNumber)
    case text(String)
    /// A blank cell.
    case blank
}
