import Foundation
import SheetTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `bieumau convert` over folders (issue 7): parallel workers, resuming, the report, exit codes, time limits,
/// Ctrl-C, and `--fix-fonts`.
@Suite("bieumau convert, in bulk")
struct BulkConvertTests {
    /// A fresh folder under the system's temporary folder.
    func folder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bieumau-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// An input tree: two workbooks and a CSV in nested folders, and a file that is no spreadsheet.
    func inputTree() throws -> URL {
        let root = try folder("inputs")
        let nested = root.appendingPathComponent("2019/huyen-01")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        let fixtures = TestPaths.repositoryRoot.appendingPathComponent("Tests/Fixtures")
        try FileManager.default.copyItem(
            at: fixtures.appendingPathComponent("xls/legacy-fonts.xls"),
            to: nested.appendingPathComponent("cu.xls"))
        try FileManager.default.copyItem(
            at: fixtures.appendingPathComponent("xlsx/everything.xlsx"), to: root.appendingPathComponent("moi.xlsx"))
        try Data("Đơn vị,Số hộ\nIa Đal,12\n".utf8).write(to: nested.appendingPathComponent("xa.csv"))
        return root
    }

    func sha256(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix(64))
    }

    @Test func mirrorsTheInputTreeAndWritesAReportWithChecksums() throws {
        let inputs = try inputTree()
        let out = try folder("out")
        defer {
            try? FileManager.default.removeItem(at: inputs)
            try? FileManager.default.removeItem(at: out)
        }
        let report = out.appendingPathComponent("report.json").path
        let result = try BieuMauBinary.run([
            "convert", inputs.path, "--to", "xlsx", "-o", out.appendingPathComponent("x").path, "--jobs", "2",
            "--report", report,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.output.split(separator: "\n").allSatisfy { $0.hasPrefix("ok\t") })
        let written = try FileManager.default.subpathsOfDirectory(atPath: out.appendingPathComponent("x").path)
        #expect(
            Set(written) == ["2019", "2019/huyen-01", "2019/huyen-01/cu.xlsx", "2019/huyen-01/xa.xlsx", "moi.xlsx"])
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        let entries = try #require(json["inputs"] as? [[String: Any]])
        #expect(entries.count == 3)
        for entry in entries {
            let path = try #require(entry["path"] as? String)
            #expect(entry["sha256"] as? String == (try sha256(path)))
            #expect(entry["status"] as? String == "ok")
        }
        let legacy = try #require(entries.first { ($0["path"] as? String)?.hasSuffix("cu.xls") == true })
        #expect(legacy["format"] as? String == "xls")
        #expect((legacy["legacyFound"] as? [String])?.contains("TCVN3 (.VnTime)") == true)
    }

    @Test func aSecondRunSkipsWhatIsDoneAndForceRedoesIt() throws {
        let inputs = try inputTree()
        let out = try folder("out")
        defer {
            try? FileManager.default.removeItem(at: inputs)
            try? FileManager.default.removeItem(at: out)
        }
        let arguments = ["convert", inputs.path, "--to", "csv", "-o", out.path]
        let first = try BieuMauBinary.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        let output = out.appendingPathComponent("2019/huyen-01/xa.csv").path
        let written = try FileManager.default.attributesOfItem(atPath: output)[.modificationDate] as? Date
        let second = try BieuMauBinary.run(arguments)
        #expect(second.status == 0, "\(second.stderr)")
        let lines = second.output.split(separator: "\n")
        #expect(lines.count == 3 && lines.allSatisfy { $0.hasPrefix("skipped\t") })
        #expect(try FileManager.default.attributesOfItem(atPath: output)[.modificationDate] as? Date == written)
        let forced = try BieuMauBinary.run(arguments + ["--force"])
        #expect(forced.output.split(separator: "\n").allSatisfy { $0.hasPrefix("ok\t") })
    }

    @Test func aTemporaryFileLeftByAKilledRunIsSweptAndTheOutputMade() throws {
        let inputs = try inputTree()
        let out = try folder("out")
        defer {
            try? FileManager.default.removeItem(at: inputs)
            try? FileManager.default.removeItem(at: out)
        }
        try Data("PK half a zip".utf8).write(to: out.appendingPathComponent(".moi.xlsx.tmp-0123456789ab"))
        let result = try BieuMauBinary.run(["convert", inputs.path, "--to", "xlsx", "-o", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(names.contains("moi.xlsx"))
        #expect(!names.contains { $0.contains(".tmp-") })
    }

    @Test func exitsWithOneWhenSomeFailAndThreeWhenAllFail() throws {
        let inputs = try inputTree()
        let out = try folder("out")
        defer {
            try? FileManager.default.removeItem(at: inputs)
            try? FileManager.default.removeItem(at: out)
        }
        try Data().write(to: inputs.appendingPathComponent("rong.xls"))
        try FileManager.default.createDirectory(
            at: inputs.appendingPathComponent("x.xlsx"), withIntermediateDirectories: true)
        let some = try BieuMauBinary.run(
            ["convert", inputs.path, "--to", "xlsx", "-o", out.path], environment: ["BIEUMAU_LANG": "en"])
        #expect(some.status == 1, "\(some.stderr)")
        let failed = some.output.split(separator: "\n").filter { $0.hasPrefix("failed\t") }
        #expect(failed.count == 2)
        #expect(failed.contains { $0.contains("rong.xls\t") && $0.contains("empty") })
        #expect(failed.contains { $0.contains("x.xlsx\t") && $0.contains("folder") })
        let all = try BieuMauBinary.run([
            "convert", inputs.appendingPathComponent("rong.xls").path, "--to", "xlsx", "-o", out.path,
        ])
        #expect(all.status == 3)
    }

    @Test func refusesAnOutputFolderInsideAnInputFolder() throws {
        let inputs = try inputTree()
        defer { try? FileManager.default.removeItem(at: inputs) }
        let result = try BieuMauBinary.run([
            "convert", inputs.path, "--to", "xlsx", "-o", inputs.appendingPathComponent("out").path,
        ])
        #expect(result.status == 2)
        #expect(!FileManager.default.fileExists(atPath: inputs.appendingPathComponent("out").path))
    }

    /// A CSV file of `rows` lines, big enough to take a while to convert.
    func bigCSV(_ url: URL, rows: Int) throws {
        var text = "STT,Đơn vị,Số hộ nghèo,Tỷ lệ\n"
        for row in 0..<rows { text += "\(row),Xã Ia Đal \(row % 97),\(row * 7 % 1000),\(Double(row % 1000) / 10)\n" }
        try Data(text.utf8).write(to: url)
    }

    /// A limit no conversion can meet: every file goes over it, is reported, and the run still ends with every input.
    @Test func aFileOverTheTimeLimitIsReportedAndTheRunGoesOn() throws {
        let inputs = try inputTree()
        let out = try folder("out")
        defer {
            try? FileManager.default.removeItem(at: inputs)
            try? FileManager.default.removeItem(at: out)
        }
        try bigCSV(inputs.appendingPathComponent("lon.csv"), rows: 200_000)
        let result = try BieuMauBinary.run(
            ["convert", inputs.path, "--to", "xlsx", "-o", out.path, "--timeout-per-file", "0.001"],
            environment: ["BIEUMAU_LANG": "en"], timeout: 120)
        #expect(result.status == 1 || result.status == 3, "\(result.stderr)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(
            lines.contains { $0.hasPrefix("failed\t") && $0.contains("lon.csv") && $0.contains("--timeout-per-file") })
        #expect(!(try FileManager.default.subpathsOfDirectory(atPath: out.path)).contains { $0.contains(".tmp-") })
    }

    @Test func ctrlCStopsCleanlyAndTheNextRunFinishes() throws {
        let inputs = try inputTree()
        let out = try folder("out")
        defer {
            try? FileManager.default.removeItem(at: inputs)
            try? FileManager.default.removeItem(at: out)
        }
        // First in the order of the inputs, and long to convert: Ctrl-C comes while it is being written.
        try bigCSV(inputs.appendingPathComponent("0-lon.csv"), rows: 300_000)
        let binary = try #require(BieuMauBinary.url)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["convert", inputs.path, "--to", "xlsx", "-o", out.path, "--jobs", "1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(400_000)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let left = try FileManager.default.subpathsOfDirectory(atPath: out.path)
        #expect(!left.contains { $0.contains(".tmp-") })
        #expect(!left.contains("0-lon.xlsx"))
        let again = try BieuMauBinary.run(["convert", inputs.path, "--to", "xlsx", "-o", out.path], timeout: 120)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.output.split(separator: "\n").count == 4)
    }

    @Test func fixFontsWritesUnicodeTextInUnicodeFontsKeepingBoldAndSize() throws {
        let out = try folder("out")
        defer { try? FileManager.default.removeItem(at: out) }
        let input = "Tests/Fixtures/xls/legacy-fonts.xls"
        let result = try BieuMauBinary.run(["convert", input, "--to", "xlsx", "-o", out.path, "--fix-fonts"])
        #expect(result.status == 0, "\(result.stderr)")
        let workbook = out.appendingPathComponent("legacy-fonts.xlsx").path
        // Text the same as `cat` of the original shows it, but now stored as Unicode (utf-8: no conversion on read).
        let original = try BieuMauBinary.run(["cat", input])
        let stored = try BieuMauBinary.run(["cat", workbook, "--encoding", "utf-8"])
        #expect(stored.output == original.output)
        let inspect = try BieuMauBinary.run(["inspect", workbook, "--json"])
        #expect(!inspect.output.contains(".VnTime"))
        #expect(!inspect.output.contains("VNI-Times"))
        #expect(inspect.output.contains("Times New Roman"))
    }

    @Test func withoutFixFontsTheLegacyTextAndFontsAreKept() throws {
        let out = try folder("out")
        defer { try? FileManager.default.removeItem(at: out) }
        let input = "Tests/Fixtures/xls/legacy-fonts.xls"
        let result = try BieuMauBinary.run(["convert", input, "--to", "xlsx", "-o", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let workbook = out.appendingPathComponent("legacy-fonts.xlsx").path
        let inspect = try BieuMauBinary.run(["inspect", workbook, "--json"])
        #expect(inspect.output.contains(".VnTime"))
        // Read by font, as before: the same Unicode text.
        #expect(try BieuMauBinary.run(["cat", workbook]).output == (try BieuMauBinary.run(["cat", input])).output)
    }

    @Test func aLegacyCSVBecomesUTF8CSVWithEveryFieldAsItWas() throws {
        let inputs = try folder("inputs")
        let out = try folder("out")
        defer {
            try? FileManager.default.removeItem(at: inputs)
            try? FileManager.default.removeItem(at: out)
        }
        // "Mã,Cộng hòa xã hội chủ nghĩa Việt Nam,Số\n007,,1.234,5\n" with the Vietnamese in TCVN3 bytes.
        var bytes = Array("M".utf8) + [0xB7] + Array(",".utf8)
        bytes += [
            0x43, 0xE9, 0x6E, 0x67, 0x20, 0x68, 0xDF, 0x61, 0x20, 0x78, 0xB7, 0x20, 0x68, 0xE9, 0x69, 0x20, 0x63, 0x68,
            0xF1, 0x20, 0x6E, 0x67, 0x68, 0xDC, 0x61, 0x20, 0x56, 0x69, 0xD6, 0x74, 0x20, 0x4E, 0x61, 0x6D,
        ]
        bytes += Array(",S".utf8) + [0xE8] + Array("\n007,,\"1.234,5\"\n".utf8)
        try Data(bytes).write(to: inputs.appendingPathComponent("xa.csv"))
        let result = try BieuMauBinary.run(["convert", inputs.path, "--to", "csv", "-o", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let written = try String(contentsOf: out.appendingPathComponent("xa.csv"), encoding: .utf8)
        #expect(written == "Mã,Cộng hòa xã hội chủ nghĩa Việt Nam,Số\n007,,\"1.234,5\"\n")
    }

    @Test func inputsWhoseOutputsWouldShareANameKeepTheirExtension() throws {
        let inputs = try folder("inputs")
        let out = try folder("out")
        defer {
            try? FileManager.default.removeItem(at: inputs)
            try? FileManager.default.removeItem(at: out)
        }
        try Data("a,1\n".utf8).write(to: inputs.appendingPathComponent("xa.csv"))
        try FileManager.default.copyItem(
            at: TestPaths.repositoryRoot.appendingPathComponent("Tests/Fixtures/xlsx/streamed.xlsx"),
            to: inputs.appendingPathComponent("xa.xlsx"))
        let result = try BieuMauBinary.run(["convert", inputs.path, "--to", "xlsx", "-o", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: out.path)) == ["xa.csv.xlsx", "xa.xlsx.xlsx"])
    }
}
