import Foundation
import SheetTestSupport
import Testing

@Suite("bieumau convert")
struct ConvertCommandTests {
    /// A fresh output folder under the system's temporary folder.
    func outputFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bieumau-convert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func writesOneCSVPerSheetNamedAfterTheInputAndTheSheet() throws {
        let out = try outputFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try BieuMauBinary.run([
            "convert", "Tests/Fixtures/xlsx/everything.xlsx", "--to", "csv", "-o", out.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == ["everything.Biểu 01.csv", "everything.Rất ẩn.csv", "everything.Ẩn.csv"].sorted())
        let first = try Data(contentsOf: out.appendingPathComponent("everything.Biểu 01.csv"))
        let cat = try BieuMauBinary.run(["cat", "Tests/Fixtures/xlsx/everything.xlsx"])
        #expect(first == cat.stdout)
        #expect(result.output.hasPrefix("ok\tTests/Fixtures/xlsx/everything.xlsx\t"))
    }

    @Test func neverOverwritesWithoutForce() throws {
        let out = try outputFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let target = out.appendingPathComponent("everything.Ẩn.csv")
        try Data("keep me\n".utf8).write(to: target)
        let refused = try BieuMauBinary.run([
            "convert", "Tests/Fixtures/xlsx/everything.xlsx", "--to", "csv", "-o", out.path,
        ])
        #expect(refused.status == 3)
        #expect(refused.output.hasPrefix("failed\t"))
        #expect(try String(contentsOf: target, encoding: .utf8) == "keep me\n")
        // All or nothing: no other sheet of that workbook was written either.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["everything.Ẩn.csv"])
        let forced = try BieuMauBinary.run(
            ["convert", "Tests/Fixtures/xlsx/everything.xlsx", "--to", "csv", "-o", out.path, "--force"])
        #expect(forced.status == 0)
        #expect(try String(contentsOf: target, encoding: .utf8) == "\n,7\n")
    }

    @Test func goesOnPastABadFileAndListsIt() throws {
        let out = try outputFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try BieuMauBinary.run(["convert", "Tests/Fixtures/xlsx", "--to", "csv", "-o", out.path])
        // Some inputs converted, some failed: exit code 1 (3 is for a run where none could be read).
        #expect(result.status == 1)
        let lines = result.output.split(separator: "\n")
        // Four workbooks and two CSV files (rewritten as UTF-8 CSV).
        #expect(lines.filter { $0.hasPrefix("ok\t") }.count == 6)
        #expect(lines.filter { $0.hasPrefix("failed\t") }.count == 10)
        #expect(
            lines.contains {
                $0.hasPrefix("failed\tTests/Fixtures/xlsx/bad/crc-mismatch.xlsx\t") && $0.contains("CRC-32")
            })
        // Folder structure kept; nothing at all for the bad files, no temporary files left behind.
        let everything = try FileManager.default.subpathsOfDirectory(atPath: out.path)
        #expect(!everything.contains { $0.contains(".tmp-") })
        #expect(!everything.contains { $0.hasPrefix("bad/") })
    }

    @Test func writesAByteOrderMarkOnRequest() throws {
        let out = try outputFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        _ = try BieuMauBinary.run([
            "convert", "Tests/Fixtures/xlsx/streamed.xlsx", "--to", "csv", "-o", out.path, "--bom",
        ])
        let bytes = try Data(contentsOf: out.appendingPathComponent("streamed.S.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self) == "streamed,42\n")
    }

    @Test func anUnwritableOutputFolderFailsWithoutPartialFiles() throws {
        let out = try outputFolder()
        defer {
            chmod(out.path, 0o755)
            try? FileManager.default.removeItem(at: out)
        }
        chmod(out.path, 0o555)
        let result = try BieuMauBinary.run([
            "convert", "Tests/Fixtures/xlsx/streamed.xlsx", "--to", "csv", "-o", out.path,
        ])
        if getuid() == 0 { return }  // root writes anywhere: nothing to observe
        #expect(result.status == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func aCSVBecomesAWorkbookThatCatsBackToTheSameCSV() throws {
        let out = try outputFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let csv = "Tests/Fixtures/xlsx/everything.cat.csv"
        let result = try BieuMauBinary.run(["convert", csv, "--to", "xlsx", "-o", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let workbook = out.appendingPathComponent("everything.cat.xlsx")
        let back = try BieuMauBinary.run(["cat", workbook.path])
        #expect(
            back.output
                == (try String(
                    contentsOfFile: TestPaths.repositoryRoot.appendingPathComponent(csv).path, encoding: .utf8)))
        let inspect = try BieuMauBinary.run(["inspect", workbook.path, "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: inspect.stdout) as? [String: Any])
        let sheets = try #require(json["sheets"] as? [[String: Any]])
        #expect(sheets.first?["name"] as? String == "everything.cat")
    }

    @Test func readsVietnameseNumbersAndReportsAmbiguousOnes() throws {
        let out = try outputFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let input = out.appendingPathComponent("xa.csv")
        try Data("Đơn vị;Số hộ;Tỷ lệ\nIa Đal;1.234;7,93\nIa Dom;12.345,5;0,5\n".utf8).write(to: input)
        let result = try BieuMauBinary.run(
            ["convert", input.path, "--to", "xlsx", "-o", out.path, "--numbers", "vi"],
            environment: ["BIEUMAU_LANG": "en"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("1 cells kept as text"))
        #expect(result.stderr.contains("B2 \"1.234\""))
        let back = try BieuMauBinary.run(["cat", out.appendingPathComponent("xa.xlsx").path])
        #expect(back.output == "Đơn vị,Số hộ,Tỷ lệ\nIa Đal,1.234,7.93\nIa Dom,12345.5,0.5\n")
    }

    @Test func aBrokenCSVLeavesNoWorkbook() throws {
        let out = try outputFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let input = out.appendingPathComponent("broken.csv")
        try Data("a,b\n1,\"unterminated\n".utf8).write(to: input)
        let result = try BieuMauBinary.run(["convert", input.path, "--to", "xlsx", "-o", out.path])
        #expect(result.status == 3)
        #expect(result.output.hasPrefix("failed\t"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["broken.csv"])
    }
}
