import SheetCore

/// No two records share a value of a field (`unique: household_code`); each repeat is reported at its own cell,
/// naming the first. Values are compared as written, trimmed; blanks are not compared.
public struct UniqueRule: FormRule {
    public let id: String
    let field: String
    let slot: ColumnSlot?
    let severity: Severity
    let message: LocalizedText?
    let label: LocalizedText

    /// - Returns: `nil` when the rule is not a `unique` rule.
    public init?(form: FormDefinition, rule: RuleDefinition) {
        guard case .unique(let field) = rule.kind else { return nil }
        self.id = RuleID.declared(form.id, rule.id)
        self.field = field
        self.slot = form.slot(field)
        self.severity = rule.severity
        self.message = rule.message
        self.label = FindingText.columnNames(form)[field] ?? LocalizedText(vi: field)
    }

    public func check(_ instance: FormInstance, into findings: inout [Finding]) {
        guard let slot else { return }
        // The first row of each value, by its number in `values`; its place is written out only for a repeat.
        // Values are NFC, so equal texts are equal bytes; there are no more of them than rows, so none is forgotten.
        var values = TextIndex(capacity: max(1, instance.rows.count))
        var first: [Int] = []
        first.reserveCapacity(instance.rows.count)
        instance.forEachCell(slot) { index, value in
            let key: String
            switch value {
            case .missing, .invalid: return
            case .number(let number): key = number.description
            case .text(let text): key = text  // read trimmed
            default: key = value.description.trimmingSpaces
            }
            guard !key.isEmpty else { return }
            let earlierRow: Int
            switch values.place(of: key) {
            case .added:
                first.append(index)
                return
            case .known(let number):
                earlierRow = first[number]
            }
            guard let location = instance.location(of: field, on: instance.rows[index]),
                let earlier = instance.location(of: field, on: instance.rows[earlierRow])
            else { return }
            findings.append(
                Finding(
                    rule: id, severity: severity, location: location, actual: .text(key),
                    message: FindingText.withDeclared(
                        message, FindingText.duplicate(field: label, value: key, first: earlier)),
                    related: [earlier]))
        }
    }
}
