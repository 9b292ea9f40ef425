import SheetCore

// Reading one form mapping file (format: Mappings/README.md). Each section has its own reader; the
// consistency checks that need the whole form (fields named by formulas and rules, lines named by sum_of) run
// last, in FormDefinition+MappingChecks.swift.

extension FormDefinition {
    static let keys: Set<String> = [
        "id", "version", "form_number", "title", "title_en", "basis", "layout_note", "unit_of_measure", "kind",
        "fingerprint", "header", "table", "columns", "lines", "rules",
    ]

    static func read(_ root: YAMLObject, customRules: Set<String>?) throws(MappingError) -> FormDefinition {
        let fields = try YAMLFields(root, allowed: keys)
        let id = try fields.string("id")
        guard id.isIdentifier(allowingHyphens: true) else {
            throw root.error(
                .invalidValue, vi: "id \"\(id)\" chỉ được gồm chữ thường không dấu, số và dấu gạch ngang",
                en: "id \"\(id)\" may hold only lower-case letters, digits and hyphens", at: fields.node("id"))
        }
        let kind = try fields.required("kind").word(FormKind.self)
        var form = FormDefinition(
            id: id, version: try fields.string("version"), formNumber: try fields.string("form_number"),
            title: LocalizedText(vi: try fields.string("title"), en: try fields.optionalString("title_en")),
            basis: try fields.string("basis"), layoutNote: try fields.optionalString("layout_note"),
            unitOfMeasure: try fields.optionalString("unit_of_measure"), kind: kind,
            fingerprint: try readFingerprint(fields.required("fingerprint")),
            header: try fields.optional("header")?.items().map { (item) throws(MappingError) in
                try readHeaderField(item)
            }
                ?? [],
            table: try readTable(fields.optional("table")),
            columns: try fields.required("columns").items().map { (item) throws(MappingError) in try readColumn(item) },
            sourcePath: root.file)
        form.lines =
            try fields.optional("lines")?.items().map { (item) throws(MappingError) in try readLine(item) } ?? []
        form.rules =
            try fields.optional("rules")?.items().map { (item) throws(MappingError) in try readRule(item) } ?? []
        try form.checkConsistency(fields, customRules: customRules)
        return form
    }

    private static func readFingerprint(_ object: YAMLObject) throws(MappingError) -> Fingerprint {
        let fields = try YAMLFields(object, allowed: ["title", "labels", "search_rows"])
        let title = try fields.strings("title")
        guard !title.isEmpty else {
            throw object.error(
                .missingKey, vi: "fingerprint.title cần ít nhất một cụm từ của tiêu đề",
                en: "fingerprint.title needs at least one phrase of the title")
        }
        let labels = try fields.strings("labels")
        guard title.count <= Fingerprint.maximumPhrases, labels.count <= Fingerprint.maximumPhrases else {
            throw object.error(
                .invalidValue,
                vi:
                    "fingerprint: tối đa \(Fingerprint.maximumPhrases) cụm từ tiêu đề và \(Fingerprint.maximumPhrases) nhãn",
                en:
                    "fingerprint: at most \(Fingerprint.maximumPhrases) title phrases and \(Fingerprint.maximumPhrases) labels"
            )
        }
        return Fingerprint(
            title: title, labels: labels,
            searchRows: try fields.optional("search_rows")?.int() ?? 20)
    }

    private static func readHeaderField(_ object: YAMLObject) throws(MappingError) -> HeaderField {
        let fields = try YAMLFields(object, allowed: ["key", "label", "type", "required"])
        return HeaderField(
            key: try fields.string("key"), labels: try fields.required("label").strings(),
            type: try fields.optional("type")?.word(ValueType.self) ?? .text,
            required: try fields.optional("required")?.bool() ?? false)
    }

    private static func readTable(_ object: YAMLObject?) throws(MappingError) -> TableLayout {
        guard let object else { return TableLayout() }
        let fields = try YAMLFields(
            object, allowed: ["numbering_row", "code_column", "block_column", "block", "header_labels"])
        let block = try fields.optional("block")?.items().map { (item) throws(MappingError) -> BlockRow in
            let row = try YAMLFields(item, allowed: ["key", "label"])
            return BlockRow(key: try row.string("key"), label: try row.string("label"))
        }
        return TableLayout(
            numberingRow: try fields.optional("numbering_row")?.bool() ?? true,
            codeColumn: try fields.optionalString("code_column"), block: block ?? [],
            blockColumn: try fields.optionalString("block_column"), headerLabels: try fields.strings("header_labels"))
    }

