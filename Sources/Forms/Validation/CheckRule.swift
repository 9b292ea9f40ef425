import SheetCore

/// A comparison declared in the mapping file (`check: dtts_poor <= poor`), checked on every row or record that
/// has a value in one of its fields; a blank field counts as 0.
public struct CheckRule: FormRule {
    public let id: String
    let comparison: Comparison
    let left: RowFormula
    let right: RowFormula
    let severity: Severity
    let message: LocalizedText?
    let fields: [String]
    let labels: [String: LocalizedText]

    /// - Returns: `nil` when the rule is not a check.
    public init?(form: FormDefinition, rule: RuleDefinition) {
        guard case .check(let comparison) = rule.kind else { return nil }
        self.id = RuleID.declared(form.id, rule.id)
        self.comparison = comparison
        left = RowFormula(comparison.left, reading: form)
        right = RowFormula(comparison.right, reading: form)
        self.severity = rule.severity
        self.message = rule.message
        self.fields = comparison.left.fields + comparison.right.fields.filter { !comparison.left.fields.contains($0) }
        self.labels = FindingText.columnNames(form)
    }

    public func check(_ instance: FormInstance, into findings: inout [Finding]) {
        for index in instance.rows.indices {
            guard self.left.hasInput(instance, row: index) || self.right.hasInput(instance, row: index),
                case .value(let left) = self.left.evaluate(instance, row: index),
                case .value(let right) = self.right.evaluate(instance, row: index)
            else { continue }
            if comparison.relation.holds(left, right) { continue }
            let row = instance.rows[index]
            let cells = fields.compactMap { instance.location(of: $0, on: row) }
            guard let location = cells.first else { continue }
            findings.append(
                Finding(
                    rule: id, severity: severity, location: location, expected: .number(right), actual: .number(left),
                    message: FindingText.withDeclared(
                        message,
                        FindingText.checkFailed(
                            left: FindingText.expression(comparison.left, names: labels),
                            relation: comparison.relation,
                            right: FindingText.expression(comparison.right, names: labels), leftValue: left,
                            rightValue: right, row: row.code ?? row.line)),
                    related: Array(cells.dropFirst())))
        }
    }
}
