import SheetCore

/// The value of an expression on one row.
public enum Evaluation: Hashable, Sendable {
    /// The exact value (divisions to ``Expression/divisionPlaces`` decimals).
    case value(DecimalNumber)
    /// A division by zero: the derived cell should be blank (DESIGN §4, reports 5 and 7).
    case divisionByZero
    /// A field had no value and `resolve` said so by returning `nil`.
    case missing(field: String)
    /// An intermediate result did not fit an exact decimal.
    case overflow
}

extension Expression {
    /// Decimals kept by a division, far beyond any displayed precision.
    public static let divisionPlaces = 10

    /// Evaluates the expression exactly.
    ///
    /// - Parameter resolve: the value of a field, or `nil` when it has none (the caller decides whether a blank
    ///   counts as 0).
    public func evaluate(_ resolve: (String) -> DecimalNumber?) -> Evaluation {
        switch self {
        case .number(let value):
            return .value(value)
        case .field(let name):
            guard let value = resolve(name) else { return .missing(field: name) }
            return .value(value)
        case .negate(let inner):
            guard case .value(let value) = inner.evaluate(resolve) else { return inner.evaluate(resolve) }
            return value.negated().map(Evaluation.value) ?? .overflow
        case .sum(let terms):
            var total = DecimalNumber.zero
            for term in terms {
                let evaluation = term.evaluate(resolve)
                guard case .value(let value) = evaluation else { return evaluation }
                guard let next = total.adding(value) else { return .overflow }
                total = next
            }
            return .value(total)
        case .binary(let op, let leftExpression, let rightExpression):
            let leftEvaluation = leftExpression.evaluate(resolve)
            guard case .value(let left) = leftEvaluation else { return leftEvaluation }
            let rightEvaluation = rightExpression.evaluate(resolve)
            guard case .value(let right) = rightEvaluation else { return rightEvaluation }
            return Expression.apply(op, left, right)
        }
    }

    /// `left op right`, exactly; a division by zero or an overflow said so.
    static func apply(_ op: BinaryOperator, _ left: DecimalNumber, _ right: DecimalNumber) -> Evaluation {
        let result: DecimalNumber?
        switch op {
        case .add: result = left.adding(right)
        case .subtract: result = left.subtracting(right)
        case .multiply: result = left.multiplied(by: right)
        case .divide:
            guard !right.isZero else { return .divisionByZero }
            result = left.divided(by: right, places: Expression.divisionPlaces)
        }
        return result.map(Evaluation.value) ?? .overflow
    }
}

extension DecimalNumber {
    /// `self ÷ divisor` rounded half-to-even at `places` decimals; `nil` for a zero divisor or when it does not
    /// fit.
    ///
    /// ```swift
    /// DecimalNumber(300).divided(by: DecimalNumber(3783), places: 4)   // 0.0793
    /// ```
    public func divided(by divisor: DecimalNumber, places: Int) -> DecimalNumber? {
        guard !divisor.isZero else { return nil }
        // self / divisor = (s1 / s2) × 10^(e1 − e2); scale s1 so the quotient has `places` decimals (+1 to round).
        let shift = places + 1 + exponent - divisor.exponent
        guard shift >= -38, shift <= 36 else { return nil }
        var numerator = Int128(significand)
        var denominator = Int128(divisor.significand)
        if shift >= 0 {
            for _ in 0..<shift {
                let (next, overflow) = numerator.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                numerator = next
            }
        } else {
            for _ in 0..<(-shift) {
                let (next, overflow) = denominator.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                denominator = next
            }
        }
        let quotient = numerator / denominator
        let remainderIsZero = numerator % denominator == 0
        guard let significand = Int64(exactly: quotient) else { return nil }
        let extended = DecimalNumber(significand: significand, exponent: -(places + 1))
        // A nonzero remainder beyond the extra digit breaks ties away from the even neighbour.
        if !remainderIsZero, significand % 10 == 0 || abs(significand % 10) == 5 {
            let nudged = significand + (significand < 0 ? -1 : 1)
            return DecimalNumber(significand: nudged, exponent: -(places + 1)).rounded(toPlaces: places)
        }
        return extended.rounded(toPlaces: places)
    }
}
