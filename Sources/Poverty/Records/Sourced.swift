import Forms
import SheetCore

/// A typed value with where it came from: file (and its SHA-256), sheet, cell and the text as written.
public struct Sourced<Value: Hashable & Sendable>: Hashable, Sendable {
    public var value: Value
    /// `nil` for a value no cell held.
    public var provenance: Provenance?

    public init(_ value: Value, provenance: Provenance?) {
        self.value = value
        self.provenance = provenance
    }
}

extension FormRow {
    /// The number in `key`, with its cell.
    func sourcedNumber(_ key: String) -> Sourced<DecimalNumber>? {
        guard let cell = values[key], let number = cell.value.number else { return nil }
        return Sourced(number, provenance: cell.provenance)
    }

    /// The text in `key` (trimmed, empty as nil), with its cell.
    func sourcedText(_ key: String) -> Sourced<String>? {
        guard let cell = values[key] else { return nil }
        let text: String
        switch cell.value {
        case .text(let value): text = value
        case .number(let value): text = value.description
        default: return nil
        }
        let trimmed = text.trimmingSpaces
        return trimmed.isEmpty ? nil : Sourced(trimmed, provenance: cell.provenance)
    }
}
