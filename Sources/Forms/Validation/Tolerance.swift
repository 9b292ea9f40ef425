import SheetCore

/// How far a value written on a form may be from the one computed, from the decimals it displays
/// (`Mappings/README.md`, "Tolerances").
enum Tolerance {
    /// How a written value compares with the computed one.
    enum Agreement: Equatable {
        /// Equal as displayed.
        case agrees
        /// Within tolerance but not equal: a rounding difference (information).
        case rounding
        /// Beyond tolerance.
        case disagrees
    }

    /// A derived value displayed with `decimals` decimals: it agrees when, shown with those decimals, it is the
    /// exact value rounded (within half a unit of the last decimal, so either way of breaking a tie agrees); off
    /// by at most one unit (truncation instead of rounding) is a rounding difference; beyond that it disagrees.
    static func derived(written: DecimalNumber, exact: DecimalNumber, decimals: Int) -> Agreement {
        let shown = written.rounded(toPlaces: decimals)
        guard let difference = shown.subtracting(exact).map(magnitude) else { return .disagrees }
        if difference <= DecimalNumber(significand: 5, exponent: -(decimals + 1)) { return .agrees }
        if difference <= DecimalNumber(significand: 1, exponent: -decimals) { return .rounding }
        return .disagrees
    }

    /// A total of `parts` parts: counts must be exact; money and other decimals may differ from the sum of their
    /// parts by `parts × ½ × 10^-decimals` (each part rounded by half a unit), which is a rounding difference.
    static func total(written: DecimalNumber, sum: DecimalNumber, parts: Int, type: ValueType, decimals: Int)
        -> Agreement
    {
        if written == sum { return .agrees }
        guard type == .money || type == .decimal else { return .disagrees }
        guard let difference = written.subtracting(sum).map(magnitude) else { return .disagrees }
        return difference <= allowance(parts: parts, decimals: decimals) ? .rounding : .disagrees
    }

    /// `parts × ½ × 10^-decimals`.
    static func allowance(parts: Int, decimals: Int) -> DecimalNumber {
        DecimalNumber(significand: Int64(5 * max(parts, 1)), exponent: -(decimals + 1))
    }

    static func magnitude(_ value: DecimalNumber) -> DecimalNumber {
        value.isNegative ? (value.negated() ?? value) : value
    }
}
