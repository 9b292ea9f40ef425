// Reading Mappings/standards/*.yaml. The format (every key, with an example) is in Mappings/standards/README.md:
//
//   key, name_vi, name_en, legal_basis, valid_from, valid_to, review_years {from, to}, income_unit,
//   income_lines {rural|urban: {poverty, middle_living}},
//   classification {rule: income-and-deprivations | not-modelled, poor_min_deprivations, reason_vi, reason_en},
//   dimensions [{key, name_vi, name_en, indicators [{key, number, name_vi, name_en}]}], notes [text]
import SheetCore

extension PovertyStandards {
    /// Reads every `*.yaml` file of `mappingsFolder/standards`.
    ///
    /// - Parameter mappingsFolder: the `Mappings/` folder (the CLI locates it; tests use the repository's).
    /// - Throws: ``PovertyError`` naming the file and line of the first problem.
    ///
    /// ```swift
    /// let standards = try PovertyStandards.loadBundled(from: "/path/to/BieuMau/Mappings")
    /// ```
    public static func loadBundled(from mappingsFolder: String) throws(PovertyError) -> PovertyStandards {
        try load(files: yamlFiles(in: mappingsSubfolder(mappingsFolder, "standards")))
    }

    /// Reads the standards in `files` (one standard per file).
    ///
    /// - Throws: ``PovertyError`` naming the file and line of the first problem.
    public static func load(files: [String]) throws(PovertyError) -> PovertyStandards {
        var standards: [PovertyStandard] = []
        for file in files { standards.append(try PovertyStandard.load(file: file)) }
        return try PovertyStandards(standards)
    }
}

extension PovertyStandard {
    /// Reads one standard from a YAML file.
    ///
    /// - Throws: ``PovertyError`` with the file and line (unknown keys, missing keys, bad numbers or dates,
    ///   duplicate or misnumbered indicators).
    public static func load(file: String) throws(PovertyError) -> PovertyStandard {
        try read(MappingValue.load(path: file))
    }

    /// Reads one standard from YAML `text`, naming it `file` in errors.
    public static func parse(yaml text: String, file: String = "<yaml>") throws(PovertyError) -> PovertyStandard {
        try read(MappingValue.parse(text, file: file))
    }

    static func read(_ root: MappingValue) throws(PovertyError) -> PovertyStandard {
        let object = try root.object(
            "standard",
            keys: [
                "key", "name_vi", "name_en", "legal_basis", "valid_from", "valid_to", "review_years", "income_unit",
                "income_lines", "classification", "dimensions", "notes",
            ])
        let key = try object.key("key")
        let validity = Validity(from: try object.optionalDate("valid_from"), to: try object.optionalDate("valid_to"))
        if let from = validity.from, let to = validity.to, to < from {
            throw object.owner.error(
                .invalidValue, vi: "valid_to (\(to)) trước valid_from (\(from)).",
                en: "valid_to (\(to)) is before valid_from (\(from)).")
        }
        var reviewYears: ClosedRange<Int>?
        if let reviews = object.optional("review_years") {
            let range = try reviews.object("review_years", keys: ["from", "to"])
            let from = try range.integer("from")
            let to = try range.integer("to")
            guard from <= to else {
                throw reviews.error(
                    .invalidValue, vi: "review_years: from (\(from)) sau to (\(to)).",
                    en: "review_years: from (\(from)) is after to (\(to)).")
            }
            reviewYears = from...to
        }
        let incomeLines = try readIncomeLines(object.required("income_lines"))
        let dimensions = try readDimensions(object.optionalList("dimensions"))
        _ = try object.textList("notes")
        let standard = PovertyStandard(
            key: key, vietnameseName: try object.text("name_vi"), englishName: try object.text("name_en"),
            legalBasis: try object.text("legal_basis"), validity: validity, reviewYears: reviewYears,
            incomeUnit: try object.text("income_unit"), incomeLines: incomeLines,
            rule: try readRule(object.required("classification")), dimensions: dimensions,
            source: "\(root.file):\(root.line)")
        if case .incomeAndDeprivations(let minimum) = standard.rule, !(0...standard.indicators.count).contains(minimum)
        {
            throw object.owner.error(
                .invalidValue,
                vi: "poor_min_deprivations = \(minimum) phải trong khoảng 0…\(standard.indicators.count) (số chỉ số).",
                en: "poor_min_deprivations = \(minimum) must be within 0…\(standard.indicators.count) (the indicators)."
            )
        }
        return standard
    }

