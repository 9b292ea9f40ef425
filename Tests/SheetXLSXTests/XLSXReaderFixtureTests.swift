import Foundation
import SheetCore
import SheetTestSupport
import Testing

@testable import SheetXLSX

@Suite("XLSX reader on hand-made fixtures")
struct XLSXReaderFixtureTests {
    @Test(arguments: ["everything", "prefixed-no-references", "streamed"])
    func readsFixtureAsItsSnapshotSays(name: String) throws {
        let path = TestPaths.xlsxFixtures.appendingPathComponent("\(name).xlsx").path
        let workbook = try XLSXReader(path: path).workbook()
        let snapshot = TestPaths.xlsxFixtures.appendingPathComponent("\(name).expected.txt")
        #expect(Snapshot.matches(WorkbookRendering.render(workbook), snapshot: snapshot))
    }

    @Test func readsTheSameFromMemoryAsFromAFile() throws {
        let path = TestPaths.xlsxFixtures.appendingPathComponent("everything.xlsx")
        let fromFile = try XLSXReader(path: path.path).workbook()
        let fromBytes = try XLSXReader(bytes: Array(try Data(contentsOf: path))).workbook()
        #expect(WorkbookRendering.render(fromFile) == WorkbookRendering.render(fromBytes))
    }

    @Test func keepsEachRunsFontForLegacyEncodingDetection() throws {
        let reader = try XLSXReader(path: TestPaths.xlsxFixtures.appendingPathComponent("everything.xlsx").path)
        let sheet = try reader.worksheet(at: 0)
        let value = try #require(sheet[CellAddress("C1")!]?.value)
        guard case .richText(let rich) = value else {
            Issue.record("C1 should be rich text, is \(value)")
            return
        }
        #expect(rich.runs.map(\.fontName) == [nil, ".VnTime"])
        #expect(rich.text == "Xã Ia §al")
        #expect(reader.styles.font(forStyle: 5)?.name == ".VnTime")
    }

    @Test func expandsSharedFormulasRelativeToEachCell() throws {
        let sheet = try XLSXReader(path: TestPaths.xlsxFixtures.appendingPathComponent("everything.xlsx").path)
            .worksheet(at: 0)
        #expect(sheet[CellAddress("B6")!]?.formula == "A6*2+$A$5")
        #expect(sheet[CellAddress("B7")!]?.formula == "A7*2+$A$5")
        #expect(sheet[CellAddress("C7")!]?.value == .empty)
        #expect(sheet[CellAddress("C7")!]?.formula == "SUM(A5:A7)")
    }

    @Test func streamsRowsInOrderWithMergesAvailableAtTheEnd() throws {
        let reader = try XLSXReader(path: TestPaths.xlsxFixtures.appendingPathComponent("everything.xlsx").path)
        let rows = try reader.rows(ofSheet: 0)
        var indices: [Int] = []
        while let row = try rows.next() { indices.append(row.index) }
        #expect(indices == [0, 1, 2, 3, 4, 5, 6, 8])
        #expect(rows.mergedRanges.map(\.a1) == ["A1:A2", "B9:C9"])
        #expect(rows.declaredDimension?.a1 == "A1:F9")
        #expect(try rows.next() == nil)
    }

    @Test func findsSheetsByNameOrNumber() throws {
        let reader = try XLSXReader(path: TestPaths.xlsxFixtures.appendingPathComponent("everything.xlsx").path)
        #expect(reader.sheetIndex(named: "biểu 01") == 0)
        #expect(reader.sheetIndex(named: "3") == 2)
        #expect(reader.sheetIndex(named: "4") == nil)
        #expect(reader.sheets.map(\.visibility) == [.visible, .hidden, .veryHidden])
        #expect(throws: XLSXError.self) { try reader.rows(ofSheet: 3) }
    }
}

@Suite("XLSX reader on damaged and hostile files")
struct XLSXReaderBadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        var code: XLSXError.Code
        /// Words the one-line message must contain: what and where.
        var mentions: [String]
        var testDescription: String { file }
    }

    static let cases: [Case] = [
        Case(file: "truncated", code: .container, mentions: ["cut short"]),
        Case(file: "corrupt-central-directory", code: .container, mentions: ["central directory"]),
        Case(file: "crc-mismatch", code: .container, mentions: ["CRC-32", "xl/worksheets/sheet1.xml", "Biểu 01"]),
        Case(file: "zip-bomb", code: .container, mentions: ["xl/worksheets/s.xml", "limit"]),
        Case(file: "xml-bomb", code: .xml, mentions: ["xl/sharedStrings.xml", "lol9"]),
        Case(file: "missing-sheet", code: .missingPart, mentions: ["Biểu 02", "xl/worksheets/sheet1.xml"]),
        Case(file: "non-numeric-value", code: .invalidValue, mentions: ["Biểu 02", "E12", "12,5"]),
        Case(file: "mismatched-tag", code: .xml, mentions: ["Biểu 02", "</row>"]),
        Case(file: "not-a-zip", code: .container, mentions: ["ZIP"]),
        Case(file: "compound-file", code: .unsupported, mentions: [".xls"]),
    ]

    @Test(arguments: cases)
    func refusesWithAnErrorNamingWhatAndWhere(_ badCase: Case) {
        let path = TestPaths.xlsxFixtures.appendingPathComponent("bad/\(badCase.file).xlsx").path
        do {
            let reader = try XLSXReader(path: path)
            for sheet in reader.sheets { _ = try reader.worksheet(at: sheet.index) }
            Issue.record("\(badCase.file) was read without an error")
        } catch {
            #expect(error.code == badCase.code, "\(error)")
            #expect(error.file == path)
            for word in badCase.mentions {
                #expect(error.description.contains(word), "\(error.description) should mention \(word)")
            }
        }
    }
}
