extension UnitHierarchy {
    /// How a set of reporting units covers the communes expected under a district or province on a date.
    public struct Coverage: Hashable, Sendable {
        /// The communes expected (``UnitHierarchy/communes(under:at:)``), ordered by code.
        public let expected: [AdministrativeUnit]
        /// Expected communes with no report, ordered by code.
        public let missing: [AdministrativeUnit]
        /// Codes reported more than once, ordered.
        public let duplicates: [String]
        /// Codes reported that are not communes under the unit on the date (another district's commune, a closed
        /// code, an unknown code), in the order given.
        public let outside: [String]

        /// Whether every expected commune reported exactly once and nothing else did.
        public var isComplete: Bool { missing.isEmpty && duplicates.isEmpty && outside.isEmpty }
    }

    /// Compares the codes of the reports received with the communes expected under `parent` on `date`.
    ///
    /// - Parameters:
    ///   - codes: the unit code of each report received (one entry per report; repeats are duplicates).
    ///   - parent: the district or province consolidating.
    ///   - date: the day of the period (its ``ReportingPeriod/endDate``).
    ///
    /// ```swift
    /// let coverage = units.coverage(of: ["23535", "23538", "23536"], under: "618", at: CalendarDate("2024-12-31")!)
    /// coverage.missing.map(\.code)   // ["23537"]
    /// coverage.outside               // ["23536"] (Mô Rai, in Sa Thầy)
    /// ```
    public func coverage(of codes: [String], under parent: String, at date: CalendarDate) -> Coverage {
        let expected = communes(under: parent, at: date)
        let expectedCodes = Set(expected.map(\.code))
        var counts: [String: Int] = [:]
        var outside: [String] = []
        for code in codes {
            counts[code, default: 0] += 1
            if !expectedCodes.contains(code), counts[code] == 1 { outside.append(code) }
        }
        return Coverage(
            expected: expected, missing: expected.filter { counts[$0.code] == nil },
            duplicates: counts.filter { $0.value > 1 }.map(\.key).sorted(), outside: outside)
    }
}
