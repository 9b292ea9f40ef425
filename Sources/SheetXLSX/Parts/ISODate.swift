// Cells of type `d` hold an ISO 8601 date, time or both (ECMA-376 Part 1, §18.17.4 and §22.9.2.6 ST_Xstring
// dates written as `2025-07-01T00:00:00Z`). They become Excel serials like every other date.
import SheetCore

enum ISODate {
    /// `2025-07-01`, `2025-07-01T08:30[:00[.250]][Z]`, or `08:30:00[.250][Z]`; `nil` for anything else, including
    /// dates that do not exist and times out of range.
    static func parse(_ text: String, system: DateSystem) -> ExcelDateTime? {
        var body = Substring(text)
        if body.hasSuffix("Z") { body = body.dropLast() }
        let parts = body.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        var components = DateTimeComponents(year: 0, month: 0, day: 0)
        switch parts.count {
        case 1 where parts[0].contains("-"):
            guard readDate(parts[0], into: &components) else { return nil }
            return ExcelDateTime(components: components, system: system, kind: .date)
        case 1:
            guard readTime(parts[0], into: &components) else { return nil }
            return ExcelDateTime(components: components, system: system, kind: .time)
        case 2:
            guard readDate(parts[0], into: &components), readTime(parts[1], into: &components) else { return nil }
            return ExcelDateTime(components: components, system: system, kind: .dateTime)
        default:
            return nil
        }
    }

    /// `YYYY-MM-DD`, four, two and two digits.
    private static func readDate(_ text: Substring, into components: inout DateTimeComponents) -> Bool {
        let fields = text.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].count == 4, fields[1].count == 2, fields[2].count == 2,
            let year = digits(fields[0]), let month = digits(fields[1]), let day = digits(fields[2])
        else { return false }
        (components.year, components.month, components.day) = (year, month, day)
        return true
    }

    /// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff` (one to three fraction digits kept, to the millisecond).
    private static func readTime(_ text: Substring, into components: inout DateTimeComponents) -> Bool {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 2 || fields.count == 3, fields[0].count == 2, fields[1].count == 2,
            let hour = digits(fields[0]), let minute = digits(fields[1]), hour < 24, minute < 60
        else { return false }
        (components.hour, components.minute) = (hour, minute)
        guard fields.count == 3 else { return true }
        let secondParts = fields[2].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard secondParts[0].count == 2, let second = digits(secondParts[0]), second < 60 else { return false }
        components.second = second
        if secondParts.count == 2 {
            let fraction = secondParts[1]
            guard !fraction.isEmpty, let value = digits(fraction.prefix(3)), digits(fraction) != nil else {
                return false
            }
            var millisecond = value
            for _ in fraction.prefix(3).count..<3 { millisecond *= 10 }
            components.millisecond = millisecond
        }
        return true
    }

    /// The value of a run of ASCII digits; `nil` for anything else.
    private static func digits(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 9 else { return nil }
        var value = 0
        for byte in text.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
