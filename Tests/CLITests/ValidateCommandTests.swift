import Foundation
import SheetTestSupport
import Testing

/// `bieumau validate` over the samples of `Samples/`: each gives exactly the findings `Samples/EXPECTED.md` lists
/// (generated with the samples by `Samples/make_samples.py`), its JSON is a reviewed snapshot, and the exit code
/// says whether an error was found.
@Suite("bieumau validate")
struct ValidateCommandTests {
    /// One `validate` run: the files given, the files whose findings it checks.
    struct Run: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        var testDescription: String { name }
    }

    static let communes = [("23535", "ia-dal"), ("23537", "ia-dom"), ("23538", "ia-toi")]

    /// The commune workbooks with their lists and the previous period, as EXPECTED.md says to run them; every
    /// other sample alone.
    static let runs: [Run] = {
        var runs = communes.map { code, slug in
            Run(
                name: "\(code)-\(slug)-2023",
                arguments: [
                    "Samples/\(code)-\(slug)-2023.xlsx", "Samples/\(code)-\(slug)-2023-danh-sach.xlsx", "--previous",
                    "Samples/previous/\(code)-\(slug)-2022.xlsx",
                ])
        }
        let root = TestPaths.repositoryRoot
        for folder in ["Samples", "Samples/broken"] {
            let names =
                (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
            for name in names.sorted() where name.hasSuffix(".xlsx") || name.hasSuffix(".xls") || name.hasSuffix(".csv")
            {
                let path = "\(folder)/\(name)"
                if runs.contains(where: { $0.arguments.contains(path) }) { continue }
                runs.append(Run(name: (name as NSString).deletingPathExtension, arguments: [path]))
            }
        }
        return runs
    }()

    /// A finding reduced to what EXPECTED.md states: sheet, cell, rule, severity.
    struct Key: Hashable, Comparable, CustomStringConvertible {
        var file: String
        var sheet: String
        var cell: String
        var rule: String
        var severity: String
        static func < (a: Key, b: Key) -> Bool { a.description < b.description }
        var description: String { "\(file) \(sheet)!\(cell) \(rule) \(severity)" }
    }

    /// `Samples/EXPECTED.md`: per file, the findings it must give and nothing else.
    static let expected: [String: Set<Key>] = {
        let url = TestPaths.repositoryRoot.appendingPathComponent("Samples/EXPECTED.md")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var result: [String: Set<Key>] = [:]
        var file: String?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("## `"), let end = line.dropFirst(4).firstIndex(of: "`") {
                file = String(line.dropFirst(4)[..<end])
                result[file!] = []
                continue
            }
            guard let file, line.hasPrefix("| "), line.contains("`") else { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count >= 4 else { continue }
            result[file]!.insert(
                Key(
                    file: file, sheet: cells[0], cell: cells[1], rule: cells[2].trimmingCharacters(in: ["`"]),
                    severity: cells[3]))
        }
        return result
    }()

    static func findings(_ json: Data) throws -> (files: [String], keys: Set<Key>, document: [String: Any]) {
        let document = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let files = (document["files"] as? [[String: Any]] ?? []).filter { $0["previous"] as? Bool != true }
            .compactMap { $0["path"] as? String }
        var keys: Set<Key> = []
        for finding in document["findings"] as? [[String: Any]] ?? [] {
            keys.insert(
                Key(
                    file: finding["file"] as? String ?? "", sheet: finding["sheet"] as? String ?? "",
                    cell: finding["cell"] as? String ?? "", rule: finding["rule"] as? String ?? "",
                    severity: finding["severity"] as? String ?? ""))
        }
        return (files, keys, document)
    }

    @Test(arguments: runs)
    func eachSampleGivesExactlyItsExpectedFindings(_ run: Run) throws {
        let result = try BieuMauBinary.run(["validate"] + run.arguments + ["--format", "json"], timeout: 120)
        let (files, found, _) = try Self.findings(result.stdout)
        #expect(!files.isEmpty, "\(result.stderr)")
        var expected: Set<Key> = []
        for file in files { expected.formUnion(Self.expected[file] ?? []) }
        #expect(found.subtracting(expected).sorted() == [], "reported but not expected")
        #expect(expected.subtracting(found).sorted() == [], "expected but not reported")
        let hasError = expected.contains { $0.severity == "error" }
        #expect(result.status == (hasError ? 1 : 0), "\(result.stderr)")
    }

    @Test(arguments: runs)
    func jsonFindingsMatchTheirSnapshot(_ run: Run) throws {
        let result = try BieuMauBinary.run(["validate"] + run.arguments + ["--format", "json"], timeout: 120)
        let snapshot = TestPaths.repositoryRoot.appendingPathComponent(
            "Tests/CLITests/ValidateSnapshots/\(run.name).json")
        #expect(Snapshot.matches(result.output, snapshot: snapshot))
    }

    @Test func everyExpectedFileIsCovered() {
        let covered = Set(Self.runs.flatMap(\.arguments))
        let missing = Self.expected.keys.filter { !covered.contains($0) }
        #expect(missing.isEmpty)
        #expect(Self.expected.count >= 10)
    }

    @Test func textGroupsByFileAndSheetAndEndsWithTheSummary() throws {
        let result = try BieuMauBinary.run(["validate", "Samples/broken/02-ty-le-lech-23535-ia-dal-bieu01.xlsx"])
        #expect(result.status == 1)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "Samples/broken/02-ty-le-lech-23535-ia-dal-bieu01.xlsx")
        #expect(lines.contains { $0.hasPrefix("  Biểu 01 (tt07-bc01)") })
        #expect(
            lines.contains {
                $0.contains("F16") && $0.contains("lỗi") && $0.contains("tt07-bc01/formula/poor_rate")
                    && $0.contains("8,33")
            })
        #expect(lines.last == "Tổng: 1 lỗi, 0 cảnh báo, 0 thông tin trong 1 tệp")
    }

    @Test func speaksEnglishOnRequestWithNumbersTheVietnameseWay() throws {
        let result = try BieuMauBinary.run(
            ["validate", "Samples/618-ia-hdrai-2025-nhu-cau-von.xlsx", "--lang", "en"],
            environment: ["BIEUMAU_LANG": "vi"])
        #expect(result.status == 1)
        #expect(result.output.contains("error  tt10-nhu-cau-von/formula/nstw"))
        #expect(result.output.contains("47.855"))
        #expect(result.output.contains("a rounding difference"))
        #expect(result.output.hasSuffix("Total: 3 errors, 0 warnings, 4 info in 1 file\n"))
        #expect(!result.output.contains("lỗi"))
        let json = try BieuMauBinary.run(
            ["validate", "Samples/618-ia-hdrai-2025-nhu-cau-von.xlsx", "--lang", "en", "--format", "json"])
        #expect(json.output.contains("\"language\": \"en\""))
        #expect(json.output.contains("\"expected\": 8925.5"))
    }

    @Test func aCleanFileExitsWithZero() throws {
        let result = try BieuMauBinary.run(["validate", "Samples/broken/08-unicode-23537-ia-dom-bieu01.xlsx"])
        #expect(result.status == 0)
        #expect(result.output.contains("không có phát hiện nào"))
    }

    @Test func infoAndWarningsAloneExitWithZero() throws {
        #expect(try BieuMauBinary.run(["validate", "Samples/618-ia-hdrai-2023-chi-tieu.xlsx"]).status == 0)
        #expect(try BieuMauBinary.run(["validate", "Samples/broken/04-mau-so-0-23537-ia-dom-bieu01.xlsx"]).status == 0)
    }

    @Test func anUnreadableInputExitsWithThreeAndTheOthersAreStillChecked() throws {
        let result = try BieuMauBinary.run([
            "validate", "Samples/no-such-file.xlsx", "Samples/broken/01-tong-sai-23535-ia-dal-bieu01.xlsx",
            "--format", "json",
        ])
        #expect(result.status == 3)
        #expect(result.stderr.contains("no-such-file.xlsx"))
        let (_, keys, _) = try Self.findings(result.stdout)
        #expect(keys.contains { $0.rule == "read/unreadable" && $0.file == "Samples/no-such-file.xlsx" })
        #expect(keys.contains { $0.rule == "tt07-bc01/totals" && $0.cell == "I14" })
    }

    @Test(arguments: [
        ["validate", "Samples/23535-ia-dal-2023.xlsx", "--form", "tt99"],
        ["validate", "Samples/23535-ia-dal-2023.xlsx", "--format", "pdf"],
        ["validate", "Samples/23535-ia-dal-2023.xlsx", "--format", "xlsx"],
        ["validate", "Samples/23535-ia-dal-2023.xlsx", "--mappings", "Samples"],
        ["validate"],
    ])
    func usageMistakesExitWithTwo(_ arguments: [String]) throws {
        let result = try BieuMauBinary.run(arguments)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.output.isEmpty)
    }

    @Test func previousPeriodLinksNameBothFiles() throws {
        // This year's file given as its own previous period: this start ≠ last end.
        let result = try BieuMauBinary.run([
            "validate", "Samples/23535-ia-dal-2023.xlsx", "--previous", "Samples/23535-ia-dal-2023.xlsx", "--format",
            "json",
        ])
        let (_, keys, document) = try Self.findings(result.stdout)
        #expect(keys.contains { $0.rule == "link/bc02-start-previous-end" })
        let link = (document["findings"] as? [[String: Any]] ?? []).first {
            $0["rule"] as? String == "link/bc02-start-previous-end"
        }
        let related = link?["related"] as? [[String: Any]]
        #expect(related?.first?["file"] as? String == "Samples/23535-ia-dal-2023.xlsx")
        #expect((link?["message"] as? String)?.contains("kỳ trước") == true)
    }

    @Test func linksAcrossFilesOfOneUnitNameBothCells() throws {
        // The 23535 list checked against the 23535 reports: consistent, so no link finding; against nothing, none.
        let result = try BieuMauBinary.run([
            "validate", "Samples/23535-ia-dal-2023.xlsx", "Samples/23535-ia-dal-2023-danh-sach.xlsx", "--format",
            "json",
        ])
        let (_, keys, _) = try Self.findings(result.stdout)
        #expect(!keys.contains { $0.rule.hasPrefix("link/") })
    }

    @Test func theWorkbookReportHasOneRowPerFindingWithItsCell() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("validate-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try BieuMauBinary.run([
            "validate", "Samples/618-ia-hdrai-2025-nhu-cau-von.xlsx", "--format", "xlsx", "-o", output.path,
        ])
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        let csv = try BieuMauBinary.run(["cat", output.path]).output
        let lines = csv.split(separator: "\n")
        #expect(lines.count == 1 + 7)
        #expect(lines.first?.hasPrefix("Mức độ,Tệp,Trang tính,Ô,Quy tắc") == true)
        #expect(lines.contains { $0.contains(",D14,tt10-nhu-cau-von/formula/nstw,47855,47845,") })
        let files = try BieuMauBinary.run(["cat", output.path, "--sheet", "2"]).output
        #expect(files.contains("Samples/618-ia-hdrai-2025-nhu-cau-von.xlsx"))
    }

    @Test func folderArgumentsAreSearched() throws {
        let result = try BieuMauBinary.run(["validate", "Samples/broken", "--format", "json"], timeout: 120)
        let (files, _, _) = try Self.findings(result.stdout)
        #expect(files.count >= 8)
        #expect(files == files.sorted())
    }
}
