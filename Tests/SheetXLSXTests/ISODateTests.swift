import SheetCore
import Testing

@testable import SheetXLSX

@Suite("ISO 8601 text of `t=\"d\"` cells as Excel serials")
struct ISODateTests {
    /// Milliseconds in a day: serials with a time of day are `(day × this + millisecond) / this`, rounded once.
    static let day = 86_400_000.0

    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var serial: Double
        var kind: TemporalKind
        var testDescription: String { "\(text) → \(serial) \(kind)" }
    }

    static let cases1900: [Case] = [
        Case(text: "2025-07-01", serial: 45839, kind: .date),
        Case(text: "2025-01-01", serial: 45658, kind: .date),
        Case(text: "1900-01-01", serial: 1, kind: .date),
        Case(text: "1900-02-28", serial: 59, kind: .date),
        Case(text: "1900-02-29", serial: 60, kind: .date),
        Case(text: "1900-03-01", serial: 61, kind: .date),
        Case(text: "1899-12-31", serial: 0, kind: .date),
        Case(text: "9999-12-31", serial: 2_958_465, kind: .date),
        Case(text: "2025-07-01T00:00:00Z", serial: 45839, kind: .dateTime),
        Case(text: "2025-07-01T08:30:00Z", serial: (45839 * day + 30_600_000) / day, kind: .dateTime),
        Case(text: "2025-07-01T08:30:00", serial: (45839 * day + 30_600_000) / day, kind: .dateTime),
        Case(text: "2025-07-01T08:30", serial: (45839 * day + 30_600_000) / day, kind: .dateTime),
        Case(text: "2025-07-01T08:30:00.250", serial: (45839 * day + 30_600_250) / day, kind: .dateTime),
        Case(text: "2025-07-01T08:30:00.25Z", serial: (45839 * day + 30_600_250) / day, kind: .dateTime),
        Case(text: "2025-07-01T08:30:00.001", serial: (45839 * day + 30_600_001) / day, kind: .dateTime),
        Case(text: "2025-07-01T23:59:59.999", serial: (45839 * day + 86_399_999) / day, kind: .dateTime),
        Case(text: "08:30:00", serial: 30_600_000 / day, kind: .time),
        Case(text: "08:30:00Z", serial: 30_600_000 / day, kind: .time),
        Case(text: "12:00:00", serial: 0.5, kind: .time),
        Case(text: "00:00:00", serial: 0, kind: .time),
        Case(text: "08:30:00.250", serial: 30_600_250 / day, kind: .time),
        Case(text: "08:30:00.001", serial: 30_600_001 / day, kind: .time),
        Case(text: "23:59:59.999", serial: 86_399_999 / day, kind: .time),
    ]

    @Test(arguments: cases1900)
    func readsISOTextAsTheExcelSerial(_ c: Case) throws {
        let value = try #require(ISODate.parse(c.text, system: .from1900))
        #expect(value.serial == c.serial, "\(value.serial)")
        #expect(value.kind == c.kind)
        #expect(value.system == .from1900)
    }

    @Test func readsDatesInThe1904SystemAs1462DaysLess() throws {
        let date = try #require(ISODate.parse("2025-07-01", system: .from1904))
        #expect(date.serial == 45839 - 1462)
        #expect(date.system == .from1904)
        let start = try #require(ISODate.parse("1904-01-01T12:00:00", system: .from1904))
        #expect(start.serial == 0.5)
        #expect(ISODate.parse("1903-12-31", system: .from1904) == nil)
        let time = try #require(ISODate.parse("12:00:00", system: .from1904))
        #expect(time.serial == 0.5 && time.kind == .time)
    }

    @Test(arguments: ["2025-07-01", "2025-07-01T08:30:00", "2025-07-01T08:30:00.250", "08:30:00", "08:30:00.250"])
    func writesBackTheSameISOText(_ text: String) throws {
        #expect(try #require(ISODate.parse(text, system: .from1900)).iso8601 == text)
    }

    @Test(arguments: [
        "", "Z", "T", "abc", "2025", "2025-07", "2025/07/01", "01.07.2025", "2025-07-xx", "2025-07-01-05",
        "2025-13-01", "2025-00-10", "2025-02-29", "2025-02-30", "2025-04-31", "10000-01-01", "1899-12-30",
        "2025-07-01T08", "2025-07-01Tabc", "2025-07-01T08:30:xx", "2025-07-01T08:30:00.abc",
        "2025-07-01T08:30:00+07:00", "2025-07-01T08:30:00ZZ", "2025-07-01T25:00:00", "2025-07-01T08:60:00",
        "08", "08:xx", "8h30", "2025-07-01T", "T08:30:00", "08:30:00.", "2025-7-1", "2025-07-01T8:30",
        "20250701", "2025-07-01 08:30:00", "08:30:00.5x",
    ])
    func rejectsTextThatIsNotAnExcelDate(_ text: String) {
        #expect(ISODate.parse(text, system: .from1900) == nil, "\(text) was read as a date")
    }

    /// A time alone must obey the same ranges as a time after a date: `2025-07-01T25:00:00` is rejected, so
    /// `25:00:00` must be too (it became serial 1.04, 1900-01-01 01:00).
    @Test(arguments: ["25:00:00", "24:00:01", "08:60:00", "08:30:60", "-01:00:00", "08:-5:00"])
    func rejectsTimesOutOfRange(_ text: String) {
        #expect(ISODate.parse(text, system: .from1900) == nil, "\(text) was read as a time")
    }

    /// Date fields are separated by exactly one `-` each: empty fields are not skipped.
    @Test(arguments: ["2025--07-01", "-2025-07-01", "2025-07-01-", "2025-07--01"])
    func rejectsDatesWithEmptyFields(_ text: String) {
        #expect(ISODate.parse(text, system: .from1900) == nil, "\(text) was read as a date")
    }
}
