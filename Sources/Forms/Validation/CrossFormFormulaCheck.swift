/// Columns computed from another form of the same unit and period (`formula_form`): report 5's rates are
/// report 4's counts over its households. Each row is checked against the row with the same code (and block) of
/// that form, with the tolerance of the displayed decimals, as ``DerivedColumnRule`` does within one form.
public struct CrossFormFormulaCheck: Sendable {
    public init() {}

    /// The findings of every cross-form column of `instances`, each against the other instances of its unit and
    /// period; a form whose source form is absent is not checked (links report missing forms).
    public func check(_ instances: [FormInstance]) -> [Finding] {
        var findings: [Finding] = []
        for instance in instances {
            for column in instance.definition.columns {
                guard let sourceID = column.formulaForm,
                    let source = instances.first(where: {
                        $0.definition.id == sourceID && $0.unitCode == instance.unitCode && $0.period == instance.period
                    }),
                    let rule = DerivedColumnRule(
                        form: instance.definition, column: column, source: source.definition)
                else { continue }
                rule.check(
                    instance, inputsFrom: { row in Self.matchingRow(row, of: instance, in: source) }, into: &findings)
            }
        }
        return findings
    }

    /// The row of `source` with the same unit code and block as `row` of `instance` (a block's later rows carry
    /// the code of the row above them).
    static func matchingRow(_ row: FormRow, of instance: FormInstance, in source: FormInstance) -> FormRow? {
        guard let code = currentCode(of: row, in: instance) else { return nil }
        var current: String?
        for candidate in source.rows {
            if let own = candidate.code, !own.isEmpty { current = own }
            if current == code, candidate.block == row.block { return candidate }
        }
        return nil
    }

    private static func currentCode(of row: FormRow, in instance: FormInstance) -> String? {
        var current: String?
        for candidate in instance.rows {
            if let own = candidate.code, !own.isEmpty { current = own }
            if candidate.sheetRow == row.sheetRow { return current }
        }
        return nil
    }
}
