/// One reporting form in one version, as a mapping file in `Mappings/forms/` describes it (DESIGN §3).
///
/// A definition says how to recognise the form (``fingerprint``), where its values are (``header``, ``table``,
/// ``columns``, ``lines``), what they mean (types, units, formulas) and which rules they obey (``rules``).
///
/// ```swift
/// let forms = try MappingLoader.loadForms(inFolder: "Mappings/forms")
/// let report1 = forms.first { $0.id == "tt07-bc01" }
/// ```
public struct FormDefinition: Sendable {
    /// Stable identifier, used on the command line and in findings (`tt07-bc01`).
    public var id: String
    /// The version of the layout (`2021`); two versions of one form are two definitions.
    public var version: String
    /// The form number printed at the top right (`Biểu số 01`).
    public var formNumber: String
    /// The title as printed on the form, and its English gloss.
    public var title: LocalizedText
    /// The legal basis (`Thông tư 07/2021/TT-BLĐTBXH`).
    public var basis: String
    /// Where the layout comes from and how sure we are of it.
    public var layoutNote: String?
    /// The "Đơn vị tính" line of the form.
    public var unitOfMeasure: String?
    /// How the table is organised.
    public var kind: FormKind
    /// The text that identifies the form on a sheet.
    public var fingerprint: Fingerprint
    /// Values in the heading above the table (reporting unit, its code, the period).
    public var header: [HeaderField] {
        didSet { headerLabelTexts = FormDefinition.headerLabelTexts(header) }
    }
    /// Each header field's labels normalised for matching, longest first (`Đơn vị báo cáo` before `Đơn vị`).
    private(set) var headerLabelTexts: [[MatchText]]
    /// Where the table starts and how its rows are keyed.
    public var table: TableLayout
    /// The columns of the table, in order.
    public var columns: [ColumnDefinition] {
        didSet {
            columnKeys = ColumnKeys(columns.map(\.key))
            columnLabelTexts = FormDefinition.labelTexts(columns)
            readingColumns = columns.map(CellReader.Column.init)
            columnNames = FindingText.columnNames(columns)
            columnNumberingKeys = columns.map { $0.number.flatMap(TableLocator.numberingKey) }
        }
    }
    /// The columns' keys, shared by the rows read as this form.
    public private(set) var columnKeys: ColumnKeys
    /// Each column's label and aliases normalised for matching, made once rather than for every sheet.
    private(set) var columnLabelTexts: [[MatchText]]
    /// The columns prepared for reading cells (their missing-value texts normalised), made once rather than for
    /// every sheet.
    private(set) var readingColumns: [CellReader.Column]
    /// Each column's name in messages, by key (``FindingText/columnNames(_:)``): every rule of the form names its
    /// columns, and is made once per run.
    public private(set) var columnNames: [String: LocalizedText]
    /// Each column's number as the numbering row writes it, packed (``TableLocator/numberingKey(_:)``).
    private(set) var columnNumberingKeys: [UInt64?]
    /// The fixed rows of a ``FormKind/lines`` form, in order; empty for other kinds.
    public var lines: [LineDefinition]
    /// The rules the values obey, beyond each derived column's formula.
    public var rules: [RuleDefinition]
    /// The mapping file this came from, for messages.
    public var sourcePath: String

    public init(
        id: String, version: String, formNumber: String, title: LocalizedText, basis: String,
        layoutNote: String? = nil, unitOfMeasure: String? = nil, kind: FormKind, fingerprint: Fingerprint,
        header: [HeaderField] = [], table: TableLayout, columns: [ColumnDefinition], lines: [LineDefinition] = [],
        rules: [RuleDefinition] = [], sourcePath: String = ""
    ) {
        self.id = id
        self.version = version
        self.formNumber = formNumber
        self.title = title
        self.basis = basis
        self.layoutNote = layoutNote
        self.unitOfMeasure = unitOfMeasure
        self.kind = kind
        self.fingerprint = fingerprint
        self.header = header
        self.headerLabelTexts = FormDefinition.headerLabelTexts(header)
        self.table = table
        self.columns = columns
        self.columnKeys = ColumnKeys(columns.map(\.key))
        self.columnLabelTexts = FormDefinition.labelTexts(columns)
        self.readingColumns = columns.map(CellReader.Column.init)
        self.columnNames = FindingText.columnNames(columns)
        self.columnNumberingKeys = columns.map { $0.number.flatMap(TableLocator.numberingKey) }
        self.lines = lines
        self.rules = rules
        self.sourcePath = sourcePath
    }

    private static func headerLabelTexts(_ header: [HeaderField]) -> [[MatchText]] {
        header.map { field in
            field.labels.map { MatchText($0) }.filter { !$0.isEmpty }.sorted { $0.bytes.count > $1.bytes.count }
        }
    }

