// Excel stores dates and times as plain numbers: a serial day count whose fraction is the time of day
// (ECMA-376 Part 1, §18.17.4 "Dates and Times"). Only the number format says a number is a date.
//
//   1900 system (§18.17.4.1)           1904 system (§18.17.4.1, `workbookPr/@date1904`)
//   serial 0    1900-01-00 (Excel)     serial 0     1904-01-01
//   serial 1    1900-01-01             serial 1     1904-01-02
//   serial 59   1900-02-28             ...
//   serial 60   1900-02-29 (Lotus bug, a day that never was)
//   serial 61   1900-03-01             serial 1462 in 1900 = serial 0 in 1904
//
// The calendar arithmetic is proleptic Gregorian in plain integers (days since 1970-01-01, in the manner of
// Howard Hinnant's `days_from_civil` / `civil_from_days`); there is no Foundation here because `iso8601` runs
// once per date cell.

/// Which day serial 0 is: 1900 (with Lotus's 29 February 1900) or 1904.
///
/// A workbook says which in `workbookPr/@date1904` (ECMA-376 Part 1, §18.2.28); BIFF files in the `1904` record
/// ([MS-XLS] 2.4.77). See ECMA-376 Part 1, §18.17.4.1 for the two systems.
public enum DateSystem: String, Hashable, Sendable {
    /// Serial 1 is 1900-01-01 and serial 60 is the fictitious 1900-02-29 (Excel for Windows, the default).
    case from1900
    /// Serial 0 is 1904-01-01 (early Excel for Mac); serials are 1,462 days smaller than in the 1900 system.
    case from1904
}

/// What a date-like number format shows of a serial (ECMA-376 Part 1, §18.8.31 `numFmt`).
public enum TemporalKind: String, Hashable, Sendable {
    /// A calendar day, from format codes like `dd/mm/yyyy`.
    case date
    /// A time of day, from format codes like `h:mm:ss`.
    case time
    /// A calendar day and a time of day, from format codes like `m/d/yy h:mm`.
    case dateTime
    /// Elapsed time, from format codes with `[h]`, `[m]` or `[s]` (ECMA-376 Part 1, §18.8.31).
    case duration

    /// The kind that shows `serial` without losing part of it: a date-only format on a value with a time of day,
    /// or a time-only format on a value of a day or more, shows as a date and time.
    ///
    /// ```swift
    /// TemporalKind.date.holding(44951.75)   // .dateTime
    /// TemporalKind.time.holding(2)          // .dateTime
    /// ```
    public func holding(_ serial: Double) -> TemporalKind {
        switch self {
        case .date:
            let whole = abs(serial) < 9_007_199_254_740_992 && Double(Int64(serial)) == serial
            return whole ? .date : .dateTime
        case .time:
            return serial >= 1 ? .dateTime : .time
        case .dateTime, .duration:
            return self
        }
    }
}

/// A calendar date and a time of day, as Excel shows them (so 1900-02-29 can occur).
///
/// ```swift
/// let noon = DateTimeComponents(year: 2025, month: 1, day: 1, hour: 12)
/// noon.minute   // 0
/// ```
public struct DateTimeComponents: Hashable, Sendable {
    /// The year, 1899 through 9999.
    public var year: Int
    /// The month, 1 (January) through 12.
    public var month: Int
    /// The day of the month, 1 through 31.
    public var day: Int
    /// The hour, 0 through 23.
    public var hour: Int
    /// The minute, 0 through 59.
    public var minute: Int
    /// The second, 0 through 59.
    public var second: Int
    /// The millisecond, 0 through 999: Excel keeps no finer precision.
    public var millisecond: Int

    /// Components from a calendar date and an optional time of day.
    ///
    /// - Parameters:
    ///   - year: The year, written in full (`2025`).
    ///   - month: The month, 1 through 12.
    ///   - day: The day of the month, 1 through 31.
    ///   - hour: The hour, 0 through 23.
    ///   - minute: The minute, 0 through 59.
    ///   - second: The second, 0 through 59.
    ///   - millisecond: The millisecond, 0 through 999.
    public init(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0
    ) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
    }
}

