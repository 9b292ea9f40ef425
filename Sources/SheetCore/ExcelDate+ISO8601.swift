// ISO 8601 text for Excel serials, written byte by byte into the string's own storage (no Foundation, no
// formatter): this runs once per date cell when a sheet is read.
//
//   .date       2025-01-01                 .time       18:30:00       18:30:00.250
//   .dateTime   2025-01-01T18:30:00        .duration   PT36H0M0S      PT0H0M1.5S      -PT1H30M0S

extension ExcelDateTime {
    /// The value in ISO 8601, as its ``kind`` shows it.
    ///
    /// - `.date`: `YYYY-MM-DD`.
    /// - `.time`: `HH:MM:SS`, or `HH:MM:SS.mmm` when the milliseconds are not zero; the day is left out.
    /// - `.dateTime`: `YYYY-MM-DDTHH:MM:SS`, with `.mmm` as for `.time`.
    /// - `.duration`: an ISO 8601 duration in hours, minutes and seconds, `PT36H0M0S` for serial 1.5 and
    ///   `PT0H0M1.5S` for one and a half seconds; negative durations start with `-`.
    ///
    /// Times are rounded to the nearest millisecond (see ``components``). When Excel could not show the serial
    /// (``components`` is `nil`, or a duration too large or not finite) the text is the serial itself, in the
    /// shortest form that reads back to the same `Double` and without a trailing `.0`: `45000`, `-1.5`.
    ///
    /// ```swift
    /// ExcelDateTime(serial: 45658.5, system: .from1900, kind: .date).iso8601       // "2025-01-01"
    /// ExcelDateTime(serial: 45658.5, system: .from1900, kind: .time).iso8601       // "12:00:00"
    /// ExcelDateTime(serial: -1, system: .from1900, kind: .date).iso8601            // "-1"
    /// ```
    ///
    /// - Complexity: O(1); `.date` and `.time` results fit in a small string and allocate nothing.
    public var iso8601: String {
        if kind == .duration {
            return durationText ?? serialText
        }
        guard let c = components else { return serialText }
        let hasMilliseconds = c.millisecond != 0
        let timeCount = hasMilliseconds ? 12 : 8
        let count: Int
        switch kind {
        case .date: count = 10
        case .time: count = timeCount
        case .dateTime, .duration: count = 11 + timeCount
        }
        return DigitWriter.string(capacity: count) { writer in
            if kind != .time {
                writer.write(c.year, digits: 4)
                writer.write(UInt8(ascii: "-"))
                writer.write(c.month, digits: 2)
                writer.write(UInt8(ascii: "-"))
                writer.write(c.day, digits: 2)
                if kind == .date { return }
                writer.write(UInt8(ascii: "T"))
            }
            writer.write(c.hour, digits: 2)
            writer.write(UInt8(ascii: ":"))
            writer.write(c.minute, digits: 2)
            writer.write(UInt8(ascii: ":"))
            writer.write(c.second, digits: 2)
            if hasMilliseconds {
                writer.write(UInt8(ascii: "."))
                writer.write(c.millisecond, digits: 3)
            }
        }
    }

    /// `PT<h>H<m>M<s>S` for the serial read as elapsed days; `nil` when not finite or far too large.
    private var durationText: String? {
        guard let signed = totalMilliseconds else { return nil }
        let total = signed.magnitude
        let millisecond = Int(total % 1000)
        let seconds = total / 1000
        // "-PT" + up to 20 hour digits + "H59M59.999S" fits in 40 bytes.
        return DigitWriter.string(capacity: 40) { writer in
            if signed < 0 { writer.write(UInt8(ascii: "-")) }
            writer.write(UInt8(ascii: "P"))
            writer.write(UInt8(ascii: "T"))
            writer.write(seconds / 3600)
            writer.write(UInt8(ascii: "H"))
            writer.write(seconds / 60 % 60)
            writer.write(UInt8(ascii: "M"))
            writer.write(seconds % 60)
            if millisecond != 0 {
                writer.write(UInt8(ascii: "."))
                writer.writeFraction(millisecond)
            }
            writer.write(UInt8(ascii: "S"))
        }
    }

    /// The serial as Swift writes a `Double` (shortest round-trip form), without a trailing `.0`.
    var serialText: String {
        let text = serial.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}

/// Writes ASCII digits and punctuation into a buffer that the caller sized.
private struct DigitWriter {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    /// The text `body` writes into a temporary buffer of `capacity` bytes (on the stack when small).
    ///
    /// `String(decoding:as:)` keeps results of up to 15 bytes inline, so dates and times allocate nothing.
    static func string(capacity: Int, _ body: (inout DigitWriter) -> Void) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var writer = DigitWriter(buffer: buffer)
            body(&writer)
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<writer.count]), as: UTF8.self)
        }
    }

    private init(buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    mutating func write(_ byte: UInt8) {
        buffer[count] = byte
        count += 1
    }

    /// Writes a non-negative `value` zero-padded to exactly `digits` digits (the caller knows it fits).
    mutating func write<Value: BinaryInteger>(_ value: Value, digits: Int) {
        var rest = value
        var index = count + digits - 1
        while index >= count {
            buffer[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
            index -= 1
        }
        count += digits
    }

    /// Writes `value` in as many digits as it needs, `0` for zero.
    mutating func write(_ value: UInt) {
        var digits = 1
        var power: UInt = 10
        while digits < 20, value >= power {
            digits += 1
            power = power.multipliedReportingOverflow(by: 10).partialValue
        }
        write(value, digits: digits)
    }

    /// Writes milliseconds `1...999` as a decimal fraction without trailing zeros: 500 → `5`, 1 → `001`.
    mutating func writeFraction(_ millisecond: Int) {
        var value = millisecond
        var digits = 3
        while value % 10 == 0 {
            value /= 10
            digits -= 1
        }
        write(value, digits: digits)
    }
}
