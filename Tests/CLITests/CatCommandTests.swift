import Foundation
import SheetTestSupport
import Testing

@Suite("bieumau cat")
struct CatCommandTests {
    let everything = "Tests/Fixtures/xlsx/everything.xlsx"

    @Test func printsTheFirstSheetAsCSVAnchoredAtA1() throws {
        let result = try BieuMauBinary.run(["cat", everything])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(
            Snapshot.matches(
                result.output, snapshot: TestPaths.xlsxFixtures.appendingPathComponent("everything.cat.csv")))
    }

    @Test func everyLineHasTheSameNumberOfFields() throws {
        let lines = try BieuMauBinary.run(["cat", everything]).output.split(separator: "\n")
        // The fixture has no quoted commas on these lines except A2's multi-line field, which is skipped here.
        let counts = lines.filter { !$0.contains("\"") }.map {
            $0.split(separator: ",", omittingEmptySubsequences: false).count
        }
        #expect(Set(counts) == [6])
    }

    @Test(arguments: [("2", "\n,7\n"), ("Ẩn", "\n,7\n"), ("rất ẩn", "")])
    func selectsASheetByNumberOrName(sheet: String, expected: String) throws {
        let result = try BieuMauBinary.run(["cat", everything, "--sheet", sheet])
        #expect(result.status == 0)
        #expect(result.output == expected)
    }

    @Test func anUnknownSheetIsAUsageErrorListingTheSheets() throws {
        let result = try BieuMauBinary.run(["cat", everything, "--sheet", "Biểu 99"])
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(result.stderr.contains("Biểu 99"))
        #expect(result.stderr.contains("Biểu 01"))
    }

    @Test func aMissingFileExitsWithThree() throws {
        let result = try BieuMauBinary.run(["cat", "Tests/Fixtures/xlsx/no-such-file.xlsx"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("no-such-file.xlsx"))
    }

    @Test func speaksVietnameseByDefaultAndEnglishOnRequest() throws {
        let file = "Tests/Fixtures/xlsx/bad/non-numeric-value.xlsx"
        let vietnamese = try BieuMauBinary.run(["cat", file], environment: ["BIEUMAU_LANG": "vi"])
        #expect(vietnamese.stderr.contains("không đọc được tệp"))
        #expect(vietnamese.stderr.contains("ô E12"))
        let english = try BieuMauBinary.run(["cat", file], environment: ["BIEUMAU_LANG": "en"])
        #expect(english.stderr.contains("cannot read"))
        #expect(english.stderr.contains("cell E12"))
        #expect(!english.stderr.contains("không"))
    }

    struct BadFile: Sendable, CustomTestStringConvertible {
        var name: String
        var mentions: [String]
        var testDescription: String { name }
    }

    /// Each damaged or hostile file: exit code 3, one line naming what and where, within a second, nothing on stdout
    /// that could pass for data.
    @Test(arguments: [
        BadFile(name: "truncated", mentions: ["truncated.xlsx"]),
        BadFile(name: "corrupt-central-directory", mentions: ["central directory"]),
        BadFile(name: "crc-mismatch", mentions: ["CRC-32", "xl/worksheets/sheet1.xml"]),
        BadFile(name: "zip-bomb", mentions: ["xl/worksheets/s.xml", "limit"]),
        BadFile(name: "xml-bomb", mentions: ["xl/sharedStrings.xml", "lol9"]),
        BadFile(name: "missing-sheet", mentions: ["Biểu 02", "xl/worksheets/sheet1.xml"]),
        BadFile(name: "non-numeric-value", mentions: ["Biểu 02", "E12"]),
        BadFile(name: "mismatched-tag", mentions: ["Biểu 02", "byte"]),
        BadFile(name: "not-a-zip", mentions: ["ZIP"]),
        BadFile(name: "compound-file", mentions: [".xls"]),
    ])
    func aBadFileExitsWithThreeAndSaysWhatAndWhere(_ file: BadFile) throws {
        let result = try BieuMauBinary.run(["cat", "Tests/Fixtures/xlsx/bad/\(file.name).xlsx"], timeout: 10)
        #expect(result.status == 3, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        for word in file.mentions {
            #expect(result.stderr.contains(word), "\(result.stderr) should mention \(word)")
        }
        #expect(result.seconds < 5, "took \(result.seconds) s")  // generous: the point is that it ends
    }
}

@Suite("bieumau inspect and help")
struct InspectCommandTests {
    @Test func describesSheetsAsJSON() throws {
        let result = try BieuMauBinary.run(["inspect", "Tests/Fixtures/xlsx/everything.xlsx", "--json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        #expect(json["format"] as? String == "xlsx")
        let sheets = try #require(json["sheets"] as? [[String: Any]])
        #expect(sheets.map { $0["name"] as? String } == ["Biểu 01", "Ẩn", "Rất ẩn"])
        #expect(sheets.map { $0["visibility"] as? String } == ["visible", "hidden", "veryHidden"])
        #expect(sheets[0]["usedRange"] as? String == "A1:F9")
        #expect(sheets[0]["mergedRanges"] as? Int == 2)
        #expect(sheets[0]["formulas"] as? Int == 6)
        #expect(json["legacyEncodings"] as? [String] == ["TCVN3 (ABC)"])
    }

    @Test func describesSheetsAsText() throws {
        let result = try BieuMauBinary.run(["inspect", "Tests/Fixtures/xlsx/everything.xlsx"])
        #expect(result.status == 0)
        #expect(result.output.contains("Biểu 01"))
        #expect(result.output.contains("TCVN3"))
    }

    @Test(arguments: [["--help"], ["cat", "--help"], ["inspect", "--help"]])
    func helpExitsCleanly(arguments: [String]) throws {
        let result = try BieuMauBinary.run(arguments)
        #expect(result.status == 0)
        #expect(result.output.contains("USAGE") || result.output.contains("Usage"))
    }

    @Test func anUnknownOptionIsAUsageError() throws {
        #expect(try BieuMauBinary.run(["cat", "--bogus"]).status == 2)
        #expect(try BieuMauBinary.run(["frobnicate"]).status == 2)
    }
}
