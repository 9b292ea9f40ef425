import SheetCore

/// A poverty standard (chuẩn nghèo) for a period: its income lines, its deprivation indicators and how they combine
/// into a household's class. Read from `Mappings/standards/*.yaml`; see ``PovertyStandards`` for lookup by period.
///
/// ```swift
/// let standards = try PovertyStandards.loadBundled(from: "Mappings")
/// let standard = standards.standard(at: CalendarDate("2024-12-31")!)!      // NĐ 07/2021/NĐ-CP
/// try standard.classify(income: 1_500_000, area: .rural, deprivationCount: 3)   // .poor
/// try standard.classify(income: 1_500_001, area: .rural, deprivationCount: 3)   // .middleLiving
/// ```
public struct PovertyStandard: Sendable {
    /// The income lines of one area, in ``incomeUnit``.
    public struct IncomeLines: Hashable, Sendable {
        /// The poverty line (chuẩn nghèo về thu nhập): at or below it a household is poor or near-poor.
        public let poverty: DecimalNumber
        /// The top of the middle-living band, `nil` when the standard has none or it is not modelled.
        public let middleLiving: DecimalNumber?

        /// The lines of one area.
        public init(poverty: DecimalNumber, middleLiving: DecimalNumber?) {
            self.poverty = poverty
            self.middleLiving = middleLiving
        }
    }

    /// How income and deprivations give a class.
    public enum ClassificationRule: Hashable, Sendable {
        /// NĐ 07/2021 model: income ≤ poverty line and ≥ `poorMinimumDeprivations` → poor; income ≤ line and fewer
        /// → near-poor; above the line up to the middle-living line → middle-living (income only); above → not poor.
        case incomeAndDeprivations(poorMinimumDeprivations: Int)
        /// No verified source for this period's rule: classification throws ``PovertyError/Code/notModelled``.
        case notModelled(vietnameseReason: String, englishReason: String)
    }

    /// The stable key (`2022-2025`).
    public let key: String
    /// The name in Vietnamese.
    public let vietnameseName: String
    /// The name in English.
    public let englishName: String
    /// The legal text it comes from (`Nghị định 07/2021/NĐ-CP ngày 27/01/2021, Điều 3`).
    public let legalBasis: String
    /// The days the standard applies to (both ends inclusive).
    public let validity: Validity
    /// The years whose annual household review (rà soát) applies this standard, `nil` when not known.
    public let reviewYears: ClosedRange<Int>?
    /// The unit of income (`đồng/người/tháng`).
    public let incomeUnit: String
    /// The income lines by area.
    public let incomeLines: [AreaType: IncomeLines]
    /// The classification rule.
    public let rule: ClassificationRule
    /// The dimensions, each with its indicators (empty when not modelled).
    public let dimensions: [Dimension]
    /// Every indicator, in number order.
    public let indicators: [Indicator]
    /// Where the definition was read (`file:line`), for messages.
    public let source: String

    /// A standard; normally read with ``PovertyStandards/load(files:)``.
    public init(
        key: String, vietnameseName: String, englishName: String, legalBasis: String, validity: Validity,
        reviewYears: ClosedRange<Int>?, incomeUnit: String, incomeLines: [AreaType: IncomeLines],
        rule: ClassificationRule, dimensions: [Dimension], source: String = ""
    ) {
        self.key = key
        self.vietnameseName = vietnameseName
        self.englishName = englishName
        self.legalBasis = legalBasis
        self.validity = validity
        self.reviewYears = reviewYears
        self.incomeUnit = incomeUnit
        self.incomeLines = incomeLines
        self.rule = rule
        self.dimensions = dimensions
        self.indicators = dimensions.flatMap(\.indicators).sorted { $0.number < $1.number }
        self.source = source
    }

    /// The indicator with `key`, `nil` when the standard has none.
    public func indicator(key: String) -> Indicator? {
        indicators.first { $0.key == key }
    }

    /// The indicator numbered `number` (1-based, as in the law), `nil` when out of range.
    public func indicator(number: Int) -> Indicator? {
        indicators.first { $0.number == number }
    }

    /// The dimension with `key`.
    public func dimension(key: String) -> Dimension? {
        dimensions.first { $0.key == key }
    }

    /// The poverty line of `area`, in ``incomeUnit``.
    public func povertyLine(for area: AreaType) -> DecimalNumber? {
        incomeLines[area]?.poverty
    }
}
