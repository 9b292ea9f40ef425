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

/// The values of one row by column key, stored by position in its form's ``ColumnKeys``.
///
/// A row read from a sheet keeps only each value and the sheet's cells it came from; a value's provenance
/// (file, sheet, cell, raw text, formula) is made from them when asked for, so that checking a million
/// household rows touches typed values only.
///
/// ```swift
/// let poor = row.values["poor"]?.value.number           // by key, with provenance
/// let slot = definition.slot("poor")!
/// for row in instance.rows { _ = row.values.field(slot) }  // by position, the value only
/// ```
public struct RowValues: Sendable, ExpressibleByDictionaryLiteral {
    /// One immutable object per row: copying a row's values costs one reference, and a rule reading them on every
    /// row retains nothing else.
    private final class Storage: Sendable {
        let columns: ColumnKeys
        /// The values by position; `nil` where the row has none.
        let fields: [FieldValue?]
        // Provenance, either read from a sheet (the sheet, each position's sheet column, the row and its cells)
        // or given value by value (`given` then has one entry per position).
        let origin: SheetOrigin?
        let sheetColumns: [Int?]
        let row: Int
        let cells: [Cell?]
        let given: [Provenance?]

        init(
            columns: ColumnKeys, fields: [FieldValue?], origin: SheetOrigin?, sheetColumns: [Int?], row: Int,
            cells: [Cell?], given: [Provenance?]
        ) {
            self.columns = columns
            self.fields = fields
            self.origin = origin
            self.sheetColumns = sheetColumns
            self.row = row
            self.cells = cells
            self.given = given
        }
    }

    private var storage: Storage

    /// The keys the positions refer to.
    public var columns: ColumnKeys { storage.columns }

    /// Values read from row `row` of a sheet: `fields`, `sheetColumns` (`nil`: the column is not on the sheet) and
    /// `cells` by position in `columns`.
    init(
        columns: ColumnKeys, fields: [FieldValue?], origin: SheetOrigin, sheetColumns: [Int?], row: Int,
        cells: [Cell?]
    ) {
        storage = Storage(
            columns: columns, fields: fields, origin: origin, sheetColumns: sheetColumns, row: row, cells: cells,
            given: [])
    }

    /// Values by position in `columns`; missing positions are filled with `nil`.
    public init(columns: ColumnKeys, values: [ExtractedValue?]) {
        var values = values
        if values.count < columns.keys.count {
            values.append(contentsOf: repeatElement(nil, count: columns.keys.count - values.count))
        }
        storage = Storage(
            columns: columns, fields: values.map { $0?.value }, origin: nil, sheetColumns: [], row: 0, cells: [],
            given: values.map { $0?.provenance })
    }

    /// Values by key, in key order.
    public init(_ values: [String: ExtractedValue]) {
        let keys = values.keys.sorted()
        self.init(columns: ColumnKeys(keys), values: keys.map { values[$0] })
    }

    public init(dictionaryLiteral elements: (String, ExtractedValue)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    // MARK: By key, with provenance

    /// The value of `key`; setting a key the columns do not have adds it.
    public subscript(key: String) -> ExtractedValue? {
        get { columns.position(of: key).flatMap(value(at:)) }
        set {
            var keys = columns.keys
            var fields = storage.fields
            var provenances = fields.indices.map(provenance(at:))
            if let position = columns.position(of: key) {
                fields[position] = newValue?.value
                provenances[position] = newValue?.provenance
            } else if let newValue {
                keys.append(key)
                fields.append(newValue.value)
                provenances.append(newValue.provenance)
            }
            storage = Storage(
                columns: keys.count == columns.keys.count ? columns : ColumnKeys(keys), fields: fields, origin: nil,
                sheetColumns: [], row: 0, cells: [], given: provenances)
        }
    }

    /// The value of a column resolved once (``FormDefinition/slot(_:)``), with its provenance.
    public subscript(slot: ColumnSlot) -> ExtractedValue? {
        position(slot).flatMap(value(at:))
    }

    private func value(at position: Int) -> ExtractedValue? {
        storage.fields[position].map { ExtractedValue(value: $0, provenance: provenance(at: position)) }
    }

    private func provenance(at position: Int) -> Provenance? {
        let storage = storage
        guard let origin = storage.origin else { return storage.given[position] }
        guard let column = storage.sheetColumns[position] else { return nil }
        let cell = storage.cells[position]
        return Provenance(
            origin: origin, cell: CellAddress(row: storage.row, column: column), raw: CellReader.raw(cell),
            formula: cell?.formula)
    }

    // MARK: By slot, the value only

    /// The position of a slot in this row: direct when the row was read as the slot's form, else by key.
    private func position(_ slot: ColumnSlot) -> Int? {
        storage.columns === slot.columns ? slot.position : storage.columns.position(of: slot.key)
    }

    /// The value of `key`, without its provenance.
    public func field(_ key: String) -> FieldValue? {
        columns.position(of: key).flatMap { storage.fields[$0] }
    }

    /// The value of a column, without its provenance.
    public func field(_ slot: ColumnSlot) -> FieldValue? {
        guard let position = position(slot) else { return nil }
        return storage.fields[position]
    }

    /// The number in a column, if it holds one.
    public func number(_ slot: ColumnSlot) -> DecimalNumber? {
        guard let position = position(slot), case .number(let value)? = storage.fields[position] else { return nil }
        return value
    }

    /// Whether a cell held the column's value (the column is on the sheet): the value has a provenance.
    public func isFromCell(_ slot: ColumnSlot) -> Bool {
        guard let position = position(slot), case .some = storage.fields[position] else { return false }
        return storage.origin == nil ? storage.given[position] != nil : storage.sheetColumns[position] != nil
    }

    /// The cell a column's value was read from.
    public func cell(_ slot: ColumnSlot) -> CellAddress? {
        guard let position = position(slot), case .some = storage.fields[position] else { return nil }
        guard storage.origin != nil else { return storage.given[position]?.cell }
        return storage.sheetColumns[position].map { CellAddress(row: storage.row, column: $0) }
    }

    /// The formula of the cell a column's value was read from.
    public func formula(_ slot: ColumnSlot) -> String? {
        guard let position = position(slot), case .some = storage.fields[position] else { return nil }
        guard storage.origin != nil else { return storage.given[position]?.formula }
        return storage.sheetColumns[position] == nil ? nil : storage.cells[position]?.formula
    }

    // MARK: The whole row

    /// Whether the row has no value.
    public var isEmpty: Bool { storage.fields.allSatisfy { $0 == nil } }

    /// The values by key.
    public var dictionary: [String: ExtractedValue] {
        var values: [String: ExtractedValue] = [:]
        for (position, key) in columns.keys.enumerated() {
            if let value = value(at: position) { values[key] = value }
        }
        return values
    }
}
