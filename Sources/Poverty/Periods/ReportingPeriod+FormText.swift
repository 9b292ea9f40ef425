import Forms

extension ReportingPeriod {
    /// The periods heading texts name, each text read once per run and shared by every thread: a run's thousands of
    /// forms print a handful of periods.
    public static let headingTexts = TextReadings(ReportingPeriod.init(formText:))

    /// Reads the period as a form prints it after "Kỳ báo cáo:": `Năm 2023`, `6 tháng đầu năm 2024`,
    /// `9 tháng năm 2025`, `Rà soát năm 2023`, or the canonical `2024`, `2024-H1`, `2024-9T`, `2024-RS`.
    ///
    /// ```swift
    /// ReportingPeriod(formText: "6 tháng đầu năm 2024")   // 2024-H1
    /// ReportingPeriod(formText: "Năm 2023")               // 2023
    /// ```
    ///
    /// - Returns: `nil` when the text names no single year (`2023–2024`, no year at all).
    public init?(formText text: String) {
        if let period = try? ReportingPeriod.parse(text) {
            self = period
            return
        }
        let folded = text.lowercased()
        let years = folded.split { !$0.isASCIIDigit }.filter { $0.count == 4 }.compactMap { Int($0) }
        guard years.count == 1, let year = years.first, (1000...9999).contains(year) else { return nil }
        // Matched as forms' text is (case, spacing and Unicode form ignored), without Foundation's slow `contains`:
        // this runs for every sheet read.
        let words = MatchText(text)
        if words.contains(Self.firstHalf) || words.contains(Self.firstHalfInWords) {
            self.init(year: year, span: .firstHalf)
        } else if words.contains(Self.nineMonths) || words.contains(Self.nineMonthsInWords) {
            self.init(year: year, span: .nineMonths)
        } else if words.contains(Self.review) {
            self.init(year: year, span: .review)
        } else {
            self.init(year: year)
        }
    }

    private static let firstHalf = MatchText("6 tháng")
    private static let firstHalfInWords = MatchText("sáu tháng")
    private static let nineMonths = MatchText("9 tháng")
    private static let nineMonthsInWords = MatchText("chín tháng")
    private static let review = MatchText("rà soát")
}
