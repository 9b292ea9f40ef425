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
        // A column read without both formulas and typed values has nothing to find.
        func mayHold(_ slot: ColumnSlot) -> Bool {
            instance.traits(slot).map { $0.isSuperset(of: [.formulas, .typed]) } ?? true
        }
        func look(_ slot: ColumnSlot, rows: some Collection<Int>) {
            guard rows.contains(where: { instance.hasFormula(slot, row: $0) }) else { return }
            for index in rows {
                guard instance.isFromCell(slot, row: index), !instance.hasFormula(slot, row: index),
                    let value = instance.field(slot, row: index), value != .missing,
                    let location = instance.location(of: slot.key, on: instance.rows[index])
                else { continue }
                let quoted = instance.rows[index].values[slot]!.quoted
                findings.append(
                    Finding(
                        rule: id, severity: .warning, location: location, actual: quoted,
                        message: FindingText.typedOverFormula(column: labels[slot.key]!, actual: quoted)))
            }
        }
        for slot in derivedColumns where mayHold(slot) { look(slot, rows: instance.rows.indices) }
        let summed = summedColumns.filter(mayHold)
        guard hasTotals, !summed.isEmpty else { return }
        let totals = TotalRows(instance).totals.map(\.row)
        for slot in summed { look(slot, rows: totals) }
    }
}
