import Foundation
import SheetTestSupport
import Testing

@Suite("bieumau forms")
struct FormsCommandTests {
    @Test func listsEveryFormOfTheMappings() throws {
        let result = try BieuMauBinary.run(["forms"])
        #expect(result.status == 0, "\(result.stderr)")
        let mappings = try FileManager.default.contentsOfDirectory(
            atPath: TestPaths.repositoryRoot.appendingPathComponent("Mappings/forms").path
        ).filter { $0.hasSuffix(".yaml") }
        for file in mappings {
            #expect(result.output.contains((file as NSString).deletingPathExtension))
        }
        #expect(result.output.contains("\(mappings.count) biểu"))
    }

    @Test func describesOneFormWithItsColumnsRulesAndLinks() throws {
        let result = try BieuMauBinary.run(["forms", "tt07-bc01", "--lang", "en"])
        #expect(result.status == 0)
        #expect(result.output.contains("poor_rate"))
        #expect(result.output.contains("= (3) / (1) × 100"))
        #expect(result.output.contains("tt07-bc01/totals"))
        #expect(result.output.contains("link/bc01-poor-bc02-end"))
    }

    @Test func anUnknownFormIsAUsageError() throws {
        let result = try BieuMauBinary.run(["forms", "tt99"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("tt07-bc01"))
    }

    @Test func mappingsAreFoundThroughTheEnvironment() throws {
        let result = try BieuMauBinary.run(["forms"], environment: ["BIEUMAU_MAPPINGS": "/nonexistent"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("BIEUMAU_MAPPINGS"))
    }
}
