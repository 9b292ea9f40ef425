import SheetCore

/// One sheet read as one form: its heading values and table rows, each value with its provenance.
public struct FormInstance: Sendable {
    /// The form it was read as.
    public var definition: FormDefinition
    /// The file it was read from.
    public var document: SourceDocument
    /// The sheet name.
    public var sheet: String
    /// The heading values (unit code, unit name, period) by key.
    public var header: [String: ExtractedValue]
    /// The table rows, in sheet order.
    public var rows: [FormRow] { didSet { table = nil } }
    /// The values of `rows` as extraction read them, one column after another for the rules; `nil` once the
    /// rows are changed.
    var table: TableValues?
    /// Where each column was found: column key → sheet column (0-based).
    public var columnPositions: [String: Int] {
        get {
            switch positions {
            case .byKey(let positions): return positions
            case .bySlot(let keys, let columns):
                var positions: [String: Int] = [:]
                for (key, column) in zip(keys.keys, columns) { if let column { positions[key] = column } }
                return positions
            }
        }
        set { positions = .byKey(newValue) }
    }
    /// ``columnPositions`` as given, or as extraction found them: by position in the form's columns, which costs
    /// a sheet no table of its own.
    private var positions: ColumnPositions

    private enum ColumnPositions: Sendable {
        case byKey([String: Int])
        case bySlot(ColumnKeys, [Int?])
    }
    /// What reading found wrong (unreadable numbers, ambiguous text, rows inserted or missing).
    public var findings: [Finding]

    public init(
        definition: FormDefinition, document: SourceDocument, sheet: String, header: [String: ExtractedValue] = [:],
        rows: [FormRow] = [], columnPositions: [String: Int] = [:], findings: [Finding] = []
    ) {
        self.definition = definition
        self.document = document
        self.sheet = sheet
        self.header = header
        self.rows = rows
        self.positions = .byKey(columnPositions)
        self.findings = findings
    }

    /// An instance whose columns were found at `sheetColumns`, by position in the form's columns.
    init(
        definition: FormDefinition, document: SourceDocument, sheet: String, header: [String: ExtractedValue],
        rows: [FormRow], sheetColumns: [Int?], findings: [Finding]
    ) {
        self.init(
            definition: definition, document: document, sheet: sheet, header: header, rows: rows, findings: findings)
        positions = .bySlot(definition.columnKeys, sheetColumns)
    }

    /// The sheet column where the column `key` was found.
    func sheetColumn(of key: String) -> Int? {
        switch positions {
        case .byKey(let positions): return positions[key]
        case .bySlot(let keys, let columns): return keys.position(of: key).flatMap { columns[$0] }
        }
    }

    /// The leftmost sheet column where a column was found.
    var firstSheetColumn: Int? {
        switch positions {
        case .byKey(let positions): return positions.values.min()
        case .bySlot(_, let columns): return columns.compactMap { $0 }.min()
        }
    }

    /// The reporting unit's code from the heading (`23535`), if present.
    public var unitCode: String? { header["unit_code"]?.value.text }

    /// The reporting period from the heading (`2024`), if present.
    public var period: String? { header["period"]?.value.text }
}
