import SheetCore

/// The column keys of a form in column order, shared by every row read as that form: a row keeps its values in
/// an array by position and finds a key here, instead of carrying a dictionary of its own (issue 6, "Scale":
/// a country's household lists are millions of rows).
public final class ColumnKeys: Sendable {
    /// The keys, in column order.
    public let keys: [String]
    private let positions: [String: Int]

    public init(_ keys: [String]) {
        self.keys = keys
        var positions: [String: Int] = [:]
        for (position, key) in keys.enumerated() where positions[key] == nil { positions[key] = position }
        self.positions = positions
    }

    /// The position of `key`, if it is one of the keys.
    public func position(of key: String) -> Int? { positions[key] }
}

/// A column as a rule reads it on every row: its key and its position in the form's ``ColumnKeys``, resolved once.
public struct ColumnSlot: Sendable {
    public let key: String
    let position: Int
    /// The keys `position` refers to.
    let columns: ColumnKeys
}

extension FormDefinition {
    /// The slot of the column `key`, for reading it on many rows; `nil` when the form has no such column.
    public func slot(_ key: String) -> ColumnSlot? {
        columnKeys.position(of: key).map { ColumnSlot(key: key, position: $0, columns: columnKeys) }
    }
}

/// The values of a table read from a sheet: every row's values in one array, row after row, with the sheet they
/// were read from. One object per sheet, shared by its rows (issue 6, "Scale": no object or array per row).
final class TableValues: Sendable {
    let columns: ColumnKeys
    /// Values row after row, ``width`` per row; `nil` where a row has none.
    let fields: [FieldValue?]
    let width: Int
    // Provenance: read from `sheet` (each position's sheet column, each row's sheet row), or, with no sheet, given
    // value by value in `given` (laid out as `fields`).
    let origin: SheetOrigin?
    let sheet: Worksheet?
    let sheetColumns: [Int?]
    let sheetRows: [Int]
    /// The indices in `fields` of the values read from a cell with a formula, ascending (few or none).
    let formulaCells: [Int]
    let given: [Provenance?]
    /// What each column's values were like when read (by position); empty when not known.
    let traits: [ColumnTraits]

    /// A table read from `sheet`: `fields` row after row, `sheetColumns` by position (`nil`: not on the sheet),
    /// `sheetRows` the sheet row of each row, `formulaCells` the values whose cell holds a formula.
    init(
        columns: ColumnKeys, fields: [FieldValue?], origin: SheetOrigin, sheet: Worksheet, sheetColumns: [Int?],
        sheetRows: [Int], formulaCells: [Int], traits: [ColumnTraits] = []
    ) {
        self.columns = columns
        self.fields = fields
        width = columns.keys.count
        self.origin = origin
        self.sheet = sheet
        self.sheetColumns = sheetColumns
        self.sheetRows = sheetRows
        self.formulaCells = formulaCells
        given = []
        self.traits = traits
    }

    /// Whether the value at `index` in `fields` was read from a cell with a formula.
    func hasFormula(_ index: Int) -> Bool {
        guard !formulaCells.isEmpty else { return false }
        var low = 0
        var high = formulaCells.count
        while low < high {
            let middle = (low + high) / 2
            if formulaCells[middle] < index { low = middle + 1 } else { high = middle }
        }
        return low < formulaCells.count && formulaCells[low] == index
    }

    /// One row of values given with their provenance.
    init(columns: ColumnKeys, values: [ExtractedValue?]) {
        self.columns = columns
        fields = values.map { $0?.value }
        width = columns.keys.count
        origin = nil
        sheet = nil
        sheetColumns = []
        sheetRows = []
        formulaCells = []
        given = values.map { $0?.provenance }
        traits = []
    }
}

/// The values of one row by column key, stored by position in its form's ``ColumnKeys``.
///
/// A row read from a sheet keeps only its typed values, in its table's ``TableValues``; a value's provenance
/// (file, sheet, cell, raw text, formula) is made from the sheet when asked for, so that checking a million
/// household rows touches typed values only.
///
/// ```swift
/// let poor = row.values["poor"]?.value.number           // by key, with provenance
/// let slot = definition.slot("poor")!
/// for row in instance.rows { _ = row.values.field(slot) }  // by position, the value only
/// ```
public struct RowValues: Sendable, ExpressibleByDictionaryLiteral {
    private var table: TableValues
    /// The row in `table`.
    private var row: Int

    /// Row `row` of a table read from a sheet.
    init(_ table: TableValues, row: Int) {
        self.table = table
        self.row = row
    }

