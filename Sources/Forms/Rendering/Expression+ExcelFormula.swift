import SheetCore

extension Expression {
    /// The expression as an Excel formula over the cells of one row: `IF(C9=0,"",E9/C9*100)`. A division by a
    /// blank or zero cell gives `""`: the official forms leave such a rate blank.
    ///
    /// - Parameter cell: the A1 reference of a field on this row.
    public func excelFormula(cell: (String) -> String) -> String {
        let body = excelText(cell: cell)
        let guards = denominators.map { "\($0.excelText(cell: cell))=0" }
        guard !guards.isEmpty else { return body }
        let condition = guards.count == 1 ? guards[0] : "OR(\(guards.joined(separator: ",")))"
        return "IF(\(condition),\"\",\(body))"
    }

    private func excelText(cell: (String) -> String) -> String {
        switch self {
        case .number(let value):
            return value.description
        case .field(let name):
            return cell(name)
        case .negate(let inner):
            if case .binary = inner { return "-(\(inner.excelText(cell: cell)))" }
            return "-\(inner.excelText(cell: cell))"
        case .binary(let op, let left, let right):
            let leftText = left.excelText(cell: cell)
            let rightText = right.excelText(cell: cell)
            return (left.needsParentheses(under: op, onRight: false) ? "(\(leftText))" : leftText) + op.rawValue
                + (right.needsParentheses(under: op, onRight: true) ? "(\(rightText))" : rightText)
        case .sum(let terms):
            return "SUM(\(terms.map { $0.excelText(cell: cell) }.joined(separator: ",")))"
        }
    }

    /// `a-(b+c)` and `a/(b*c)` need them; `a+b*c` does not.
    private func needsParentheses(under outer: BinaryOperator, onRight: Bool) -> Bool {
        guard case .binary(let inner, _, _) = self else { return false }
        if inner.precedence < outer.precedence { return true }
        return onRight && inner.precedence == outer.precedence && (outer == .subtract || outer == .divide)
    }
}

extension Expression.BinaryOperator {
    fileprivate var precedence: Int { self == .add || self == .subtract ? 1 : 2 }
}
