import Forms
import SheetCore

/// The household-list rule `custom: household-class` (DESIGN §4): the class written for each household agrees
/// with the class the poverty standard of the period gives its income, area and deprivations.
///
/// Parameters name the list's columns: `income` (đồng/người/tháng), `area` (`Nông thôn` / `Thành thị`), `class`
/// (`Hộ nghèo`, `Hộ cận nghèo`…) and either `deprivations` (a column counting them) or `flags` (the 12 flag
/// columns, separated by spaces or commas). A household whose income, area or class cannot be read is left to the
/// type and required rules; a class contradicting the standard is an error at the class cell.
///
/// ```yaml
/// - id: household-class
///   custom: household-class
///   parameters: {income: income, area: area, deprivations: deprivations, class: class}
/// ```
public struct HouseholdClassRule: FormRule {
    public static let name = "household-class"

    public let id: String
    let income: ColumnSlot
    let area: ColumnSlot
    let classColumn: ColumnSlot
    let count: ColumnSlot?
    let flags: [ColumnSlot]
    let standards: PovertyStandards
    let severity: Severity
    /// What areas and classes read as, shared by every list the rule checks: each text is folded once per run.
    let areaTexts = TextReadings(HouseholdClassRule.area)
    let classTexts = TextReadings(HouseholdClassRule.householdClass)

    /// - Throws: ``CustomRuleRegistry/Problem`` when a parameter is missing or names no column of the form.
    public init(_ request: CustomRuleRegistry.Request, standards: PovertyStandards) throws(CustomRuleRegistry.Problem) {
        func column(_ role: String) throws(CustomRuleRegistry.Problem) -> ColumnSlot {
            guard let key = request.parameters[role] else {
                throw CustomRuleRegistry.Problem(PovertyRuleText.missingParameter(request, role: role))
            }
            guard let slot = request.form.slot(key) else {
                throw CustomRuleRegistry.Problem(PovertyRuleText.unknownColumn(request, role: role, key: key))
            }
            return slot
        }
        id = request.id
        income = try column("income")
        area = try column("area")
        classColumn = try column("class")
        if request.parameters["deprivations"] != nil {
            count = try column("deprivations")
            flags = []
        } else if let list = request.parameters["flags"] {
            count = nil
            var slots: [ColumnSlot] = []
            for key in list.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init) {
                guard let slot = request.form.slot(key) else {
                    throw CustomRuleRegistry.Problem(PovertyRuleText.unknownColumn(request, role: "flags", key: key))
                }
                slots.append(slot)
            }
            flags = slots
        } else {
            throw CustomRuleRegistry.Problem(PovertyRuleText.missingParameter(request, role: "deprivations"))
        }
        self.standards = standards
        self.severity = request.rule.severity
    }

    public func check(_ instance: FormInstance, into findings: inout [Finding]) {
        guard let standard = standard(for: instance) else { return }
        // A list repeats a handful of texts (`Nông thôn`, `Hộ nghèo`): each is folded once.
        var areas = RepeatedTexts<AreaType>(areaTexts.value(of:))
        var classes = RepeatedTexts<HouseholdClass>(classTexts.value(of:))
        for row in instance.rows.indices {
            guard let income = instance.number(income, row: row),
                let areaText = instance.field(area, row: row)?.text,
                let area = areas.value(of: areaText),
                let statedText = instance.field(classColumn, row: row)?.text,
                let statedClass = classes.value(of: statedText),
                let deprivations = deprivationCount(instance, row: row),
                let computed = try? standard.classify(income: income, area: area, deprivationCount: deprivations),
                computed != statedClass, let location = instance.location(of: classColumn.key, on: instance.rows[row])
            else { continue }
            findings.append(
                Finding(
                    rule: id, severity: severity, location: location,
                    expected: .text(computed.vietnameseName), actual: .text(statedText),
                    message: PovertyRuleText.classContradicts(
                        stated: statedClass, computed: computed, income: income, area: area,
                        deprivations: deprivations, standard: standard)))
        }
    }

    /// The stated count, else the flags set to 1.
    func deprivationCount(_ instance: FormInstance, row: Int) -> Int? {
        if let count {
            guard let value = instance.number(count, row: row) else { return nil }
            let whole = value.rounded(toPlaces: 0)
            guard whole == value, (0...3).contains(whole.exponent) else { return nil }
            return (0..<whole.exponent).reduce(Int(whole.significand)) { number, _ in number * 10 }
        }
        var total = 0
        for flag in flags {
            switch instance.field(flag, row: row) {
            case .number(let value)?: if !value.isZero { total += 1 }
            case .boolean(true)?: total += 1
            default: continue
            }
        }
        return total
    }

    /// The standard of the sheet's period (`2024`, `2024-RS`, `Năm 2024`), else the standard of its year, else the
    /// latest whose classification is modelled.
    func standard(for instance: FormInstance) -> PovertyStandard? {
        if let period = instance.period.flatMap(ReportingPeriod.headingTexts.value(of:)) {
            if let found = standards.standard(for: period)
                ?? standards.standard(for: ReportingPeriod(year: period.year))
            {
                return found
            }
        }
        return standards.standards.last { if case .incomeAndDeprivations = $0.rule { true } else { false } }
    }

    /// `Nông thôn`, `NT`, `rural` → rural; `Thành thị`, `TT`, `urban` → urban.
    static func area(_ text: String) -> AreaType? {
        let key = PovertyRuleText.folded(text)
        switch key {
        case "nong thon", "nt", "rural", "khu vuc nong thon": return .rural
        case "thanh thi", "tt", "urban", "khu vuc thanh thi": return .urban
        default: return nil
        }
    }

    /// `Hộ nghèo`, `Nghèo`, `HN`, `poor` → poor; `Hộ cận nghèo`, `Cận nghèo`, `HCN` → near-poor; `Hộ có mức sống
    /// trung bình`, `MSTB` → middle-living.
    static func householdClass(_ text: String) -> HouseholdClass? {
        var key = PovertyRuleText.folded(text)
        if key.hasPrefix("ho ") { key.removeFirst(3) }
        switch key {
        case "ngheo", "hn", "poor": return .poor
        case "can ngheo", "hcn", "near-poor", "near poor": return .nearPoor
        case "co muc song trung binh", "muc song trung binh", "mstb", "middle-living": return .middleLiving
        case "khong ngheo", "thoat ngheo", "not-poor", "not poor": return .notPoor
        default: return nil
        }
    }
}

/// What a few texts repeated down a column read as, each text read once. The texts are found by their UTF-8
/// bytes (values are NFC, ``TextMemo``): hashing Vietnamese text as a `String` costs more than reading it.
struct RepeatedTexts<Value> {
    private let read: (String) -> Value?
    /// Past this many distinct texts the column is not repetitive, and the texts kept are forgotten.
    private var known = TextMemo<Value?>(capacity: 32)

    init(_ read: @escaping (String) -> Value?) { self.read = read }

    mutating func value(of text: String) -> Value? { known.value(for: text, orMake: read) }
}

/// Registering the Poverty module's rules with the forms engine.
extension CustomRuleRegistry {
    /// The registry with every rule of the Poverty module (`household-class`), judged by `standards`.
    public static func poverty(standards: PovertyStandards) -> CustomRuleRegistry {
        var registry = CustomRuleRegistry()
        registry.registerPovertyRules(standards: standards)
        return registry
    }

    /// Adds the Poverty module's rules.
    public mutating func registerPovertyRules(standards: PovertyStandards) {
        register(HouseholdClassRule.name) { request throws(CustomRuleRegistry.Problem) in
            try HouseholdClassRule(request, standards: standards)
        }
    }
}
