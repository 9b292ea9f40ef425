import SheetCore

/// What goes into one official form sheet: the heading (who reports, for which period) and the table rows.
/// Rendering turns it into the official layout; derived cells and total rows become formulas.
///
/// ```swift
/// var content = FormSheetContent(definition: report1, authority: "UBND HUYỆN IA H'DRAI",
///                                unitName: "Huyện Ia H'Drai", unitCode: "618", period: "Năm 2023")
/// content.rows = [FormSheetContent.Row(code: "1", label: "Huyện Ia H'Drai", totalOf: [1, 2, 3]), …]
/// ```
public struct FormSheetContent: Sendable {
    public var definition: FormDefinition
    /// The issuing body, top left (`UBND HUYỆN IA H'DRAI`).
    public var authority: String
    /// The reporting unit and its code, written under the header labels of the mapping (`Đơn vị báo cáo`,
    /// `Mã đơn vị`) so that the filled form is recognised again.
    public var unitName: String
    public var unitCode: String
    /// The period as printed (`Năm 2023`).
    public var period: String
    /// The place written before the date of signature (`Ia H'Drai`).
    public var place: String
    /// The date of signature; `nil` leaves "ngày … tháng … năm …" to be filled by hand.
    public var signedOn: (day: Int, month: Int, year: Int)?
    /// The table rows, in order.
    public var rows: [Row]
    /// Blank rows to add after the rows (a list template to fill).
    public var blankRecordRows: Int
    /// Sheets already rendered in the same workbook, by form id, that columns computed from another form
    /// (``ColumnDefinition/formulaForm``) refer to; without its source such a column is written as entered.
    public var sources: [String: RenderedSheet] = [:]

    public init(
        definition: FormDefinition, authority: String, unitName: String, unitCode: String, period: String,
        place: String = "", signedOn: (day: Int, month: Int, year: Int)? = nil, rows: [Row] = [],
        blankRecordRows: Int = 0
    ) {
        self.definition = definition
        self.authority = authority
        self.unitName = unitName
        self.unitCode = unitCode
        self.period = period
        self.place = place
        self.signedOn = signedOn
        self.rows = rows
        self.blankRecordRows = blankRecordRows
    }

    /// One table row: a unit (with its block rows), a line, or a record.
    public struct Row: Sendable {
        /// The row code (`1`, `1.1`, `I`); empty for records.
        public var code: String
        /// The unit name or line label.
        public var label: String
        /// The values entered, by column key and block key (`""` when the form has no block). Derived columns
        /// and the summed columns of total rows are not read from here: they become formulas.
        public var values: [String: [String: FieldValue]]
        /// The indices (in ``FormSheetContent/rows``) of the rows this one totals; empty for an entered row.
        public var totalOf: [Int]
        /// Indentation of the label (lines).
        public var level: Int

        public init(
            code: String, label: String, values: [String: [String: FieldValue]] = [:], totalOf: [Int] = [],
            level: Int = 0
        ) {
            self.code = code
            self.label = label
            self.values = values
            self.totalOf = totalOf
            self.level = level
        }

        /// Whether the row is a total of others (written bold, with SUM formulas).
        public var isTotal: Bool { !totalOf.isEmpty }
    }
}

/// Where a rendered form put its rows and columns, and the values it cached: what another sheet's formulas
/// refer to (`'Biểu số 04'!E12`).
public struct RenderedSheet: Sendable {
    public let name: String
    /// The sheet row (0-based) of each row code's first block row.
    let rowOfCode: [String: Int]
    let blockIndex: [String: Int]
    let columnOfKey: [String: Int]
    /// The numbers its cells hold (as cached), by row code, block key and column key.
    let values: [String: Double]
    /// `'name'!`, with a quote in the name doubled: how a formula names the sheet (ECMA-376 Part 1, §18.17.2).
    private let prefix: String

    init(
        name: String, rowOfCode: [String: Int], blockIndex: [String: Int], columnOfKey: [String: Int],
        values: [String: Double]
    ) {
        self.name = name
        self.rowOfCode = rowOfCode
        self.blockIndex = blockIndex
        self.columnOfKey = columnOfKey
        self.values = values
        prefix = "'" + name.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'!"
    }

    static func key(_ code: String, _ block: String, _ column: String) -> String { "\(code)|\(block)|\(column)" }

    /// Whether the sheet has a cell for the field on the unit's row.
    func hasCell(code: String, field: String) -> Bool { rowOfCode[code] != nil && columnOfKey[field] != nil }

    /// The absolute reference of a field on a unit's row, with the sheet name quoted.
    func reference(code: String, block: String, field: String) -> String? {
        guard let row = rowOfCode[code], let column = columnOfKey[field] else { return nil }
        return prefix + CellAddress(row: row + (blockIndex[block] ?? 0), column: column).a1
    }

    func value(code: String, block: String, field: String) -> Double? {
        values[RenderedSheet.key(code, block, field)]
    }
}
