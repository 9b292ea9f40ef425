// PLACEHOLDER API — implementation owned by the dates/number-formats helper.

/// Which day serial 0 is (ECMA-376 Part 1, §18.17.4.1): 1900 (with Lotus's 29 Feb 1900) or 1904.
public enum DateSystem: String, Hashable, Sendable {
    case from1900
    case from1904
}

/// What a date-like number format shows.
public enum TemporalKind: String, Hashable, Sendable {
    case date, time, dateTime, duration
}

/// A calendar date and time of day.
public struct DateTimeComponents: Hashable, Sendable {
    public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0) {
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second; self.millisecond = millisecond
    }
}

/// An Excel serial number shown as a date, time or duration.
public struct ExcelDateTime: Hashable, Sendable {
    public var serial: Double
    public var system: DateSystem
    public var kind: TemporalKind
    public init(serial: Double, system: DateSystem, kind: TemporalKind) {
        self.serial = serial; self.system = system; self.kind = kind
    }
    public var iso8601: String { String(serial) }
}
