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
        let bytes = ByteBuffer()
        appendCanonicalText(to: bytes)
        return String(decoding: bytes.bytes, as: UTF8.self)
    }

    /// Appends the canonical text as UTF-8 to `output`.
    ///
    /// - Complexity: O(length of the text); no allocation for numbers, booleans and errors beyond `output`'s growth.
    public func appendCanonicalText(to output: ByteBuffer) {
        switch self {
        case .empty: break
        case .number(let number): NumberText.append(number, to: output)
        case .string(let text): output.append(contentsOf: text)
        case .richText(let rich): for run in rich.runs { output.append(contentsOf: run.text) }
        case .boolean(let flag): output.append(contentsOf: flag ? "TRUE" : "FALSE")
        case .error(let error): output.append(contentsOf: error.text)
        case .dateTime(let date): output.append(contentsOf: date.iso8601)
        }
    }
}

/// Writing doubles as their shortest round-trip decimal text.
public enum NumberText {
    /// Appends `number` in shortest round-trip form: `42`, `-0.5`, `1e+21`, `3.3333333333333335`.
    ///
    /// Integers below 2⁵³ in magnitude are written digit by digit; others use Swift's shortest-representation
    /// printing (which never loses a bit), without its trailing `.0`.
    public static func append(_ number: Double, to output: ByteBuffer) {
        // Integral values below 2^53 in magnitude convert to Int64 exactly (no libm call needed to test it).
        if abs(number) < 9_007_199_254_740_992, Double(Int64(number)) == number {
            appendInteger(Int64(number), to: output)
            return
        }
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        output.append(contentsOf: text)
    }

    /// The shortest round-trip text of a double.
    public static func text(_ number: Double) -> String {
        let bytes = ByteBuffer(capacity: 32)
        append(number, to: bytes)
        return String(decoding: bytes.bytes, as: UTF8.self)
    }

    private static func appendInteger(_ value: Int64, to output: ByteBuffer) {
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var first = 20
            repeat {
                first -= 1
                digits[first] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { output.append(UInt8(ascii: "-")) }
            output.append(UnsafeBufferPointer(rebasing: digits[first...]))
        }
    }
}
