import Foundation
import SheetCore
import SheetTestSupport
import Testing

@testable import SheetXLSX

/// Every worksheet, workbook, styles and shared-strings part the writer produces validates against the ECMA-376
/// transitional schema (`../shared/corpora/ooxml-xsd/sml.xsd`), checked by `xmllint`.
@Suite(
    "XLSXWriter parts validate against sml.xsd",
    .enabled(if: SchemaCheck.schema != nil && SchemaCheck.xmllint != nil))
struct XLSXWriterSchemaTests {
    @Test(arguments: [
        ("shared strings", XLSXWriterOptions()),
        ("inline strings", XLSXWriterOptions(strings: .inline)),
    ])
    func everyFeatureValidates(_ label: String, _ options: XLSXWriterOptions) throws {
        let path = XLSXWriterSamples.temporaryPath("schema.xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try XLSXWriterSamples.everyFeature(at: path, options: options)
        let (checked, failures) = try SchemaCheck.validate([path])
        #expect(checked >= 5, "\(label)")
        #expect(failures.isEmpty, Comment(rawValue: "\(label):\n" + failures.joined(separator: "\n")))
    }

    @Test(.enabled(if: TestPaths.sharedCorpora != nil))
    func everyGoldenCaseValidates() throws {
        var paths: [String] = []
        defer { for path in paths { try? FileManager.default.removeItem(atPath: path) } }
        for golden in GoldenCases.all {
            let path = XLSXWriterSamples.temporaryPath(golden.file)
            try golden.build(path)
            paths.append(path)
        }
        let (checked, failures) = try SchemaCheck.validate(paths)
        #expect(checked >= GoldenCases.all.count * 3)
        #expect(failures.isEmpty, Comment(rawValue: failures.joined(separator: "\n")))
    }
}

/// `xmllint` and the schema, when both are present.
enum SchemaCheck {
    static let schema: String? = {
        guard let corpora = TestPaths.sharedCorpora else { return nil }
        let path = corpora.appendingPathComponent("ooxml-xsd/sml.xsd").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    static let xmllint: String? = ["/usr/bin/xmllint", "/usr/local/bin/xmllint", "/opt/homebrew/bin/xmllint"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The SpreadsheetML parts of a package: what sml.xsd describes.
    static func isSpreadsheetPart(_ name: String) -> Bool {
        name.hasPrefix("xl/worksheets/sheet") || name == "xl/workbook.xml" || name == "xl/styles.xml"
            || name == "xl/sharedStrings.xml"
    }

    /// The part without `xml:space="preserve"` on `<t>`: ECMA-376's sml.xsd types `t` as a bare `ST_Xstring`, with no
    /// room for the attribute, yet Excel writes it (its own files fail the schema on it, `shared_strings01.xlsx` of
    /// the corpus for one) and needs it, or it trims leading and trailing spaces. Nothing else is touched.
    static func withoutSpacePreserve(_ bytes: [UInt8]) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        return Array(text.replacingOccurrences(of: "<t xml:space=\"preserve\">", with: "<t>").utf8)
    }

    /// Runs `xmllint --noout --schema sml.xsd` over the SpreadsheetML parts of the workbooks; returns its complaints.
    static func validate(_ workbooks: [String]) throws -> (checked: Int, failures: [String]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bieumau-xsd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String] = []
        for (index, workbook) in workbooks.enumerated() {
            for (name, bytes) in try XLSXWriterSamples.parts(of: workbook) where isSpreadsheetPart(name) {
                let file = folder.appendingPathComponent("\(index)-" + name.replacingOccurrences(of: "/", with: "_"))
                try Data(withoutSpacePreserve(bytes)).write(to: file)
                files.append(file.path)
            }
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(xmllint))
        process.arguments = ["--noout", "--schema", try #require(schema)] + files
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let failures = output.split(separator: "\n").map(String.init).filter { !$0.hasSuffix(" validates") }
        return (files.count, failures)
    }
}
