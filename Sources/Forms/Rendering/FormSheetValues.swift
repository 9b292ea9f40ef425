import SheetCore

/// The exact values of every numeric cell of a rendered form: entered values, totals (sums of their parts,
/// recursively) and derived values (their formula over the row), for the cached results beside the formulas.
struct FormSheetValues {
    private var cache: [String: DecimalNumber?] = [:]

    init(content: FormSheetContent, blockKeys: [String]) {
        var cache: [String: DecimalNumber?] = [:]
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
        for row in content.rows.indices {
            for block in blockKeys {
                for column in definition.columns where column.isNumeric && column.formula == nil {
                    _ = summed(column.key, row, block, depth: 0)
                }
                for column in definition.columns where column.formulaForm == nil {
                    guard let formula = column.formula else { continue }
                    let evaluation = formula.evaluate { field in cache["\(field)|\(row)|\(block)"] ?? nil ?? .zero }
                    if case .value(let value) = evaluation {
                        cache["\(column.key)|\(row)|\(block)"] = value
                    } else {
                        cache["\(column.key)|\(row)|\(block)"] = .some(nil)
                    }
                }
            }
        }
        self.cache = cache
    }

    /// The value of a cell; `nil` for a blank (or a rate over a zero denominator).
    func number(_ key: String, row: Int, block: String) -> DecimalNumber? {
        cache["\(key)|\(row)|\(block)"] ?? nil
    }
}
