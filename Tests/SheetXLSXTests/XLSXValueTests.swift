import Foundation
import SheetTestSupport
import Testing

@testable import SheetXLSX

/// Reads `text` the way the worksheet reader does: straight from UTF-8 bytes.
private func parseDouble(_ text: String) -> Double? {
    var text = text
    return text.withUTF8 { XLSXValue.double($0) }
}

private func parseInteger(_ text: String) -> Int? {
    var text = text
    return text.withUTF8 { XLSXValue.integer($0) }
}

private func unescaped(_ text: String) -> String {
    var bytes = Array(text.utf8)
    XLSXValue.unescapeXstring(&bytes)
    return String(decoding: bytes, as: UTF8.self)
}

@Suite("xsd:double as Excel writes it, read exactly")
struct XLSXValueDoubleTests {
    /// Texts Excel (and other producers) write in `<v>`; each must give the very same bits as Swift's parser.
    static let excelNumbers: [String] = [
        "0", "1", "42", "-17", "007", "-007", "1000000", "123456789012345", "1234567890123456",
        "12345678901234567", "9007199254740991", "9007199254740992", "9007199254740993", "18446744073709551616",
        "0.1", "0.2", "0.3", "49.7", "-49.7", "1.5", "-0.5", "0.125", "100.01", "45839.354166666664",
        "0.30000000000000004", "3.3333333333333335", "3.333333333333333", "3.33333333333333", "2.220446049250313E-16",
        "1.2345678901234567E-3", "1.2345678901234567e-3", "1.23456789012345E-3", "-1.2345678901234567E-3",
        "1E+21", "1e21", "1E21", "1E-7", "1E+308", "-1E+308", "1.7976931348623157E308", "2.2250738585072014E-308",
        "2.2250738585072009E-308", "4.9406564584124654E-324", "5E-324", "1E-400",
        "-0", "0.0", "-0.0", "0.000", "+1", "+0.5",
        ".5", "5.", "-.5", "-5.", "0.000001", "0.0000001", "0.00000000000000000001", "0.0000000000000000000000001",
        "123.456", "99999999999999.9", "999999999999999.9", "0.1234567890123456789012345",
        "0000000000000000000000000000001.5", "1.00000000000000000000000000000000000000000000000000000000000000001",
        "3.141592653589793", "2.718281828459045", "6.02214076E23", "1.602176634E-19", "25569.5", "2958465.9999999884",
    ]

    @Test(arguments: excelNumbers)
    func parsesExcelsDoublesExactlyAsSwiftDoes(_ text: String) throws {
        let expected = try #require(Double(text), "Swift itself should read \(text)")
        let parsed = try #require(parseDouble(text), "\(text) was rejected")
        #expect(parsed.bitPattern == expected.bitPattern, "\(text): \(parsed) vs \(expected)")
    }

    @Test func negativeZeroKeepsItsSign() throws {
        let parsed = try #require(parseDouble("-0"))
        #expect(parsed == 0 && parsed.sign == .minus)
    }

    @Test(arguments: [
        "", "abc", "12,5", "1e", "1E+", "--1", "-", "+", ".", "e5", "inf", "-inf", "infinity", "nan",
        "NaN", "0x1p3", "0x10", " 1", "1 ", "1.2.3", "1e5.5", "1_000", "١٢", "1d", "TRUE", "#N/A",
    ])
    func rejectsTextThatIsNotAnXSDDouble(_ text: String) {
        #expect(parseDouble(text) == nil, "\(text) should be rejected")
    }

