import SheetCore

/// Arithmetic over the fields of one row, as written in mapping files: `poor / households * 100`,
/// `start - out_near_poor - out_above - out_other + in_from_near_poor + in_relapsed + in_new + in_other`,
/// `sum(d1, d2, d3)`. Fields are column keys; numbers use `.` as decimal point.
///
/// ```swift
/// let rate = try Expression.parse("poor / households * 100")
/// rate.fields                       // ["poor", "households"]
/// ```
public indirect enum Expression: Hashable, Sendable, CustomStringConvertible {
    /// A constant.
    case number(DecimalNumber)
    /// The value of a field of the same row.
    case field(String)
    /// `-x`.
    case negate(Expression)
    /// `x + y`, `x - y`, `x * y`, `x / y`.
    case binary(BinaryOperator, Expression, Expression)
    /// `sum(x, y, …)`.
    case sum([Expression])

    /// The four operations.
    public enum BinaryOperator: String, Hashable, Sendable {
        case add = "+"
        case subtract = "-"
        case multiply = "*"
        case divide = "/"
    }

    /// The fields read, in order of first use.
    public var fields: [String] {
        var seen: [String] = []
        func walk(_ expression: Expression) {
            switch expression {
            case .number: break
            case .field(let name): if !seen.contains(name) { seen.append(name) }
            case .negate(let inner): walk(inner)
            case .binary(_, let left, let right):
                walk(left)
                walk(right)
            case .sum(let terms): terms.forEach(walk)
            }
        }
        walk(self)
        return seen
    }

    /// The denominators of the divisions in the expression (a rate is blank when one is 0).
    public var denominators: [Expression] {
        switch self {
        case .number, .field: []
        case .negate(let inner): inner.denominators
        case .binary(let op, let left, let right):
            left.denominators + right.denominators + (op == .divide ? [right] : [])
        case .sum(let terms): terms.flatMap(\.denominators)
        }
    }

    public var description: String {
        switch self {
        case .number(let value): value.description
        case .field(let name): name
        case .negate(let inner): "-\(inner.parenthesised)"
        case .binary(let op, let left, let right): "\(left.parenthesised) \(op.rawValue) \(right.parenthesised)"
        case .sum(let terms): "sum(\(terms.map(\.description).joined(separator: ", ")))"
        }
    }

    private var parenthesised: String {
        if case .binary = self { return "(\(description))" }
        return description
    }
}

/// `left op right`, the shape of a check rule (`dtts_poor <= poor`).
public struct Comparison: Hashable, Sendable, CustomStringConvertible {
    public var left: Expression
    public var relation: Relation
    public var right: Expression

    public init(left: Expression, relation: Relation, right: Expression) {
        self.left = left
        self.relation = relation
        self.right = right
    }

    /// The relations a check can state.
    public enum Relation: String, Hashable, Sendable, CaseIterable {
        case equal = "="
        case lessOrEqual = "<="
        case less = "<"
        case greaterOrEqual = ">="
        case greater = ">"

        /// Whether `left relation right` holds.
        public func holds(_ left: DecimalNumber, _ right: DecimalNumber) -> Bool {
            switch self {
            case .equal: left == right
            case .lessOrEqual: left <= right
            case .less: left < right
            case .greaterOrEqual: left >= right
            case .greater: left > right
            }
        }
    }

    public var description: String { "\(left) \(relation.rawValue) \(right)" }
}
