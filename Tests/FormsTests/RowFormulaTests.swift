import SheetCore
import SheetTestSupport
import Testing

@testable import Forms

/// A formula compiled for rows gives, on every row, what the expression itself gives with a blank counted as 0:
/// values, divisions by zero and overflows alike, the first failure in evaluation order included.
@Suite("RowFormula")
struct RowFormulaTests {
    static let form = FormDefinition(
        id: "f", version: "1", formNumber: "F", title: LocalizedText(vi: "F"), basis: "", kind: .units,
        fingerprint: Fingerprint(title: [], labels: []), table: TableLayout(codeColumn: "a"),
        columns: ["a", "b", "c", "d"].map { ColumnDefinition(key: $0, label: LocalizedText(vi: $0), type: .decimal) })

    @Test(arguments: [
        "a", "7", "-a", "a + b - c", "a / b * 100", "-(a - b) / (c - d)", "sum(a, b / c, -d)", "sum(a)",
        "a * b * c * d", "(a + 1) / (b - b)", "sum(a * b * c * d * 1000000000, a / c, d)", "a - -b",
        "sum(sum(a, b), sum(c / d, 1))",
    ])
    func agreesWithTheExpression(_ text: String) throws {
        let expression = try Expression.parse(text)
        let formula = RowFormula(expression, reading: Self.form)
        let values: [DecimalNumber?] = [
            nil, .zero, DecimalNumber(1), DecimalNumber(-3), DecimalNumber("2.5")!, DecimalNumber("0.001")!,
            DecimalNumber("123456789.123")!, DecimalNumber(Int(Int64.max / 10)), DecimalNumber(7),
        ]
        var generator = SplitMix64(seed: 0x526F_7746)
        for _ in 0..<500 {
            let inputs = formula.fields.map { _ in values[Int(generator.next() % UInt64(values.count))] }
            let named = Dictionary(uniqueKeysWithValues: zip(formula.fields, inputs))
            let expected = expression.evaluate { named[$0].flatMap { $0 } ?? .zero }
            #expect(formula.evaluate(inputs) == expected, "\(text) with \(inputs)")
        }
    }
}
