import SheetCore

/// Numbers written the Vietnamese way for messages (DESIGN §2): `.` groups thousands, `,` marks decimals —
/// `1.234,5`, `-0,05`, `7,93`.
///
/// ```swift
/// VietnameseNumber.format(DecimalNumber("1234.5")!)                 // "1.234,5"
/// VietnameseNumber.format(DecimalNumber("7.9")!, decimals: 2)       // "7,90"
/// VietnameseNumber.format(DecimalNumber("7.935")!, decimals: 2)     // "7,94"
/// VietnameseNumber.format(1_500_000)                                // "1.500.000"
/// ```
public enum VietnameseNumber {
    /// `value` in Vietnamese notation.
    ///
    /// - Parameters:
    ///   - value: The number.
    ///   - decimals: Digits after the decimal mark: the value is rounded (half to even) or padded to exactly that
    ///     many; `nil` writes as many as the value needs (`49.70` → `49,7`).
    public static func format(_ value: DecimalNumber, decimals: Int? = nil) -> String {
        let canonical: String
        if let decimals {
            canonical = value.rounded(toPlaces: decimals).padded(toPlaces: decimals).textAsWritten
        } else {
            canonical = value.description
        }
        return localize(canonical)
    }

    /// An integer in Vietnamese notation: `1500000` → `1.500.000`.
    public static func format(_ value: Int) -> String { localize(String(value)) }

    /// `-1234.5` (canonical text: `-`, digits, optional `.` fraction) → `-1.234,5`.
    static func localize(_ canonical: String) -> String {
        var bytes = Array(canonical.utf8)
        var sign: [UInt8] = []
        if bytes.first == UInt8(ascii: "-") {
            sign = [UInt8(ascii: "-")]
            bytes.removeFirst()
        }
        let point = bytes.firstIndex(of: UInt8(ascii: ".")) ?? bytes.count
        var output = sign
        output.reserveCapacity(bytes.count + bytes.count / 3 + 2)
        for index in 0..<point {
            if index > 0, (point - index) % 3 == 0 { output.append(UInt8(ascii: ".")) }
            output.append(bytes[index])
        }
        if point < bytes.count {
            output.append(UInt8(ascii: ","))
            output.append(contentsOf: bytes[(point + 1)...])
        }
        return String(decoding: output, as: UTF8.self)
    }
}

extension DecimalNumber {
    /// The same value written with at least `places` fraction digits (`7.9` → `7.90` at 2 places).
    fileprivate func padded(toPlaces places: Int) -> DecimalNumber {
        guard places > 0, -exponent < places else { return self }
        let extra = places + exponent
        guard extra <= 18,
            let scaled = DecimalNumber(significand: significand, exponent: 0).multiplied(by: Self.power(extra)),
            abs(exponent - extra) <= DecimalNumber.maxExponent
        else { return self }
        return DecimalNumber(significand: scaled.significand, exponent: exponent - extra)
    }

    private static func power(_ n: Int) -> Int {
        var result = 1
        for _ in 0..<n { result *= 10 }
        return result
    }
}
