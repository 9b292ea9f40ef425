// The hostile .xlsx corpus (Tests/Fixtures/hostile/, LIMITS.md): each file gives exactly its typed error, and every
// bound of XLSXLimits stops a workbook that goes past it.
import Foundation
import SheetCore
import SheetTestSupport
import SheetXLSX
import SheetXML
import SheetZip
import Testing

@Suite("Hostile .xlsx files")
struct HostileXLSXTests {
    /// Opens the workbook and streams every sheet; `ok`, or the error's code and its cause's.
    static func outcome(_ path: String, limits: XLSXLimits = .default) -> String {
        do {
            let reader = try XLSXReader(path: path, limits: limits)
            for sheet in reader.sheets {
                let rows = try reader.rows(ofSheet: sheet.index)
                while try rows.next() != nil {}
            }
            return "ok"
        } catch {
            var text = "XLSXError.\(error.code)"
            if let zip = error.cause as? ZipError { text += " ZipError.\(zip.code)" }
            if let xml = error.cause as? XMLError { text += " XMLError.\(xml.code)" }
            return text
        }
    }

    @Test(arguments: HostileCorpus.cases(withExtension: "xlsx"))
    func hostileWorkbookGivesItsTypedError(_ item: HostileCase) {
        #expect(Self.outcome(item.url.path) == item.expected)
    }

    @Test func theCorpusListsEveryAttackOfIssue8() {
        let names = Set(HostileCorpus.cases(withExtension: "xlsx").map(\.file))
        for name in [
            "zip-bomb-flat.xlsx", "zip-bomb-nested.xlsx", "zip-overlapping-entries.xlsx",
            "zip-central-directory-past-end.xlsx", "xml-billion-laughs.xlsx", "xml-external-entity.xlsx",
            "xml-deep-nesting.xlsx", "sst-index-out-of-range.xlsx", "cell-reference-xfe1.xlsx",
            "cell-row-2000000.xlsx", "relationship-etc-passwd.xlsx",
        ] {
            #expect(names.contains(name), "\(name) missing from expected.txt")
        }
        #expect(names.filter { $0.hasPrefix("invalid-utf8-") }.count >= 6)
    }

    @Test func limitErrorsNameTheLimitAndHowToRaiseIt() throws {
        let path = HostileCorpus.folder.appendingPathComponent("xml-deep-nesting.xlsx").path
        do {
            let reader = try XLSXReader(path: path)
            let rows = try reader.rows(ofSheet: 0)
            while try rows.next() != nil {}
            Issue.record("the 100,000-deep nesting was read")
        } catch {
            #expect(error.message.contains("XMLLimits.maxDepth"))
            #expect(error.message.contains("BIEUMAU_LIMITS=xml.maxDepth="))
        }
    }

    @Test func raisingTheDepthLimitReadsTheDeepSheet() {
        var limits = XLSXLimits.default
        limits.xml.maxDepth = 200_000
        let path = HostileCorpus.folder.appendingPathComponent("xml-deep-nesting.xlsx").path
        #expect(Self.outcome(path, limits: limits) == "ok")
    }

    // MARK: Bounds lowered on a good workbook (everything.xlsx: 6 shared strings, 3 sheets, 27 cells in sheet 1)

    static let everything = TestPaths.xlsxFixtures.appendingPathComponent("everything.xlsx").path

    @Test func sharedStringCountAboveTheLimitIsRefused() {
        var limits = XLSXLimits.default
        limits.maxSharedStrings = 5
        #expect(Self.outcome(Self.everything, limits: limits) == "XLSXError.limitExceeded")
    }

    @Test func sharedStringBytesAboveTheLimitAreRefused() {
        var limits = XLSXLimits.default
        limits.maxSharedStringBytes = 20
        #expect(Self.outcome(Self.everything, limits: limits) == "XLSXError.limitExceeded")
        limits.maxSharedStringBytes = 1 << 20
        #expect(Self.outcome(Self.everything, limits: limits) == "ok")
    }

    @Test func cellsPerSheetAboveTheLimitAreRefused() {
        var limits = XLSXLimits.default
        limits.maxCellsPerSheet = 10
        #expect(Self.outcome(Self.everything, limits: limits) == "XLSXError.limitExceeded")
        limits.maxCellsPerSheet = 1_000
        #expect(Self.outcome(Self.everything, limits: limits) == "ok")
    }

    @Test func sheetsAboveTheLimitAreRefused() {
        var limits = XLSXLimits.default
        limits.maxSheets = 2
        #expect(Self.outcome(Self.everything, limits: limits) == "XLSXError.limitExceeded")
    }

    @Test func bytesInflatedPerFileAboveTheLimitAreRefused() {
        var limits = XLSXLimits.default
        limits.zip.maxTotalSize = 2_000
        #expect(Self.outcome(Self.everything, limits: limits) == "XLSXError.container ZipError.limitExceeded")
    }

    @Test func entriesAboveTheLimitAreRefused() {
        var limits = XLSXLimits.default
        limits.zip.maxEntryCount = 3
        #expect(Self.outcome(Self.everything, limits: limits) == "XLSXError.container ZipError.limitExceeded")
    }
}
