import SheetCore

/// A derived column (`poor_rate = poor / households * 100`) recomputed on every row and compared with what the
/// sheet shows, with the tolerance of its displayed decimals (`Mappings/README.md`, "Tolerances").
///
/// - A value equal once rounded agrees; off by at most one unit of the last decimal is information (`rounding`);
///   beyond that an error. A count (an integer column, `9 = 1 − 2 − 3 − 4 + 5 + 6 + 7 + 8`) must be exact.
/// - A division by zero (a unit with no households) must leave the cell blank: a `0` there is a warning (the
///   form looks complete but states a rate that does not exist), any other value an error.
/// - A blank cell where the value is not 0 is an error; a blank where it is 0 is accepted (many forms leave
///   zero rates blank). Blank inputs count as 0 unless all of them are blank.
public struct DerivedColumnRule: FormRule {
    public let id: String
    let form: String
    let column: ColumnDefinition
    let formula: RowFormula
    let slot: ColumnSlot
    let labels: [String: LocalizedText]
    /// The formula as messages write it (`(3) / (1) × 100`), made once.
    let formulaText: LocalizedText

    /// - Parameters:
    ///   - source: the form whose fields the formula reads when it is another form (``ColumnDefinition/formulaForm``).
    /// - Returns: `nil` when the column has no formula.
    public init?(form: FormDefinition, column: ColumnDefinition, source: FormDefinition? = nil) {
        guard let formula = column.formula else { return nil }
        self.id = RuleID.formula(form.id, column.key)
        self.form = form.id
        self.column = column
        self.formula = RowFormula(formula, reading: source ?? form)
        self.slot = form.slot(column.key)!
        let labels = FindingText.columnNames(form).merging(source.map(FindingText.columnNames) ?? [:]) { own, _ in
            own
        }
        self.labels = labels
        self.formulaText = FindingText.expression(formula, names: labels)
    }

    /// Checks the rows of `instance`; a column computed from another form is checked by ``CrossFormFormulaCheck``.
    public func check(_ instance: FormInstance, into findings: inout [Finding]) {
        guard column.formulaForm == nil else { return }
        check(instance, inputsFrom: nil, into: &findings)
    }

    /// Checks the rows of `instance`, the formula reading its fields from the row `inputsFrom` gives (the row
    /// itself when `nil`, or the same unit's row of another form); rows without one are skipped.
    func check(
        _ instance: FormInstance, inputsFrom source: ((FormRow) -> FormRow?)?, into findings: inout [Finding]
    ) {
        for index in instance.rows.indices {
            guard instance.isFromCell(slot, row: index), let written = instance.field(slot, row: index) else {
                continue
            }
            let evaluation: Evaluation
            if let source {
                guard let inputRow = source(instance.rows[index]) else { continue }
                let inputs = formula.inputs(inputRow)
                if inputs.allSatisfy({ $0 == nil }) { continue }
                evaluation = formula.evaluate(inputs)
            } else {
                guard formula.hasInput(instance, row: index) else { continue }
                evaluation = formula.evaluate(instance, row: index)
            }
            // The cell's place, made only for a finding (A1 text costs more than the check).
            var location: FindingLocation { instance.location(of: column.key, on: instance.rows[index])! }
            var cell: ExtractedValue { instance.rows[index].values[slot]! }
            switch (evaluation, written) {
            case (.divisionByZero, .missing):
                continue
            case (.divisionByZero, .number(let written)) where written.isZero:
                findings.append(
                    Finding(
                        rule: id, severity: .warning, location: location, expected: .blank, actual: cell.quoted,
                        message: FindingText.zeroWhereBlank(column: labels[column.key]!, formula: formulaText)))
            case (.divisionByZero, _):
                findings.append(
                    Finding(
                        rule: id, severity: .error, location: location, expected: .blank, actual: cell.quoted,
                        message: FindingText.valueWhereBlank(
                            column: labels[column.key]!, formula: formulaText, actual: cell.quoted)))
            case (.value(let exact), .missing):
                guard !exact.isZero else { continue }
                let expected = exact.rounded(toPlaces: column.decimals)
                findings.append(
                    Finding(
                        rule: id, severity: .error, location: location, expected: .number(expected), actual: .blank,
                        message: FindingText.derivedBlank(
                            column: labels[column.key]!, formula: formulaText, expected: expected)))
            case (.value(let exact), .number(let written)):
                let expected = exact.rounded(toPlaces: column.decimals)
                let agreement =
                    column.type == .integer
                    ? (written == exact ? .agrees : .disagrees)
                    : Tolerance.derived(written: written, exact: exact, decimals: column.decimals)
                switch agreement {
                case .agrees:
                    continue
                case .rounding:
                    findings.append(
                        Finding(
                            rule: id, severity: .info, location: location, expected: .number(expected),
                            actual: .number(written),
                            message: FindingText.derivedRounding(
                                column: labels[column.key]!, formula: formulaText, expected: expected,
                                actual: written, decimals: column.decimals)))
                case .disagrees:
                    findings.append(
                        Finding(
                            rule: id, severity: .error, location: location, expected: .number(expected),
                            actual: .number(written),
                            message: FindingText.derivedMismatch(
                                column: labels[column.key]!, formula: formulaText, expected: expected,
                                actual: written, decimals: column.decimals)))
                }
            case (.value(let exact), _):
                let expected = exact.rounded(toPlaces: column.decimals)
                findings.append(
                    Finding(
                        rule: id, severity: .error, location: location, expected: .number(expected),
                        actual: cell.quoted,
                        message: FindingText.derivedNotANumber(
                            column: labels[column.key]!, formula: formulaText, expected: expected,
                            actual: cell.quoted)))
            case (.missing, _), (.overflow, _):
                continue
            }
        }
    }
}
