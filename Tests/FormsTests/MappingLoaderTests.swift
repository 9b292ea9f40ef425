import Forms
import Foundation
import SheetCore
import SheetTestSupport
import Testing

@Suite struct MappingLoaderTests {
    static let formsFolder = TestPaths.repositoryRoot.appendingPathComponent("Mappings/forms").path

    @Test func shippedFormsLoad() throws {
        let forms = try MappingLoader.loadForms(inFolder: Self.formsFolder)
        let report1 = try #require(forms.first { $0.id == "tt07-bc01" })
        #expect(report1.kind == .units)
        #expect(report1.columns.count == 16)
        #expect(report1.column("poor_rate")?.formula?.description == "(poor / households) * 100")
        #expect(report1.column("poor_rate")?.aggregate == .recompute)
        #expect(report1.column("poor_rate")?.maximum == DecimalNumber(100))
        #expect(report1.column("poor")?.aggregate == .sum)
        #expect(report1.header.first { $0.key == "unit_code" }?.required == true)
    }

    @Test func shippedLinksLoad() throws {
        let forms = try MappingLoader.loadForms(inFolder: Self.formsFolder)
        let path = TestPaths.repositoryRoot.appendingPathComponent("Mappings/links.yaml").path
        guard FileManager.default.fileExists(atPath: path) else { return }
        let links = try MappingLoader.loadLinks(at: path, forms: forms)
        #expect(!links.isEmpty)
    }

    static let minimal = """
        id: test-form
        version: "1"
        form_number: Biểu số 99
        title: BIỂU THỬ
        basis: none
        kind: units
        fingerprint:
          title: [biểu thử]
        table:
          code_column: code
        columns:
          - {key: code, number: A, label: TT, type: code}
          - {key: poor, number: "1", label: Hộ nghèo, type: integer}
          - {key: total, number: "2", label: Tổng, type: integer}
        """

    @Test func minimalFormLoads() throws {
        let form = try MappingLoader.loadForm(yaml: Self.minimal, path: "test.yaml")
        #expect(form.id == "test-form")
        #expect(form.columns.map(\.key) == ["code", "poor", "total"])
    }

    /// A broken mapping file is refused with the kind of mistake and the line it is on.
    @Test(
        arguments: [
            ("kind: units\n", "kind: unitz\n", MappingError.Code.invalidValue, 6),
            ("  - {key: poor,", "  - {key: poor, colour: red,", .unknownKey, 13),
            ("basis: none\n", "", .missingKey, nil),
            ("key: total, number: \"2\"", "key: poor, number: \"2\"", .duplicate, 11),
            ("key: total, number: \"2\"", "key: total, number: \"1\"", .duplicate, 11),
            ("type: integer}\n", "type: integer, formula: poor / absent}\n", .unknownReference, 11),
            ("type: integer}\n", "type: integer, formula: poor /}\n", .invalidValue, 13),
            ("  code_column: code", "  code_column: tt", .unknownReference, 9),
            ("title: [biểu thử]", "title: [biểu thử", .syntax, nil),
        ] as [(String, String, MappingError.Code, Int?)])
    func brokenMappingIsRefusedWithItsLine(original: String, replacement: String, code: MappingError.Code, line: Int?)
        throws
    {
        let yaml = Self.minimal.replacingFirst(original, with: replacement)
        #expect(yaml != Self.minimal)
        do {
            _ = try MappingLoader.loadForm(yaml: yaml, path: "broken.yaml")
            Issue.record("loaded a broken mapping")
        } catch {
            #expect(error.code == code, "\(error)")
            if let line { #expect(error.line == line, "\(error)") }
            #expect(error.description.hasPrefix("broken.yaml"))
        }
    }

    /// Detection keeps what it found of a fingerprint as bits: a fingerprint says at most 64 phrases and labels.
    @Test func fingerprintWithMoreThan64LabelsIsRefused() throws {
        let labels = (1...65).map { "nhãn \($0)" }.joined(separator: ", ")
        let many = Self.minimal.replacingFirst(
            "  title: [biểu thử]", with: "  title: [biểu thử]\n  labels: [\(labels)]")
        #expect(many != Self.minimal)
        #expect(throws: MappingError.self) { try MappingLoader.loadForm(yaml: many, path: "many.yaml") }
        let enough = Self.minimal.replacingFirst(
            "  title: [biểu thử]",
            with: "  title: [biểu thử]\n  labels: [\((1...64).map { "nhãn \($0)" }.joined(separator: ", "))]")
        #expect(try MappingLoader.loadForm(yaml: enough, path: "enough.yaml").fingerprint.labels.count == 64)
    }

    @Test func ruleNamingAMissingFieldIsRefused() {
        let yaml = Self.minimal + "\nrules:\n  - id: r\n    check: poor <= households\n"
        #expect(throws: MappingError.self) { try MappingLoader.loadForm(yaml: yaml, path: "r.yaml") }
    }

    @Test func unknownCustomRuleIsRefused() {
        let yaml = Self.minimal + "\nrules:\n  - id: r\n    custom: no-such-rule\n"
        #expect(throws: MappingError.self) {
            try MappingLoader.loadForm(yaml: yaml, path: "r.yaml", customRules: ["household-class"])
        }
    }

    @Test func aliasBombIsRefused() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            yaml += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        yaml += Self.minimal.replacingFirst("  title: [biểu thử]", with: "  title: *a9")
        #expect(throws: MappingError.self) { try MappingLoader.loadForm(yaml: yaml, path: "bomb.yaml") }
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}

extension MappingLoaderTests {
    @Test func aFormulaOverAnotherFormNamesAFormAndItsFields() throws {
        let forms = try MappingLoader.loadForms(inFolder: Self.formsFolder)
        let report5 = try #require(forms.first { $0.id == "tt07-bc05" })
        #expect(report5.column("r1")?.formulaForm == "tt07-bc04")
        #expect(report5.column("r1")?.aggregate == .recompute)
        var broken = forms
        broken[broken.firstIndex { $0.id == "tt07-bc05" }!].columns[3].formulaForm = "tt07-bc99"
        #expect(throws: MappingError.self) { try MappingLoader.checkFormulaForms(broken) }
    }
}
