// PLACEHOLDER API — implementation owned by the dates/number-formats helper.

/// A number format: its id, its code and what kind of value it shows.
public struct NumberFormat: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case general, number, percent, text
        case temporal(TemporalKind)
    }
    public var id: Int
    public var code: String
    public var kind: Kind
    public init(id: Int, code: String) {
        self.id = id; self.code = code; self.kind = .general
    }
    public static let general = NumberFormat(id: 0, code: "General")
    public static func builtin(id: Int) -> NumberFormat? { id == 0 ? .general : nil }
}
