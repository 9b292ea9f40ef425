// Numbers typed by people, under a declared locale (DESIGN §2: exact numbers; §3: typed columns):
//
//   text      = *space body *space
//   body      = [sign] unsigned [percent]  /  "(" *space unsigned [percent] *space ")" [percent]   ; (…) is negative
//   unsigned  = integer [decimal 1*digit]  /  decimal 1*digit
//   integer   = 1*digit  /  1*3digit 1*(group 3digit)           ; grouped: no leading zero group
//   percent   = *space "%"
//   sign      = "-" / "+" / "−" (U+2212)
//   space     = SP / TAB / NBSP (U+00A0) / NARROW NBSP (U+202F)
//
//   locale  group  decimal   example
//   vi      .      ,         1.234,5   7,93%   (1.234)
//   en      ,      .         1,234.5   7.93%   (1,234)
//
// Text that reads as a number under both locales with different values (`1.234`: 1234 in vi, 1.234 in en) is
// reported as ambiguous, never guessed.

/// The conventions for writing numbers that text is read under.
public enum NumberLocale: String, Sendable, CaseIterable {
    /// Vietnamese: `.` groups thousands, `,` is the decimal mark: `1.234,5`.
    case vi
    /// English: `,` groups thousands, `.` is the decimal mark: `1,234.5`.
    case en

    /// The byte that groups thousands.
    public var groupingSeparator: UInt8 { self == .vi ? UInt8(ascii: ".") : UInt8(ascii: ",") }
    /// The byte before the fraction.
    public var decimalSeparator: UInt8 { self == .vi ? UInt8(ascii: ",") : UInt8(ascii: ".") }
    /// The locale with the separators swapped.
    public var other: NumberLocale { self == .vi ? .en : .vi }
}

/// A number read from text under a locale, with how it was written.
public struct LocalizedNumber: Hashable, Sendable {
    /// The number as written: `7,93%` → 7.93, `(1.234)` → −1234.
    public var value: DecimalNumber
    /// Whether a `%` followed the number.
    public var isPercent: Bool
    /// Whether the integer part used the grouping separator.
    public var isGrouped: Bool
    /// Digits written after the decimal separator (`49,70` → 2): the precision the author showed.
    public var fractionDigits: Int

    public init(value: DecimalNumber, isPercent: Bool = false, isGrouped: Bool = false, fractionDigits: Int = 0) {
        self.value = value
        self.isPercent = isPercent
        self.isGrouped = isGrouped
        self.fractionDigits = fractionDigits
    }

    /// The quantity meant: the value divided by 100 for a percentage (`7,93%` → 0.0793), exactly.
    public var quantity: DecimalNumber {
        guard isPercent, !value.isZero else { return value }
        return DecimalNumber(checkedSignificand: value.significand, exponent: value.exponent - 2) ?? value
    }
}

/// Why text is not a number under a locale.
public enum NumberTextProblem: String, Error, Hashable, Sendable {
    /// Nothing but spaces.
    case empty
    /// Characters that are not part of a number (letters, a second sign, `%` in the middle…).
    case notANumber
    /// Grouping separators not every three digits (`1.23.4`, `12.34` under vi), or a group after a leading zero.
    case malformedGrouping
    /// A decimal separator without digits after it, more than one, or a grouping separator after it.
    case misplacedDecimalSeparator
    /// More significant digits than an exact decimal holds (18–19).
    case tooManyDigits
}

/// What text reads as under a declared locale.
public enum NumberReading: Hashable, Sendable {
    /// A number, read the same way under the other locale or not readable under it.
    case number(LocalizedNumber)
    /// A number under both locales, with different values (`1.234`): a finding for a person, not a guess.
    case ambiguous(declared: LocalizedNumber, other: LocalizedNumber)
    /// Not a number under the declared locale, but one under the other (`12.5` declared vi): likely a file
    /// written under the other locale.
    case otherLocaleOnly(LocalizedNumber, problem: NumberTextProblem)
    /// Not a number under either locale.
    case notANumber(NumberTextProblem)
}

extension LocalizedNumber {
    /// Reads `text` under `locale`, and says when it would read differently under the other locale.
    ///
    /// ```swift
    /// LocalizedNumber.read("1.234,5", locale: .vi)   // .number(1234.5)
    /// LocalizedNumber.read("1.234", locale: .vi)     // .ambiguous(declared: 1234, other: 1.234)
    /// LocalizedNumber.read("7,93 %", locale: .vi)    // .number(7.93, isPercent: true)
    /// LocalizedNumber.read("1.23.4", locale: .vi)    // .notANumber(.malformedGrouping)
    /// ```
    public static func read(_ text: some StringProtocol, locale: NumberLocale) -> NumberReading {
        var text = String(text)
        return text.withUTF8 { read($0, locale: locale) }
    }