    /// Random bit patterns cover every exponent; "Excel-like" values cover the fast path's decimals.
    static func randomDoubles(count: Int, seed: UInt64) -> [Double] {
        var generator = SplitMix64(seed: seed)
        var values: [Double] = []
        values.reserveCapacity(count)
        while values.count < count {
            switch values.count % 4 {
            case 0:
                let value = Double(bitPattern: generator.next())
                if value.isFinite { values.append(value) }
            case 1:
                // Money and counts: up to 2 decimals, magnitudes an Excel report holds.
                let cents = Int64.random(in: -10_000_000_000_000...10_000_000_000_000, using: &generator)
                values.append(Double(cents) / 100)
            case 2:
                values.append(Double.random(in: -1e6...1e6, using: &generator))
            default:
                values.append(Double.random(in: 0..<1, using: &generator) * 1e-10)
            }
        }
        return values
    }

    @Test func readsBackEveryShortestRoundTripText() {
        var failures: [String] = []
        for value in Self.randomDoubles(count: 20_000, seed: 0x5EED_0001) {
            let text = "\(value)"
            let parsed = parseDouble(text)
            if parsed?.bitPattern != value.bitPattern { failures.append("\(text) → \(String(describing: parsed))") }
        }
        #expect(failures.isEmpty, "\(failures.count) misread, first: \(failures.prefix(5))")
    }

    @Test(arguments: ["%.14E", "%.15g", "%.16g", "%.17g", "%.17E", "%.6f"])
    func readsPrintfFormsAsStrtodDoes(_ format: String) {
        // 15 significant digits (`%.14E`, `%.15g`) is what older Excel writes; 17 is what it writes today.
        var failures: [String] = []
        for value in Self.randomDoubles(count: 20_000, seed: 0x5EED_0002) {
            let text = String(format: format, value)
            guard let expected = Double(text) else { continue }
            let parsed = parseDouble(text)
            if parsed?.bitPattern != expected.bitPattern { failures.append("\(text) → \(String(describing: parsed))") }
            if format.contains("17"), parsed?.bitPattern != value.bitPattern {
                failures.append("\(text) should give back \(value)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) misread, first: \(failures.prefix(5))")
    }
}

@Suite("Small XLSX value readers: integers, booleans, _xHHHH_ escapes")
struct XLSXValueTextTests {
    @Test(arguments: [
        ("0", 0), ("7", 7), ("42", 42), ("-17", -17), ("-0", 0), ("007", 7), ("1048576", 1_048_576),
        ("999999999999999999", 999_999_999_999_999_999), ("-99999999999999999", -99_999_999_999_999_999),
    ])
    func readsDecimalIntegers(_ text: String, _ expected: Int) {
        #expect(parseInteger(text) == expected)
    }

    @Test(arguments: ["", "-", "+1", "1.0", "1e3", "12a", " 1", "1 ", "--1", "0x1F", "1,000"])
    func rejectsTextThatIsNotADecimalInteger(_ text: String) {
        #expect(parseInteger(text) == nil, "\(text) should be rejected")
    }

    @Test(arguments: [("1", true), ("true", true), ("0", false), ("false", false), ("", false)])
    func readsXSDBooleans(_ text: String, _ expected: Bool) {
        #expect(XLSXValue.isTrue(text) == expected)
    }

    @Test(arguments: [
        ("_x000D_", "\r"),
        ("a_x000D__x000A_b", "a\r\nb"),
        ("_x0009_tab", "\ttab"),
        ("_x000d_", "\r"),  // lowercase hex digits
        ("_x00e9_", "é"),
        ("_x1EA1_", "ạ"),
        ("_x005F_", "_"),
        ("_x005F_x0041_", "_x0041_"),  // an escaped underscore keeps the next escape literal
        ("_x0041_", "A"),
        ("Ia _x0110_al", "Ia Đal"),
    ])
    func replacesXstringEscapes(_ escaped: String, _ expected: String) {
        #expect(unescaped(escaped) == expected)
    }

    @Test(arguments: [
        "_x12_", "_x00G1_", "_X000D_", "x000D_", "_x000D", "_x_", "plain text", "", "_", "snake_case_name",
        "_x0D__", "_x 00D_",
    ])
    func leavesMalformedEscapesAlone(_ text: String) {
        #expect(unescaped(text) == text)
    }
}