/// An Excel serial number that its number format shows as a date, time, date-time or duration.
///
/// The serial is kept as stored, so nothing is lost; ``components`` and ``iso8601`` interpret it
/// (ECMA-376 Part 1, §18.17.4).
///
/// ```swift
/// let value = ExcelDateTime(serial: 45658.75, system: .from1900, kind: .dateTime)
/// value.iso8601                  // "2025-01-01T18:00:00"
/// value.components?.hour         // 18
/// ExcelDateTime(serial: 1.5, system: .from1900, kind: .duration).iso8601   // "PT36H0M0S"
/// ```
public struct ExcelDateTime: Hashable, Sendable {
    /// The number as stored in the cell: whole days since the system's epoch plus the fraction of a day.
    public var serial: Double
    /// The workbook's date system, which fixes what serial 0 means.
    public var system: DateSystem
    /// What the cell's number format shows.
    public var kind: TemporalKind

    /// A serial as stored, read in a date system and shown as `kind`.
    ///
    /// - Parameters:
    ///   - serial: The cell's number.
    ///   - system: The workbook's date system.
    ///   - kind: What the cell's number format shows, usually ``NumberFormat/temporalKind``.
    public init(serial: Double, system: DateSystem, kind: TemporalKind) {
        self.serial = serial
        self.system = system
        self.kind = kind
    }

    /// The calendar date and time of day of the serial; `nil` when Excel could not show it as a date.
    ///
    /// The time of day is rounded to the nearest millisecond; a rounding that reaches 24:00 moves to the next
    /// day. `nil` for a negative, NaN or infinite serial and for anything after 9999-12-31 23:59:59.999
    /// (Excel shows `#####`).
    ///
    /// In the 1900 system serial 60 gives 1900-02-29, as Excel shows it, though that day never existed.
    /// Serials in `0..<1` give 1899-12-31 (Excel shows the impossible "1900-01-00"); that is calamine's and
    /// openpyxl's choice, and it keeps the day before 1900-01-01. Every kind is read the same way here: a
    /// `.time` value keeps its (usually meaningless) day, which ``iso8601`` then leaves out.
    ///
    /// - Complexity: O(1), no allocation.
    public var components: DateTimeComponents? {
        guard let (day, millisecondOfDay) = dayAndMillisecond else { return nil }
        let date: (year: Int, month: Int, day: Int)
        switch system {
        case .from1900:
            switch day {
            case ..<0: return nil
            case 0..<60: date = CivilCalendar.civil(fromDays: day + CivilCalendar.daysTo1899_12_31)
            case 60: date = (1900, 2, 29)
            default: date = CivilCalendar.civil(fromDays: day + CivilCalendar.daysTo1899_12_30)
            }
        case .from1904:
            guard day >= 0 else { return nil }
            date = CivilCalendar.civil(fromDays: day + CivilCalendar.daysTo1904_01_01)
        }
        guard date.year <= 9999 else { return nil }
        let seconds = millisecondOfDay / 1000
        return DateTimeComponents(
            year: date.year, month: date.month, day: date.day,
            hour: seconds / 3600, minute: seconds / 60 % 60, second: seconds % 60,
            millisecond: millisecondOfDay % 1000)
    }

    /// The serial for a calendar date and time of day: the inverse of ``components``.
    ///
    /// `nil` when a component is out of its range, the date does not exist (2023-02-29), or the date is before
    /// the system's first day (1899-12-31 in the 1900 system, 1904-01-01 in the 1904 system) or after
    /// 9999-12-31. 1900-02-29 gives serial 60 in the 1900 system, as Excel does.
    ///
    /// For `.time` and `.duration` a date of all zeros (`year`, `month` and `day` 0) stands for "no day": the
    /// serial is then the fraction of a day only (`12:00` → `0.5`).
    ///
    /// ```swift
    /// let date = DateTimeComponents(year: 2025, month: 1, day: 1)
    /// ExcelDateTime(components: date, system: .from1900, kind: .date)?.serial   // 45658
    /// ```
    ///
    /// - Parameters:
    ///   - components: The calendar date and time of day.
    ///   - system: The workbook's date system.
    ///   - kind: What the number format shows; stored as ``kind``.
    public init?(components: DateTimeComponents, system: DateSystem, kind: TemporalKind) {
        let c = components
        guard (0...23).contains(c.hour), (0...59).contains(c.minute), (0...59).contains(c.second),
            (0...999).contains(c.millisecond)
        else { return nil }
        let millisecondOfDay = ((c.hour * 60 + c.minute) * 60 + c.second) * 1000 + c.millisecond
        let day: Int
        if c.year == 0, c.month == 0, c.day == 0, kind == .time || kind == .duration {
            day = 0
        } else {
            guard let serialDay = Self.serialDay(year: c.year, month: c.month, day: c.day, system: system) else {
                return nil
            }
            day = serialDay
        }
        self.init(day: day, millisecond: millisecondOfDay, system: system, kind: kind)
    }

