import SheetCore

/// The exact values of every numeric cell of a rendered form: entered values, totals (sums of their parts,
/// recursively) and derived values (their formula over the row), for the cached results beside the formulas.
/// Derived cells also keep the double a spreadsheet computes for their formula, which is what gets cached.
struct FormSheetValues {
    private var cache: [String: DecimalNumber?] = [:]
    /// Derived cells: the value of their formula in spreadsheet arithmetic; `nil` for `""`.
    private var computed: [String: Double?] = [:]

    init(content: FormSheetContent, blockKeys: [String]) {
        var cache: [String: DecimalNumber?] = [:]
        var computed: [String: Double?] = [:]
        let definition = content.definition
        func entered(_ key: String, _ row: Int, _ block: String) -> DecimalNumber? {
            content.rows[row].values[key]?[block]?.number
        }
        // Totals first (a total may total other totals), then the derived values of every row.
        func summed(_ key: String, _ row: Int, _ block: String, depth: Int) -> DecimalNumber? {
            let slot = "\(key)|\(row)|\(block)"
            if let known = cache[slot] { return known }
            let contentRow = content.rows[row]
            let value: DecimalNumber?
            if contentRow.isTotal, depth < 32 {
                value = DecimalNumber.sum(
                    contentRow.totalOf.map { summed(key, $0, block, depth: depth + 1) ?? .zero })
            } else {
                value = entered(key, row, block)
            }
            cache[slot] = value
            return value
        }
        // A derived column may read another derived column, written before or after it (`plan_total =
        // plan_nstw + plan_nsdp`, both formulas): evaluate what it reads first.
        let derived = Dictionary(
            definition.columns.filter { $0.formulaForm == nil && $0.formula != nil }.map { ($0.key, $0) },
            uniquingKeysWith: { first, _ in first })
        func evaluate(_ key: String, _ row: Int, _ block: String, depth: Int) {
            let slot = "\(key)|\(row)|\(block)"
            guard computed[slot] == nil, let formula = derived[key]?.formula else { return }
            computed[slot] = .some(nil)  // a cycle reads a blank
            for field in formula.fields where derived[field] != nil && depth < 32 {
                evaluate(field, row, block, depth: depth + 1)
            }
            let evaluation = formula.evaluate { field in cache["\(field)|\(row)|\(block)"] ?? nil ?? .zero }
            if case .value(let value) = evaluation {
                cache[slot] = value
            } else {
                cache[slot] = .some(nil)
            }
            computed[slot] = formula.spreadsheetValue { field in
                let slot = "\(field)|\(row)|\(block)"
                if let value = computed[slot] { return value ?? 0 }
                return (cache[slot] ?? nil)?.doubleValue ?? 0
            }
        }
        for row in content.rows.indices {
            for block in blockKeys {
                for column in definition.columns where column.isNumeric && column.formula == nil {
                    _ = summed(column.key, row, block, depth: 0)
                }
                for column in definition.columns where derived[column.key] != nil {
                    evaluate(column.key, row, block, depth: 0)
                }
            }
        }
        self.cache = cache
        self.computed = computed
    }

    /// The number a cell holds as a spreadsheet stores it: a derived cell's formula result in double arithmetic,
    /// any other cell's exact value rounded once to a double; `nil` for a blank.
    func cellValue(_ key: String, row: Int, block: String) -> Double? {
        let slot = "\(key)|\(row)|\(block)"
        if let derived = computed[slot] { return derived }
        return (cache[slot] ?? nil)?.doubleValue
    }

    /// The value of a cell; `nil` for a blank (or a rate over a zero denominator).
    func number(_ key: String, row: Int, block: String) -> DecimalNumber? {
        cache["\(key)|\(row)|\(block)"] ?? nil
    }
}
