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
        // The cells looked at: every row of a derived column, the total rows of a summed column.
        var cells: [(column: ColumnSlot, rows: [Int])] = derivedColumns.map { ($0, Array(instance.rows.indices)) }
        if hasTotals {
            let totals = TotalRows(instance).totals.map(\.row)
            cells += summedColumns.map { ($0, totals) }
        }
        for (slot, rows) in cells where rows.contains(where: { instance.rows[$0].values.hasFormula(slot) }) {
            for index in rows {
                let values = instance.rows[index].values
                guard values.isFromCell(slot), !values.hasFormula(slot), let cell = values[slot],
                    cell.value != .missing, let location = instance.location(of: slot.key, on: instance.rows[index])
                else { continue }
                findings.append(
                    Finding(
                        rule: id, severity: .warning, location: location, actual: cell.quoted,
                        message: FindingText.typedOverFormula(column: labels[slot.key]!, actual: cell.quoted)))
            }
        }
    }
}
