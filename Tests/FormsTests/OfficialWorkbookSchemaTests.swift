import Forms
import Foundation
import SheetCore
import SheetTestSupport
import SheetXLSX
import SheetZip
import Testing

/// Every XML part of the official workbooks validates against its ECMA-376 schema (`../shared/corpora/ooxml-xsd`):
/// the template of every form of `Mappings/forms` (with a findings and a sources sheet), and the consolidation of
/// `Samples/` written by the built `bieumau`. The LibreOffice half of the check (recalculation, printing) is
/// `Tests/Conformance/official_workbook_check.py`; it needs LibreOffice, these tests only `xmllint`.
@Suite(
    "Official workbooks validate against the OOXML schemas",
    .enabled(if: OfficialSchemaCheck.folder != nil && OfficialSchemaCheck.xmllint != nil))
struct OfficialWorkbookSchemaTests {
    static let forms =
        (try? MappingLoader.loadForms(
            inFolder: TestPaths.repositoryRoot.appendingPathComponent("Mappings/forms").path)) ?? []

    static func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "bieumau-official-schema-\(UUID().uuidString)-\(name)"
    }

    @Test func everyFormTemplateValidates() throws {
        #expect(Self.forms.count >= 12)
        var paths: [String] = []
        defer { for path in paths { try? FileManager.default.removeItem(atPath: path) } }
        for form in Self.forms {
            let path = Self.temporaryPath("\(form.id).xlsx")
            let content = FormSheetContent.template(
                form, authority: "UBND XÃ IA ĐAL", unitName: "Xã Ia Đal", unitCode: "23535", period: "Năm 2024",
                place: "Ia Đal", recordRows: 5)
            let finding = Finding(
                rule: "check/sum", severity: .error,
                location: FindingLocation(file: "xa.xlsx", sheet: "Biểu 01", cell: "D12"),
                expected: .number(DecimalNumber(1234)), actual: .number(DecimalNumber(1233)),
                message: LocalizedText(vi: "Tổng  không khớp ", en: "Total does not match "))
            let source = SourceRecord(
                file: " xa.xlsx", sha256: String(repeating: "0", count: 64), unitCode: "23535", unitName: "Xã Ia Đal",
                form: form.id, period: "2024", status: LocalizedText(vi: "đã dùng", en: "used"))
            try ConsolidatedWorkbook.write(
                to: path, contents: [content], findings: [finding], sources: [source], language: .vi,
                created: DateTimeComponents(year: 2024, month: 12, day: 11, hour: 0, minute: 0, second: 0))
            paths.append(path)
        }
        let (checked, failures) = try OfficialSchemaCheck.validate(paths)
        #expect(checked >= Self.forms.count * 11)
        #expect(failures.isEmpty, Comment(rawValue: failures.prefix(20).joined(separator: "\n")))
    }

    @Test(.enabled(if: BieuMauBinary.url != nil))
    func consolidationOfTheSamplesValidates() throws {
        let samples = try FileManager.default.contentsOfDirectory(
            atPath: TestPaths.repositoryRoot.appendingPathComponent("Samples").path
        ).filter { $0.hasSuffix(".xlsx") }.sorted().map { "Samples/\($0)" }
        var paths: [String] = []
        defer { for path in paths { try? FileManager.default.removeItem(atPath: path) } }
        for (period, extra) in [("2023", [String]()), ("2024-H1", ["--unit", "618"])] {
            let path = Self.temporaryPath("consolidated-\(period).xlsx")
            let result = try BieuMauBinary.run(
                ["consolidate"] + samples + ["--period", period] + extra + ["-o", path], timeout: 120)
            #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
            paths.append(path)
        }
        let (checked, failures) = try OfficialSchemaCheck.validate(paths)
        #expect(checked >= 2 * 12)
        #expect(failures.isEmpty, Comment(rawValue: failures.prefix(20).joined(separator: "\n")))
    }
}

