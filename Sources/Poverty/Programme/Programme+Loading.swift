// Reading Mappings/programmes/*.yaml. The format (every key, with an example) is in Mappings/programmes/README.md:
//
//   key, name_vi, name_en, legal_basis, valid_from, valid_to, money_unit, notes,
//   components [{key, label_vi, name_vi, name_en, aliases_vi, children [...]}],
//   fund_sources [{key, abbreviation, name_vi, name_en}],
//   fund_types [{key, abbreviation, name_vi, name_en, renamed [{from, name_vi, name_en}]}],
//   measures [{key, name_vi, name_en, unit, ratio {numerator, denominator, scale}}],
//   counterpart_rules [{province_code, local_source, central_source, percent, relation, valid_from, valid_to,
//                       legal_basis}]
import SheetCore

extension Programmes {
    /// Reads every `*.yaml` file of `mappingsFolder/programmes`.
    ///
    /// - Parameter mappingsFolder: the `Mappings/` folder.
    /// - Throws: ``PovertyError`` naming the file and line of the first problem.
    public static func loadBundled(from mappingsFolder: String) throws(PovertyError) -> Programmes {
        try load(files: yamlFiles(in: mappingsSubfolder(mappingsFolder, "programmes")))
    }

    /// Reads the programmes in `files` (one programme per file).
    public static func load(files: [String]) throws(PovertyError) -> Programmes {
        var programmes: [Programme] = []
        for file in files { programmes.append(try Programme.load(file: file)) }
        return try Programmes(programmes)
    }
}

extension Programme {
    /// Reads one programme from a YAML file.
    ///
    /// - Throws: ``PovertyError`` with the file and line (unknown or missing keys, duplicate component keys, a
    ///   child key not under its parent's, a ratio or rule naming an unknown measure or source).
    public static func load(file: String) throws(PovertyError) -> Programme {
        try read(MappingValue.load(path: file))
    }

    /// Reads one programme from YAML `text`, naming it `file` in errors.
    public static func parse(yaml text: String, file: String = "<yaml>") throws(PovertyError) -> Programme {
        try read(MappingValue.parse(text, file: file))
    }

    static func read(_ root: MappingValue) throws(PovertyError) -> Programme {
        let object = try root.object(
            "programme",
            keys: [
                "key", "name_vi", "name_en", "legal_basis", "valid_from", "valid_to", "money_unit", "notes",
                "components", "fund_sources", "fund_types", "measures", "counterpart_rules",
            ])
        _ = try object.textList("notes")
        var components: [Component] = []
        var seen: Set<String> = []
        for item in try object.list("components") {
            _ = try readComponent(item, parentKey: nil, depth: 0, into: &components, seen: &seen)
        }
        var sources: [FundSource] = []
        for item in try object.list("fund_sources") {
            let entry = try item.object("fund_source", keys: ["key", "abbreviation", "name_vi", "name_en"])
            let source = FundSource(
                key: try entry.key("key"), abbreviation: try entry.optionalText("abbreviation") ?? "",
                vietnameseName: try entry.text("name_vi"), englishName: try entry.text("name_en"))
            try unique(source.key, in: sources.map(\.key), at: item, what: "fund_source")
            sources.append(source)
        }
        var types: [FundType] = []
        for item in try object.list("fund_types") {
            let entry = try item.object("fund_type", keys: ["key", "abbreviation", "name_vi", "name_en", "renamed"])
            var renamings: [FundType.Renaming] = []
            for renamed in try entry.optionalList("renamed") {
                let rename = try renamed.object("renamed", keys: ["from", "name_vi", "name_en"])
                renamings.append(
                    FundType.Renaming(
                        from: try rename.date("from"), vietnameseName: try rename.text("name_vi"),
                        englishName: try rename.text("name_en")))
            }
            let type = FundType(
                key: try entry.key("key"), abbreviation: try entry.optionalText("abbreviation") ?? "",
                vietnameseName: try entry.text("name_vi"), englishName: try entry.text("name_en"),
                renamings: renamings)
            try unique(type.key, in: types.map(\.key), at: item, what: "fund_type")
            types.append(type)
        }
        let measures = try readMeasures(object.list("measures"))
        var rules: [CounterpartRule] = []
        for item in try object.optionalList("counterpart_rules") {
            rules.append(try readCounterpartRule(item, sources: sources))
        }
        return Programme(
            key: try object.key("key"), vietnameseName: try object.text("name_vi"),
            englishName: try object.text("name_en"), legalBasis: try object.text("legal_basis"),
            validity: Validity(from: try object.optionalDate("valid_from"), to: try object.optionalDate("valid_to")),
            moneyUnit: try object.text("money_unit"), components: components, fundSources: sources, fundTypes: types,
            measures: measures, counterpartRules: rules, source: "\(root.file):\(root.line)")
    }

