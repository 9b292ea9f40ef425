// Exact arithmetic on DecimalNumber: every result is the exact value or nil; nothing is rounded unless asked
// (rounded(toPlaces:)), nothing wraps.
extension DecimalNumber {
    /// `self + other`, exactly; `nil` when the exact sum does not fit 18–19 digits at the finer of the two scales.
    ///
    /// ```swift
    /// DecimalNumber("49.7")!.adding(DecimalNumber("0.35")!)   // 50.05
    /// ```
    public func adding(_ other: DecimalNumber) -> DecimalNumber? {
        guard let (left, right, power) = DecimalNumber.aligned(self, other) else { return nil }
        let (sum, overflow) = left.addingReportingOverflow(right)
        return overflow ? nil : DecimalNumber(checkedSignificand: sum, exponent: power)
    }

    /// `self − other`, exactly; `nil` when it does not fit.
    public func subtracting(_ other: DecimalNumber) -> DecimalNumber? {
        guard let (left, right, power) = DecimalNumber.aligned(self, other) else { return nil }
        let (difference, overflow) = left.subtractingReportingOverflow(right)
        return overflow ? nil : DecimalNumber(checkedSignificand: difference, exponent: power)
    }

    /// `self × factor`, exactly; `nil` when it does not fit.
    public func multiplied(by factor: Int) -> DecimalNumber? {
        let (product, overflow) = significand.multipliedReportingOverflow(by: Int64(factor))
        return overflow ? nil : DecimalNumber(checkedSignificand: product, exponent: exponent)
    }

    /// `self × other`, exactly; `nil` when it does not fit.
    public func multiplied(by other: DecimalNumber) -> DecimalNumber? {
        let (product, overflow) = significand.multipliedReportingOverflow(by: other.significand)
        if overflow {
            // Trailing zeros may make room.
            let left = normalized
            let right = other.normalized
            guard left.significand != significand || right.significand != other.significand else { return nil }
            return left.multiplied(by: right)
        }
        return DecimalNumber(checkedSignificand: product, exponent: product == 0 ? 0 : exponent + other.exponent)
    }

    /// `−self`; `nil` only for the significand `Int64.min`.
    public func negated() -> DecimalNumber? {
        guard significand != .min else { return nil }
        return DecimalNumber(significand: -significand, exponent: exponent)
    }

    /// The sum of `values`, exactly; `nil` when a partial sum does not fit. `0` for no values.
    public static func sum(_ values: some Sequence<DecimalNumber>) -> DecimalNumber? {
        var total = DecimalNumber.zero
        for value in values {
            guard let next = total.adding(value) else { return nil }
            total = next
        }
        return total
    }

    /// The value rounded to `places` digits after the decimal point, halves to the even neighbour (banker's
    /// rounding, IEEE 754 roundTiesToEven): `2.345 → 2.34`, `2.355 → 2.36`, `-0.5 → 0` at 0 places. A negative
    /// `places` rounds to tens, hundreds, …
    ///
    /// - Returns: a value with at most `places` fraction digits (exactly `places` when the value had more).
    public func rounded(toPlaces places: Int) -> DecimalNumber {
        let drop = -exponent - places
        guard drop > 0 else { return self }
        let target = -places
        guard abs(target) <= DecimalNumber.maxExponent else { return self }
        let magnitude = significand.magnitude
        var quotient: UInt64
        var roundUp: Bool
        if drop >= 20 {
            // 10^drop > 2 × UInt64.max ≥ 2 × magnitude: under half.
            quotient = 0
            roundUp = false
        } else if drop == 19 {
            let half: UInt64 = 5_000_000_000_000_000_000
            quotient = 0
            roundUp = magnitude > half
        } else {
            let divisor = DecimalNumber.powersOfTen[drop]
            quotient = magnitude / divisor
            let remainder = magnitude % divisor
            let half = divisor / 2
            roundUp = remainder > half || (remainder == half && quotient % 2 == 1)
        }
        if roundUp { quotient += 1 }
        let signed = Int64(quotient)  // quotient ≤ magnitude / 10 + 1, which fits
        return DecimalNumber(significand: significand < 0 ? -signed : signed, exponent: signed == 0 ? 0 : target)
    }

    /// The nearest `Double` (correctly rounded).
    public var doubleValue: Double {
        if significand == 0 { return 0 }
        // Exact fast path (Clinger 1990): both the significand and 10^|e| are exact doubles, one rounding.
        if significand.magnitude <= 1 << 53, abs(exponent) <= 22 {
            let digits = Double(significand)
            // 10^k is exact for k ≤ 22, and so is every product on the way.
            var power = 1.0
            for _ in 0..<abs(exponent) { power *= 10 }
            return exponent >= 0 ? digits * power : digits / power
        }
        return Double(description) ?? .nan
    }

    /// Brings two values to the smaller exponent: (left significand, right significand, exponent).
    static func aligned(_ lhs: DecimalNumber, _ rhs: DecimalNumber) -> (Int64, Int64, Int)? {
        if lhs.exponent == rhs.exponent { return (lhs.significand, rhs.significand, lhs.exponent) }
        if lhs.significand == 0 { return (0, rhs.significand, rhs.exponent) }
        if rhs.significand == 0 { return (lhs.significand, 0, lhs.exponent) }
        if lhs.exponent > rhs.exponent {
            guard let scaled = scale(lhs.significand, by: lhs.exponent - rhs.exponent) else {
                return aligned(lhs.normalized, rhs.normalized, retry: (lhs, rhs))
            }
            return (scaled, rhs.significand, rhs.exponent)
        }
        guard let scaled = scale(rhs.significand, by: rhs.exponent - lhs.exponent) else {
            return aligned(lhs.normalized, rhs.normalized, retry: (lhs, rhs))
        }
        return (lhs.significand, scaled, lhs.exponent)
    }

    /// Retries alignment once on normalised values (`1.000 + 10^20` aligns at a coarser scale).
    private static func aligned(
        _ lhs: DecimalNumber, _ rhs: DecimalNumber, retry original: (DecimalNumber, DecimalNumber)
    )
        -> (Int64, Int64, Int)?
    {
        guard lhs.exponent != original.0.exponent || rhs.exponent != original.1.exponent else { return nil }
        return aligned(lhs, rhs)
    }
}
