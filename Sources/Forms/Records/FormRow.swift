import SheetCore

/// One row of a form's table, as extracted: a unit row, one row of a unit's block, a fixed line, or a record.
public struct FormRow: Sendable {
    /// The row code as written in the code column (`1`, `1.1`, `I`), normalised (trimmed); `nil` for records.
    public var code: String?
    /// The unit name or line label as written.
    public var label: String?
    /// The block row key (`households`, `persons`) for forms with a block per unit.
    public var block: String?
    /// The line key for ``FormKind/lines`` forms.
    public var line: String?
    /// The sheet row (0-based) it was read from.
    public var sheetRow: Int
    /// The values by column key.
    public var values: RowValues

    public init(
        code: String? = nil, label: String? = nil, block: String? = nil, line: String? = nil, sheetRow: Int,
        values: RowValues = [:]
    ) {
        self.code = code
        self.label = label
        self.block = block
        self.line = line
        self.sheetRow = sheetRow
        self.values = values
    }

    /// The number in a field, if it holds one.
    public func number(_ key: String) -> DecimalNumber? { values.field(key)?.number }

    /// The number in a column resolved once, if it holds one.
    public func number(_ slot: ColumnSlot) -> DecimalNumber? { values.number(slot) }
}
