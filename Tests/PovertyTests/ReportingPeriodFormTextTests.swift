import Poverty
import Testing

@Suite struct ReportingPeriodFormTextTests {
    @Test(arguments: [
        ("Năm 2023", "2023"), ("năm 2024 ", "2024"), ("6 tháng đầu năm 2024", "2024-H1"),
        ("9 tháng năm 2025", "2025-9T"), ("Rà soát năm 2023", "2023-RS"), ("2024-H1", "2024-H1"),
        ("Kỳ báo cáo: Năm 2022", "2022"),
    ])
    func formTextNamesItsPeriod(text: String, period: String) {
        #expect(ReportingPeriod(formText: text)?.description == period)
    }

    @Test(arguments: ["", "Năm", "2023–2024", "năm 23"])
    func textWithoutOneYearIsNoPeriod(text: String) {
        #expect(ReportingPeriod(formText: text) == nil)
    }
}
