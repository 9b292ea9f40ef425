import Foundation
import SheetCore
import SheetTestSupport
import SheetXLSX
import Testing
import VietText

@testable import Forms

/// The sample workbooks (`Samples/`, written by `Samples/make_samples.py`) read with the real mapping files: the
/// detection and reading findings (`read/…`, `structure/…`) must be exactly those `Samples/EXPECTED.md` lists.
@Suite struct ExtractionSampleTests {
    static let root = TestPaths.repositoryRoot

    static func samplePaths() -> [String] {
        let folder = root.appendingPathComponent("Samples")
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".xlsx") }.sorted()
            .map { "Samples/" + $0 }
    }

    /// A workbook read as the CLI reads it: every worksheet materialised, legacy text converted by font.
    static func workbook(_ path: String) throws -> Workbook {
        let reader = try XLSXReader(path: root.appendingPathComponent(path).path)
        var sheets: [Worksheet] = []
        for info in reader.sheets where info.isWorksheet {
            let rows = LegacyTextRows(try reader.sheetRows(at: info.index), styles: reader.styles, policy: .byFont)
            var all: [Row] = []
            while let row = try rows.next() { all.append(row) }
            sheets.append(
                Worksheet(
                    name: info.name, visibility: info.visibility, rows: all, mergedRanges: rows.mergedRanges,
                    declaredDimension: rows.declaredDimension, columns: rows.columns))
        }
        return Workbook(sheets: sheets, styles: reader.styles, dateSystem: reader.dateSystem)
    }

    /// `sheet cell rule severity` of the `read/` and `structure/` lines of EXPECTED.md, by file.
    static func expected() throws -> [String: [String]] {
        let text = try String(contentsOf: root.appendingPathComponent("Samples/EXPECTED.md"), encoding: .utf8)
        var result: [String: [String]] = [:]
        var file: String?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("## `") {
                file = line.dropFirst(4).split(separator: "`").first.map(String.init)
                continue
            }
            guard let file, line.hasPrefix("|") else { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count > 4 else { continue }
            let rule = cells[3].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            guard rule.hasPrefix("read/") || rule.hasPrefix("structure/") else { continue }
            result[file, default: []].append("\(cells[1]) \(cells[2]) \(rule) \(cells[4])")
        }
        return result
    }

    @Test func readingFindingsOnTheSamplesAreThoseExpected() throws {
        let paths = Self.samplePaths()
        try #require(!paths.isEmpty)
        let forms = try MappingLoader.loadForms(inFolder: Self.root.appendingPathComponent("Mappings/forms").path)
        let detector = FormDetector(definitions: forms)
        let expected = try Self.expected()
        for path in paths {
            let workbook = try Self.workbook(path)
            let document = SourceDocument(path: path, sha256: "")
            var found: [String] = []
            for reading in FormExtractor().read(workbook, document: document, detector: detector) {
                var findings = reading.instance?.findings ?? []
                if let finding = reading.detection.finding(file: path) { findings.insert(finding, at: 0) }
                found += findings.map {
                    "\($0.location.sheet ?? "—") \($0.location.cell ?? "—") \($0.rule) \($0.severity.rawValue)"
                }
            }
            #expect(found.sorted() == (expected[path] ?? []).sorted(), "\(path)")
            if !(expected[path] ?? []).contains(where: { $0.contains("structure/unknown-form") }) {
                let recognised = FormExtractor().read(workbook, document: document, detector: detector)
                    .filter { $0.instance != nil }
                #expect(!recognised.isEmpty, "\(path): no sheet recognised")
            }
        }
    }

    @Test func theLegacyFontAndNFDSampleReadsLikeItsUnicodeTwin() throws {
        let forms = try MappingLoader.loadForms(inFolder: Self.root.appendingPathComponent("Mappings/forms").path)
        let detector = FormDetector(definitions: forms)
        func values(_ path: String) throws -> [[String: FieldValue]] {
            let readings = FormExtractor().read(
                try Self.workbook(path), document: SourceDocument(path: path, sha256: ""), detector: detector)
            return readings.compactMap(\.instance).flatMap(\.rows).map { $0.values.dictionary.mapValues(\.value) }
        }
        let unicode = try values("Samples/broken/08-unicode-23537-ia-dom-bieu01.xlsx")
        let legacy = try values("Samples/broken/08-vntime-nfd-23537-ia-dom-bieu01.xlsx")
        #expect(!unicode.isEmpty)
        #expect(legacy == unicode)
    }
}
