import Poverty
import Testing

@Suite struct ReportingPeriodTests {
    struct Example: Sendable {
        let text: String
        let year: Int
        let span: ReportingPeriod.Span
        let canonical: String
        let end: String
    }

    @Test(arguments: [
        Example(text: "2024", year: 2024, span: .fullYear, canonical: "2024", end: "2024-12-31"),
        Example(text: "2024-H1", year: 2024, span: .firstHalf, canonical: "2024-H1", end: "2024-06-30"),
        Example(text: "2024-h1", year: 2024, span: .firstHalf, canonical: "2024-H1", end: "2024-06-30"),
        Example(text: " 2025-6T ", year: 2025, span: .firstHalf, canonical: "2025-H1", end: "2025-06-30"),
        Example(text: "2025-9T", year: 2025, span: .nineMonths, canonical: "2025-9T", end: "2025-09-30"),
        Example(text: "2024-rs", year: 2024, span: .review, canonical: "2024-RS", end: "2024-12-31"),
    ])
    func periodsParse(_ example: Example) throws {
        let period = try ReportingPeriod.parse(example.text)
        #expect(period.year == example.year)
        #expect(period.span == example.span)
        #expect(period.description == example.canonical)
        #expect(period.endDate == day(example.end))
        #expect(try ReportingPeriod.parse(period.description) == period)
    }

    @Test(arguments: ["", "24", "2024-", "2024-H2", "2024-Q3", "năm 2024", "2024-9T-1", "0999"])
    func otherTextIsNotAPeriod(_ text: String) {
        let error = povertyError { () throws(PovertyError) in try ReportingPeriod.parse(text) }
        #expect(error?.code == .invalidPeriod)
    }

    @Test func namesAndOrder() throws {
        #expect(try ReportingPeriod.parse("2024-H1").vietnameseName == "6 tháng đầu năm 2024")
        #expect(try ReportingPeriod.parse("2024-RS").englishName == "2024 review")
        let sorted = try ["2025", "2024-RS", "2024", "2024-9T", "2024-H1"].map(ReportingPeriod.parse).sorted()
        #expect(sorted.map(\.description) == ["2024-H1", "2024-9T", "2024", "2024-RS", "2025"])
    }

    @Test func calendarDates() {
        #expect(CalendarDate("2024-02-29") != nil)
        #expect(CalendarDate("2023-02-29") == nil)
        #expect(CalendarDate("2025-13-01") == nil)
        #expect(CalendarDate("2025-7-01") == nil)
        #expect(day("2025-06-30").nextDay == day("2025-07-01"))
        #expect(day("2025-01-01").previousDay == day("2024-12-31"))
        #expect(day("2024-12-31").nextDay.description == "2025-01-01")
        let span = Validity(from: day("2022-01-01"), to: day("2025-12-31"))
        #expect(span.contains(day("2025-12-31")))
        #expect(!span.contains(day("2026-01-01")))
        #expect(!span.overlaps(Validity(from: day("2026-01-01"), to: nil)))
        #expect(span.overlaps(Validity(from: nil, to: day("2022-01-01"))))
    }
}

@Suite struct LoadingFailureTests {
    @Test func aMissingMappingsFolderIsAFileError() {
        let missing = "/nonexistent/Mappings"
        let errors = [
            povertyError { () throws(PovertyError) in try PovertyStandards.loadBundled(from: missing) },
            povertyError { () throws(PovertyError) in try Programmes.loadBundled(from: missing) },
            povertyError { () throws(PovertyError) in try UnitHierarchy.loadBundled(from: missing) },
        ]
        for error in errors {
            #expect(error?.code == .fileUnreadable)
            #expect(error?.file?.hasPrefix("/nonexistent/Mappings/") == true)
        }
    }

    @Test func theLastCalendarDayDoesNotTrap() {
        #expect(day("9999-12-31").nextDay == day("9999-12-31"))
        #expect(day("0001-01-01").previousDay == day("0001-01-01"))
    }
}
