/// A day of the Gregorian calendar, without time or time zone: the validity bounds of units and standards.
///
/// Written and parsed as ISO 8601 `YYYY-MM-DD`.
///
/// ```swift
/// let reform = CalendarDate(year: 2025, month: 7, day: 1)!
/// CalendarDate("2025-06-30")! < reform      // true
/// reform.previousDay.description            // "2025-06-30"
/// ```
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    /// 1…12.
    public let month: Int
    /// 1…31, valid for the month.
    public let day: Int

    /// The day `year-month-day`, `nil` when no such day exists (`2023-02-29`).
    ///
    /// - Parameters:
    ///   - year: 1…9999.
    ///   - month: 1…12.
    ///   - day: 1…the length of the month.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` (exactly four, two and two digits).
    ///
    /// ```swift
    /// CalendarDate("2025-07-01")   // 1 July 2025
    /// CalendarDate("1/7/2025")     // nil
    /// ```
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// 1 January of year 1: the start of an open span, for ordering.
    static let distantPast = CalendarDate(year: 1, month: 1, day: 1)!

    /// Days in `month` of `year`.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The day after this one (9999-12-31 stays itself).
    public var nextDay: CalendarDate {
        if day < CalendarDate.daysIn(month: month, year: year) {
            return CalendarDate(year: year, month: month, day: day + 1)!
        }
        if month < 12 { return CalendarDate(year: year, month: month + 1, day: 1)! }
        return CalendarDate(year: year + 1, month: 1, day: 1) ?? self
    }

    /// The day before this one (0001-01-01 stays itself).
    public var previousDay: CalendarDate {
        if day > 1 { return CalendarDate(year: year, month: month, day: day - 1)! }
        if month > 1 {
            return CalendarDate(year: year, month: month - 1, day: CalendarDate.daysIn(month: month - 1, year: year))!
        }
        return CalendarDate(year: year - 1, month: 12, day: 31) ?? self
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

/// A span of days with optional ends, both inclusive: `nil` start means "since always", `nil` end "still valid".
///
/// ```swift
/// let konTum = Validity(from: nil, to: CalendarDate("2025-06-30"))
/// konTum.contains(CalendarDate("2024-12-31")!)   // true
/// ```
public struct Validity: Hashable, Sendable, CustomStringConvertible {
    /// The first day, `nil` when open.
    public var from: CalendarDate?
    /// The last day (inclusive), `nil` when open.
    public var to: CalendarDate?

    /// The days `from…to`, both inclusive, either open.
    public init(from: CalendarDate?, to: CalendarDate?) {
        self.from = from
        self.to = to
    }

    /// The first day, or ``CalendarDate/distantPast`` when open: for ordering spans.
    var start: CalendarDate { from ?? .distantPast }

    /// Whether `date` is in the span.
    public func contains(_ date: CalendarDate) -> Bool {
        if let from, date < from { return false }
        if let to, date > to { return false }
        return true
    }

    /// Whether the two spans share at least one day.
    public func overlaps(_ other: Validity) -> Bool {
        if let to, let otherFrom = other.from, to < otherFrom { return false }
        if let from, let otherTo = other.to, otherTo < from { return false }
        return true
    }

    /// Whether every day of `other` is in this span.
    public func covers(_ other: Validity) -> Bool {
        if let from {
            guard let otherFrom = other.from, otherFrom >= from else { return false }
        }
        if let to {
            guard let otherTo = other.to, otherTo <= to else { return false }
        }
        return true
    }

    /// `2022-01-01…2025-12-31`, `…2025-06-30`, `2025-07-01…`.
    public var description: String {
        "\(from?.description ?? "")…\(to?.description ?? "")"
    }
}