    private static func readIncomeLines(_ value: MappingValue) throws(PovertyError) -> [AreaType: IncomeLines] {
        let object = try value.object("income_lines", keys: Set(AreaType.allCases.map(\.rawValue)))
        var lines: [AreaType: IncomeLines] = [:]
        for area in AreaType.allCases {
            guard let areaValue = object.optional(area.rawValue) else { continue }
            let entry = try areaValue.object(area.rawValue, keys: ["poverty", "middle_living"])
            let poverty = try entry.decimal("poverty")
            let middle = try entry.optional("middle_living")?.decimal("middle_living")
            if let middle, middle <= poverty {
                throw areaValue.error(
                    .invalidValue, vi: "middle_living (\(middle)) phải lớn hơn poverty (\(poverty)).",
                    en: "middle_living (\(middle)) must be above poverty (\(poverty)).")
            }
            lines[area] = IncomeLines(poverty: poverty, middleLiving: middle)
        }
        return lines
    }

    private static func readRule(_ value: MappingValue) throws(PovertyError) -> ClassificationRule {
        let object = try value.object(
            "classification", keys: ["rule", "poor_min_deprivations", "reason_vi", "reason_en"])
        let rule = try object.text("rule")
        switch rule {
        case "income-and-deprivations":
            return .incomeAndDeprivations(poorMinimumDeprivations: try object.integer("poor_min_deprivations"))
        case "not-modelled":
            return .notModelled(
                vietnameseReason: try object.text("reason_vi"), englishReason: try object.text("reason_en"))
        default:
            throw try object.required("rule").error(
                .invalidValue,
                vi: "rule “\(rule)” không được hỗ trợ; dùng income-and-deprivations hoặc not-modelled.",
                en: "rule “\(rule)” is not supported; use income-and-deprivations or not-modelled.")
        }
    }

    private static func readDimensions(_ values: [MappingValue]) throws(PovertyError) -> [Dimension] {
        var dimensions: [Dimension] = []
        var seenIndicators: [String: Int] = [:]
        var seenNumbers: Set<Int> = []
        var seenDimensions: Set<String> = []
        for value in values {
            let object = try value.object("dimension", keys: ["key", "name_vi", "name_en", "indicators"])
            let key = try object.key("key")
            guard seenDimensions.insert(key).inserted else {
                throw value.error(.duplicate, vi: "Chiều “\(key)” lặp lại.", en: "Dimension “\(key)” is repeated.")
            }
            var indicators: [Indicator] = []
            for item in try object.list("indicators") {
                let entry = try item.object("indicator", keys: ["key", "number", "name_vi", "name_en"])
                let indicator = Indicator(
                    key: try entry.key("key"), number: try entry.integer("number"), dimensionKey: key,
                    vietnameseName: try entry.text("name_vi"), englishName: try entry.text("name_en"))
                if let line = seenIndicators[indicator.key] {
                    throw item.error(
                        .duplicate, vi: "Chỉ số “\(indicator.key)” đã có ở dòng \(line).",
                        en: "Indicator “\(indicator.key)” is already defined on line \(line).")
                }
                guard indicator.number >= 1, seenNumbers.insert(indicator.number).inserted else {
                    throw item.error(
                        .duplicate, vi: "Số thứ tự chỉ số \(indicator.number) lặp lại hoặc nhỏ hơn 1.",
                        en: "Indicator number \(indicator.number) is repeated or below 1.")
                }
                seenIndicators[indicator.key] = item.line
                indicators.append(indicator)
            }
            dimensions.append(
                Dimension(
                    key: key, vietnameseName: try object.text("name_vi"), englishName: try object.text("name_en"),
                    indicators: indicators))
        }
        if !seenNumbers.isEmpty, seenNumbers != Set(1...seenNumbers.count), let first = values.first {
            throw first.error(
                .invalidValue, vi: "Các chỉ số phải được đánh số liên tục từ 1 đến \(seenNumbers.count).",
                en: "Indicators must be numbered 1 to \(seenNumbers.count) without gaps.")
        }
        return dimensions
    }
}
