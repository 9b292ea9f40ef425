import SheetCore

extension Expression {
    /// The value a spreadsheet computes for ``excelFormula(cell:)``: IEEE 754 doubles, operations in the order the
    /// formula writes them, `nil` where the formula's guard gives `""` (a denominator of 0).
    ///
    /// This is the cached value written beside the formula. The exact decimal evaluation
    /// (``evaluate(_:)``) keeps ``divisionPlaces`` decimals, so `100 / 300 * 100` would cache `33.33333333` where
    /// Excel and LibreOffice store `33.333333333333336`; a reader that does not recalculate would then see a value
    /// that no spreadsheet shows after recalculating.
    ///
    /// ```swift
    /// try Expression.parse("a / b * 100").spreadsheetValue { ["a": 100, "b": 300][$0] ?? 0 }   // 33.333333333333336
    /// ```
    ///
    /// - Parameter resolve: the value held by the cell of a field (a blank cell holds 0).
    func spreadsheetValue(_ resolve: (String) -> Double) -> Double? {
        for denominator in denominators where denominator.doubleValue(resolve) == 0 { return nil }
        let value = doubleValue(resolve)
        return value.isFinite ? value : nil
    }

    private func doubleValue(_ resolve: (String) -> Double) -> Double {
        switch self {
        case .number(let value):
            return value.doubleValue
        case .field(let name):
            return resolve(name)
        case .negate(let inner):
            return -inner.doubleValue(resolve)
        case .binary(let op, let left, let right):
            let a = left.doubleValue(resolve)
            let b = right.doubleValue(resolve)
            switch op {
            case .add: return a + b
            case .subtract: return a - b
            case .multiply: return a * b
            case .divide: return a / b
            }
        case .sum(let terms):
            return terms.reduce(0) { $0 + $1.doubleValue(resolve) }
        }
    }
}
