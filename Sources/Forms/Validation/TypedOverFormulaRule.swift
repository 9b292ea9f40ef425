/// A total or derived cell holding a typed number where the same column's other total or derived cells on the
/// sheet hold formulas (`<form>/typed-over-formula`, a warning): the template computed it and someone typed over
/// it, so it no longer follows its parts. Derived cells are every cell of a column with a formula; total cells
/// are those of the rows the form's `totals` rule checks.
public struct TypedOverFormulaRule: FormRule {
    public let id: String
    let derivedColumns: [ColumnSlot]
    let summedColumns: [ColumnSlot]
    let hasTotals: Bool
    let labels: [String: LocalizedText]

    public init(form: FormDefinition) {
        self.id = RuleID.typedOverFormula(form.id)
        self.derivedColumns = form.columns.filter { $0.formula != nil }.map { form.slot($0.key)! }
        self.summedColumns = form.columns.filter { $0.formula == nil && $0.aggregate == .sum && $0.isNumeric }.map {
            form.slot($0.key)!
        }
        self.hasTotals = form.rules.contains {
            if case .totals = $0.kind { return true }
            return false
        }
        self.labels = FindingText.columnNames(form)
    }

    public func check(_ instance: FormInstance, into findings: inout [Finding]) {
        var cells: [(column: ColumnSlot, row: Int)] = []
        for slot in derivedColumns {
            for index in instance.rows.indices { cells.append((slot, index)) }
        }
        if hasTotals {
            for total in TotalRows(instance).totals {
                for slot in summedColumns { cells.append((slot, total.row)) }
            }
        }
        var formulaColumns: Set<String> = []
        for (slot, index) in cells where instance.rows[index].values.formula(slot) != nil {
            formulaColumns.insert(slot.key)
        }
        guard !formulaColumns.isEmpty else { return }
        for (slot, index) in cells where formulaColumns.contains(slot.key) {
            guard instance.rows[index].values.isFromCell(slot), instance.rows[index].values.formula(slot) == nil,
                let cell = instance.rows[index].values[slot], cell.value != .missing,
                let location = instance.location(of: slot.key, on: instance.rows[index])
            else { continue }
            findings.append(
                Finding(
                    rule: id, severity: .warning, location: location, actual: cell.quoted,
                    message: FindingText.typedOverFormula(column: labels[slot.key]!, actual: cell.quoted)))
        }
    }
}
