// bieumau on the hostile corpus (Tests/Fixtures/hostile/, LIMITS.md): every file ends the run with exit code 3 and
// one line naming what is wrong (or reads, where the expected outcome is `ok`), never a crash or a hang. The time
// and memory of each run (goal: under 2 s and 200 MB) are measured by Scripts/hostile_check.sh, not asserted here.
import Foundation
import SheetTestSupport
import Testing

@Suite("bieumau on hostile files")
struct HostileCommandTests {
    @Test(arguments: HostileCorpus.all)
    func catStopsWithATypedReasonOrReads(_ item: HostileCase) throws {
        var arguments = ["cat", item.url.path]
        if item.file.hasSuffix(".csv") { arguments += ["--encoding", "utf-8"] }  // no legacy guess for bad UTF-8
        let result = try BieuMauBinary.run(arguments, environment: ["BIEUMAU_LANG": "en"], timeout: 20)
        if item.expected == "ok" {
            #expect(result.status == 0, "\(result.stderr)")
        } else {
            #expect(result.status == 3, "\(item.file): exit \(result.status), \(result.stderr)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(result.stderr)")
            #expect(result.stderr.contains(item.file))
        }
    }

    @Test func limitMessagesSayHowToRaiseTheLimit() throws {
        let path = HostileCorpus.folder.appendingPathComponent("zip-entry-count.xlsx").path
        let result = try BieuMauBinary.run(["cat", path], environment: ["BIEUMAU_LANG": "en"], timeout: 20)
        #expect(result.status == 3)
        #expect(result.stderr.contains("BIEUMAU_LIMITS=zip.maxEntryCount="))
    }

    @Test func bieumauLimitsRaisesALimitForOneRun() throws {
        let path = HostileCorpus.folder.appendingPathComponent("xml-deep-nesting.xlsx").path
        let refused = try BieuMauBinary.run(["cat", path], timeout: 20)
        #expect(refused.status == 3)
        let raised = try BieuMauBinary.run(
            ["cat", path], environment: ["BIEUMAU_LIMITS": "xml.maxDepth=200000"], timeout: 20)
        #expect(raised.status == 0, "\(raised.stderr)")
        #expect(raised.output == "1\n")
    }
}
