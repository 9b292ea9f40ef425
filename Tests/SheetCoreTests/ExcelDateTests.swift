import Testing

@testable import SheetCore

/// Serials read as calendar dates, checked against dates Excel shows.
@Suite("Excel serial dates")
struct ExcelDateTests {
    /// A serial and the date Excel shows for it in the 1900 system.
    struct KnownDate: Sendable, CustomTestStringConvertible {
        var serial: Double
        var year: Int, month: Int, day: Int
        var testDescription: String { "\(serial) → \(year)-\(month)-\(day)" }
    }

    static let known1900: [KnownDate] = [
        KnownDate(serial: 0, year: 1899, month: 12, day: 31),
        KnownDate(serial: 1, year: 1900, month: 1, day: 1),
        KnownDate(serial: 31, year: 1900, month: 1, day: 31),
        KnownDate(serial: 59, year: 1900, month: 2, day: 28),
        KnownDate(serial: 60, year: 1900, month: 2, day: 29),
        KnownDate(serial: 61, year: 1900, month: 3, day: 1),
        KnownDate(serial: 367, year: 1901, month: 1, day: 1),
        KnownDate(serial: 1462, year: 1904, month: 1, day: 1),
        KnownDate(serial: 25569, year: 1970, month: 1, day: 1),
        KnownDate(serial: 36526, year: 2000, month: 1, day: 1),
        KnownDate(serial: 36585, year: 2000, month: 2, day: 29),
        KnownDate(serial: 45658, year: 2025, month: 1, day: 1),
        KnownDate(serial: 45839, year: 2025, month: 7, day: 1),
        KnownDate(serial: 2_958_465, year: 9999, month: 12, day: 31),
    ]

    @Test(arguments: known1900)
    func serialGivesTheDateExcelShows(_ known: KnownDate) {
        let value = ExcelDateTime(serial: known.serial, system: .from1900, kind: .date)
        #expect(value.components == DateTimeComponents(year: known.year, month: known.month, day: known.day))
    }

    @Test(arguments: known1900)
    func dateGivesBackItsSerial(_ known: KnownDate) {
        let date = DateTimeComponents(year: known.year, month: known.month, day: known.day)
        #expect(ExcelDateTime(components: date, system: .from1900, kind: .date)?.serial == known.serial)
    }

    @Test func system1904StartsOnFirstJanuary1904() {
        let value = ExcelDateTime(serial: 0, system: .from1904, kind: .date)
        #expect(value.components == DateTimeComponents(year: 1904, month: 1, day: 1))
        #expect(value.iso8601 == "1904-01-01")
        #expect(ExcelDateTime(serial: 2_957_003, system: .from1904, kind: .date).iso8601 == "9999-12-31")
        #expect(ExcelDateTime(serial: 2_957_004, system: .from1904, kind: .date).components == nil)
        #expect(ExcelDateTime(serial: -1, system: .from1904, kind: .date).components == nil)
    }

    @Test func systemsDifferBy1462DaysAfterTheLotusDay() {
        for serial in stride(from: 1462.0, through: 2_958_465, by: 997.25) {
            let in1900 = ExcelDateTime(serial: serial, system: .from1900, kind: .dateTime)
            let in1904 = ExcelDateTime(serial: serial - 1462, system: .from1904, kind: .dateTime)
            #expect(in1900.components == in1904.components, "serial \(serial)")
            #expect(in1900.iso8601 == in1904.iso8601)
        }
    }

    /// Walks the calendar one day at a time by hand and compares every 1900-system serial with it.
    @Test func everySerialMatchesACalendarWalkedDayByDay() {
        var (year, month, day) = (1900, 1, 1)
        var mismatches = 0
        for serial in 1...2_958_465 {
            if serial == 60 {  // the Lotus day: shown, then skipped by the walk
                let lotus = ExcelDateTime(serial: 60, system: .from1900, kind: .date).components
                #expect(lotus == DateTimeComponents(year: 1900, month: 2, day: 29))
                continue
            }
            let components = ExcelDateTime(serial: Double(serial), system: .from1900, kind: .date).components
            if components != DateTimeComponents(year: year, month: month, day: day) { mismatches += 1 }
            let back = ExcelDateTime(
                components: DateTimeComponents(year: year, month: month, day: day), system: .from1900, kind: .date)
            if back?.serial != Double(serial) { mismatches += 1 }
            let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let monthLength = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            day += 1
            if day > monthLength { (day, month) = (1, month + 1) }
            if month > 12 { (month, year) = (1, year + 1) }
        }
        #expect(mismatches == 0)
        #expect((year, month, day) == (10000, 1, 1))
    }

