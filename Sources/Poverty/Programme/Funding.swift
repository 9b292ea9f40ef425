import SheetCore

/// Where money comes from (nguồn vốn): ngân sách trung ương (NSTW), ngân sách địa phương (NSĐP), huy động khác.
public struct FundSource: Hashable, Sendable {
    /// The stable key (`nstw`, `nsdp`, `huy-dong-khac`).
    public let key: String
    /// The abbreviation forms use (`NSTW`), empty when none.
    public let abbreviation: String
    /// The name in Vietnamese.
    public let vietnameseName: String
    /// The name in English.
    public let englishName: String

    /// A fund source; normally read from a programme's YAML file.
    public init(key: String, abbreviation: String, vietnameseName: String, englishName: String) {
        self.key = key
        self.abbreviation = abbreviation
        self.vietnameseName = vietnameseName
        self.englishName = englishName
    }
}

/// What kind of money (loại vốn): vốn đầu tư phát triển (ĐTPT) or vốn sự nghiệp (SN), which is called "kinh phí
/// thường xuyên" from 2026.
///
/// ```swift
/// let recurrent = programme.fundType(key: "sn")!
/// recurrent.vietnameseName(at: CalendarDate("2026-03-31")!)   // "Kinh phí thường xuyên"
/// ```
public struct FundType: Hashable, Sendable {
    /// A name the type carries from a date on.
    public struct Renaming: Hashable, Sendable {
        /// The first day of the new name.
        public let from: CalendarDate
        /// The new name in Vietnamese.
        public let vietnameseName: String
        /// The new name in English.
        public let englishName: String

        /// A renaming from `from` on.
        public init(from: CalendarDate, vietnameseName: String, englishName: String) {
            self.from = from
            self.vietnameseName = vietnameseName
            self.englishName = englishName
        }
    }

    /// The stable key (`dtpt`, `sn`).
    public let key: String
    /// The abbreviation forms use (`ĐTPT`).
    public let abbreviation: String
    /// The name in Vietnamese (before any renaming).
    public let vietnameseName: String
    /// The name in English (before any renaming).
    public let englishName: String
    /// Later names, in date order.
    public let renamings: [Renaming]

    /// A fund type; normally read from a programme's YAML file.
    public init(
        key: String, abbreviation: String, vietnameseName: String, englishName: String, renamings: [Renaming] = []
    ) {
        self.key = key
        self.abbreviation = abbreviation
        self.vietnameseName = vietnameseName
        self.englishName = englishName
        self.renamings = renamings.sorted { $0.from < $1.from }
    }

    /// The Vietnamese name in use on `date`.
    public func vietnameseName(at date: CalendarDate) -> String {
        renamings.last { $0.from <= date }?.vietnameseName ?? vietnameseName
    }

    /// The English name in use on `date`.
    public func englishName(at date: CalendarDate) -> String {
        renamings.last { $0.from <= date }?.englishName ?? englishName
    }
}

/// What is measured about money (chỉ tiêu): nhu cầu, kế hoạch giao, phân bổ, giải ngân, khả năng thực hiện 9
/// tháng, ước thực hiện cả năm, tỷ lệ giải ngân.
public struct Measure: Hashable, Sendable {
    /// A measure computed from two others: `numerator / denominator × scale`.
    public struct Ratio: Hashable, Sendable {
        /// The key of the numerator measure.
        public let numerator: String
        /// The key of the denominator measure.
        public let denominator: String
        /// The factor (100 for a percentage).
        public let scale: DecimalNumber

        /// The ratio `numerator / denominator × scale`.
        public init(numerator: String, denominator: String, scale: DecimalNumber) {
            self.numerator = numerator
            self.denominator = denominator
            self.scale = scale
        }
    }

    /// The stable key (`giai-ngan`).
    public let key: String
    /// The name in Vietnamese.
    public let vietnameseName: String
    /// The name in English.
    public let englishName: String
    /// The unit (`triệu đồng`, `%`).
    public let unit: String
    /// How it is derived, `nil` for a stated amount. Derived measures are recomputed on consolidation, never summed.
    public let ratio: Ratio?

    /// A measure; normally read from a programme's YAML file.
    public init(key: String, vietnameseName: String, englishName: String, unit: String, ratio: Ratio? = nil) {
        self.key = key
        self.vietnameseName = vietnameseName
        self.englishName = englishName
        self.unit = unit
        self.ratio = ratio
    }
}

/// A province's rule for its counterpart funds: the local budget equals (or is at least) a percentage of the
/// central budget. Kon Tum: NSĐP = 10 % NSTW (Khoản 1 Điều 12, NQ 22/2022/NQ-HĐND ngày 23/7/2022).
///
/// ```swift
/// let rule = programme.counterpartRule(provinceCode: "62", at: CalendarDate("2024-12-31")!)!
/// rule.expectedLocal(forCentral: DecimalNumber("497")!)    // 49.7
/// ```
public struct CounterpartRule: Hashable, Sendable {
    /// How the local amount must compare with the percentage.
    public enum Relation: String, Hashable, Sendable {
        /// The local amount equals the percentage ("bố trí bằng").
        case equal
        /// The local amount is at least the percentage ("tối thiểu").
        case atLeast = "at-least"
    }

    /// The province whose rule it is (its code, `62`).
    public let provinceCode: String
    /// The key of the local source (`nsdp`).
    public let localSource: String
    /// The key of the central source (`nstw`).
    public let centralSource: String
    /// The percentage (10 for 10 %).
    public let percent: DecimalNumber
    /// How the local amount compares with it.
    public let relation: Relation
    /// The days it applies to.
    public let validity: Validity
    /// The legal text it comes from.
    public let legalBasis: String

    /// A counterpart rule; normally read from a programme's YAML file.
    public init(
        provinceCode: String, localSource: String, centralSource: String, percent: DecimalNumber, relation: Relation,
        validity: Validity, legalBasis: String
    ) {
        self.provinceCode = provinceCode
        self.localSource = localSource
        self.centralSource = centralSource
        self.percent = percent
        self.relation = relation
        self.validity = validity
        self.legalBasis = legalBasis
    }

    /// The local amount the rule asks for, exactly: `central × percent / 100` (`nil` only on overflow).
    ///
    /// - Parameter central: the central-budget amount.
    public func expectedLocal(forCentral central: DecimalNumber) -> DecimalNumber? {
        guard abs(percent.exponent - 2) <= DecimalNumber.maxExponent else { return nil }
        let fraction = DecimalNumber(significand: percent.significand, exponent: percent.exponent - 2)
        return central.multiplied(by: fraction)
    }
}