    /// Reads UTF-8 bytes under `locale` (see ``read(_:locale:)-(StringProtocol,_)``).
    ///
    /// - Complexity: O(n), no allocation.
    public static func read(_ bytes: UnsafeBufferPointer<UInt8>, locale: NumberLocale) -> NumberReading {
        if let plain = readPlain(bytes, locale: locale) { return .number(plain) }
        var scanner = NumberScanner(bytes: bytes, locale: locale)
        let declared = scanner.scan()
        if case .success(let mine) = declared, scanner.separators != 1 {
            // No separator: both locales read the same. Two or more: the other locale cannot read it (its
            // grammar would need them the other way round), so only one separator can be ambiguous.
            return .number(mine)
        }
        let other = parse(bytes, locale: locale.other)
        switch (declared, other) {
        case (.success(let mine), .success(let theirs)):
            return mine.value == theirs.value ? .number(mine) : .ambiguous(declared: mine, other: theirs)
        case (.success(let mine), .failure):
            return .number(mine)
        case (.failure(let problem), .success(let theirs)):
            return .otherLocaleOnly(theirs, problem: problem)
        case (.failure(let problem), .failure):
            return .notANumber(problem)
        }
    }

    /// The common case of ``read(_:locale:)-(UnsafeBufferPointer<UInt8>,_)`` on a fast path: `[-]digits[decimal
    /// digits]` with up to 18 digits and the locale's decimal mark, that no other locale reads differently; `nil`
    /// for anything else, which `read` then decides.
    ///
    /// ```swift
    /// LocalizedNumber.readPlain(bytes, locale: .vi)   // "49,7" → 49.7; "1.234" → nil (ambiguous: read says so)
    /// ```
    ///
    /// - Complexity: O(n), no allocation; for the per-cell loops of typed readers (inlinable into them: with it,
    ///   the typed rows of `Benchmarks/csv_run.py` ran 6 % fewer instructions, callgrind on a 10 MB file).
    @inlinable
    public static func readPlain(_ bytes: UnsafeBufferPointer<UInt8>, locale: NumberLocale) -> LocalizedNumber? {
        let count = bytes.count
        var index = 0
        let negative = count > 0 && bytes[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        let firstDigit = index
        var significand: UInt64 = 0
        while index < count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            if digit >= 10 { break }
            significand = significand &* 10 &+ UInt64(digit)
            index &+= 1
        }
        let integerDigits = index - firstDigit
        var fractionDigits = 0
        if index < count, bytes[index] == locale.decimalSeparator {
            index &+= 1
            while index < count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                if digit >= 10 { break }
                significand = significand &* 10 &+ UInt64(digit)
                index &+= 1
                fractionDigits &+= 1
            }
            // `1.234` (en) is 1234 in vi: leave it to the full scan, which reports it.
            if fractionDigits == 0
                || (fractionDigits == 3 && integerDigits <= 3 && bytes[firstDigit] != UInt8(ascii: "0"))
            {
                return nil
            }
        }
        guard index == count, integerDigits > 0, integerDigits + fractionDigits <= 18 else { return nil }
        let signed = Int64(significand)
        return LocalizedNumber(
            value: DecimalNumber(significand: negative ? -signed : signed, exponent: -fractionDigits),
            fractionDigits: fractionDigits)
    }

    /// Reads bytes under one locale only, without looking at the other.
    ///
    /// - Complexity: O(n), no allocation.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, locale: NumberLocale)
        -> Result<LocalizedNumber, NumberTextProblem>
    {
        var scanner = NumberScanner(bytes: bytes, locale: locale)
        return scanner.scan()
    }
}

