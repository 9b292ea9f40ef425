import SheetTestSupport
import Testing

@testable import SheetCore

@Suite("Numbers as their shortest round-trip text")
struct NumberTextTests {
    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (1, "1"), (-1, "-1"), (42, "42"), (45000, "45000"), (-17, "-17"),
        (1_000_000, "1000000"), (123_456_789_012_345, "123456789012345"),
        (9_007_199_254_740_991, "9007199254740991"), (-9_007_199_254_740_991, "-9007199254740991"),
        (0.5, "0.5"), (-0.5, "-0.5"), (0.1, "0.1"), (0.2, "0.2"), (49.7, "49.7"), (1234.5, "1234.5"),
        (0.30000000000000004, "0.30000000000000004"), (3.3333333333333335, "3.3333333333333335"),
        (1e21, "1e+21"), (1e-7, "1e-07"), (Double.leastNonzeroMagnitude, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
        (45839.354166666664, "45839.354166666664"),
    ])
    func writesTheShortestTextThatReadsBack(_ number: Double, _ expected: String) {
        #expect(NumberText.text(number) == expected)
        #expect(CellValue.number(number).canonicalText == expected)
    }

    @Test(arguments: [
        9_007_199_254_740_990.0, 9_007_199_254_740_991, 9_007_199_254_740_992, 9_007_199_254_740_994,
        18_014_398_509_481_984, 1e15, 1e16, 1e17, 1e20, -9_007_199_254_740_992, 123_456_789_012_345_680,
    ])
    func keepsIntegersAroundTwoToThe53Exact(_ number: Double) throws {
        let text = NumberText.text(number)
        #expect(!text.hasSuffix(".0"), "\(text)")
        #expect(try #require(Double(text)) == number, "\(text)")
    }

    @Test func integersBelowTwoToThe53AreWrittenDigitByDigit() {
        for exponent in 0..<53 {
            let value = Int64(1) << exponent
            #expect(NumberText.text(Double(value)) == String(value))
            #expect(NumberText.text(Double(value - 1)) == String(value - 1))
            #expect(NumberText.text(-Double(value)) == String(-value))
        }
    }

    @Test func randomDoublesReadBackExactly() {
        var generator = SplitMix64(seed: 0x5EED_0003)
        var failures: [String] = []
        for index in 0..<20_000 {
            let z = generator.next()
            let value: Double
            switch index % 3 {
            case 0: value = Double(bitPattern: z)
            case 1: value = Double(Int64(bitPattern: z) >> 20) / 100
            default: value = Double(z >> 11) * 0x1p-53 * 1e6
            }
            guard value.isFinite else { continue }
            let text = NumberText.text(value)
            if Double(text)?.bitPattern != (value == 0 ? 0.0 : value).bitPattern {
                failures.append("\(value) → \(text)")
            }
            if text.hasSuffix(".0") { failures.append("\(value) → \(text) keeps .0") }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
    }

    @Test func appendsToWhatTheBufferAlreadyHolds() {
        let buffer = ByteBuffer()
        buffer.append(contentsOf: "x=")
        NumberText.append(-12, to: buffer)
        buffer.append(UInt8(ascii: ";"))
        NumberText.append(0.25, to: buffer)
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == "x=-12;0.25")
    }

    @Test(arguments: [
        (CellValue.empty, ""), (.string("Ia Đal"), "Ia Đal"), (.boolean(true), "TRUE"), (.boolean(false), "FALSE"),
        (.error(.reference), "#REF!"), (.error(.gettingData), "#GETTING_DATA"),
        (.richText(RichText(runs: [TextRun(text: "Xã "), TextRun(text: "Ia §al", fontName: ".VnTime")])), "Xã Ia §al"),
        (.dateTime(ExcelDateTime(serial: 45839, system: .from1900, kind: .date)), "2025-07-01"),
        (.dateTime(ExcelDateTime(serial: 45839.5, system: .from1900, kind: .dateTime)), "2025-07-01T12:00:00"),
    ])
    func writesOtherValuesAsTheirCanonicalText(_ value: CellValue, _ expected: String) {
        #expect(value.canonicalText == expected)
    }
}
