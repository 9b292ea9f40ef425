/// Where a household lives, for the income line that applies to it.
public enum AreaType: String, CaseIterable, Hashable, Sendable {
    /// Nông thôn.
    case rural
    /// Thành thị.
    case urban

    /// `Nông thôn` / `Thành thị`.
    public var vietnameseName: String { self == .rural ? "Nông thôn" : "Thành thị" }
    /// `rural` / `urban`.
    public var englishName: String { rawValue }
}

/// The class a poverty standard gives a household.
///
/// Stable keys (`rawValue`): `poor`, `near-poor`, `middle-living`, `not-poor`.
public enum HouseholdClass: String, CaseIterable, Hashable, Sendable {
    /// Hộ nghèo.
    case poor = "poor"
    /// Hộ cận nghèo.
    case nearPoor = "near-poor"
    /// Hộ có mức sống trung bình: income above the poverty line up to the middle-living line. Official counts are
    /// of farm, forestry, fishery and salt households (hộ làm nông, lâm, ngư, diêm nghiệp) only; the classifier
    /// judges income alone and leaves the occupation to the caller.
    case middleLiving = "middle-living"
    /// Above every band of the standard (không thuộc diện nghèo, cận nghèo, mức sống trung bình).
    case notPoor = "not-poor"

    /// The class as written on Vietnamese forms.
    public var vietnameseName: String {
        switch self {
        case .poor: return "Hộ nghèo"
        case .nearPoor: return "Hộ cận nghèo"
        case .middleLiving: return "Hộ có mức sống trung bình"
        case .notPoor: return "Hộ không thuộc diện nghèo, cận nghèo, mức sống trung bình"
        }
    }

    /// The class in English.
    public var englishName: String {
        switch self {
        case .poor: return "poor household"
        case .nearPoor: return "near-poor household"
        case .middleLiving: return "middle-living household"
        case .notPoor: return "not poor, near-poor or middle-living"
        }
    }
}
