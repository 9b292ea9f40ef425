/// The rows of a form that are totals of other rows, and those rows (`Mappings/README.md`, rule kind `totals`):
/// in a ``FormKind/units`` form each row `c` whose direct children `c.1`, `c.2`… are on the sheet (matched per
/// block row, `Hộ` with `Hộ`); in a ``FormKind/lines`` form each line with `sum_of`.
struct TotalRows {
    struct Total {
        /// Index in ``FormInstance/rows`` of the total.
        var row: Int
        /// Indices of its parts, in sheet order.
        var parts: [Int]
        /// The parts' codes as written (`1.1`, `1.2`, `1.3`), for messages.
        var partCodes: [String]
    }

    var totals: [Total] = []

    private init() {}

    init(_ instance: FormInstance) {
        switch instance.definition.kind {
        case .units: self.init(units: instance)
        case .lines: self.init(lines: instance)
        case .records: self.init()
        }
    }

    private init(units instance: FormInstance) {
        let codes = instance.effectiveCodes
        let blocks = instance.rows.map { $0.block ?? "" }
        // The parent of `1.2` is `1`; `1` and `.5` have none.
        let parents = codes.map { code -> String? in
            guard let code, let dot = code.lastIndex(of: "."), dot != code.startIndex else { return nil }
            return String(code[..<dot])
        }
        // A sheet has tens of rows: comparing codes pairwise costs less than hashing them into tables.
        for (index, code) in codes.enumerated() {
            guard let code else { continue }
            let block = blocks[index]
            // The first row of a code (and block) is the total; a repeat is reported elsewhere.
            guard !(0..<index).contains(where: { codes[$0] == code && blocks[$0] == block }) else { continue }
            let parts = codes.indices.filter { parents[$0] == code && blocks[$0] == block }
            guard !parts.isEmpty else { continue }
            totals.append(Total(row: index, parts: parts, partCodes: parts.map { codes[$0] ?? "" }))
        }
    }

    private init(lines instance: FormInstance) {
        var rowOfLine: [String: Int] = [:]
        for (index, row) in instance.rows.enumerated() {
            if let line = row.line, rowOfLine[line] == nil { rowOfLine[line] = index }
        }
        for line in instance.definition.lines where !line.sumOf.isEmpty {
            guard let total = rowOfLine[line.key] else { continue }
            let parts = line.sumOf.compactMap { rowOfLine[$0] }
            guard !parts.isEmpty else { continue }
            totals.append(
                Total(
                    row: total, parts: parts,
                    partCodes: parts.map { instance.rows[$0].code ?? instance.rows[$0].line ?? "" }))
        }
    }
}
