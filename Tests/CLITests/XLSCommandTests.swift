import Foundation
import SheetTestSupport
import Testing

@Suite("bieumau on legacy .xls files")
struct XLSCommandTests {
    @Test func catReadsAnXLSWithItsVnTimeTextInUnicode() throws {
        let result = try BieuMauBinary.run(["cat", "Tests/Fixtures/xls/bao-cao-xlwt.xls"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.output.hasPrefix("Cộng hòa xã hội chủ nghĩa Việt Nam,"))
        #expect(result.output.contains("Ia Tơi,45,0.0312,2024-12-31"))
    }

    @Test func inspectNamesTheFormat() throws {
        let result = try BieuMauBinary.run(["inspect", "Tests/Fixtures/xls/bao-cao-xlwt.xls", "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        #expect(json["format"] as? String == "xls")
    }

    @Test func convertTurnsAnXLSIntoCSV() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("bieumau-xls-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try BieuMauBinary.run([
            "convert", "Tests/Fixtures/xls/bao-cao-xlwt.xls", "--to", "csv", "-o", out.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.output.hasPrefix("ok\t"))
    }

    @Test func aTruncatedXLSExitsWithThree() throws {
        let bytes = try Data(
            contentsOf: TestPaths.repositoryRoot.appendingPathComponent("Tests/Fixtures/xls/bao-cao-xlwt.xls"))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bieumau-cut-\(UUID().uuidString).xls")
        defer { try? FileManager.default.removeItem(at: path) }
        try bytes.prefix(bytes.count / 2).write(to: path)
        let result = try BieuMauBinary.run(["cat", path.path], timeout: 10)
        #expect(result.status == 3)
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func catPrintsUnicodeForLegacyFontsAndRichTextRunsInAnXLS() throws {
        let result = try BieuMauBinary.run(["cat", "Tests/Fixtures/xls/legacy-fonts.xls"])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = """
            Cộng hòa xã hội chủ nghĩa Việt Nam,CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM,Cộng hòa xã hội chủ nghĩa Việt Nam,\
            Cộng hòa xã hội chủ nghĩa Việt Nam
            Độc lập - Tự do - Hạnh phúc (Unicode: Độc lập),ngưei ,,

            """
        #expect(Array(result.output.unicodeScalars) == Array(expected.unicodeScalars))
    }
}
