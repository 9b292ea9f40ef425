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
}

extension FormDefinition {
    /// The slot of the column `key`, for reading it on many rows; `nil` when the form has no such column.
    public func slot(_ key: String) -> ColumnSlot? {
        columnKeys.position(of: key).map { ColumnSlot(key: key, position: $0) }
    }
}

/// The values of one row by column key, stored by position in its form's ``ColumnKeys``.
///
/// ```swift
/// let poor = row.values["poor"]?.value.number           // by key
/// let slot = definition.slot("poor")!
/// for row in instance.rows { _ = row.values[slot] }     // by position, on many rows
/// ```
public struct RowValues: Sendable, ExpressibleByDictionaryLiteral {
    /// The keys the positions refer to.
    public private(set) var columns: ColumnKeys
    private var storage: [ExtractedValue?]

    /// Values by position in `columns`, as extraction reads them; missing positions are filled with `nil`.
    public init(columns: ColumnKeys, values: [ExtractedValue?]) {
        self.columns = columns
        storage = values
        if storage.count < columns.keys.count {
            storage.append(contentsOf: repeatElement(nil, count: columns.keys.count - storage.count))
        }
    }

    /// Values by key, in key order.
    public init(_ values: [String: ExtractedValue]) {
        let keys = values.keys.sorted()
        self.init(columns: ColumnKeys(keys), values: keys.map { values[$0] })
    }

    public init(dictionaryLiteral elements: (String, ExtractedValue)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// The value of `key`; setting a key the columns do not have adds it.
    public subscript(key: String) -> ExtractedValue? {
        get { columns.position(of: key).flatMap { storage[$0] } }
        set {
            if let position = columns.position(of: key) {
                storage[position] = newValue
            } else if let newValue {
                columns = ColumnKeys(columns.keys + [key])
                storage.append(newValue)
            }
        }
    }

    /// The value of a column resolved once (``FormDefinition/slot(_:)``): by position when this row was read as
    /// the slot's form, else by key.
    public subscript(slot: ColumnSlot) -> ExtractedValue? {
        // Lent, not copied: a rule looks at one part of a value on every row.
        _read {
            if slot.position < storage.count, columns.keys[slot.position] == slot.key {
                yield storage[slot.position]
            } else {
                yield self[slot.key]
            }
        }
    }

    /// Whether the row has no value.
    public var isEmpty: Bool { storage.allSatisfy { $0 == nil } }

    /// The values by key.
    public var dictionary: [String: ExtractedValue] {
        var values: [String: ExtractedValue] = [:]
        for (key, value) in zip(columns.keys, storage) { if let value { values[key] = value } }
        return values
    }
}