    private static func readColumn(_ object: YAMLObject) throws(MappingError) -> ColumnDefinition {
        let fields = try YAMLFields(
            object,
            allowed: [
                "key", "number", "label", "label_en", "aliases", "group", "type", "unit", "decimals", "missing",
                "formula", "formula_form", "aggregate", "required", "min", "max",
            ])
        let key = try fields.string("key")
        guard key.isIdentifier(allowingHyphens: false) else {
            throw object.error(
                .invalidValue, vi: "khóa cột \"\(key)\" phải gồm chữ thường không dấu, số và dấu gạch dưới",
                en: "column key \"\(key)\" must be lower-case letters, digits and underscores", at: fields.node("key"))
        }
        var formula: Expression?
        if let text = try fields.optionalString("formula") {
            do {
                formula = try Expression.parse(text)
            } catch {
                throw object.error(
                    .invalidValue, vi: "công thức của cột \(key) không đọc được: \(error)",
                    en: "the formula of column \(key) cannot be read: \(error)", at: fields.node("formula"))
            }
        }
        return ColumnDefinition(
            key: key, number: try fields.optionalString("number"),
            label: LocalizedText(vi: try fields.string("label"), en: try fields.optionalString("label_en")),
            aliases: try fields.strings("aliases"), group: try fields.optionalString("group"),
            type: try fields.required("type").word(ValueType.self), unit: try fields.optionalString("unit"),
            decimals: try fields.optional("decimals")?.int() ?? 0, missing: try fields.strings("missing"),
            formula: formula, formulaForm: try fields.optionalString("formula_form"),
            aggregate: try fields.optional("aggregate")?.word(Aggregation.self),
            required: try fields.optional("required")?.bool() ?? false,
            minimum: try readDecimal(fields.optional("min")), maximum: try readDecimal(fields.optional("max")))
    }

    private static func readDecimal(_ object: YAMLObject?) throws(MappingError) -> DecimalNumber? {
        guard let object else { return nil }
        guard let value = DecimalNumber(try object.string()) else {
            throw object.error(
                .invalidValue, vi: "\(object.path) phải là một số (dấu chấm thập phân)",
                en: "\(object.path) must be a number (with . as decimal point)")
        }
        return value
    }

    private static func readLine(_ object: YAMLObject) throws(MappingError) -> LineDefinition {
        let fields = try YAMLFields(object, allowed: ["code", "key", "label", "label_en", "sum_of", "unit", "level"])
        let key = try fields.string("key")
        guard key.isIdentifier(allowingHyphens: false) else {
            throw object.error(
                .invalidValue, vi: "khóa dòng \"\(key)\" phải gồm chữ thường không dấu, số và dấu gạch dưới",
                en: "line key \"\(key)\" must be lower-case letters, digits and underscores", at: fields.node("key"))
        }
        return LineDefinition(
            code: try fields.string("code"), key: key,
            label: LocalizedText(vi: try fields.string("label"), en: try fields.optionalString("label_en")),
            sumOf: try fields.strings("sum_of"), unit: try fields.optionalString("unit"),
            level: try fields.optional("level")?.int() ?? 0)
    }

    private static func readRule(_ object: YAMLObject) throws(MappingError) -> RuleDefinition {
        let fields = try YAMLFields(
            object,
            allowed: ["id", "kind", "check", "unique", "custom", "parameters", "severity", "message", "message_en"])
        let id = try fields.string("id")
        let chosen = ["kind", "check", "unique", "custom"].filter(fields.has)
        guard chosen.count == 1 else {
            throw object.error(
                .invalidValue, vi: "quy tắc \(id) cần đúng một trong: kind: totals, check, unique, custom",
                en: "rule \(id) needs exactly one of: kind: totals, check, unique, custom")
        }
        let kind: RuleDefinition.Kind
        switch chosen[0] {
        case "kind":
            guard try fields.string("kind") == "totals" else {
                throw object.error(
                    .invalidValue, vi: "quy tắc \(id): kind chỉ nhận giá trị totals",
                    en: "rule \(id): kind takes only the value totals", at: fields.node("kind"))
            }
            kind = .totals
        case "check":
            let text = try fields.string("check")
            do {
                kind = .check(try Comparison.parse(text))
            } catch {
                throw object.error(
                    .invalidValue, vi: "quy tắc \(id): điều kiện không đọc được: \(error)",
                    en: "rule \(id): the check cannot be read: \(error)", at: fields.node("check"))
            }
        case "unique":
            kind = .unique(field: try fields.string("unique"))
        default:
            var parameters: [String: String] = [:]
            if let object = fields.optional("parameters") {
                let entries = try object.entries(allowed: Set(object.node.mapping?.keys.compactMap(\.string) ?? []))
                for (name, entry) in entries { parameters[name] = try object.child(entry.value, name).string() }
            }
            kind = .custom(name: try fields.string("custom"), parameters: parameters)
        }
        var message: LocalizedText?
        if let vi = try fields.optionalString("message") {
            message = LocalizedText(vi: vi, en: try fields.optionalString("message_en"))
        }
        return RuleDefinition(
            id: id, kind: kind, severity: try fields.optional("severity")?.word(Severity.self) ?? .error,
            message: message)
    }
}

extension String {
    /// `[a-z_][a-z0-9_]*` (keys), or `[a-z0-9][a-z0-9-]*` with hyphens (ids).
    func isIdentifier(allowingHyphens: Bool) -> Bool {
        guard let first = utf8.first else { return false }
        let lower = UInt8(ascii: "a")...UInt8(ascii: "z")
        let digit = UInt8(ascii: "0")...UInt8(ascii: "9")
        if allowingHyphens {
            guard lower.contains(first) || digit.contains(first) else { return false }
        } else {
            guard lower.contains(first) || first == UInt8(ascii: "_") else { return false }
        }
        return utf8.allSatisfy {
            lower.contains($0) || digit.contains($0) || $0 == UInt8(ascii: allowingHyphens ? "-" : "_")
        }
    }
}