/// One pass over the bytes of a localized number.
private struct NumberScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let group: UInt8
    let decimal: UInt8
    var index = 0
    var end: Int
    /// Grouping and decimal separators met (complete when the scan succeeds).
    var separators = 0

    init(bytes: UnsafeBufferPointer<UInt8>, locale: NumberLocale) {
        self.bytes = bytes
        group = locale.groupingSeparator
        decimal = locale.decimalSeparator
        end = bytes.count
    }

    mutating func scan() -> Result<LocalizedNumber, NumberTextProblem> {
        skipSpaces()
        trimTrailingSpaces()
        guard index < end else { return .failure(.empty) }
        var negative = false
        var percent = false
        if bytes[index] == UInt8(ascii: "(") {
            // `(1.234)`, `(7,5%)` or `(7,5)%`.
            if bytes[end - 1] == UInt8(ascii: "%") {
                percent = true
                end -= 1
                trimTrailingSpaces()
            }
            guard end - index >= 2, bytes[end - 1] == UInt8(ascii: ")") else { return .failure(.notANumber) }
            negative = true
            index += 1
            end -= 1
            skipSpaces()
            trimTrailingSpaces()
        } else if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        } else if end - index >= 3, bytes[index] == 0xE2, bytes[index + 1] == 0x88, bytes[index + 2] == 0x92 {
            // U+2212 MINUS SIGN
            negative = true
            index += 3
        }
        if index < end, bytes[end - 1] == UInt8(ascii: "%") {
            guard !percent else { return .failure(.notANumber) }
            percent = true
            end -= 1
            trimTrailingSpaces()
        }
        guard index < end else { return .failure(.notANumber) }

        var digits = DigitAccumulator()
        // Integer part.
        var integerDigits = 0
        var groupDigits = 0  // digits since the last grouping separator (or the start)
        var grouped = false
        var leadingZeroGroup = false
        while index < end {
            let byte = bytes[index]
            if let digit = DecimalNumber.digit(byte) {
                if integerDigits == 0, digit == 0 { leadingZeroGroup = true }
                guard digits.append(digit, fraction: false) else { return .failure(.tooManyDigits) }
                integerDigits += 1
                groupDigits += 1
                index += 1
            } else if byte == group {
                // A group ends: the first one has 1–3 digits (not a lone leading 0), the others exactly 3.
                if grouped {
                    guard groupDigits == 3 else { return .failure(.malformedGrouping) }
                } else {
                    guard groupDigits >= 1, groupDigits <= 3, !(leadingZeroGroup && groupDigits >= 1) else {
                        return .failure(groupDigits == 0 ? .notANumber : .malformedGrouping)
                    }
                }
                grouped = true
                groupDigits = 0
                separators += 1
                index += 1
            } else {
                break
            }
        }
        if grouped, groupDigits != 3 { return .failure(.malformedGrouping) }
        // Fraction.
        var fractionDigits = 0
        if index < end, bytes[index] == decimal {
            separators += 1
            index += 1
            while index < end, let digit = DecimalNumber.digit(bytes[index]) {
                guard digits.append(digit, fraction: true) else { return .failure(.tooManyDigits) }
                fractionDigits += 1
                index += 1
            }
            guard fractionDigits > 0 else { return .failure(.misplacedDecimalSeparator) }
            if index < end, bytes[index] == group || bytes[index] == decimal {
                return .failure(.misplacedDecimalSeparator)
            }
        }
        guard index == end else {
            if index < end, bytes[index] == decimal || bytes[index] == group {
                return .failure(.misplacedDecimalSeparator)
            }
            return .failure(.notANumber)
        }
        guard integerDigits + fractionDigits > 0 else { return .failure(.notANumber) }
        guard let value = digits.value(negative: negative, exponent: 0) else { return .failure(.tooManyDigits) }
        return .success(
            LocalizedNumber(value: value, isPercent: percent, isGrouped: grouped, fractionDigits: fractionDigits))
    }

    private mutating func skipSpaces() {
        while index < end {
            let width = spaceWidth(at: index)
            if width == 0 { return }
            index += width
        }
    }

    private mutating func trimTrailingSpaces() {
        while end > index {
            let width = isSpace(at: end - 1)
            if width == 0 { return }
            end -= width
        }
    }

    /// Width of a space starting at `position`: SP, TAB, NBSP (C2 A0), NARROW NBSP (E2 80 AF).
    private func spaceWidth(at position: Int) -> Int {
        let byte = bytes[position]
        if byte == 0x20 || byte == 0x09 { return 1 }
        if byte == 0xC2, position + 1 < end, bytes[position + 1] == 0xA0 { return 2 }
        if byte == 0xE2, position + 2 < end, bytes[position + 1] == 0x80, bytes[position + 2] == 0xAF { return 3 }
        return 0
    }

    /// Width of a space ending at `last` (inclusive), `0` when none ends there.
    private func isSpace(at last: Int) -> Int {
        let byte = bytes[last]
        if byte == 0x20 || byte == 0x09 { return 1 }
        if byte == 0xA0, last >= index + 1, bytes[last - 1] == 0xC2 { return 2 }
        if byte == 0xAF, last >= index + 2, bytes[last - 1] == 0x80, bytes[last - 2] == 0xE2 { return 3 }
        return 0
    }
}