    private static func labelTexts(_ columns: [ColumnDefinition]) -> [[MatchText]] {
        columns.map { column in ([column.label.vi] + column.aliases).map { MatchText($0) }.filter { !$0.isEmpty } }
    }

    /// The column with this key.
    public func column(_ key: String) -> ColumnDefinition? { columns.first { $0.key == key } }

    /// The fixed row with this key (``FormKind/lines`` forms).
    public func line(_ key: String) -> LineDefinition? { lines.first { $0.key == key } }
}

/// How a form's table is organised.
public enum FormKind: String, Sendable, CaseIterable {
    /// One row per reporting unit, keyed by a hierarchical row code (`1` the unit or district total, `1.1`,
    /// `1.2`… its subordinate units); optionally a block of rows per unit (`Hộ`, `Nhân khẩu`).
    case units
    /// Fixed rows keyed by row code (`I`, `1`, `1.1`, `a`…) such as the components of the programme, some of
    /// which are totals of others.
    case lines
    /// A list of records (households) under a header row found by its labels; any number of rows.
    case records
}

/// The text that identifies a form on a sheet, matched after normalisation (NFC, case, spaces and line
/// breaks): the sheet name does not matter.
public struct Fingerprint: Sendable {
    /// Phrases that must all appear in one cell near the top of the sheet (the title).
    public var title: [String]
    /// Header labels the table must show (each in some header cell).
    public var labels: [String]
    /// How many rows from the top the title and header may be found in.
    public var searchRows: Int

    /// The most title phrases, and the most labels, a fingerprint has (detection keeps what it found as bits).
    public static let maximumPhrases = 64

    public init(title: [String], labels: [String], searchRows: Int = 20) {
        self.title = title
        self.labels = labels
        self.searchRows = searchRows
    }
}

/// A value in the heading above the table, found by its label: the text after the label (and a colon) in the
/// same cell, or else the next non-empty cell to the right.
public struct HeaderField: Sendable {
    /// The record key (`unit_code`, `unit_name`, `period`).
    public var key: String
    /// The labels that introduce the value (`Mã đơn vị`, `Mã ĐVHC`).
    public var labels: [String]
    /// How to read the value.
    public var type: ValueType
    /// Whether a form without it is incomplete.
    public var required: Bool

    public init(key: String, labels: [String], type: ValueType = .text, required: Bool = false) {
        self.key = key
        self.labels = labels
        self.type = type
        self.required = required
    }
}

/// Where the table is and how its rows are keyed.
public struct TableLayout: Sendable {
    /// Whether a row of column numbers (`A`, `B`, `1`, `2`… or `(1)`, `(2)`…) marks the columns; when false,
    /// or when no such row is found, columns are found by their labels.
    public var numberingRow: Bool
    /// The key of the column holding row codes (``FormKind/units``, ``FormKind/lines``).
    public var codeColumn: String?
    /// The rows repeated for each unit (`Hộ`, `Nhân khẩu`), told apart by the label in `blockColumn`.
    public var block: [BlockRow]
    /// The key of the column holding the block labels.
    public var blockColumn: String?
    /// Labels that all appear in the header row of a ``FormKind/records`` table.
    public var headerLabels: [String]

    public init(
        numberingRow: Bool = true, codeColumn: String? = nil, block: [BlockRow] = [], blockColumn: String? = nil,
        headerLabels: [String] = []
    ) {
        self.numberingRow = numberingRow
        self.codeColumn = codeColumn
        self.block = block
        self.blockColumn = blockColumn
        self.headerLabels = headerLabels
    }
}

/// One of the rows repeated for each unit.
public struct BlockRow: Hashable, Sendable {
    /// The key used in references (`households`).
    public var key: String
    /// The label in the block column (`Hộ`).
    public var label: String

    public init(key: String, label: String) {
        self.key = key
        self.label = label
    }
}

/// A fixed row of a ``FormKind/lines`` form.
public struct LineDefinition: Sendable {
    /// The row code printed in the code column (`I`, `1`, `1.1`, `a`).
    public var code: String
    /// The key used in rules and links (`da1`, `da1_tda1`).
    public var key: String
    /// The row label, Vietnamese and English.
    public var label: LocalizedText
    /// The keys of the lines this one is the total of; empty for a line entered directly.
    public var sumOf: [String]
    /// The unit of this line's count columns when it differs by line (`công trình`, `người`).
    public var unit: String?
    /// How many rows of the official form this line's label is indented (for rendering).
    public var level: Int

    public init(
        code: String, key: String, label: LocalizedText, sumOf: [String] = [], unit: String? = nil, level: Int = 0
    ) {
        self.code = code
        self.key = key
        self.label = label
        self.sumOf = sumOf
        self.unit = unit
        self.level = level
    }
}
