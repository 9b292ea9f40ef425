import Forms
import SheetCore

/// One household of a poor or near-poor list (DESIGN §4, "Danh sách hộ"), typed, every value with its cell.
///
/// The list's columns are found by key: `household_code`, `head_name`, `members`, `village`, `ethnicity`, `dtts`
/// (0/1), `area`, `income`, the twelve flags `d1`…`d12` in the order of the standard's indicators, and `class`.
///
/// ```swift
/// let households = HouseholdRecord.records(in: list, indicators: standard.indicators)
/// households[0].deprivations.count            // indicators flagged 1
/// households[0].statedClass?.value            // .poor
/// ```
public struct HouseholdRecord: Hashable, Sendable {
    public var code: Sourced<String>
    public var head: Sourced<String>?
    public var members: Sourced<DecimalNumber>?
    public var village: Sourced<String>?
    public var ethnicity: Sourced<String>?
    public var isEthnicMinority: Sourced<Bool>?
    public var area: Sourced<AreaType>?
    /// Income per person per month, đồng.
    public var income: Sourced<DecimalNumber>?
    /// The indicators the household is deprived on (flag 1), by key, with the flag's cell.
    public var deprivations: [String: Sourced<Bool>]
    /// The class written on the list.
    public var statedClass: Sourced<HouseholdClass>?
    /// The unit (commune code) and period of the list.
    public var unitCode: String?
    public var period: String?

    /// The households of a list form (`tt07-ds-ngheo`, `tt07-ds-can-ngheo`); rows without a household code are
    /// left out (the list's required-value rule reports them).
    ///
    /// - Parameter indicators: the standard's indicators, in order; flag `d1` is the first.
    public static func records(in instance: FormInstance, indicators: [Indicator]) -> [HouseholdRecord] {
        instance.rows.compactMap { row in
            guard let code = row.sourcedText("household_code") else { return nil }
            var deprivations: [String: Sourced<Bool>] = [:]
            for (index, indicator) in indicators.enumerated() {
                guard let flag = row.values["d\(index + 1)"] else { continue }
                let isSet: Bool
                switch flag.value {
                case .number(let value): isSet = !value.isZero
                case .boolean(let value): isSet = value
                default: continue
                }
                if isSet { deprivations[indicator.key] = Sourced(true, provenance: flag.provenance) }
            }
            return HouseholdRecord(
                code: code, head: row.sourcedText("head_name"), members: row.sourcedNumber("members"),
                village: row.sourcedText("village"), ethnicity: row.sourcedText("ethnicity"),
                isEthnicMinority: row.sourcedNumber("dtts").map {
                    Sourced(!$0.value.isZero, provenance: $0.provenance)
                },
                area: row.sourcedText("area").flatMap { text in
                    HouseholdClassRule.area(text.value).map { Sourced($0, provenance: text.provenance) }
                },
                income: row.sourcedNumber("income"), deprivations: deprivations,
                statedClass: row.sourcedText("class").flatMap { text in
                    HouseholdClassRule.householdClass(text.value).map { Sourced($0, provenance: text.provenance) }
                },
                unitCode: instance.unitCode, period: instance.period)
        }
    }

    /// The class the standard gives this household, when its income and area are known.
    public func computedClass(by standard: PovertyStandard) -> HouseholdClass? {
        guard let income = income?.value, let area = area?.value else { return nil }
        return try? standard.classify(income: income, area: area, deprivationCount: deprivations.count)
    }
}
