import Foundation
import SheetTestSupport
import Testing

@Suite("Legacy Vietnamese text in workbooks")
struct LegacyTextCommandTests {
    let file = "Tests/Fixtures/xlsx/legacy-fonts.xlsx"

    @Test func catPrintsUnicodeForEveryLegacyFontAndRichTextRun() throws {
        let result = try BieuMauBinary.run(["cat", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            Snapshot.matches(
                result.output, snapshot: TestPaths.xlsxFixtures.appendingPathComponent("legacy-fonts.cat.csv")))
        let scalars = Array(result.output.unicodeScalars)
        // NFC: the precomposed ộ, never o + combining marks.
        #expect(scalars.contains("\u{1ED9}"))
        #expect(!scalars.contains("\u{0323}"))
        // Byte 0xAD (ư in TCVN3) survives.
        #expect(result.output.contains("ngưei"))
    }

    @Test func utf8LeavesTheStoredTextAlone() throws {
        let result = try BieuMauBinary.run(["cat", file, "--encoding", "utf-8"])
        #expect(result.output.hasPrefix("Céng hßa x· héi chñ nghÜa ViÖt Nam,"))
    }

    @Test func aForcedEncodingAppliesToEveryTextCell() throws {
        let result = try BieuMauBinary.run(["cat", file, "--encoding", "tcvn3"])
        // The VNI cell read as TCVN3 is wrong on purpose: the switch overrides the fonts.
        #expect(result.output.hasPrefix("Cộng hòa xã hội chủ nghĩa Việt Nam,"))
        #expect(!result.output.contains("CỘNG HÒA"))
    }

    @Test func inspectReportsWhatWasConverted() throws {
        let result = try BieuMauBinary.run(["inspect", file, "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let converted = try #require(json["convertedText"] as? [[String: Any]])
        let summary = converted.map { "\($0["font"]!) \($0["encoding"]!) \($0["upperCase"]!) \($0["count"]!)" }
        #expect(summary == [".VnTime tcvn3 0 4", ".VnTimeH tcvn3 1 1", "VNI-Times vni 0 1"])
    }
}
