import Forms
import Foundation
import SheetCore
import SheetTestSupport
import Testing

/// Report 5's rates checked against report 4's counts of the same unit and period.
@Suite struct CrossFormFormulaCheckTests {
    static let forms =
        (try? MappingLoader.loadForms(
            inFolder: TestPaths.repositoryRoot.appendingPathComponent("Mappings/forms").path)) ?? []

    static func instance(_ id: String, _ values: [String: String], unit: String = "23535") throws -> FormInstance {
        let definition = try #require(forms.first { $0.id == id })
        let document = SourceDocument(path: "\(id).xlsx", sha256: "")
        var extracted: [String: ExtractedValue] = [:]
        for (column, (key, text)) in values.sorted(by: { $0.key < $1.key }).enumerated() {
            extracted[key] = ExtractedValue(
                value: .number(DecimalNumber(text)!),
                provenance: Provenance(
                    document: document, sheet: id, cell: CellAddress(row: 10, column: column + 2), raw: text))
        }
        let header = [
            "unit_code": ExtractedValue(value: .text(unit), provenance: nil),
            "period": ExtractedValue(value: .text("Năm 2023"), provenance: nil),
        ]
        var positions: [String: Int] = [:]
        for (column, key) in values.keys.sorted().enumerated() { positions[key] = column + 2 }
        return FormInstance(
            definition: definition, document: document, sheet: id, header: header,
            rows: [FormRow(code: "1", label: "Xã Ia Đal", sheetRow: 10, values: RowValues(extracted))], columnPositions: positions)
    }

    @Test(
        arguments: [
            ("33.33", nil), ("33.34", "info"), ("33.3", "error"), ("35", "error"),
        ] as [(String, String?)])
    func rateIsComparedWithTheCountsOfReport4(rate: String, severity: String?) throws {
        let counts = try Self.instance("tt07-bc04", ["households": "300", "d1": "100"])
        let rates = try Self.instance("tt07-bc05", ["households": "300", "r1": rate])
        let findings = CrossFormFormulaCheck().check([counts, rates])
        #expect(findings.map(\.severity.rawValue) == (severity.map { [$0] } ?? []), "\(findings.map(\.message.en))")
        #expect(findings.allSatisfy { $0.rule == "tt07-bc05/formula/r1" })
    }

    @Test func anotherUnitsCountsAreNotUsed() throws {
        let counts = try Self.instance("tt07-bc04", ["households": "300", "d1": "100"], unit: "23537")
        let rates = try Self.instance("tt07-bc05", ["households": "300", "r1": "50"])
        #expect(CrossFormFormulaCheck().check([counts, rates]).isEmpty)
    }
}