    @Test(arguments: [DateSystem.from1900, .from1904])
    func componentsRoundTripThroughTheSerial(_ system: DateSystem) {
        let times = [0, 1, 999, 1_000, 43_200_000, 45_296_789, 86_399_999]
        for serialDay in stride(from: 0, through: 2_957_003, by: 3_331) {
            for millisecond in times {
                let serial = Double(serialDay) + Double(millisecond) / 86_400_000
                let value = ExcelDateTime(serial: serial, system: system, kind: .dateTime)
                guard let components = value.components else {
                    Issue.record("no components for \(serial)")
                    continue
                }
                let back = ExcelDateTime(components: components, system: system, kind: .dateTime)
                #expect(back?.components == components, "serial \(serial)")
                #expect(back.map { abs($0.serial - serial) < 1e-9 } == true, "serial \(serial)")
            }
        }
    }

    @Test func timeOfDayRoundsToTheMillisecond() {
        let noon = ExcelDateTime(serial: 0.5, system: .from1900, kind: .time)
        #expect(noon.components == DateTimeComponents(year: 1899, month: 12, day: 31, hour: 12))
        #expect(noon.iso8601 == "12:00:00")

        let almostOneSecond = ExcelDateTime(serial: 0.9996 / 86_400, system: .from1900, kind: .time)
        #expect(almostOneSecond.iso8601 == "00:00:01")

        let quarterSecond = ExcelDateTime(serial: 45658.5 + 250.0 / 86_400_000, system: .from1900, kind: .dateTime)
        #expect(quarterSecond.components?.millisecond == 250)
        #expect(quarterSecond.iso8601 == "2025-01-01T12:00:00.250")

        // 10:30:15 as Excel stores it (37815 / 86400).
        let morning = ExcelDateTime(serial: 45658 + 37_815.0 / 86_400, system: .from1900, kind: .dateTime)
        #expect(morning.iso8601 == "2025-01-01T10:30:15")
    }

