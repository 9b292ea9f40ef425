import Foundation
import SheetTestSupport
import Testing

/// `bieumau consolidate` reading its inputs on several threads and keeping only what it needs of each form
/// (issue 6, "Scale"): the same bytes whatever the threads, household lists still checked by the links, the
/// benchmark's read-only baseline. Speed and memory are measured by Benchmarks/consolidate_run.py, not here.
@Suite("bieumau consolidate at scale")
struct ConsolidateScaleTests {
    let folder: String
    static let samples = TestPaths.repositoryRoot.appendingPathComponent("Samples").path

    init() throws {
        folder = NSTemporaryDirectory() + "bieumau-consolidate-scale-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    static var communeFiles: [String] {
        ["23535-ia-dal", "23537-ia-dom", "23538-ia-toi"].flatMap {
            ["\(samples)/\($0)-2023.xlsx", "\(samples)/\($0)-2023-danh-sach.xlsx"]
        }
    }

    @Test func oneThreadAndManyThreadsWriteTheSameBytes() throws {
        var outputs: [Data?] = []
        for jobs in ["1", "2", "5"] {
            let output = "\(folder)/huyen-\(jobs).xlsx"
            let result = try BieuMauBinary.run(
                ["consolidate"] + Self.communeFiles + ["--period", "2023", "--jobs", jobs, "-o", output], timeout: 120)
            #expect([0, 1].contains(result.status), "\(result.stderr)")
            outputs.append(FileManager.default.contents(atPath: output))
        }
        #expect(outputs[0] != nil)
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0] == outputs[2])
    }

    @Test func householdListsAreCheckedAgainstTheReportsOfTheirCommune() throws {
        // The poor households' list of Ia Đal with its last household removed, as CSV: report 4 now counts one
        // household more than the list.
        let list = try BieuMauBinary.run(["cat", "\(Self.samples)/23535-ia-dal-2023-danh-sach.xlsx", "--sheet", "1"])
        #expect(list.status == 0, "\(list.stderr)")
        var lines = list.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        let lastHousehold = try #require(
            lines.lastIndex { $0.range(of: #"^\d+,"#, options: .regularExpression) != nil })
        lines.remove(at: lastHousehold)
        let shortened = "\(folder)/23535-ds-ngheo.csv"
        try (lines.joined(separator: "\n") + "\n").write(toFile: shortened, atomically: true, encoding: .utf8)
        let output = "\(folder)/huyen.xlsx"
        let result = try BieuMauBinary.run(
            [
                "consolidate", "\(Self.samples)/23535-ia-dal-2023.xlsx", shortened, "--period", "2023", "--unit", "618",
                "-o", output,
            ], timeout: 120)
        #expect(result.status == 1, "\(result.stderr)")
        let findings = try BieuMauBinary.run(["cat", output, "--sheet", "Phát hiện"])
        #expect(findings.output.contains("link/bc04-households-list"), "\(findings.output)")
        let sources = try BieuMauBinary.run(["cat", output, "--sheet", "Nguồn"])
        #expect(sources.output.contains("tt07-ds-ngheo"))
    }

    @Test func anUnknownUnitIsRefusedBeforeReading() throws {
        let output = "\(folder)/huyen.xlsx"
        let result = try BieuMauBinary.run(
            ["consolidate", Self.samples, "--period", "2023", "--unit", "99999", "-o", output])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("99999"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func readOnlyReadsEveryFileAndWritesNothing() throws {
        let output = "\(folder)/huyen.xlsx"
        let result = try BieuMauBinary.run(
            ["consolidate"] + Self.communeFiles + ["--period", "2023", "-o", output, "--read-only"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("6 files read"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
