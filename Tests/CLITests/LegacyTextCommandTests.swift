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

    @Test func aLegacyCSVIsDetectedDecodedAndReported() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "bieumau-legacy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // "Đơn vị,Số hộ\nCộng hòa xã hội chủ nghĩa Việt Nam,300\n" in TCVN3 bytes.
        var bytes = Array("Don vi,So ho\n".utf8)
        bytes += [
            0x43, 0xE9, 0x6E, 0x67, 0x20, 0x68, 0xDF, 0x61, 0x20, 0x78, 0xB7, 0x20, 0x68, 0xE9, 0x69, 0x20, 0x63, 0x68,
            0xF1, 0x20, 0x6E, 0x67, 0x68, 0xDC, 0x61, 0x20, 0x56, 0x69, 0xD6, 0x74, 0x20, 0x4E, 0x61, 0x6D,
        ]
        bytes += Array(",300\n".utf8)
        let input = folder.appendingPathComponent("xa.csv")
        try Data(bytes).write(to: input)
        let result = try BieuMauBinary.run(
            ["convert", input.path, "--to", "xlsx", "-o", folder.path], environment: ["BIEUMAU_LANG": "en"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("read as tcvn3"))
        let back = try BieuMauBinary.run(["cat", folder.appendingPathComponent("xa.xlsx").path])
        #expect(back.output == "Don vi,So ho\nCộng hòa xã hội chủ nghĩa Việt Nam,300\n")
    }

    @Test func catReadsALegacyCSVAsUnicode() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "bieumau-csvcat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("xa.csv")
        // "Céng hßa;300" in TCVN3 bytes, semicolon-delimited.
        try Data([0x43, 0xE9, 0x6E, 0x67, 0x20, 0x68, 0xDF, 0x61, 0x3B, 0x33, 0x30, 0x30, 0x0A]).write(to: input)
        let result = try BieuMauBinary.run(["cat", input.path, "--encoding", "tcvn3"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.output == "Cộng hòa,300\n")
    }

    /// Without a telling font, only strong evidence converts: TCVN3 spelled out in a sentence does, German does not.
    @Test func detectsTCVN3WithoutATellingFontButLeavesOtherLanguagesAlone() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "bieumau-detect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("cu.csv")
        try Data("Céng hßa x· héi chñ nghÜa ViÖt Nam,Müller Äcker Straße Café,Hé\n".utf8).write(to: input)
        let converted = try BieuMauBinary.run(["convert", input.path, "--to", "xlsx", "-o", folder.path])
        #expect(converted.status == 0, "\(converted.stderr)")
        let workbook = folder.appendingPathComponent("cu.xlsx").path
        let result = try BieuMauBinary.run(["cat", workbook])
        #expect(result.output == "Cộng hòa xã hội chủ nghĩa Việt Nam,Müller Äcker Straße Café,Hé\n")
        let inspect = try BieuMauBinary.run(["inspect", workbook, "--json"])
        #expect(inspect.output.contains("\"(detected)\""))
    }
}
