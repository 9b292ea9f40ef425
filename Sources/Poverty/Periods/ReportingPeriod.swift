/// A reporting period: a year and the part of it a report covers.
///
/// Written as text (used by `--period` and in mapping files), case-insensitive:
///
/// | text | span | covers | Vietnamese |
/// |---|---|---|---|
/// | `2024` | ``Span/fullYear`` | 1/1–31/12 | năm 2024 (cả năm) |
/// | `2024-H1` or `2024-6T` | ``Span/firstHalf`` | 1/1–30/6 | 6 tháng đầu năm 2024 |
/// | `2024-9T` | ``Span/nineMonths`` | 1/1–30/9 | 9 tháng năm 2024 |
/// | `2024-RS` | ``Span/review`` | the annual review held in 2024 | rà soát năm 2024 |
///
/// A period chooses the administrative hierarchy (the units valid on its ``endDate``) and the poverty standard
/// (see ``PovertyStandards/standard(for:)``).
///
/// ```swift
/// let period = try ReportingPeriod.parse("2025-9T")
/// period.endDate                       // 2025-09-30: after 1/7/2025, so no district level
/// period.description                   // "2025-9T"
/// period.vietnameseName                // "9 tháng năm 2025"
/// ```
public struct ReportingPeriod: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The part of the year a report covers.
    public enum Span: String, CaseIterable, Hashable, Sendable {
        /// 6 tháng đầu năm: 1 January – 30 June.
        case firstHalf = "H1"
        /// 9 tháng: 1 January – 30 September ("khả năng thực hiện 9 tháng").
        case nineMonths = "9T"
        /// Cả năm: the calendar year.
        case fullYear = ""
        /// The annual household review (rà soát định kỳ, 1/9–14/12 under QĐ 24/2021/QĐ-TTg) held in the year.
        case review = "RS"
    }

    /// The calendar year, 1000…9999.
    public let year: Int
    /// The part of the year.
    public let span: Span

    /// The period `span` of `year`.
    ///
    /// - Parameters:
    ///   - year: the calendar year (1000…9999).
    ///   - span: the part of the year, ``Span/fullYear`` by default.
    public init(year: Int, span: Span = .fullYear) {
        precondition((1000...9999).contains(year), "reporting year \(year) out of range")
        self.year = year
        self.span = span
    }

    /// Parses `2024`, `2024-H1`, `2024-6T`, `2024-9T`, `2024-RS` (letters in any case, spaces around ignored).
    ///
    /// - Throws: ``PovertyError/Code/invalidPeriod`` naming the forms accepted.
    ///
    /// ```swift
    /// try ReportingPeriod.parse("2024-h1").span   // .firstHalf
    /// ```
    public static func parse(_ text: String) throws(PovertyError) -> ReportingPeriod {
        let trimmed = text.trimmingSpaces.uppercased()
        let parts = trimmed.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard let yearText = parts.first, yearText.count == 4, yearText.allSatisfy(\.isASCIIDigit),
            let year = Int(yearText), year >= 1000
        else { throw invalid(text) }
        guard parts.count == 2 else { return ReportingPeriod(year: year) }
        switch parts[1] {
        case "H1", "6T": return ReportingPeriod(year: year, span: .firstHalf)
        case "9T": return ReportingPeriod(year: year, span: .nineMonths)
        case "RS": return ReportingPeriod(year: year, span: .review)
        default: throw invalid(text)
        }
    }

    private static func invalid(_ text: String) -> PovertyError {
        PovertyError(
            .invalidPeriod,
            vi: "“\(text)” không phải là kỳ báo cáo; dùng 2024 (cả năm), 2024-H1 hoặc 2024-6T (6 tháng), "
                + "2024-9T (9 tháng), 2024-RS (rà soát năm 2024).",
            en: "“\(text)” is not a reporting period; use 2024 (full year), 2024-H1 or 2024-6T (six months), "
                + "2024-9T (nine months), 2024-RS (the 2024 review).")
    }

    /// The first day the period covers (1 January of ``year``).
    public var startDate: CalendarDate { CalendarDate(year: year, month: 1, day: 1)! }

    /// The last day the period covers: 30 June, 30 September or 31 December (a review: 31 December).
    ///
    /// The administrative hierarchy of a report is the one valid on this day.
    public var endDate: CalendarDate {
        switch span {
        case .firstHalf: return CalendarDate(year: year, month: 6, day: 30)!
        case .nineMonths: return CalendarDate(year: year, month: 9, day: 30)!
        case .fullYear, .review: return CalendarDate(year: year, month: 12, day: 31)!
        }
    }

    /// The canonical text: `2024`, `2024-H1`, `2024-9T`, `2024-RS`.
    public var description: String {
        span == .fullYear ? String(year) : "\(year)-\(span.rawValue)"
    }

    /// The period as written on a Vietnamese form: `năm 2024`, `6 tháng đầu năm 2024`, `9 tháng năm 2024`,
    /// `rà soát năm 2024`.
    public var vietnameseName: String {
        switch span {
        case .firstHalf: return "6 tháng đầu năm \(year)"
        case .nineMonths: return "9 tháng năm \(year)"
        case .fullYear: return "năm \(year)"
        case .review: return "rà soát năm \(year)"
        }
    }

    /// The period in English: `2024`, `first half of 2024`, `nine months of 2024`, `2024 review`.
    public var englishName: String {
        switch span {
        case .firstHalf: return "first half of \(year)"
        case .nineMonths: return "nine months of \(year)"
        case .fullYear: return String(year)
        case .review: return "\(year) review"
        }
    }

    /// Ordered by year, then first half < nine months < full year < review.
    public static func < (lhs: ReportingPeriod, rhs: ReportingPeriod) -> Bool {
        func rank(_ span: Span) -> Int {
            switch span {
            case .firstHalf: return 0
            case .nineMonths: return 1
            case .fullYear: return 2
            case .review: return 3
            }
        }
        return (lhs.year, rank(lhs.span)) < (rhs.year, rank(rhs.span))
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
