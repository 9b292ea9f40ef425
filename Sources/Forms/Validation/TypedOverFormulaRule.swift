/// A total or derived cell holding a typed number where the same column's other total or derived cells on the
/// sheet hold formulas (`<form>/typed-over-formula`, a warning): the template computed it and someone typed over
/// it, so it no longer follows its parts. Derived cells are every cell of a column with a formula; total cells
/// are those of the rows the form's `totals` rule checks.
public struct TypedOverFormulaRule: FormRule {
    public let id: String
    let derivedColumns: [String]
    let summedColumns: [String]
    let hasTotals: Bool
    let labels: [String: LocalizedText]

    public init(form: FormDefinition) {
        self.id = RuleID.typedOverFormula(form.id)
        self.derivedColumns = form.columns.filter { $0.formula != nil }.map(\.key)
        self.summedColumns = form.columns.filter { $0.formula == nil && $0.aggregate == .sum && $0.isNumeric }.map(
            \.key)
        self.hasTotals = form.rules.contains {
            if case .totals = $0.kind { return true }
            return false
        }
        self.labels = FindingText.columnNames(form)
    }

    public func check(_ instance: FormInstance, into findings: inout [Finding]) {
        var cells: [(column: String, row: Int)] = []
        for key in derivedColumns {
            for index in instance.rows.indices { cells.append((key, index)) }
        }
        if hasTotals {
            for total in TotalRows(instance).totals {
                for key in summedColumns { cells.append((key, total.row)) }
            }
        }
        var formulaColumns: Set<String> = []
        for (key, index) in cells where instance.rows[index].values[key]?.provenance?.formula != nil {
            formulaColumns.insert(key)
        }
        guard !formulaColumns.isEmpty else { return }
        for (key, index) in cells where formulaColumns.contains(key) {
            let row = instance.rows[index]
            guard let cell = row.values[key], let provenance = cell.provenance, provenance.formula == nil,
                cell.value != .missing, let location = instance.location(of: key, on: row)
            else { continue }
            findings.append(
                Finding(
                    rule: id, severity: .warning, location: location, actual: cell.quoted,
                    message: FindingText.typedOverFormula(column: labels[key]!, actual: cell.quoted)))
        }
    }
}
