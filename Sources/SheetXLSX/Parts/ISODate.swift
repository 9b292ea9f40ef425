// Cells of type `d` hold an ISO 8601 date, time or both (ECMA-376 Part 1, §18.17.4 and §22.9.2.6 ST_Xstring
// dates written as `2025-07-01T00:00:00Z`). They become Excel serials like every other date.
import SheetCore

enum ISODate {
    /// `2025-07-01`, `2025-07-01T08:30:00[.250][Z]`, or `08:30:00`; `nil` for anything else.
    static func parse(_ text: String, system: DateSystem) -> ExcelDateTime? {
        var body = Substring(text)
        if body.hasSuffix("Z") { body = body.dropLast() }
        let parts = body.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        var components = DateTimeComponents(year: 1899, month: 12, day: 31)
        var hasDate = false
        var hasTime = false
        for part in parts where !part.isEmpty {
            if part.contains("-") {
                let fields = part.split(separator: "-").compactMap { Int($0) }
                guard fields.count == 3 else { return nil }
                (components.year, components.month, components.day) = (fields[0], fields[1], fields[2])
                hasDate = true
            } else {
                let fields = part.split(separator: ":")
                guard fields.count >= 2, fields.count <= 3, let hour = Int(fields[0]), let minute = Int(fields[1])
                else { return nil }
                components.hour = hour
                components.minute = minute
                if fields.count == 3 {
                    let secondParts = fields[2].split(separator: ".", maxSplits: 1)
                    guard let second = Int(secondParts[0]) else { return nil }
                    components.second = second
                    if secondParts.count == 2 {
                        var digits = String(secondParts[1].prefix(3))
                        while digits.count < 3 { digits += "0" }
                        guard let millisecond = Int(digits) else { return nil }
                        components.millisecond = millisecond
                    }
                }
                hasTime = true
            }
        }
        let kind: TemporalKind = hasDate ? (hasTime ? .dateTime : .date) : .time
        guard hasDate || hasTime else { return nil }
        if !hasDate {
            let seconds = Double(components.hour * 3600 + components.minute * 60 + components.second)
            return ExcelDateTime(serial: (seconds + Double(components.millisecond) / 1000) / 86_400, system: system, kind: .time)
        }
        return ExcelDateTime(components: components, system: system, kind: kind)
    }
}