    /// Reads a component and its children depth-first into `components`; returns its key.
    private static func readComponent(
        _ value: MappingValue, parentKey: String?, depth: Int, into components: inout [Component],
        seen: inout Set<String>
    ) throws(PovertyError) -> String {
        let object = try value.object(
            "component", keys: ["key", "label_vi", "name_vi", "name_en", "aliases_vi", "children"])
        let key = try object.key("key")
        guard seen.insert(key).inserted else {
            throw value.error(
                .duplicate, vi: "Khóa hợp phần “\(key)” lặp lại.", en: "Component key “\(key)” is repeated.")
        }
        if let parentKey, !key.hasPrefix(parentKey + ".") {
            throw value.error(
                .invalidValue, vi: "Khóa “\(key)” phải bắt đầu bằng khóa của hợp phần cha “\(parentKey).”.",
                en: "Key “\(key)” must start with its parent's key “\(parentKey).”.")
        }
        let position = components.count
        components.append(
            Component(
                key: key, parentKey: parentKey, depth: depth, label: try object.text("label_vi"),
                vietnameseName: try object.text("name_vi"), englishName: try object.text("name_en"),
                aliases: try object.textList("aliases_vi")))
        var childKeys: [String] = []
        for child in try object.optionalList("children") {
            childKeys.append(
                try readComponent(child, parentKey: key, depth: depth + 1, into: &components, seen: &seen))
        }
        let placeholder = components[position]
        components[position] = Component(
            key: placeholder.key, parentKey: parentKey, depth: depth, label: placeholder.label,
            vietnameseName: placeholder.vietnameseName, englishName: placeholder.englishName,
            aliases: placeholder.aliases, childKeys: childKeys)
        return key
    }

    private static func readMeasures(_ values: [MappingValue]) throws(PovertyError) -> [Measure] {
        var measures: [Measure] = []
        var ratios: [(MappingValue, Measure.Ratio)] = []
        for item in values {
            let entry = try item.object("measure", keys: ["key", "name_vi", "name_en", "unit", "ratio"])
            var ratio: Measure.Ratio?
            if let ratioValue = entry.optional("ratio") {
                let fields = try ratioValue.object("ratio", keys: ["numerator", "denominator", "scale"])
                ratio = Measure.Ratio(
                    numerator: try fields.key("numerator"), denominator: try fields.key("denominator"),
                    scale: try fields.optional("scale")?.decimal("scale") ?? DecimalNumber(1))
                ratios.append((ratioValue, ratio!))
            }
            let measure = Measure(
                key: try entry.key("key"), vietnameseName: try entry.text("name_vi"),
                englishName: try entry.text("name_en"), unit: try entry.text("unit"), ratio: ratio)
            try unique(measure.key, in: measures.map(\.key), at: item, what: "measure")
            measures.append(measure)
        }
        let keys = Set(measures.map(\.key))
        for (value, ratio) in ratios {
            for key in [ratio.numerator, ratio.denominator] where !keys.contains(key) {
                throw value.error(
                    .unknownReference, vi: "Tỷ lệ dùng chỉ tiêu “\(key)” không có trong measures.",
                    en: "The ratio names measure “\(key)”, which is not in measures.")
            }
        }
        return measures
    }

    private static func readCounterpartRule(_ item: MappingValue, sources: [FundSource]) throws(PovertyError)
        -> CounterpartRule
    {
        let entry = try item.object(
            "counterpart_rule",
            keys: [
                "province_code", "local_source", "central_source", "percent", "relation", "valid_from", "valid_to",
                "legal_basis",
            ])
        let local = try entry.key("local_source")
        let central = try entry.key("central_source")
        for key in [local, central] where !sources.contains(where: { $0.key == key }) {
            throw item.error(
                .unknownReference, vi: "Nguồn vốn “\(key)” không có trong fund_sources.",
                en: "Fund source “\(key)” is not in fund_sources.")
        }
        let relationText = try entry.optionalText("relation") ?? "equal"
        guard let relation = CounterpartRule.Relation(rawValue: relationText) else {
            throw item.error(
                .invalidValue, vi: "relation “\(relationText)” phải là equal hoặc at-least.",
                en: "relation “\(relationText)” must be equal or at-least.")
        }
        return CounterpartRule(
            provinceCode: try entry.text("province_code"), localSource: local, centralSource: central,
            percent: try entry.decimal("percent"), relation: relation,
            validity: Validity(from: try entry.optionalDate("valid_from"), to: try entry.optionalDate("valid_to")),
            legalBasis: try entry.text("legal_basis"))
    }

    private static func unique(_ key: String, in keys: [String], at value: MappingValue, what: String)
        throws(PovertyError)
    {
        guard !keys.contains(key) else {
            throw value.error(.duplicate, vi: "\(what) “\(key)” lặp lại.", en: "\(what) “\(key)” is repeated.")
        }
    }
}
