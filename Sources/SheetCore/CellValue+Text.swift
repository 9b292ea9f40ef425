/// The canonical text of values, as `bieumau cat` and CSV output write them (DESIGN §5): numbers in shortest
/// round-trip form with `.` as decimal point, dates and times ISO 8601, booleans `TRUE`/`FALSE`, errors as their
/// text.
extension CellValue {
    /// The value's canonical text; `""` for an empty cell.
    ///
    /// ```swift
    /// CellValue.number(45000).canonicalText   // "45000"
    /// CellValue.boolean(true).canonicalText   // "TRUE"
    /// ```
    public var canonicalText: String {
        var bytes: [UInt8] = []
        appendCanonicalText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the canonical text as UTF-8 to `output`.
    ///
    /// - Complexity: O(length of the text); no allocation for numbers, booleans and errors beyond `output`'s growth.
    public func appendCanonicalText(to output: inout [UInt8]) {
        switch self {
        case .empty: break
        case .number(let number): NumberText.append(number, to: &output)
        case .string(let text): output.append(contentsOf: text.utf8)
        case .richText(let rich): for run in rich.runs { output.append(contentsOf: run.text.utf8) }
        case .boolean(let flag): output.append(contentsOf: flag ? "TRUE".utf8 : "FALSE".utf8)
        case .error(let error): output.append(contentsOf: error.text.utf8)
        case .dateTime(let date): output.append(contentsOf: date.iso8601.utf8)
        }
    }
}

/// Writing doubles as their shortest round-trip decimal text.
public enum NumberText {
    /// Appends `number` in shortest round-trip form: `42`, `-0.5`, `1e+21`, `3.3333333333333335`.
    ///
    /// Integers below 2⁵³ in magnitude are written digit by digit; others use Swift's shortest-representation
    /// printing (which never loses a bit), without its trailing `.0`.
    public static func append(_ number: Double, to output: inout [UInt8]) {
        if number == number.rounded(.towardZero), abs(number) < 9_007_199_254_740_992 {
            appendInteger(Int64(number), to: &output)
            return
        }
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        output.append(contentsOf: text.utf8)
    }

    /// The shortest round-trip text of a double.
    public static func text(_ number: Double) -> String {
        var bytes: [UInt8] = []
        append(number, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendInteger(_ value: Int64, to output: inout [UInt8]) {
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var first = 20
            repeat {
                first -= 1
                digits[first] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { output.append(UInt8(ascii: "-")) }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[first...]))
        }
    }
}
