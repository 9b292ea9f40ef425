/// One of a poverty standard's deprivation indicators (chỉ số đo lường mức độ thiếu hụt dịch vụ xã hội cơ bản).
///
/// NĐ 07/2021/NĐ-CP has 12, numbered 1…12 in the order the law, the review software and the report columns use.
///
/// ```swift
/// let water = standard.indicator(key: "nguon-nuoc")!
/// water.number            // 9
/// water.vietnameseName    // "Nguồn nước sinh hoạt"
/// ```
public struct Indicator: Hashable, Sendable, CustomStringConvertible {
    /// The stable key (`viec-lam`, `bhyt`, …), used in mapping files.
    public let key: String
    /// The position, 1-based, as in the law and the report columns.
    public let number: Int
    /// The key of the ``Dimension`` it belongs to.
    public let dimensionKey: String
    /// The name in Vietnamese.
    public let vietnameseName: String
    /// The name in English.
    public let englishName: String

    /// An indicator; normally read from a standard's YAML file.
    public init(key: String, number: Int, dimensionKey: String, vietnameseName: String, englishName: String) {
        self.key = key
        self.number = number
        self.dimensionKey = dimensionKey
        self.vietnameseName = vietnameseName
        self.englishName = englishName
    }

    /// `9 nguon-nuoc`.
    public var description: String { "\(number) \(key)" }
}

/// A dimension of basic social services (chiều thiếu hụt): việc làm, y tế, giáo dục, nhà ở, nước sinh hoạt và vệ
/// sinh, thông tin — each grouping indicators.
public struct Dimension: Hashable, Sendable {
    /// The stable key (`y-te`).
    public let key: String
    /// The name in Vietnamese.
    public let vietnameseName: String
    /// The name in English.
    public let englishName: String
    /// Its indicators, in number order.
    public let indicators: [Indicator]

    /// A dimension; normally read from a standard's YAML file.
    public init(key: String, vietnameseName: String, englishName: String, indicators: [Indicator]) {
        self.key = key
        self.vietnameseName = vietnameseName
        self.englishName = englishName
        self.indicators = indicators
    }
}