    /// Values by position in `columns`; missing positions are filled with `nil`.
    public init(columns: ColumnKeys, values: [ExtractedValue?]) {
        var values = values
        if values.count < columns.keys.count {
            values.append(contentsOf: repeatElement(nil, count: columns.keys.count - values.count))
        }
        self.init(TableValues(columns: columns, values: values), row: 0)
    }

    /// Values by key, in key order.
    public init(_ values: [String: ExtractedValue]) {
        let keys = values.keys.sorted()
        self.init(columns: ColumnKeys(keys), values: keys.map { values[$0] })
    }

    public init(dictionaryLiteral elements: (String, ExtractedValue)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// The keys the positions refer to.
    public var columns: ColumnKeys { table.columns }

    /// Where the value at `position` is in the table's fields.
    private func index(_ position: Int) -> Int { row * table.width + position }

    // MARK: By key, with provenance

    /// The value of `key`; setting a key the columns do not have adds it.
    public subscript(key: String) -> ExtractedValue? {
        get { columns.position(of: key).flatMap(value(at:)) }
        set {
            var keys = columns.keys
            var values = keys.indices.map(value(at:))
            if let position = columns.position(of: key) {
                values[position] = newValue
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
            self = RowValues(columns: keys.count == columns.keys.count ? columns : ColumnKeys(keys), values: values)
        }
    }

    /// The value of a column resolved once (``FormDefinition/slot(_:)``), with its provenance.
    public subscript(slot: ColumnSlot) -> ExtractedValue? {
        position(slot).flatMap(value(at:))
    }

    private func value(at position: Int) -> ExtractedValue? {
        table.fields[index(position)].map { ExtractedValue(value: $0, provenance: provenance(at: position)) }
    }

    private func provenance(at position: Int) -> Provenance? {
        let table = table
        guard let origin = table.origin, let sheet = table.sheet else { return table.given[index(position)] }
        guard let column = table.sheetColumns[position] else { return nil }
        let address = CellAddress(row: table.sheetRows[row], column: column)
        let cell = sheet[address]
        return Provenance(origin: origin, cell: address, raw: CellReader.raw(cell), formula: cell?.formula)
    }

    /// The sheet and cell the value of `key` was read from, without the rest of its provenance (no raw text is
    /// looked up): what a finding's location needs.
    public func source(of key: String) -> (sheet: String, cell: CellAddress)? {
        guard let position = columns.position(of: key), table.fields[index(position)] != nil else { return nil }
        guard let origin = table.origin, table.sheet != nil else {
            return table.given[index(position)].map { ($0.sheet, $0.cell) }
        }
        guard let column = table.sheetColumns[position] else { return nil }
        return (origin.sheet, CellAddress(row: table.sheetRows[row], column: column))
    }

    // MARK: By slot, the value only

    /// The position of a slot in this row: direct when the row was read as the slot's form, else by key.
    private func position(_ slot: ColumnSlot) -> Int? {
        table.columns === slot.columns ? slot.position : table.columns.position(of: slot.key)
    }

    /// The value of `key`, without its provenance.
    public func field(_ key: String) -> FieldValue? {
        columns.position(of: key).flatMap { table.fields[index($0)] }
    }

    /// The value of a column, without its provenance.
    public func field(_ slot: ColumnSlot) -> FieldValue? {
        guard let position = position(slot) else { return nil }
        return table.fields[index(position)]
    }

    /// The number in a column, if it holds one.
    public func number(_ slot: ColumnSlot) -> DecimalNumber? {
        guard let position = position(slot), case .number(let value)? = table.fields[index(position)] else {
            return nil
        }
        return value
    }

    /// Whether a cell held the column's value (the column is on the sheet): the value has a provenance.
    public func isFromCell(_ slot: ColumnSlot) -> Bool {
        guard let position = position(slot), case .some = table.fields[index(position)] else { return false }
        return table.sheet == nil ? table.given[index(position)] != nil : table.sheetColumns[position] != nil
    }

    /// The cell a column's value was read from.
    public func cell(_ slot: ColumnSlot) -> CellAddress? {
        guard let position = position(slot), case .some = table.fields[index(position)] else { return nil }
        guard table.sheet != nil else { return table.given[index(position)]?.cell }
        return table.sheetColumns[position].map { CellAddress(row: table.sheetRows[row], column: $0) }
    }

    /// Whether the cell a column's value was read from holds a formula.
    public func hasFormula(_ slot: ColumnSlot) -> Bool {
        guard let position = position(slot), case .some = table.fields[index(position)] else { return false }
        guard table.sheet != nil else { return table.given[index(position)]?.formula != nil }
        return table.sheetColumns[position] != nil && table.hasFormula(index(position))
    }

    /// The formula of the cell a column's value was read from.
    public func formula(_ slot: ColumnSlot) -> String? {
        guard let position = position(slot), case .some = table.fields[index(position)] else { return nil }
        guard let sheet = table.sheet else { return table.given[index(position)]?.formula }
        guard table.hasFormula(index(position)), let column = table.sheetColumns[position] else { return nil }
        return sheet[CellAddress(row: table.sheetRows[row], column: column)]?.formula
    }

    // MARK: The whole row

    /// Whether the row has no value.
    public var isEmpty: Bool { (0..<table.width).allSatisfy { table.fields[index($0)] == nil } }

    /// The values by key.
    public var dictionary: [String: ExtractedValue] {
        var values: [String: ExtractedValue] = [:]
        for (position, key) in columns.keys.enumerated() {
            if let value = value(at: position) { values[key] = value }
        }
        return values
    }
}

extension FormInstance {
    /// What the values of a column were like when the sheet was read: `nil` when not known (the rows were changed
    /// since, or were not read from a sheet). A rule may pass over a column that cannot fail it.
    func traits(_ slot: ColumnSlot) -> ColumnTraits? {
        guard let table, table.columns === slot.columns, slot.position < table.traits.count else { return nil }
        return table.traits[slot.position]
    }

    /// Calls `body` with the index of each row and its value in a column, for the values read from a cell (the
    /// column is on the sheet), without copying the rows: the loop of the rules that look at one column.
    func forEachCell(_ slot: ColumnSlot, _ body: (_ row: Int, _ value: FieldValue) -> Void) {
        // Rows as extracted: down the column in the table itself.
        if let table, table.columns === slot.columns {
            guard table.sheetColumns[slot.position] != nil else { return }
            table.fields.withUnsafeBufferPointer { fields in
                var index = slot.position
                for row in rows.indices {
                    if let value = fields[index] { body(row, value) }
                    index += table.width
                }
            }
            return
        }
        rows.withUnsafeBufferPointer { rows in
            for index in rows.indices where rows[index].values.isFromCell(slot) {
                guard let value = rows[index].values.field(slot) else { continue }
                body(index, value)
            }
        }
    }
}

extension FormInstance {
    /// The value of a column on row `row` (an index in ``rows``), without its provenance: from the table as
    /// extracted when the rows are unchanged, else from the row.
    public func field(_ slot: ColumnSlot, row: Int) -> FieldValue? {
        if let table, table.columns === slot.columns { return table.fields[row * table.width + slot.position] }
        return rows[row].values.field(slot)
    }

    /// Whether a cell held the value of a column on row `row` (the column is on the sheet).
    public func isFromCell(_ slot: ColumnSlot, row: Int) -> Bool {
        if let table, table.columns === slot.columns {
            return table.sheetColumns[slot.position] != nil && table.fields[row * table.width + slot.position] != nil
        }
        return rows[row].values.isFromCell(slot)
    }

    /// Whether the cell of a column on row `row` holds a formula.
    public func hasFormula(_ slot: ColumnSlot, row: Int) -> Bool {
        if let table, table.columns === slot.columns {
            let index = row * table.width + slot.position
            return table.sheetColumns[slot.position] != nil && table.fields[index] != nil && table.hasFormula(index)
        }
        return rows[row].values.hasFormula(slot)
    }

    /// The number in a column on row `row`, if it holds one.
    public func number(_ slot: ColumnSlot, row: Int) -> DecimalNumber? {
        guard case .number(let value)? = field(slot, row: row) else { return nil }
        return value
    }
}

/// What the values read in a column were like, noted as they are read.
struct ColumnTraits: OptionSet, Sendable {
    let rawValue: UInt8
    /// Some number is below zero.
    static let negative = ColumnTraits(rawValue: 1)
    /// Some number has digits after the decimal point (perhaps only zeros).
    static let fraction = ColumnTraits(rawValue: 2)
    /// Some value could not be read as the column's type.
    static let invalid = ColumnTraits(rawValue: 4)
    /// Some value was read from a cell with a formula.
    static let formulas = ColumnTraits(rawValue: 8)
    /// Some value other than a blank was read from a cell without a formula (or stands for a cell not there).
    static let typed = ColumnTraits(rawValue: 16)
}
