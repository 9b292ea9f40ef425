/// Columns computed from another form of the same unit and period (`formula_form`): report 5's rates are
/// report 4's counts over its households. Each row is checked against the row with the same code (and block) of
/// that form, with the tolerance of the displayed decimals, as ``DerivedColumnRule`` does within one form.
public struct CrossFormFormulaCheck: Sendable {
    public init() {}

    /// The findings of every cross-form column of `instances`, each against the other instances of its unit and
    /// period; a form whose source form is absent is not checked (links report missing forms).
    public func check(_ instances: [FormInstance]) -> [Finding] {
        // Built once: the sheets by form, unit and period, and each cross-form column's rule per pair of forms.
        var byKey: [String: Int] = [:]
        for (index, instance) in instances.enumerated() {
            let key = "\(instance.definition.id)\u{1}\(instance.unitCode ?? "")\u{1}\(instance.period ?? "")"
            if byKey[key] == nil { byKey[key] = index }
        }
        var rules: [String: DerivedColumnRule] = [:]
        var findings: [Finding] = []
        for instance in instances {
            var rowsBySource: [String: [String: Int]] = [:]
            for column in instance.definition.columns {
                guard let sourceID = column.formulaForm,
                    let sourceIndex = byKey["\(sourceID)\u{1}\(instance.unitCode ?? "")\u{1}\(instance.period ?? "")"]
                else { continue }
                let source = instances[sourceIndex]
                let ruleKey = "\(instance.definition.id)\u{1}\(column.key)\u{1}\(sourceID)"
                if rules[ruleKey] == nil {
                    rules[ruleKey] = DerivedColumnRule(
                        form: instance.definition, column: column, source: source.definition)
                }
                guard let rule = rules[ruleKey] else { continue }
                if rowsBySource[sourceID] == nil { rowsBySource[sourceID] = Self.rowsByCode(source) }
                let sourceRows = rowsBySource[sourceID]!
                let codes = Self.currentCodes(instance)
                var rowIndex: [Int: Int] = [:]
                for (index, row) in instance.rows.enumerated() { rowIndex[row.sheetRow] = index }
                rule.check(
                    instance,
                    inputsFrom: { row in
                        guard let index = rowIndex[row.sheetRow], let code = codes[index],
                            let match = sourceRows[code + "\u{1}" + (row.block ?? "")]
                        else { return nil }
                        return source.rows[match]
                    }, into: &findings)
            }
        }
        return findings
    }

    /// Each row's code, a block's later rows carrying the code of the row above them.
    static func currentCodes(_ instance: FormInstance) -> [String?] {
        var current: String?
        return instance.rows.map { row in
            if let own = row.code, !own.isEmpty { current = own }
            return current
        }
    }

    /// The first row of each code and block of `source`.
    static func rowsByCode(_ source: FormInstance) -> [String: Int] {
        var rows: [String: Int] = [:]
        for (index, code) in currentCodes(source).enumerated() {
            guard let code else { continue }
            let key = code + "\u{1}" + (source.rows[index].block ?? "")
            if rows[key] == nil { rows[key] = index }
        }
        return rows
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
