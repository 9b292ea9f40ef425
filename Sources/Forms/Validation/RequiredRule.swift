/// Required values (`required: true`): a header field (the unit code, the period) missing from the heading is an
/// error on the sheet; a required column left blank in a record is an error at its cell.
public struct RequiredRule: FormRule {
    public let id: String
    let form: String
    let header: [HeaderField]
    let columns: [ColumnDefinition]
    let slots: [ColumnSlot]
    let labels: [String: LocalizedText]

    /// - Returns: `nil` when nothing in the form is required.
    public init?(form: FormDefinition) {
        header = form.header.filter(\.required)
        columns = form.kind == .records ? form.columns.filter(\.required) : []
        slots = columns.map { form.slot($0.key)! }
        guard !header.isEmpty || !columns.isEmpty else { return nil }
        self.id = "\(form.id)/required"
        self.form = form.id
        self.labels = FindingText.columnNames(form)
    }

    public func check(_ instance: FormInstance, into findings: inout [Finding]) {
        for field in header {
            let value = instance.header[field.key]
            switch value?.value {
            case nil, .missing?, .invalid?:
                let location =
                    value?.provenance.map {
                        FindingLocation(file: instance.document.path, sheet: $0.sheet, cell: $0.cell.a1)
                    } ?? instance.sheetLocation
                findings.append(
                    Finding(
                        rule: RuleID.required(form, field.key), severity: .error, location: location,
                        actual: value?.quoted,
                        message: FindingText.missingHeader(label: field.labels.first ?? field.key)))
            default:
                continue
            }
        }
        for (column, slot) in zip(columns, slots) {
            instance.forEachCell(slot) { index, value in
                guard case .missing = value else { return }
                guard let location = instance.location(of: column.key, on: instance.rows[index]) else { return }
                findings.append(
                    Finding(
                        rule: RuleID.required(form, column.key), severity: .error, location: location,
                        actual: .blank, message: FindingText.missingField(column: labels[column.key]!)))
            }
        }
    }
}
