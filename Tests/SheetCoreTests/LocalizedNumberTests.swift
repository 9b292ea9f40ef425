import SheetCore
import Testing

private func d(_ text: String) -> DecimalNumber { DecimalNumber(text)! }

@Suite("Numbers typed under a locale")
struct LocalizedNumberTests {
    /// Text that reads the same way whatever the locale, or only under the declared one.
    static let vietnamese: [(String, String, Bool, Int)] = [
        ("1.234,5", "1234.5", false, 1),
        ("1.234.567", "1234567", false, 0),
        ("1.234.567,89", "1234567.89", false, 2),
        ("49,7", "49.7", false, 1),
        ("49,70", "49.7", false, 2),
        ("0,5", "0.5", false, 1),
        (",5", "0.5", false, 1),
        ("1234", "1234", false, 0),
        ("1234,5", "1234.5", false, 1),
        ("-1.234,5", "-1234.5", false, 1),
        ("+12", "12", false, 0),
        ("−12,5", "-12.5", false, 1),
        ("( 1.234,5 )", "-1234.5", false, 1),
        ("7,93%", "7.93", true, 2),
        ("7,93 %", "7.93", true, 2),
        ("7,93\u{00A0}%", "7.93", true, 2),
        ("(7,5%)", "-7.5", true, 1),
        ("(7,5)%", "-7.5", true, 1),
        ("100%", "100", true, 0),
        ("  300  ", "300", false, 0),
        ("\u{00A0}300\u{202F}", "300", false, 0),
        ("0", "0", false, 0),
        ("-0", "0", false, 0),
        ("900.000.000", "900000000", false, 0),
        ("1.000.000.000.000.000.000", "1000000000000000000", false, 0),
    ]

    @Test(arguments: vietnamese)
    func readsVietnameseNumbers(_ text: String, _ value: String, _ percent: Bool, _ fractionDigits: Int) {
        guard case .number(let number) = LocalizedNumber.read(text, locale: .vi) else {
            Issue.record("\(text) did not read as a number: \(LocalizedNumber.read(text, locale: .vi))")
            return
        }
        #expect(number.value == d(value))
        #expect(number.isPercent == percent)
        #expect(number.fractionDigits == fractionDigits)
    }

    static let english: [(String, String)] = [
        ("1,234.5", "1234.5"),
        ("1,234,567", "1234567"),
        ("49.7", "49.7"),
        ("(1,234.5)", "-1234.5"),
        ("7.93%", "7.93"),
        ("0.5", "0.5"),
        (".5", "0.5"),
        ("12.25", "12.25"),
    ]

    @Test(arguments: english)
    func readsEnglishNumbers(_ text: String, _ value: String) {
        guard case .number(let number) = LocalizedNumber.read(text, locale: .en) else {
            Issue.record("\(text) did not read as a number: \(LocalizedNumber.read(text, locale: .en))")
            return
        }
        #expect(number.value == d(value))
    }

    /// Text whose value depends on the locale: reported, never guessed.
    static let ambiguous: [(String, String, String)] = [
        ("1.234", "1234", "1.234"),
        ("1,234", "1.234", "1234"),
        ("12.345", "12345", "12.345"),
        ("-999.000", "-999000", "-999"),
        ("(1.500)", "-1500", "-1.5"),
        ("1,500%", "1.5", "1500"),
    ]

