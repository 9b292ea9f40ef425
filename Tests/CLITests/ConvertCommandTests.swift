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
        #expect(result.status == 3)
        let lines = result.output.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("ok\t") }.count == 3)
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
}
