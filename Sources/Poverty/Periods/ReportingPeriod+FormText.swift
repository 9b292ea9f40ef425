extension ReportingPeriod {
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
        // Compared as UTF-8 bytes: Foundation's `contains` is slow, and this runs for every sheet read.
        let bytes = Array(folded.utf8)
        func mentions(_ phrase: String) -> Bool {
            let needle = Array(phrase.utf8)
            guard needle.count <= bytes.count else { return false }
            return (0...(bytes.count - needle.count)).contains { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
        }
        if mentions("6 tháng") || mentions("sáu tháng") {
            self.init(year: year, span: .firstHalf)
        } else if mentions("9 tháng") || mentions("chín tháng") {
            self.init(year: year, span: .nineMonths)
        } else if mentions("rà soát") {
            self.init(year: year, span: .review)
        } else {
            self.init(year: year)
        }
    }
}
