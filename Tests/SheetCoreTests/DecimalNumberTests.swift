import SheetCore
import Testing

private func d(_ text: String) -> DecimalNumber { DecimalNumber(text)! }

@Suite("DecimalNumber: exact decimals")
struct DecimalNumberTests {
    @Test(arguments: [
        ("0", "0", 0, 0),
        ("-0", "0", 0, 0),
        ("+12", "12", 12, 0),
        ("49.7", "49.7", 497, -1),
        ("49.70", "49.7", 4970, -2),
        ("-0.05", "-0.05", -5, -2),
        (".5", "0.5", 5, -1),
        ("5.", "5", 5, 0),
        ("007", "7", 7, 0),
        ("1200", "1200", 1200, 0),
        ("1e+21", "1000000000000000000000", 1, 21),
        ("1E21", "1000000000000000000000", 1, 21),
        ("3.3e-7", "0.00000033", 33, -8),
        ("1.5e2", "150", 15, 1),
        ("922337203685477580.7", "922337203685477580.7", 9_223_372_036_854_775_807, -1),
        ("-922337203685477580.7", "-922337203685477580.7", -9_223_372_036_854_775_807, -1),
        ("100000000000000000000000", "100000000000000000000000", 1_000_000_000_000_000_000, 5),
        ("0.000", "0", 0, 0),
        ("12345678901234567.89", "12345678901234567.89", 1_234_567_890_123_456_789, -2),
    ])
    func parsesCanonicalTextExactly(_ text: String, _ canonical: String, _ significand: Int64, _ exponent: Int) {
        let value = DecimalNumber(text)
        #expect(value?.description == canonical)
        #expect(value?.significand == significand)
        #expect(value?.exponent == exponent)
    }

    @Test(arguments: [
        "", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "1 000", " 1", "1 ", "--1", "0x10", "1_000", "NaN", "inf",
        "12345678901234567891",  // 20 significant digits
        "9223372036854775808",  // Int64.max + 1
        "1.00000000000000000001",
        "1e65", "1e-65",
    ])
    func refusesTextThatIsNotExactCanonicalDecimal(_ text: String) {
        #expect(DecimalNumber(text) == nil)
    }

    @Test(arguments: [
        ("49.7", "0.3", "50"),
        ("0.1", "0.2", "0.3"),
        ("-1.5", "1.5", "0"),
        ("1000000", "0.000001", "1000000.000001"),
        ("1e20", "1e20", "200000000000000000000"),
        ("999999999999999999", "1", "1000000000000000000"),
        ("1.000", "2", "3"),
    ])
    func addsExactly(_ a: String, _ b: String, _ sum: String) {
        #expect(d(a).adding(d(b))?.description == sum)
        #expect(d(b).adding(d(a))?.description == sum)
        #expect(d(sum).subtracting(d(b)) == d(a))
    }

    @Test func sumsOfDecimalsAreExactWhereDoublesAreNot() {
        let tenths = Array(repeating: d("0.1"), count: 10)
        #expect(DecimalNumber.sum(tenths) == d("1"))
        #expect(tenths.map(\.doubleValue).reduce(0, +) != 1.0)
        #expect(DecimalNumber.sum([]) == .zero)
    }

    @Test(arguments: [
        ("9223372036854775807", "1"),
        ("1e30", "1e-30"),
        ("-9223372036854775807", "-2"),
    ])
    func overflowIsNilNeverWrong(_ a: String, _ b: String) {
        #expect(d(a).adding(d(b)) == nil)
    }

    @Test func multipliesExactly() {
        #expect(d("49.7").multiplied(by: 3)?.description == "149.1")
        #expect(d("1.5").multiplied(by: d("1.5"))?.description == "2.25")
        #expect(d("4611686018427387904").multiplied(by: 2) == nil)
        #expect(d("1e18").multiplied(by: d("1e18"))?.description == "1" + String(repeating: "0", count: 36))
        #expect(d("300").multiplied(by: 0) == .zero)
        #expect(DecimalNumber(significand: .min).negated() == nil)
        #expect(d("7.93").negated() == d("-7.93"))
    }

    @Test(arguments: [
        ("2.345", 2, "2.34"),
        ("2.355", 2, "2.36"),
        ("2.3451", 2, "2.35"),
        ("-2.345", 2, "-2.34"),
        ("-2.355", 2, "-2.36"),
        ("0.5", 0, "0"),
        ("1.5", 0, "2"),
        ("2.5", 0, "2"),
        ("-0.5", 0, "0"),
        ("7.9349", 2, "7.93"),
        ("7.935", 2, "7.94"),
        ("7.925", 2, "7.92"),
        ("12", 2, "12"),
        ("1250", -2, "1200"),
        ("1350", -2, "1400"),
        ("0.0000000000000000000001", 2, "0"),
        ("9.223372036854775807", 0, "9"),
        ("0.9223372036854775807", 0, "1"),
        ("0.5000000000000000000", 0, "0"),
        ("0.09223372036854775807", 0, "0"),
    ])
    func roundsHalfToEven(_ text: String, _ places: Int, _ expected: String) {
        let rounded = d(text).rounded(toPlaces: places)
        #expect(rounded.description == expected)
        #expect(rounded.fractionDigits <= max(0, places))
    }

    @Test func comparesByValueWhateverTheScale() {
        #expect(d("49.70") == d("49.7"))
        #expect(d("49.70").hashValue == d("49.7").hashValue)
        #expect(d("0") == d("0.000"))
        #expect(d("1e20") > d("9223372036854775807"))
        #expect(d("-1e20") < d("-9223372036854775807"))
        #expect(d("0.1") < d("0.11"))
        #expect(d("-0.1") > d("-0.11"))
        #expect(d("-1") < d("0"))
        #expect(d("1e-30") > .zero)
        #expect([d("3"), d("-1.5"), d("2.25"), d("0")].sorted().map(\.description) == ["-1.5", "0", "2.25", "3"])
        #expect(Set([d("1.0"), d("1"), d("1.00")]).count == 1)
    }

    @Test func keepsTheDecimalsAsWritten() {
        #expect(d("49.70").fractionDigits == 2)
        #expect(d("49.70").textAsWritten == "49.70")
        #expect(d("-0.050").textAsWritten == "-0.050")
        #expect(d("12").fractionDigits == 0)
        #expect(d("49.70").normalized.exponent == -1)
    }

    @Test(arguments: [0.1, 49.7, -7.93, 1e21, 1.5e-7, 123456789.125, 0, 3.3333333333333335, 9_007_199_254_740_993])
    func convertsToAndFromDoubles(_ value: Double) {
        let decimal = DecimalNumber(shortestRepresentationOf: value)
        #expect(decimal != nil)
        #expect(decimal?.doubleValue == value)
    }

    @Test func doubleConversionIsCorrectlyRounded() {
        #expect(d("0.1").doubleValue == 0.1)
        #expect(d("49.7").doubleValue == 49.7)
        #expect(d("9007199254740993").doubleValue == 9_007_199_254_740_992)
        #expect(d("123456789012345678e-30").doubleValue == 1.23456789012345678e-13)
        #expect(DecimalNumber(shortestRepresentationOf: .nan) == nil)
        #expect(DecimalNumber(shortestRepresentationOf: .infinity) == nil)
    }
}
