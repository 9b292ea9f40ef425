import SheetCore

extension PovertyStandard {
    /// The class of a household from its income per person per month, its area and how many indicators it is
    /// deprived on. Comparisons are exact decimal comparisons (`1500000` is at the rural line, `1500000.01` above).
    ///
    /// - Parameters:
    ///   - income: income per person per month, in ``incomeUnit`` (đồng/người/tháng); not negative.
    ///   - area: rural or urban, choosing the income line.
    ///   - deprivationCount: indicators the household is deprived on, `0…indicators.count`.
    /// - Returns: ``HouseholdClass/poor``, ``HouseholdClass/nearPoor``, ``HouseholdClass/middleLiving`` or
    ///   ``HouseholdClass/notPoor``.
    /// - Throws: ``PovertyError/Code/notModelled`` when this standard's rule (or its line for `area`) is not
    ///   modelled; ``PovertyError/Code/invalidValue`` for a negative income or a count out of range.
    ///
    /// ```swift
    /// try standard.classify(income: 1_500_000, area: .rural, deprivationCount: 2)   // .nearPoor
    /// try standard.classify(income: 2_000_000, area: .urban, deprivationCount: 3)   // .poor
    /// try standard.classify(income: 2_250_001, area: .rural, deprivationCount: 0)   // .notPoor
    /// ```
    public func classify(income: DecimalNumber, area: AreaType, deprivationCount: Int) throws(PovertyError)
        -> HouseholdClass
    {
        let minimum: Int
        switch rule {
        case .incomeAndDeprivations(let poorMinimumDeprivations):
            minimum = poorMinimumDeprivations
        case .notModelled(let vietnameseReason, let englishReason):
            throw PovertyError(
                .notModelled,
                vi: "Chuẩn nghèo \(key) (\(legalBasis)): chưa mô hình hóa cách phân loại hộ. \(vietnameseReason)",
                en:
                    "Poverty standard \(key) (\(legalBasis)): household classification is not modelled. \(englishReason)",
                file: nil)
        }
        guard let lines = incomeLines[area] else {
            throw PovertyError(
                .notModelled, vi: "Chuẩn nghèo \(key) không có chuẩn thu nhập cho khu vực \(area.vietnameseName).",
                en: "Poverty standard \(key) has no income line for \(area.englishName) areas.")
        }
        guard !income.isNegative else {
            throw PovertyError(
                .invalidValue, vi: "Thu nhập bình quân \(income) âm.", en: "Income per person \(income) is negative.")
        }
        guard (0...indicators.count).contains(deprivationCount) else {
            throw PovertyError(
                .invalidValue,
                vi: "Số chỉ số thiếu hụt \(deprivationCount) phải trong khoảng 0…\(indicators.count).",
                en: "Deprivation count \(deprivationCount) must be within 0…\(indicators.count).")
        }
        if income <= lines.poverty {
            return deprivationCount >= minimum ? .poor : .nearPoor
        }
        if let middleLiving = lines.middleLiving, income <= middleLiving {
            return .middleLiving
        }
        return .notPoor
    }

    /// The class of a household from its income, area and the set of indicators it is deprived on.
    ///
    /// - Parameters:
    ///   - income: income per person per month, in ``incomeUnit``.
    ///   - area: rural or urban.
    ///   - deprivations: the indicators the household lacks; each must be one of this standard's ``indicators``.
    /// - Throws: ``PovertyError/Code/unknownReference`` for an indicator of another standard, and what
    ///   ``classify(income:area:deprivationCount:)`` throws.
    ///
    /// ```swift
    /// let lacks = Set(["viec-lam", "bhyt", "nguon-nuoc"].compactMap { standard.indicator(key: $0) })
    /// try standard.classify(income: 1_200_000, area: .rural, deprivations: lacks)   // .poor
    /// ```
    public func classify(income: DecimalNumber, area: AreaType, deprivations: Set<Indicator>) throws(PovertyError)
        -> HouseholdClass
    {
        let known = Set(indicators)
        if let stranger = deprivations.first(where: { !known.contains($0) }) {
            throw PovertyError(
                .unknownReference,
                vi: "Chỉ số “\(stranger.key)” không thuộc chuẩn nghèo \(key).",
                en: "Indicator “\(stranger.key)” is not one of poverty standard \(key).")
        }
        return try classify(income: income, area: area, deprivationCount: deprivations.count)
    }
}
