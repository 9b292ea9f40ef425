import Forms
import Foundation
import SheetCore
import SheetTestSupport
import SheetXLSX
import Testing

/// A template filled in by a script and read back through detection, extraction and validation: clean when the
/// figures are right, exactly one finding when one number is wrong.
@Suite struct TemplateRoundTripTests {
    static let forms =
        (try? MappingLoader.loadForms(
            inFolder: TestPaths.repositoryRoot.appendingPathComponent("Mappings/forms").path)) ?? []

    static let figures: [String: Int] = [
        "households": 1283, "persons": 5400, "poor": 110, "near_poor": 95, "middle": 20, "poor_persons": 480,
        "near_poor_persons": 400, "middle_persons": 90,
    ]

    /// Fills the report 1 template of Ia Đal, writes it, reads it back and validates it.
    static func findings(_ figures: [String: Int]) throws -> [Finding] {
        let report1 = try #require(forms.first { $0.id == "tt07-bc01" })
        var content = FormSheetContent.template(
            report1, authority: "UBND xã Ia Đal", unitName: "Xã Ia Đal", unitCode: "23535", period: "Năm 2024")
        content.rows[0].values = figures.mapValues { ["": .number(DecimalNumber($0))] }
        let path = NSTemporaryDirectory() + "bieumau-template-\(UUID().uuidString).xlsx"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try XLSXWriter(path: path)
        try FormSheetRenderer.render(content, sheetName: "Biểu 01", into: writer)
        try writer.close()
        let workbook = try XLSXReader(path: path).workbook()
        let readings = FormExtractor().read(
            workbook, document: SourceDocument(path: path, sha256: ""), detector: FormDetector(definitions: forms))
        let instance = try #require(readings.first?.instance)
        #expect(instance.definition.id == "tt07-bc01")
        #expect(instance.unitCode == "23535")
        return instance.findings + Validator(forms: forms).validate(instance)
    }

    @Test func filledTemplateIsClean() throws {
        let findings = try Self.findings(Self.figures)
        #expect(findings.isEmpty, "\(findings.map(\.message.en))")
    }

    @Test func oneWrongNumberGivesExactlyItsFinding() throws {
        var figures = Self.figures
        figures["poor_persons"] = 5000  // 5.000 + 400 + 90 persons exceed the 5.400 of the commune
        let findings = try Self.findings(figures)
        #expect(findings.count == 1, "\(findings.map(\.message.en))")
        #expect(findings.first?.rule == "tt07-bc01/persons-within-population")
        #expect(findings.first?.severity == .error)
        #expect(findings.first?.location.sheet == "Biểu 01")
    }
}
