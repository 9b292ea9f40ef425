// Checks that need the whole form: every name a formula, rule, table or line uses exists, and nothing is defined
// twice. A mapping that fails one is refused with its file and line, never half-used.

extension FormDefinition {
    func checkConsistency(_ fields: YAMLFields, customRules: Set<String>?) throws(MappingError) {
        let object = fields.object
        func fail(_ code: MappingError.Code, _ key: String, vi: String, en: String) -> MappingError {
            object.error(code, vi: vi, en: en, at: fields.node(key))
        }
        let keys = columns.map(\.key)
        if let twice = keys.firstDuplicate {
            throw fail(
                .duplicate, "columns", vi: "cột \(twice) khai báo hai lần", en: "column \(twice) is declared twice")
        }
        if let twice = columns.compactMap(\.number).firstDuplicate {
            throw fail(
                .duplicate, "columns", vi: "hai cột cùng số cột \(twice)",
                en: "two columns have the column number \(twice)")
        }
        if let twice = header.map(\.key).firstDuplicate {
            throw fail(
                .duplicate, "header", vi: "trường \(twice) khai báo hai lần", en: "field \(twice) is declared twice")
        }
        let numeric = Set(columns.filter(\.isNumeric).map(\.key))
        for column in columns {
            if column.formulaForm != nil, column.formula == nil {
                throw fail(
                    .missingKey, "columns", vi: "cột \(column.key) có formula_form nhưng không có formula",
                    en: "column \(column.key) has formula_form but no formula")
            }
            // A formula over another form's fields is checked once every form is loaded (MappingLoader).
            for field in column.formulaForm == nil ? column.formula?.fields ?? [] : [] where !numeric.contains(field) {
                throw fail(
                    .unknownReference, "columns",
                    vi: "công thức của cột \(column.key) dùng \(field), không phải một cột số của biểu",
                    en: "the formula of column \(column.key) uses \(field), which is not a numeric column of the form")
            }
            if column.formula != nil, !column.isNumeric {
                throw fail(
                    .invalidValue, "columns", vi: "cột \(column.key) có công thức nhưng không phải cột số",
                    en: "column \(column.key) has a formula but is not numeric")
            }
        }
        try checkTable(fail: fail, keys: Set(keys))
        try checkLines(fail: fail)
        for rule in rules {
            try checkRule(rule, fail: fail, numeric: numeric, keys: Set(keys), customRules: customRules)
        }
        if let twice = rules.map(\.id).firstDuplicate {
            throw fail(.duplicate, "rules", vi: "hai quy tắc cùng id \(twice)", en: "two rules have the id \(twice)")
        }
    }

    private func checkTable(
        fail: (MappingError.Code, String, String, String) -> MappingError, keys: Set<String>
    ) throws(MappingError) {
        for (name, key) in [("code_column", table.codeColumn), ("block_column", table.blockColumn)] {
            if let key, !keys.contains(key) {
                throw fail(
                    .unknownReference, "table", "table.\(name) là \(key), không phải một cột của biểu",
                    "table.\(name) is \(key), which is not a column of the form")
            }
        }
        switch kind {
        case .units, .lines:
            guard table.codeColumn != nil else {
                throw fail(
                    .missingKey, "table", "biểu loại \(kind.rawValue) cần table.code_column (cột mã dòng)",
                    "a form of kind \(kind.rawValue) needs table.code_column (the row-code column)")
            }
        case .records:
            guard !table.headerLabels.isEmpty else {
                throw fail(
                    .missingKey, "table", "biểu danh sách cần table.header_labels để tìm hàng tiêu đề",
                    "a records form needs table.header_labels to find its header row")
            }
        }
        if !table.block.isEmpty, table.blockColumn == nil {
            throw fail(
                .missingKey, "table", "table.block cần table.block_column (cột ghi Hộ / Nhân khẩu)",
                "table.block needs table.block_column (the column holding the block labels)")
        }
        if let twice = table.block.map(\.key).firstDuplicate ?? table.block.map(\.label).firstDuplicate {
            throw fail(.duplicate, "table", "table.block lặp lại \(twice)", "table.block repeats \(twice)")
        }
    }

