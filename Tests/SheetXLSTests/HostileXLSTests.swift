// The hostile .xls corpus (Tests/Fixtures/hostile/, LIMITS.md): Compound File loops, BIFF records that lie, counts
// of 2^31; and each bound of XLSLimits stopping a good file when lowered below it.
import Foundation
import SheetCore
import SheetTestSupport
import SheetXLS
import Testing

@Suite("Hostile .xls files")
struct HostileXLSTests {
    /// Opens the workbook and reads every sheet; `ok` or the error's code.
    static func outcome(_ path: String, limits: XLSLimits = .default) -> String {
        do {
            let reader = try XLSReader(path: path, limits: limits)
            for sheet in reader.sheets {
                let rows = try reader.rows(ofSheet: sheet.index)
                while try rows.next() != nil {}
            }
            return "ok"
        } catch {
            return "XLSError.\(error.code)"
        }
    }

    @Test(arguments: HostileCorpus.cases(withExtension: "xls"))
    func hostileWorkbookGivesItsTypedError(_ item: HostileCase) {
        #expect(Self.outcome(item.url.path) == item.expected)
    }

    @Test func theCorpusListsEveryAttackOfIssue8() {
        let names = Set(HostileCorpus.cases(withExtension: "xls").map(\.file))
        for name in [
            "cfb-fat-loop.xls", "cfb-difat-loop.xls", "biff-record-past-stream.xls", "biff-sst-count-2-31.xls",
        ] {
            #expect(names.contains(name), "\(name) missing from expected.txt")
        }
    }

    // MARK: Bounds lowered on a good workbook

    static let good = TestPaths.repositoryRoot.appendingPathComponent("Tests/Fixtures/xls/bao-cao-xlwt.xls").path

    @Test func theGoodWorkbookReadsUnderTheDefaults() {
        #expect(Self.outcome(Self.good) == "ok")
    }

    @Test func cellsPerSheetAboveTheLimitAreRefused() {
        var limits = XLSLimits.default
        limits.maxCellsPerSheet = 5
        #expect(Self.outcome(Self.good, limits: limits) == "XLSError.limitExceeded")
    }

    @Test func sharedStringTextAboveTheLimitIsRefused() {
        var limits = XLSLimits.default
        limits.maxSharedStringBytes = 10
        #expect(Self.outcome(Self.good, limits: limits) == "XLSError.limitExceeded")
    }

    @Test func sectorsVisitedAboveTheLimitAreRefused() {
        var limits = XLSLimits.default
        limits.maxSectorsVisited = 3
        #expect(Self.outcome(Self.good, limits: limits) == "XLSError.limitExceeded")
    }

    @Test func recordsLongerThanTheLimitAreRefused() {
        var limits = XLSLimits.default
        limits.maxRecordLength = 16
        #expect(Self.outcome(Self.good, limits: limits) == "XLSError.limitExceeded")
    }

    @Test func aLongerRecordReadsOnceTheLimitIsRaised() {
        var limits = XLSLimits.default
        limits.maxRecordLength = 65_535
        let path = HostileCorpus.folder.appendingPathComponent("biff-record-too-long.xls").path
        #expect(Self.outcome(path, limits: limits) == "ok")
    }

    @Test func limitErrorsNameTheLimitAndHowToRaiseIt() {
        let path = HostileCorpus.folder.appendingPathComponent("biff-sst-count-2-31.xls").path
        do {
            _ = try XLSReader(path: path)
            Issue.record("an SST of 2^31 strings was accepted")
        } catch {
            #expect(error.code == .limitExceeded)
            #expect(error.message.contains("XLSLimits.maxSharedStrings"))
            #expect(error.message.contains("BIEUMAU_LIMITS=xls.maxSharedStrings="))
        }
    }
}