    @Test func roundingUpTo24HoursMovesToTheNextDay() {
        let value = ExcelDateTime(serial: 45658.999_999_999, system: .from1900, kind: .dateTime)
        #expect(value.components == DateTimeComponents(year: 2025, month: 1, day: 2))
        #expect(value.iso8601 == "2025-01-02T00:00:00")
        #expect(ExcelDateTime(serial: 0.999_999_999_9, system: .from1900, kind: .time).iso8601 == "00:00:00")
        #expect(
            ExcelDateTime(serial: 0.999_999_999_9, system: .from1900, kind: .date).components
                == DateTimeComponents(year: 1900, month: 1, day: 1))
        // 1900-02-28 23:59:59.9999 rounds onto the Lotus day, and that onto 1 March.
        #expect(ExcelDateTime(serial: 59.999_999_999, system: .from1900, kind: .date).iso8601 == "1900-02-29")
        #expect(ExcelDateTime(serial: 60.999_999_999, system: .from1900, kind: .date).iso8601 == "1900-03-01")
        #expect(ExcelDateTime(serial: 2958465.999_999_999, system: .from1900, kind: .date).components == nil)
    }

    struct ISOCase: Sendable, CustomTestStringConvertible {
        var serial: Double
        var kind: TemporalKind
        var text: String
        var testDescription: String { "\(serial) as \(kind) → \(text)" }
    }

    @Test(arguments: [
        ISOCase(serial: 45658, kind: .date, text: "2025-01-01"),
        ISOCase(serial: 45658.75, kind: .date, text: "2025-01-01"),
        ISOCase(serial: 45658.75, kind: .time, text: "18:00:00"),
        ISOCase(serial: 45658.75, kind: .dateTime, text: "2025-01-01T18:00:00"),
        ISOCase(serial: 0.25, kind: .time, text: "06:00:00"),
        ISOCase(serial: 0, kind: .date, text: "1899-12-31"),
        ISOCase(serial: 0, kind: .time, text: "00:00:00"),
        ISOCase(serial: 60.5, kind: .dateTime, text: "1900-02-29T12:00:00"),
        ISOCase(serial: 2958465.999988426, kind: .dateTime, text: "9999-12-31T23:59:59"),
        ISOCase(serial: 0.000_011_574_074_074_074_073, kind: .time, text: "00:00:01"),
        ISOCase(serial: 0.5 + 1.0 / 86_400_000, kind: .time, text: "12:00:00.001"),
        ISOCase(serial: 1.5, kind: .duration, text: "PT36H0M0S"),
        ISOCase(serial: 1.5 / 86_400, kind: .duration, text: "PT0H0M1.5S"),
        ISOCase(serial: 0, kind: .duration, text: "PT0H0M0S"),
        ISOCase(serial: -1.0 / 24, kind: .duration, text: "-PT1H0M0S"),
        ISOCase(serial: -1.5 / 86_400, kind: .duration, text: "-PT0H0M1.5S"),
        ISOCase(serial: 0.001 / 86_400, kind: .duration, text: "PT0H0M0.001S"),
        ISOCase(serial: 0.12 / 86_400, kind: .duration, text: "PT0H0M0.12S"),
        ISOCase(serial: (3_725.0) / 86_400, kind: .duration, text: "PT1H2M5S"),
        ISOCase(serial: 45658.5, kind: .duration, text: "PT1095804H0M0S"),
        ISOCase(serial: 100_000_000, kind: .duration, text: "PT2400000000H0M0S"),
    ])
    func iso8601FollowsTheKind(_ example: ISOCase) {
        let value = ExcelDateTime(serial: example.serial, system: .from1900, kind: example.kind)
        #expect(value.iso8601 == example.text)
    }

    @Test(arguments: [
        ISOCase(serial: -1, kind: .date, text: "-1"),
        ISOCase(serial: -0.5, kind: .time, text: "-0.5"),
        ISOCase(serial: 2_958_466, kind: .date, text: "2958466"),
        ISOCase(serial: 45000e3, kind: .dateTime, text: "45000000"),
        ISOCase(serial: 3e15, kind: .date, text: "3000000000000000"),
        ISOCase(serial: 1e16, kind: .date, text: "1e+16"),
        ISOCase(serial: 1e300, kind: .duration, text: "1e+300"),
        ISOCase(serial: .nan, kind: .date, text: "nan"),
        ISOCase(serial: .infinity, kind: .duration, text: "inf"),
        ISOCase(serial: -.infinity, kind: .time, text: "-inf"),
    ])
    func outOfRangeFallsBackToTheSerial(_ example: ISOCase) {
        let value = ExcelDateTime(serial: example.serial, system: .from1900, kind: example.kind)
        if example.kind != .duration { #expect(value.components == nil) }
        #expect(value.iso8601 == example.text)
    }

    @Test func serialTextIsTheShortestRoundTripForm() {
        #expect(ExcelDateTime(serial: 45000, system: .from1900, kind: .date).serialText == "45000")
        #expect(ExcelDateTime(serial: 0.1, system: .from1900, kind: .date).serialText == "0.1")
        #expect(ExcelDateTime(serial: -2958466.5, system: .from1900, kind: .date).serialText == "-2958466.5")
    }

    @Test func timeOnlyComponentsGiveAFractionOfADay() {
        let noon = DateTimeComponents(year: 0, month: 0, day: 0, hour: 12)
        #expect(ExcelDateTime(components: noon, system: .from1900, kind: .time)?.serial == 0.5)
        #expect(ExcelDateTime(components: noon, system: .from1904, kind: .duration)?.serial == 0.5)
        #expect(ExcelDateTime(components: noon, system: .from1900, kind: .date) == nil)
    }

    @Test(arguments: [
        DateTimeComponents(year: 2023, month: 2, day: 29),
        DateTimeComponents(year: 2025, month: 13, day: 1),
        DateTimeComponents(year: 2025, month: 4, day: 31),
        DateTimeComponents(year: 2025, month: 1, day: 0),
        DateTimeComponents(year: 2025, month: 1, day: 1, hour: 24),
        DateTimeComponents(year: 2025, month: 1, day: 1, minute: 60),
        DateTimeComponents(year: 2025, month: 1, day: 1, second: -1),
        DateTimeComponents(year: 2025, month: 1, day: 1, millisecond: 1000),
        DateTimeComponents(year: 1899, month: 12, day: 30),
        DateTimeComponents(year: 10000, month: 1, day: 1),
    ])
    func impossibleComponentsGiveNoSerial(_ components: DateTimeComponents) {
        #expect(ExcelDateTime(components: components, system: .from1900, kind: .dateTime) == nil)
    }

    @Test func system1904HasNoLotusDayAndStartsIn1904() {
        let lotus = DateTimeComponents(year: 1900, month: 2, day: 29)
        #expect(ExcelDateTime(components: lotus, system: .from1900, kind: .date)?.serial == 60)
        #expect(ExcelDateTime(components: lotus, system: .from1904, kind: .date) == nil)
        let newYear1904 = DateTimeComponents(year: 1904, month: 1, day: 1)
        #expect(ExcelDateTime(components: newYear1904, system: .from1904, kind: .date)?.serial == 0)
        #expect(ExcelDateTime(components: newYear1904, system: .from1900, kind: .date)?.serial == 1462)
        let lastDayOf1903 = DateTimeComponents(year: 1903, month: 12, day: 31)
        #expect(ExcelDateTime(components: lastDayOf1903, system: .from1904, kind: .date) == nil)
    }

    @Test func componentsWithTimeGiveTheSerialExcelStores() {
        let evening = DateTimeComponents(year: 2025, month: 1, day: 1, hour: 18)
        #expect(ExcelDateTime(components: evening, system: .from1900, kind: .dateTime)?.serial == 45658.75)
        let morning = DateTimeComponents(year: 2025, month: 1, day: 1, hour: 10, minute: 30, second: 15)
        #expect(
            ExcelDateTime(components: morning, system: .from1900, kind: .dateTime)?.serial
                == 45658 + 37_815.0 / 86_400)
    }
}
