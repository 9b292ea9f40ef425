import Testing

@testable import Forms

/// The estimates that size rows and columns of the official forms.
@Suite("TextMetrics")
struct TextMetricsTests {
    /// The widths of Vietnamese letters, read without Unicode tables, are those the Unicode properties give:
    /// capitals 0.72 em, other letters 0.5 em, signs 0.34 em.
    @Test func vietnameseLettersAreMeasuredAsTheirUnicodePropertiesSay() {
        let scalars = (0xC0...0x1B0).compactMap(Unicode.Scalar.init) + (0x1EA0...0x1EF9).compactMap(Unicode.Scalar.init)
        for scalar in scalars {
            let properties = scalar.properties
            let ems: Double
            if properties.numericType != nil {
                ems = 0.5
            } else if properties.isUppercase {
                ems = 0.72
            } else {
                switch properties.generalCategory {
                case .lowercaseLetter, .uppercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: ems = 0.5
                case .nonspacingMark, .spacingMark, .enclosingMark: ems = 0
                default: ems = 0.34
                }
            }
            // At 72 points an em is 96 pixels.
            #expect(TextMetrics.width(String(scalar), points: 72) == ems * 96, "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test(arguments: [
        ("Số hộ nghèo", 10.0, 9.0, 2), ("Tỷ lệ (%)", 10.0, 9.0, 1), ("", 11.0, 10.0, 1), ("a\nb", 11.0, 10.0, 2),
        ("Benchmarks/data/consolidate/province/inputs/909/90081-2023.xlsx", 11.0, 28.0, 3),
    ])
    func linesAText(_ text: String, _ points: Double, _ width: Double, _ lines: Int) {
        #expect(TextMetrics.lines(text, points: points, columnWidth: width) == lines)
    }
}
