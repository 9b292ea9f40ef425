import Foundation
import Testing

@testable import SheetZip

@Suite struct ZipArchiveTests {
    @Test func storedAndDeflatedEntriesRoundTrip() throws {
        let xml = sampleXML(rows: 500)
        let binary = noise(count: 3_000)
        let bytes = TestZipBuilder([
            .init("xl/worksheets/sheet1.xml", xml),
            .init("xl/media/image1.bin", binary, method: 0),
            .init("empty.txt", [], method: 0),
            .init("empty-deflated.txt", []),
        ]).build()
        let archive = try ZipArchive(bytes: bytes)
        #expect(
            archive.entries.map(\.name) == [
                "xl/worksheets/sheet1.xml", "xl/media/image1.bin", "empty.txt", "empty-deflated.txt",
            ])
        #expect(archive.entries.map(\.method) == [8, 0, 0, 8])
        #expect(try archive.contents(of: archive.entries[0]) == xml)
        #expect(try archive.contents(of: archive.entries[1]) == binary)
        #expect(try archive.contents(of: archive.entries[2]) == [])
        #expect(try archive.contents(of: archive.entries[3]) == [])
        let sheet = archive.entries[0]
        #expect(sheet.uncompressedSize == UInt64(xml.count))
        #expect(sheet.compressedSize < sheet.uncompressedSize)
        #expect(sheet.crc32 == TestZipBuilder.crc(xml))
        #expect(sheet.localHeaderOffset == 0)
        #expect(!sheet.isDirectory && !sheet.isEncrypted)
    }

    @Test func entryLookupTriesExactThenCaseInsensitiveAndLeadingSlash() throws {
        let bytes = TestZipBuilder([
            .init("[Content_Types].xml", Array("types".utf8)),
            .init("xl/workbook.xml", Array("lower".utf8)),
            .init("XL/Workbook.xml", Array("upper".utf8)),
        ]).build()
        let archive = try ZipArchive(bytes: bytes)
        #expect(try archive.contents(ofEntryNamed: "XL/Workbook.xml") == Array("upper".utf8))
        #expect(try archive.contents(ofEntryNamed: "xl/workbook.xml") == Array("lower".utf8))
        #expect(try archive.contents(ofEntryNamed: "Xl/WORKBOOK.XML") == Array("lower".utf8))
        #expect(try archive.contents(ofEntryNamed: "/[content_types].xml") == Array("types".utf8))
        #expect(archive.entry(named: "xl/missing.xml") == nil)
        let error = zipError { () throws(ZipError) in try archive.contents(ofEntryNamed: "xl/missing.xml") }
        #expect(error?.code == .entryNotFound)
        #expect(error?.entry == "xl/missing.xml")
    }

    @Test func namesWithUTF8FlagDecodeAsUTF8() throws {
        var entry = TestZipBuilder.Entry("Báo cáo/Hộ nghèo.xml", Array("x".utf8))
        entry.flags = 1 << 11
        let archive = try ZipArchive(bytes: TestZipBuilder([entry]).build())
        #expect(archive.entries[0].name == "Báo cáo/Hộ nghèo.xml")
        #expect(archive.entries[0].flags.contains(.utf8))
        #expect(archive.entry(named: "báo cáo/hộ nghèo.xml") != nil)
    }

    @Test func namesWithoutUTF8FlagDecodeAsCodePage437() throws {
        var entry = TestZipBuilder.Entry("", Array("x".utf8))
        entry.rawName = [0x4D, 0x81, 0x6E, 0x7A, 0xE1, 0x2E, 0x74, 0x78, 0x74]  // "Münzß.txt" in code page 437
        let archive = try ZipArchive(bytes: TestZipBuilder([entry]).build())
        #expect(archive.entries[0].name == "Münzß.txt")
        #expect(!archive.entries[0].flags.contains(.utf8))
    }

    @Test func invalidUTF8NamesDecodeWithReplacementCharacters() throws {
        var entry = TestZipBuilder.Entry("", Array("x".utf8))
        entry.rawName = [0x61, 0xFF, 0xC3, 0x62]
        entry.flags = 1 << 11
        let archive = try ZipArchive(bytes: TestZipBuilder([entry]).build())
        #expect(archive.entries[0].name == "a\u{FFFD}\u{FFFD}b")
    }

    @Test func unicodePathExtraFieldReplacesLegacyName() throws {
        let legacy: [UInt8] = Array("Ho ngheo.xml".utf8)
        let unicode = Array("Hộ nghèo.xml".utf8)
        var extra: [UInt8] = []
        extra.le16(0x7075)
        extra.le16(UInt16(5 + unicode.count))
        extra.append(1)
        extra.le32(TestZipBuilder.crc(legacy))
        extra += unicode
        var entry = TestZipBuilder.Entry("Ho ngheo.xml", Array("x".utf8))
        entry.extra = extra
        var stale = entry
        stale.rawName = Array("Renamed.xml".utf8)  // renamed by a tool that kept the old field: CRC no longer matches
        let archive = try ZipArchive(bytes: TestZipBuilder([entry, stale]).build())
        #expect(archive.entries.map(\.name) == ["Hộ nghèo.xml", "Renamed.xml"])
    }

    @Test func dataDescriptorEntriesTakeSizesFromCentralDirectory() throws {
        let xml = sampleXML(rows: 200)
        var deflated = TestZipBuilder.Entry("xl/sharedStrings.xml", xml)
        deflated.dataDescriptor = true
        var stored = TestZipBuilder.Entry("xl/stored.bin", noise(count: 999), method: 0)
        stored.dataDescriptor = true
        let archive = try ZipArchive(bytes: TestZipBuilder([deflated, stored]).build())
        #expect(archive.entries.allSatisfy { $0.flags.contains(.dataDescriptor) })
        #expect(try archive.contents(of: archive.entries[0]) == xml)
        #expect(try archive.contents(of: archive.entries[1]) == noise(count: 999))
    }

    @Test func dataDescriptorArchiveWrittenByPythonReads() throws {
        let archive = try ZipArchive(bytes: PythonFixtures.dataDescriptors)
        #expect(archive.entries.map(\.name) == ["xl/sharedStrings.xml", "docProps/app.xml"])
        #expect(archive.entries[0].flags.contains(.dataDescriptor))
        let strings = String(decoding: try archive.contents(of: archive.entries[0]), as: UTF8.self)
        #expect(strings == String(repeating: "<sst><si><t>Hộ nghèo</t></si></sst>", count: 5))
        #expect(try archive.contents(of: archive.entries[1]) == Array("<Properties/>".utf8))
    }

    @Test func zip64ArchiveWrittenByPythonReads() throws {
        let archive = try ZipArchive(bytes: PythonFixtures.zip64)
        #expect(archive.entries.map(\.name) == ["[Content_Types].xml", "xl/stored.bin", "xl/worksheets/sheet1.xml"])
        #expect(
            try archive.contents(of: archive.entries[0])
                == Array(String(repeating: "<?xml version=\"1.0\"?><Types/>", count: 3).utf8))
        #expect(try archive.contents(of: archive.entries[1]) == Array(0..<64))
        #expect(
            try archive.contents(of: archive.entries[2])
                == Array(String(repeating: "<row><c>1</c></row>", count: 40).utf8))
    }

    @Test func zip64ExtraFieldsAndEndRecordsRead() throws {
        var builder = TestZipBuilder()
        for index in 0..<3 {
            var entry = TestZipBuilder.Entry(
                "part\(index).xml", sampleXML(rows: 50 * (index + 1)), method: index == 1 ? 0 : 8)
            entry.zip64 = true
            builder.entries.append(entry)
        }
        builder.zip64End = true
        let archive = try ZipArchive(bytes: builder.build())
        #expect(archive.entries.count == 3)
        for (index, entry) in archive.entries.enumerated() {
            #expect(try archive.contents(of: entry) == sampleXML(rows: 50 * (index + 1)))
        }
    }

    @Test func emptyArchiveHasNoEntries() throws {
        let archive = try ZipArchive(bytes: TestZipBuilder().build())
        #expect(archive.entries.isEmpty)
    }

    @Test func directoryEntriesAreMarked() throws {
        let archive = try ZipArchive(
            bytes: TestZipBuilder([.init("xl/", [], method: 0), .init("xl/a.xml", [1])]).build())
        #expect(archive.entries.map(\.isDirectory) == [true, false])
    }

    @Test func prependedStubShiftsEveryOffset() throws {
        var builder = TestZipBuilder([.init("a.xml", sampleXML(rows: 10)), .init("b.bin", [1, 2, 3], method: 0)])
        builder.prefix = Array("MZ self-extractor stub".utf8) + noise(count: 100)
        let archive = try ZipArchive(bytes: builder.build())
        #expect(archive.entries[0].localHeaderOffset == UInt64(builder.prefix.count))
        #expect(try archive.contents(of: archive.entries[1]) == [1, 2, 3])
    }

    @Test func commentContainingEndSignatureIsSkipped() throws {
        var builder = TestZipBuilder([.init("a.xml", sampleXML(rows: 10))])
        builder.comment = Array("note PK".utf8) + [0x05, 0x06] + [UInt8](repeating: 0x20, count: 40)
        let archive = try ZipArchive(bytes: builder.build())
        #expect(try archive.contents(of: archive.entries[0]) == sampleXML(rows: 10))
    }

    @Test func bytesAppendedAfterEndRecordAreTolerated() throws {
        let bytes = TestZipBuilder([.init("a.xml", sampleXML(rows: 10))]).build() + Array("trailing junk".utf8)
        #expect(try openAndReadAll(bytes) == [sampleXML(rows: 10)])
    }

    @Test func openingFromPathReadsTheSameEntries() throws {
        let bytes = TestZipBuilder([.init("xl/worksheets/sheet1.xml", sampleXML(rows: 3_000))]).build()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sheetzip-\(UUID().uuidString).zip")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let archive = try ZipArchive(path: url.path)
        #expect(archive.path == url.path)
        #expect(try archive.contents(of: archive.entries[0]) == sampleXML(rows: 3_000))
        #expect(try readStreaming(archive, archive.entries[0], chunkSize: 1_000) == sampleXML(rows: 3_000))
    }

    @Test func missingFileIsAnIOError() {
        let error = zipError { () throws(ZipError) in try ZipArchive(path: "/nonexistent/book.xlsx") }
        #expect(error?.code == .io)
        #expect(error?.path == "/nonexistent/book.xlsx")
    }

    @Test func directoryPathIsAnIOError() {
        let error = zipError { () throws(ZipError) in try ZipArchive(path: NSTemporaryDirectory()) }
        #expect(error?.code == .io)
    }

    @Test func errorDescriptionNamesArchiveEntryAndOffset() {
        let error = ZipError(
            .crcMismatch, "CRC-32 mismatch (stored 1A2B3C4D, computed 00000000) — the file is damaged",
            path: "book.xlsx", entry: "xl/worksheets/sheet1.xml", offset: 1234)
        #expect(
            error.description == "book.xlsx: xl/worksheets/sheet1.xml: CRC-32 mismatch (stored 1A2B3C4D, "
                + "computed 00000000) — the file is damaged (at byte 1234)")
        #expect(ZipError.Code.crcMismatch.description == "crcMismatch")
    }
}