    /// The whole serial of a calendar date, `nil` when the date does not exist or the system cannot hold it.
    static func serialDay(year: Int, month: Int, day: Int, system: DateSystem) -> Int? {
        if system == .from1900, year == 1900, month == 2, day == 29 { return 60 }
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CivilCalendar.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        let days = CivilCalendar.days(fromCivil: year, month, day)
        let serial: Int
        switch system {
        case .from1900:
            let shifted = days - CivilCalendar.daysTo1899_12_30
            // 1899-12-31 through 1900-02-28 come before the Lotus day, so they are one less.
            serial = shifted > 60 ? shifted : shifted - 1
        case .from1904:
            serial = days - CivilCalendar.daysTo1904_01_01
        }
        return serial >= 0 ? serial : nil
    }

    /// A serial from a whole day and a millisecond of that day, with one rounding.
    private init(day: Int, millisecond: Int, system: DateSystem, kind: TemporalKind) {
        let serial = Double(day * Self.millisecondsPerDay + millisecond) / Double(Self.millisecondsPerDay)
        self.init(serial: serial, system: system, kind: kind)
    }

    /// Milliseconds in one day, Excel's finest time unit.
    static let millisecondsPerDay = 86_400_000

    /// The largest serial read as a date or duration: its milliseconds fit in an `Int` with room to spare.
    static let largestConvertibleSerial = 1e11

    /// The serial rounded to the millisecond and split into a whole day and a millisecond of that day
    /// (`0..<86_400_000`); `nil` when not finite or far too large to be a date or duration.
    var dayAndMillisecond: (day: Int, millisecond: Int)? {
        guard let total = totalMilliseconds else { return nil }
        let (quotient, remainder) = total.quotientAndRemainder(dividingBy: Self.millisecondsPerDay)
        return remainder < 0 ? (quotient - 1, remainder + Self.millisecondsPerDay) : (quotient, remainder)
    }

    /// The serial in milliseconds, rounded to the nearest one; `nil` when not finite or far too large.
    var totalMilliseconds: Int? {
        guard serial.isFinite, abs(serial) <= Self.largestConvertibleSerial else { return nil }
        // Half away from zero, as `rounded()` would, but without its call to libm's `round`: SheetCore links no
        // libm, and a release build of an executable using it then fails to link.
        let milliseconds = serial * Double(Self.millisecondsPerDay)
        let whole = Int(milliseconds)  // toward zero; exact, and the fraction below too
        let fraction = milliseconds - Double(whole)
        if fraction >= 0.5 { return whole + 1 }
        if fraction <= -0.5 { return whole - 1 }
        return whole
    }
}

/// Proleptic Gregorian calendar arithmetic on days since 1970-01-01, in plain integers.
enum CivilCalendar {
    /// Days from 1970-01-01 to 1899-12-30, the day before serial 1 once the Lotus day is counted.
    static let daysTo1899_12_30 = -25_569
    /// Days from 1970-01-01 to 1899-12-31, which is serial 0 in the 1900 system here.
    static let daysTo1899_12_31 = -25_568
    /// Days from 1970-01-01 to 1904-01-01, serial 0 in the 1904 system.
    static let daysTo1904_01_01 = -24_107

    /// Days in 400 Gregorian years, the calendar's full cycle.
    private static let daysPerEra = 146_097

    /// Days since 1970-01-01 of a valid proleptic Gregorian date.
    ///
    /// Years are counted from 1 March so the leap day falls at the end of the year; then a 400-year era, the
    /// year of the era, and the day of that year add up.
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let marchYear = month <= 2 ? year - 1 : year
        let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
        let yearOfEra = marchYear - era * 400  // 0...399
        let monthFromMarch = month > 2 ? month - 3 : month + 9  // March 0 ... February 11
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1  // 0...365
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear  // 0...146096
        return era * daysPerEra + dayOfEra - 719_468  // 719,468 days from 0000-03-01 to 1970-01-01
    }

    /// The proleptic Gregorian date `days` after 1970-01-01: the inverse of ``days(fromCivil:_:_:)``.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - (daysPerEra - 1)) / daysPerEra
        let dayOfEra = shifted - era * daysPerEra  // 0...146096
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / (daysPerEra - 1)) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // 0...365
        let monthFromMarch = (5 * dayOfYear + 2) / 153  // 0...11
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// Whether `year` has a 29 February in the Gregorian calendar.
    static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in a month, 28 through 31.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