    private func checkLines(fail: (MappingError.Code, String, String, String) -> MappingError) throws(MappingError) {
        guard kind == .lines else {
            if !lines.isEmpty {
                throw fail(
                    .invalidValue, "lines", "chỉ biểu loại lines mới có lines", "only forms of kind lines have lines")
            }
            return
        }
        guard !lines.isEmpty else {
            throw fail(.missingKey, "lines", "biểu loại lines cần danh sách lines", "a form of kind lines needs lines")
        }
        if let twice = lines.map(\.code).firstDuplicate {
            throw fail(.duplicate, "lines", "hai dòng cùng mã \(twice)", "two lines have the code \(twice)")
        }
        if let twice = lines.map(\.key).firstDuplicate {
            throw fail(.duplicate, "lines", "hai dòng cùng khóa \(twice)", "two lines have the key \(twice)")
        }
        let byKey = Dictionary(uniqueKeysWithValues: lines.map { ($0.key, $0) })
        for line in lines {
            for part in line.sumOf where byKey[part] == nil {
                throw fail(
                    .unknownReference, "lines", "dòng \(line.key) cộng dòng \(part), không có trong biểu",
                    "line \(line.key) sums line \(part), which the form does not have")
            }
        }
        // A line may not be, through its parts, a part of itself.
        for line in lines {
            var stack = line.sumOf
            var seen: Set<String> = []
            while let next = stack.popLast() {
                if next == line.key {
                    throw fail(
                        .invalidValue, "lines", "dòng \(line.key) là tổng của chính nó (sum_of vòng)",
                        "line \(line.key) is a total of itself (a sum_of cycle)")
                }
                if seen.insert(next).inserted { stack += byKey[next]?.sumOf ?? [] }
            }
        }
    }

    private func checkRule(
        _ rule: RuleDefinition, fail: (MappingError.Code, String, String, String) -> MappingError,
        numeric: Set<String>, keys: Set<String>, customRules: Set<String>?
    ) throws(MappingError) {
        switch rule.kind {
        case .totals:
            if kind == .records {
                throw fail(
                    .invalidValue, "rules", "quy tắc \(rule.id): biểu danh sách không có dòng tổng",
                    "rule \(rule.id): a records form has no total rows")
            }
        case .check(let comparison):
            for field in comparison.left.fields + comparison.right.fields where !numeric.contains(field) {
                throw fail(
                    .unknownReference, "rules", "quy tắc \(rule.id) dùng \(field), không phải một cột số của biểu",
                    "rule \(rule.id) uses \(field), which is not a numeric column of the form")
            }
        case .unique(let field):
            if !keys.contains(field) {
                throw fail(
                    .unknownReference, "rules", "quy tắc \(rule.id) dùng \(field), không phải một cột của biểu",
                    "rule \(rule.id) uses \(field), which is not a column of the form")
            }
        case .custom(let name, let parameters):
            if let customRules, !customRules.contains(name) {
                let known = customRules.sorted().joined(separator: ", ")
                throw fail(
                    .unknownReference, "rules", "quy tắc \(rule.id): không có quy tắc \"\(name)\"; có: \(known)",
                    "rule \(rule.id): there is no rule \"\(name)\"; known: \(known)")
            }
            for (parameter, field) in parameters.sorted(by: { $0.key < $1.key }) where !keys.contains(field) {
                throw fail(
                    .unknownReference, "rules",
                    "quy tắc \(rule.id): tham số \(parameter) là \(field), không phải một cột của biểu",
                    "rule \(rule.id): parameter \(parameter) is \(field), which is not a column of the form")
            }
        }
    }
}

extension Array where Element: Hashable {
    /// The first element that occurs a second time.
    var firstDuplicate: Element? {
        var seen: Set<Element> = []
        return first { !seen.insert($0).inserted }
    }
}
