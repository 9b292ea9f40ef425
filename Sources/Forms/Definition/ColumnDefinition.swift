import SheetCore

/// One column of a form's table.
public struct ColumnDefinition: Sendable {
    /// The record key (`poor`, `poor_rate`).
    public var key: String
    /// The column number printed in the numbering row (`A`, `B`, `1`, `4`).
    public var number: String?
    /// The header label, Vietnamese and English.
    public var label: LocalizedText
    /// Other header texts that mean this column (records tables, whose columns are found by label).
    public var aliases: [String]
    /// The group header printed above this column's label (`Nguồn vốn NSTW`), if any.
    public var group: String?
    /// How to read and check the value.
    public var type: ValueType
    /// The unit of measure (`hộ`, `người`, `triệu đồng`, `%`).
    public var unit: String?
    /// The decimals the form displays; they set the tolerance of derived values and totals.
    public var decimals: Int
    /// Texts that mean "no value" here, besides a blank cell (`-`, `x`).
    public var missing: [String]
    /// How the value is computed from other columns of the same row, if it is derived.
    public var formula: Expression?
    /// The form whose fields ``formula`` reads, when they are not this form's: report 5's rates are report 4's
    /// counts over its households, on the row of the same unit (`formula_form: tt07-bc04`).
    public var formulaForm: String?
    /// How the value is aggregated up the hierarchy.
    public var aggregate: Aggregation
    /// Whether a record without it is incomplete.
    public var required: Bool
    /// The smallest and largest valid values.
    public var minimum: DecimalNumber?
    public var maximum: DecimalNumber?

    public init(
        key: String, number: String? = nil, label: LocalizedText, aliases: [String] = [], group: String? = nil,
        type: ValueType, unit: String? = nil, decimals: Int = 0, missing: [String] = [], formula: Expression? = nil,
        formulaForm: String? = nil, aggregate: Aggregation? = nil, required: Bool = false,
        minimum: DecimalNumber? = nil, maximum: DecimalNumber? = nil
    ) {
        self.key = key
        self.number = number
        self.label = label
        self.aliases = aliases
        self.group = group
        self.type = type
        self.unit = unit
        self.decimals = decimals
        self.missing = missing
        self.formula = formula
        self.formulaForm = formulaForm
        self.aggregate = aggregate ?? (formula != nil ? .recompute : type.isNumeric ? .sum : .none)
        self.required = required
        self.minimum = minimum ?? (type.isNumeric && type != .decimal ? .zero : nil)
        self.maximum = maximum ?? (type == .percent ? DecimalNumber(100) : nil)
    }

    /// Whether the column holds numbers.
    public var isNumeric: Bool { type.isNumeric }
}

/// How a value is read and checked.
public enum ValueType: String, Sendable, CaseIterable {
    /// A whole count (households, persons).
    case integer
    /// A number with decimals.
    case decimal
    /// An amount of money in the column's unit (triệu đồng): exact decimal.
    case money
    /// A percentage written as its number of percent (`7,93` for 7,93 %).
    case percent
    /// Free text.
    case text
    /// A code: text kept exactly as written (`007` stays `007`).
    case code
    /// A date.
    case date
    /// A 0/1 flag (`1`, `x`, `có` for yes; `0`, blank, `không` for no).
    case boolean

    /// Whether values of this type are numbers that add up.
    public var isNumeric: Bool {
        switch self {
        case .integer, .decimal, .money, .percent: true
        case .text, .code, .date, .boolean: false
        }
    }
}

/// How a field is carried up the hierarchy (DESIGN §3, last point).
public enum Aggregation: String, Sendable, CaseIterable {
    /// Summed, exactly.
    case sum
    /// Recomputed from the aggregated fields of its formula (rates: never summed or averaged).
    case recompute
    /// Not aggregated (text, codes).
    case none
}