/// The same inputs give the same bytes in every process, not only within one: Swift seeds its hashing per process,
/// so anything written in the order of a `Set` or `Dictionary` (the number styles of a form once were) changes
/// from run to run. A form with two decimal places (report 5) written by four processes must give the same parts
/// (all but docProps/core.xml, which holds the time `template` ran).
@Suite("Official workbooks are the same bytes in every process")
struct OfficialWorkbookDeterminismTests {
    @Test(.enabled(if: BieuMauBinary.url != nil))
    func templateWithRatesIsTheSameInEveryProcess() throws {
        var runs: [[String: [UInt8]]] = []
        for run in 0..<4 {
            let path = OfficialWorkbookSchemaTests.temporaryPath("run\(run).xlsx")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let result = try BieuMauBinary.run(
                ["template", "tt07-bc05", "--unit", "23535", "--period", "2024", "-o", path])
            #expect(result.status == 0, "\(result.stderr)")
            let archive = try ZipArchive(path: path)
            var parts: [String: [UInt8]] = [:]
            for entry in archive.entries where entry.name != "docProps/core.xml" {
                parts[entry.name] = try archive.contents(of: entry)
            }
            runs.append(parts)
        }
        #expect(runs.count == 4)
        for parts in runs.dropFirst() { #expect(parts == runs[0]) }
    }
}

/// `xmllint` and the schemas, when both are present.
enum OfficialSchemaCheck {
    static let folder: URL? = {
        guard let corpora = TestPaths.sharedCorpora else { return nil }
        let folder = corpora.appendingPathComponent("ooxml-xsd")
        return FileManager.default.fileExists(atPath: folder.appendingPathComponent("sml.xsd").path) ? folder : nil
    }()

    static let xmllint: String? = ["/usr/bin/xmllint", "/usr/local/bin/xmllint", "/opt/homebrew/bin/xmllint"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The schema of a part; `nil` for docProps/core.xml, whose schema imports Dublin Core schemas from the web
    /// (the conformance script validates it with local stand-ins).
    static func schema(of part: String) -> String? {
        guard let folder else { return nil }
        let name: String
        switch part {
        case "[Content_Types].xml": name = "opc-xsd/opc-contentTypes.xsd"
        case _ where part.hasSuffix(".rels"): name = "opc-xsd/opc-relationships.xsd"
        case "docProps/app.xml": name = "shared-documentPropertiesExtended.xsd"
        case "docProps/core.xml": return nil
        case _ where part.hasPrefix("xl/theme/"): name = "dml-main.xsd"
        default: name = "sml.xsd"
        }
        return folder.appendingPathComponent(name).path
    }

    /// Validates every part of the workbooks with `xmllint --nonet`, one run per schema; returns the parts that
    /// validated and the complaints. `<t xml:space="preserve">` becomes `<t>` in SpreadsheetML parts first:
    /// sml.xsd has no room for the attribute that Excel writes and needs.
    static func validate(_ workbooks: [String]) throws -> (checked: Int, failures: [String]) {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
            "bieumau-official-xsd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temporary) }
        var bySchema: [String: [String]] = [:]
        for (index, workbook) in workbooks.enumerated() {
            let archive = try ZipArchive(path: workbook)
            for entry in archive.entries {
                guard let schema = schema(of: entry.name) else { continue }
                var bytes = try archive.contents(of: entry)
                if schema.hasSuffix("sml.xsd") {
                    let text = String(decoding: bytes, as: UTF8.self)
                    bytes = Array(text.replacingOccurrences(of: "<t xml:space=\"preserve\">", with: "<t>").utf8)
                }
                let name = entry.name.replacingOccurrences(of: "/", with: "_").filter { $0 != "[" && $0 != "]" }
                let file = temporary.appendingPathComponent("\(index)-\(name)")
                try Data(bytes).write(to: file)
                bySchema[schema, default: []].append(file.path)
            }
        }
        var checked = 0
        var failures: [String] = []
        for (schema, files) in bySchema.sorted(by: { $0.key < $1.key }) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try #require(xmllint))
            process.arguments = ["--noout", "--nonet", "--schema", schema] + files
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            for line in output.split(separator: "\n") {
                if line.hasSuffix(" validates") { checked += 1 } else { failures.append(String(line)) }
            }
        }
        return (checked, failures)
    }
}
