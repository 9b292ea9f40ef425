/// A modification time as ZIP stores it: MS-DOS date and time fields, no time zone, two-second resolution
/// (APPNOTE 4.4.6).
///
/// ``ZipWriter`` stamps every entry with ``dosEpoch`` unless told otherwise, as Excel does, so that the same content
/// always gives the same bytes.
///
/// ```swift
/// let writer = try ZipWriter(path: "book.xlsx")
/// writer.timestamp = ZipTimestamp(year: 2025, month: 7, day: 1, hour: 8)
/// ```
public struct ZipTimestamp: Sendable, Hashable {
    /// The MS-DOS date: bits 15–9 year − 1980, bits 8–5 month, bits 4–0 day.
    public let date: UInt16
    /// The MS-DOS time: bits 15–11 hour, bits 10–5 minute, bits 4–0 second ÷ 2.
    public let time: UInt16

    /// Encodes a calendar date and time; each field is clamped to what the format can hold.
    ///
    /// - Parameters:
    ///   - year: 1980...2107.
    ///   - month: 1...12.
    ///   - day: 1...31.
    ///   - hour: 0...23.
    ///   - minute: 0...59.
    ///   - second: 0...59, stored rounded down to an even number.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        func clamp(_ value: Int, _ range: ClosedRange<Int>) -> UInt16 {
            UInt16(min(max(value, range.lowerBound), range.upperBound))
        }
        date = (clamp(year, 1980...2107) - 1980) << 9 | clamp(month, 1...12) << 5 | clamp(day, 1...31)
        time = clamp(hour, 0...23) << 11 | clamp(minute, 0...59) << 5 | clamp(second, 0...59) / 2
    }

    /// 1980-01-01 00:00:00, the earliest time the format holds and what Excel writes for every part.
    public static let dosEpoch = ZipTimestamp(year: 1980, month: 1, day: 1)
}
