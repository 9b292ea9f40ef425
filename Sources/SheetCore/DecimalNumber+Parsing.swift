// Canonical decimal text, as CSV written by `bieumau cat` and `DecimalNumber.description` hold it:
//
//   number   = ["-" / "+"] (digits ["." *digit] / "." digits) [("e" / "E") ["-" / "+"] digits]
//
// No grouping, no locale: for `1.234,5` and `7,93%` see LocalizedNumber.
extension DecimalNumber {
    /// Parses canonical text: `1234.5`, `-0.05`, `+12`, `.5`, `1e+21`, `3.3E-7`.
    ///
    /// - Returns: `nil` for other text, and when the digits do not fit 18–19 significant digits (no rounding).
    ///
    /// ```swift
    /// DecimalNumber("49.7")    // 49.7
    /// DecimalNumber("1,5")     // nil
    /// ```
    public init?(_ text: some StringProtocol) {
        var text = String(text)
        guard let value = text.withUTF8({ DecimalNumber(canonical: $0) }) else { return nil }
        self = value
    }

    /// Parses canonical text from UTF-8 bytes (see ``init(_:)``).
    ///
    /// - Complexity: O(n), no allocation.
    public init?(canonical bytes: UnsafeBufferPointer<UInt8>) {
        var index = 0
        let count = bytes.count
        var negative = false
        if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var accumulator = DigitAccumulator()
        var digitCount = 0
        while index < count, let digit = DecimalNumber.digit(bytes[index]) {
            guard accumulator.append(digit, fraction: false) else { return nil }
            digitCount += 1
            index += 1
        }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, let digit = DecimalNumber.digit(bytes[index]) {
                guard accumulator.append(digit, fraction: true) else { return nil }
                digitCount += 1
                index += 1
            }
        }
        guard digitCount > 0 else { return nil }
        var exponent = 0
        if index < count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var negativeExponent = false
            if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                negativeExponent = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var exponentDigits = 0
            while index < count, let digit = DecimalNumber.digit(bytes[index]) {
                if exponent < 10_000 { exponent = exponent * 10 + Int(digit) }
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { return nil }
            if negativeExponent { exponent = -exponent }
        }
        guard index == count, let value = accumulator.value(negative: negative, exponent: exponent) else { return nil }
        self = value
    }

    /// The exact decimal of a double's shortest round-trip text (`0.1` → `0.1`, not 0.1000000000000000055…);
    /// `nil` for NaN, infinities and values whose exponent is out of range.
    public init?(shortestRepresentationOf double: Double) {
        guard double.isFinite else { return nil }
        guard let value = DecimalNumber(NumberText.text(double)) else { return nil }
        self = value
    }

    @inline(__always)
    static func digit(_ byte: UInt8) -> UInt8? {
        let value = byte &- UInt8(ascii: "0")
        return value < 10 ? value : nil
    }
}

/// Digits gathered into a significand: leading zeros skipped, trailing zeros of the integer part folded into the
/// exponent when the significand would overflow, fraction digits counted.
struct DigitAccumulator {
    var significand: UInt64 = 0
    /// Power of ten to apply: −(fraction digits kept) + (integer zeros not stored).
    var exponent = 0
    /// Integer zeros not yet multiplied in (kept back so `1000…0` with many zeros still fits).
    var pendingZeros = 0

    /// Adds one digit; `false` when a non-zero digit no longer fits (the value would have to be rounded).
    @inline(__always)
    mutating func append(_ digit: UInt8, fraction: Bool) -> Bool {
        // Fast path: room for one more digit, nothing held back.
        if significand <= 922_337_203_685_477_579, pendingZeros == 0 {
            significand = significand &* 10 &+ UInt64(digit)
            if fraction { exponent -= 1 }
            return true
        }
        return appendNearTheLimit(digit, fraction: fraction)
    }

    /// A digit when the significand is close to overflowing: zeros are held back, other digits must still fit.
    mutating func appendNearTheLimit(_ digit: UInt8, fraction: Bool) -> Bool {
        if digit == 0 {
            if significand == 0 {
                if fraction { exponent -= 1 }
                return true
            }
            pendingZeros += 1
            if fraction { exponent -= 1 }
            return true
        }
        // Multiply in the zeros held back, then the digit.
        var value = significand
        for _ in 0..<(pendingZeros + 1) {
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return false }
            value = product
        }
        let (sum, overflow) = value.addingReportingOverflow(UInt64(digit))
        guard !overflow, sum <= UInt64(Int64.max) else { return false }
        significand = sum
        pendingZeros = 0
        if fraction { exponent -= 1 }
        return true
    }

    /// The number; trailing zeros stay in the significand (`49.70` keeps two decimals) unless they only fit in the
    /// exponent. `nil` when the exponent is out of range.
    func value(negative: Bool, exponent extra: Int) -> DecimalNumber? {
        guard significand != 0 else { return .zero }
        var digits = significand
        var power = exponent + extra
        var zeros = pendingZeros
        while zeros > 0 {
            let (product, overflow) = digits.multipliedReportingOverflow(by: 10)
            if overflow || product > UInt64(Int64.max) { break }
            digits = product
            zeros -= 1
        }
        power += zeros
        let signed = Int64(digits)
        return DecimalNumber(checkedSignificand: negative ? -signed : signed, exponent: power)
    }
}
