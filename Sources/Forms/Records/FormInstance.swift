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
    public var columnPositions: [String: Int]
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
        self.columnPositions = columnPositions
        self.findings = findings
    }

    /// The reporting unit's code from the heading (`23535`), if present.
    public var unitCode: String? { header["unit_code"]?.value.text }

    /// The reporting period from the heading (`2024`), if present.
    public var period: String? { header["period"]?.value.text }
}