    @Test(arguments: ambiguous)
    func reportsTextThatReadsDifferentlyUnderViAndEn(_ text: String, _ vi: String, _ en: String) {
        #expect(
            LocalizedNumber.read(text, locale: .vi)
                == .ambiguous(
                    declared: LocalizedNumber.parse(text, .vi)!, other: LocalizedNumber.parse(text, .en)!))
        guard case .ambiguous(let declared, let other) = LocalizedNumber.read(text, locale: .vi) else { return }
        #expect(declared.value == d(vi))
        #expect(other.value == d(en))
        guard case .ambiguous(let declaredEn, let otherVi) = LocalizedNumber.read(text, locale: .en) else {
            Issue.record("\(text) is not ambiguous under en")
            return
        }
        #expect(declaredEn.value == d(en))
        #expect(otherVi.value == d(vi))
    }

    /// Text that reads only under the other locale: likely a file written with the other conventions.
    static let otherLocale: [(String, String, NumberTextProblem)] = [
        ("12.5", "12.5", .malformedGrouping),
        ("1,234.5", "1234.5", .misplacedDecimalSeparator),
        ("1234.567", "1234.567", .malformedGrouping),
        ("1.2345", "1.2345", .malformedGrouping),
        ("01.234", "1.234", .malformedGrouping),
        ("1,234,567", "1234567", .misplacedDecimalSeparator),
        ("0.234", "0.234", .malformedGrouping),
        ("7.93%", "7.93", .malformedGrouping),
    ]

    @Test(arguments: otherLocale)
    func saysWhenOnlyTheOtherLocaleReadsTheText(_ text: String, _ en: String, _ problem: NumberTextProblem) {
        guard case .otherLocaleOnly(let number, let found) = LocalizedNumber.read(text, locale: .vi) else {
            Issue.record("\(text): \(LocalizedNumber.read(text, locale: .vi))")
            return
        }
        #expect(number.value == d(en))
        #expect(found == problem)
    }

    static let malformed: [(String, NumberTextProblem)] = [
        ("", .empty),
        ("   ", .empty),
        ("1.23.4", .malformedGrouping),
        ("1..234", .malformedGrouping),
        ("1.234.56", .malformedGrouping),
        ("1.234,", .misplacedDecimalSeparator),
        ("1,2,3", .misplacedDecimalSeparator),
        ("1.234,5.6", .misplacedDecimalSeparator),
        ("abc", .notANumber),
        ("12a", .notANumber),
        ("Ia Đal", .notANumber),
        ("-", .notANumber),
        ("--5", .notANumber),
        ("5-", .notANumber),
        ("(5", .notANumber),
        ("5)", .notANumber),
        ("%", .notANumber),
        ("%5", .notANumber),
        ("5%%", .notANumber),
        ("(-5)", .notANumber),
        ("1 234", .notANumber),
        ("12345678901234567891", .tooManyDigits),
        ("x", .notANumber),
        (".", .notANumber),
    ]

    @Test(arguments: malformed)
    func rejectsMalformedNumbers(_ text: String, _ problem: NumberTextProblem) {
        let reading = LocalizedNumber.read(text, locale: .vi)
        switch reading {
        case .notANumber(let found): #expect(found == problem)
        default: Issue.record("\(text) read as \(reading)")
        }
    }

    @Test func percentagesGiveTheirQuantity() {
        #expect(LocalizedNumber.parse("7,93%", .vi)?.quantity == d("0.0793"))
        #expect(LocalizedNumber.parse("300", .vi)?.quantity == d("300"))
        #expect(LocalizedNumber.parse("0%", .vi)?.quantity == d("0"))
    }

    @Test func readsFromBytes() {
        var text = "1.234,5"
        let reading = text.withUTF8 { LocalizedNumber.read($0, locale: .vi) }
        #expect(reading == .number(LocalizedNumber(value: d("1234.5"), isGrouped: true, fractionDigits: 1)))
    }
}

extension LocalizedNumber {
    /// Test shorthand: the number `text` reads as under exactly `locale`.
    fileprivate static func parse(_ text: String, _ locale: NumberLocale) -> LocalizedNumber? {
        var text = text
        return text.withUTF8 { try? parse($0, locale: locale).get() }
    }
}

@Suite("Numbers typed under a locale: the fast path agrees with the full scan")
struct LocalizedNumberFastPathTests {
    /// What `read` must answer, worked out from the full scan under each locale.
    static func expected(_ text: String, _ locale: NumberLocale) -> NumberReading {
        var text = text
        return text.withUTF8 { bytes in
            switch (LocalizedNumber.parse(bytes, locale: locale), LocalizedNumber.parse(bytes, locale: locale.other)) {
            case (.success(let mine), .success(let theirs)):
                return mine.value == theirs.value ? .number(mine) : .ambiguous(declared: mine, other: theirs)
            case (.success(let mine), .failure): return .number(mine)
            case (.failure(let problem), .success(let theirs)): return .otherLocaleOnly(theirs, problem: problem)
            case (.failure(let problem), .failure): return .notANumber(problem)
            }
        }
    }

    static let samples: [String] = {
        var samples: [String] = []
        for integer in ["", "0", "5", "12", "123", "1234", "012", "999999999999999999", "1000000000000000000"] {
            for fraction in [nil, "", "5", "50", "500", "123", "1234", "000"] {
                for separator in [".", ","] {
                    var text = integer
                    if let fraction { text += separator + fraction }
                    samples.append(text)
                    samples.append("-" + text)
                }
            }
        }
        return samples
    }()

    @Test(arguments: samples)
    func readAgreesWithBothFullScans(_ text: String) {
        for locale in NumberLocale.allCases {
            #expect(LocalizedNumber.read(text, locale: locale) == Self.expected(text, locale), "\(text) \(locale)")
        }
    }
}
