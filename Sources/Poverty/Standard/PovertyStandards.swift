/// Every poverty standard known, keyed by period: which one applies on a date or to a reporting period.
///
/// The bundled ones are read from `Mappings/standards/*.yaml` (one file per standard; format in
/// `Mappings/standards/README.md`). Validity spans must not overlap, nor review years.
///
/// ```swift
/// let standards = try PovertyStandards.loadBundled(from: "Mappings")
/// standards.standard(for: try ReportingPeriod.parse("2024-RS"))?.key     // "2022-2025"
/// standards.standard(at: CalendarDate("2019-06-30")!)?.key               // "2016-2020"
/// ```
public struct PovertyStandards: Sendable {
    /// The standards, ordered by the start of their validity.
    public let standards: [PovertyStandard]

    /// A catalogue of `standards`, checked for duplicate keys and overlapping periods.
    ///
    /// - Throws: ``PovertyError/Code/duplicate`` naming the second definition.
    public init(_ standards: [PovertyStandard]) throws(PovertyError) {
        let sorted = standards.sorted { $0.validity.start < $1.validity.start }
        for (index, standard) in sorted.enumerated() {
            for other in sorted[..<index] {
                if other.key == standard.key {
                    throw PovertyError(
                        .duplicate, vi: "Chuẩn nghèo “\(standard.key)” đã được định nghĩa ở \(other.source).",
                        en: "Poverty standard “\(standard.key)” is already defined at \(other.source).",
                        file: standard.source)
                }
                if other.validity.overlaps(standard.validity) {
                    throw PovertyError(
                        .duplicate,
                        vi:
                            "Thời gian áp dụng \(standard.validity) của chuẩn “\(standard.key)” trùng với chuẩn “\(other.key)” (\(other.source)).",
                        en:
                            "Validity \(standard.validity) of standard “\(standard.key)” overlaps standard “\(other.key)” (\(other.source)).",
                        file: standard.source)
                }
                if let mine = standard.reviewYears, let theirs = other.reviewYears, mine.overlaps(theirs) {
                    throw PovertyError(
                        .duplicate,
                        vi:
                            "Năm rà soát \(mine.lowerBound)–\(mine.upperBound) của chuẩn “\(standard.key)” trùng với chuẩn “\(other.key)”.",
                        en:
                            "Review years \(mine.lowerBound)–\(mine.upperBound) of standard “\(standard.key)” overlap standard “\(other.key)”.",
                        file: standard.source)
                }
            }
        }
        self.standards = sorted
    }

    /// The standard applying on `date`, `nil` when none is known.
    public func standard(at date: CalendarDate) -> PovertyStandard? {
        standards.first { $0.validity.contains(date) }
    }

    /// The standard for a reporting period: for a review (``ReportingPeriod/Span/review``) the standard whose
    /// ``PovertyStandard/reviewYears`` hold the year (the review held in late 2021 already applied the 2022–2025
    /// standard); otherwise the one valid on the period's ``ReportingPeriod/endDate``. `nil` when none is known.
    public func standard(for period: ReportingPeriod) -> PovertyStandard? {
        if period.span == .review {
            return standards.first { $0.reviewYears?.contains(period.year) ?? false }
        }
        return standard(at: period.endDate)
    }

    /// The standard with `key` (`2022-2025`).
    public func standard(key: String) -> PovertyStandard? {
        standards.first { $0.key == key }
    }
}
