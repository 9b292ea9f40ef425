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
        // (parent code, block) → child row indices
        var children: [String: [Int]] = [:]
        var positions: [String: [Int]] = [:]
        for (index, code) in codes.enumerated() {
            guard let code else { continue }
            let block = instance.rows[index].block ?? ""
            positions[code + "\u{1}" + block, default: []].append(index)
            guard let dot = code.lastIndex(of: "."), dot != code.startIndex else { continue }
            let parent = String(code[..<dot])
            children[parent + "\u{1}" + block, default: []].append(index)
        }
        for (index, code) in codes.enumerated() {
            guard let code else { continue }
            let key = code + "\u{1}" + (instance.rows[index].block ?? "")
            guard let parts = children[key], !parts.isEmpty, positions[key]?.first == index else { continue }
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
