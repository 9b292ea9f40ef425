/// An exact decimal number: a 64-bit significand times a power of ten (DESIGN §2, "exact numbers": money and counts
/// are never binary floating point in sums).
///
/// `49,7` triệu đồng is `DecimalNumber(significand: 497, exponent: -1)`; sums of them are exact. Up to 18
/// significant digits are held (any 18-digit value, and most 19-digit ones); an operation whose exact result does
/// not fit returns `nil` — never a rounded or wrapped value. The exponent stays within ±``maxExponent``.
///
/// The value remembers how it was written (`49.70` keeps two decimals, see ``fractionDigits``), but compares,
/// hashes and prints by value: `49.70 == 49.7`, and both print `49.7`.
///
/// ```swift
/// let income = DecimalNumber("49.7")!
/// let total = income.adding(DecimalNumber("0.3")!)!   // 50
/// total.description                                     // "50"
/// DecimalNumber("7.935")!.rounded(toPlaces: 2)          // 7.94 (half to even: 7.925 → 7.92)
/// ```
public struct DecimalNumber: Sendable {
    /// The digits, with the sign.
    public let significand: Int64
    /// The power of ten the significand is multiplied by.
    public let exponent: Int

    /// Largest magnitude of ``exponent``.
    public static let maxExponent = 64

    public static let zero = DecimalNumber(significand: 0, exponent: 0)

    /// The value `significand × 10^exponent`.
    ///
    /// - Precondition: `abs(exponent) <= maxExponent`.
    public init(significand: Int64, exponent: Int = 0) {
        precondition(abs(exponent) <= DecimalNumber.maxExponent, "decimal exponent \(exponent) out of range")
        self.significand = significand
        self.exponent = exponent
    }

    /// The integer `value`.
    public init(_ value: Int) {
        self.init(significand: Int64(value), exponent: 0)
    }

    /// `nil` for an exponent out of range.
    init?(checkedSignificand significand: Int64, exponent: Int) {
        guard abs(exponent) <= DecimalNumber.maxExponent else { return nil }
        self.significand = significand
        self.exponent = exponent
    }

    public var isZero: Bool { significand == 0 }
    public var isNegative: Bool { significand < 0 }

    /// Digits after the decimal point as the value was written or computed (`49.70` → 2, `12` → 0).
    public var fractionDigits: Int { max(0, -exponent) }

    /// The same value with trailing zeros of the significand removed (`49.70` → `49.7`, `1200` → `12 × 10²`).
    public var normalized: DecimalNumber {
        guard significand != 0 else { return .zero }
        var digits = significand
        var power = exponent
        while digits % 10 == 0, power < DecimalNumber.maxExponent {
            digits /= 10
            power += 1
        }
        return DecimalNumber(significand: digits, exponent: power)
    }

    /// Powers of ten that fit `UInt64`: 10⁰ … 10¹⁹.
    static let powersOfTen: [UInt64] = {
        var powers: [UInt64] = [1]
        for _ in 1...19 { powers.append(powers.last! * 10) }
        return powers
    }()

    /// `value × 10^power`, `nil` on overflow.
    static func scale(_ value: Int64, by power: Int) -> Int64? {
        if value == 0 { return 0 }
        guard power >= 0, power <= 18 else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: Int64(powersOfTen[power]))
        return overflow ? nil : product
    }
}

extension DecimalNumber: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) {
        self.init(significand: value, exponent: 0)
    }
}

extension DecimalNumber: Hashable, Comparable {
    public static func == (lhs: DecimalNumber, rhs: DecimalNumber) -> Bool {
        compare(lhs, rhs) == 0
    }

    public func hash(into hasher: inout Hasher) {
        let value = normalized
        hasher.combine(value.significand)
        hasher.combine(value.significand == 0 ? 0 : value.exponent)
    }

    public static func < (lhs: DecimalNumber, rhs: DecimalNumber) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// −1, 0 or 1 as `lhs` is below, equal to or above `rhs`; exact for every pair.
    static func compare(_ lhs: DecimalNumber, _ rhs: DecimalNumber) -> Int {
        let leftSign = lhs.significand.signum()
        let rightSign = rhs.significand.signum()
        if leftSign != rightSign { return leftSign < rightSign ? -1 : 1 }
        if leftSign == 0 { return 0 }
        // Same sign: compare magnitudes, then flip for negatives.
        let magnitudeOrder = compareMagnitudes(lhs, rhs)
        return leftSign > 0 ? magnitudeOrder : -magnitudeOrder
    }

    private static func compareMagnitudes(_ lhs: DecimalNumber, _ rhs: DecimalNumber) -> Int {
        var left = lhs.significand.magnitude
        var right = rhs.significand.magnitude
        if lhs.exponent > rhs.exponent {
            let (scaled, overflow) = scaleMagnitude(left, by: lhs.exponent - rhs.exponent)
            if overflow { return 1 }
            left = scaled
        } else if rhs.exponent > lhs.exponent {
            let (scaled, overflow) = scaleMagnitude(right, by: rhs.exponent - lhs.exponent)
            if overflow { return -1 }
            right = scaled
        }
        return left == right ? 0 : (left < right ? -1 : 1)
    }

    /// `value × 10^power` on magnitudes, with an overflow flag (value is not zero).
    static func scaleMagnitude(_ value: UInt64, by power: Int) -> (UInt64, overflow: Bool) {
        guard power <= 19 else { return (0, true) }
        let (product, overflow) = value.multipliedReportingOverflow(by: powersOfTen[power])
        return (product, overflow)
    }
}

extension DecimalNumber: CustomStringConvertible {
    /// The canonical text: digits with `.` as decimal point, no exponent, no trailing fraction zeros, `-` for
    /// negatives, `0` for zero: `1234.5`, `-0.05`, `12000`.
    public var description: String {
        let value = normalized
        var digits = String(value.significand.magnitude)
        if value.exponent > 0 {
            digits += String(repeating: "0", count: value.exponent)
        } else if value.exponent < 0 {
            let fraction = -value.exponent
            if digits.count <= fraction {
                digits = String(repeating: "0", count: fraction - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -fraction))
        }
        return value.significand < 0 ? "-" + digits : digits
    }

    /// The text with exactly `fractionDigits` decimals as stored (`49.70` stays `49.70`), `.` as decimal point.
    public var textAsWritten: String {
        guard exponent < 0 else { return DecimalNumber(significand: significand, exponent: exponent).description }
        var digits = String(significand.magnitude)
        let fraction = -exponent
        if digits.count <= fraction {
            digits = String(repeating: "0", count: fraction - digits.count + 1) + digits
        }
        digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -fraction))
        return significand < 0 ? "-" + digits : digits
    }
}
