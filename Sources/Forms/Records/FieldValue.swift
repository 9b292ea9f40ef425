import SheetCore

/// A typed value of a form field.
public enum FieldValue: Hashable, Sendable, CustomStringConvertible {
    /// A blank cell or a missing-value sentinel (`-`, `x`).
    case missing
    /// A number, exact.
    case number(DecimalNumber)
    /// Text or a code, NFC.
    case text(String)
    /// A 0/1 flag.
    case boolean(Bool)
    /// A date or date-time.
    case date(ExcelDateTime)
    /// A cell whose content is not of the column's type; the raw text is in the provenance.
    case invalid

    /// The number, if this is one.
    public var number: DecimalNumber? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The text, if this is text.
    public var text: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    /// Whether the cell held no value.
    public var isMissing: Bool { self == .missing }

    public var description: String {
        switch self {
        case .missing: ""
        case .number(let value): value.description
        case .text(let value): value
        case .boolean(let value): value ? "1" : "0"
        case .date(let value): value.iso8601
        case .invalid: "?"
        }
    }
}

/// A field's value with where it came from.
public struct ExtractedValue: Hashable, Sendable {
    public var value: FieldValue
    /// `nil` for a value that no cell held (a column absent from the sheet).
    public var provenance: Provenance?

    public init(value: FieldValue, provenance: Provenance?) {
        self.value = value
        self.provenance = provenance
    }
}
