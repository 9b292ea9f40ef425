import Foundation
import Testing

@testable import SheetZip

@Suite struct ZipWriterTests {
    /// A small package: XML parts, an empty part, a Vietnamese name, incompressible bytes.
    static let package: [WrittenEntry] = [
        WrittenEntry(name: "[Content_Types].xml", bytes: Array(#"<?xml version="1.0"?><Types/>"#.utf8)),
        WrittenEntry(name: "xl/worksheets/sheet1.xml", bytes: sampleXML(rows: 20_000)),
        WrittenEntry(name: "xl/empty.xml", bytes: []),
        WrittenEntry(name: "xl/Hộ nghèo.xml", bytes: Array("<t>Hộ nghèo Ia Đal</t>".utf8)),
        WrittenEntry(name: "xl/media/noise.bin", bytes: noise(count: 300_000)),
    ]

    @Test(arguments: [(Int32(1), true), (1, false), (6, true), (6, false), (9, true), (0, false)])
    func roundTripsThroughOurReader(level: Int32, background: Bool) throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let path = folder.file("book.xlsx")
        try writeArchive(Self.package, to: path, level: level, background: background, chunk: 7_777)
        #expect(folder.contents == ["book.xlsx"])
        let archive = try ZipArchive(path: path)
        #expect(archive.entries.map(\.name) == Self.package.map(\.name))
        for (entry, expected) in zip(archive.entries, Self.package) {
            #expect(same(try archive.contents(of: entry), expected.bytes), "\(entry.name)")
            #expect(entry.method == 8)
        }
    }

    @Test(arguments: [0, 1, 3])
    func smallChunksWrapTheRingManyTimes(workers: Int) throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let path = folder.file("big.zip")
        let xml = sampleXML(rows: 200_000)  // ≈ 10 MB in 4 KiB chunks: thousands of hand-overs, dictionaries
        let tail = Array(xml.suffix(5000))  // shorter than the window
        try writeArchive(
            [WrittenEntry(name: "sheet.xml", bytes: xml), WrittenEntry(name: "after.xml", bytes: tail)],
            to: path, level: 1, workers: workers, chunk: 65_536, deflateChunkSize: 4096)
        let archive = try ZipArchive(path: path)
        #expect(same(try archive.contents(of: archive.entries[0]), xml))
        #expect(same(try archive.contents(of: archive.entries[1]), tail))
    }

    @Test func chunkedDeflateCostsAlmostNothingAgainstOneStream() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let xml = sampleXML(rows: 100_000)
        try writeArchive([WrittenEntry(name: "s.xml", bytes: xml)], to: folder.file("chunked.zip"))
        try writeArchive(
            [WrittenEntry(name: "s.xml", bytes: xml)], to: folder.file("one.zip"), deflateChunkSize: xml.count + 1)
        let chunked = Double(fileBytes(folder.file("chunked.zip")).count)
        let one = Double(fileBytes(folder.file("one.zip")).count)
        #expect(chunked <= one * 1.005, "chunked \(chunked) bytes, one stream \(one)")
    }

    @Test func headersAreWrittenAsExcelWritesThem() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let path = folder.file("headers.zip")
        try writeArchive(Self.package, to: path, level: 6)
        let bytes = fileBytes(path)
        let archive = try ZipArchive(path: path)

        // Local header of the first entry (APPNOTE 4.3.7).
        #expect(littleEndian(bytes, at: 0, as: UInt32.self) == 0x0403_4b50)
        #expect(littleEndian(bytes, at: 4, as: UInt16.self) == 20)  // version needed 2.0
        #expect(littleEndian(bytes, at: 6, as: UInt16.self) == 0)  // no data descriptor, normal deflate
        #expect(littleEndian(bytes, at: 8, as: UInt16.self) == 8)
        #expect(littleEndian(bytes, at: 10, as: UInt16.self) == 0)  // 00:00
        #expect(littleEndian(bytes, at: 12, as: UInt16.self) == 0x21)  // 1980-01-01
        let first = archive.entries[0]
        #expect(littleEndian(bytes, at: 14, as: UInt32.self) == first.crc32)
        #expect(UInt64(littleEndian(bytes, at: 18, as: UInt32.self)) == first.compressedSize)
        #expect(UInt64(littleEndian(bytes, at: 22, as: UInt32.self)) == first.uncompressedSize)
        #expect(littleEndian(bytes, at: 28, as: UInt16.self) == 0)  // no extra field

        // Every local header agrees with the central directory.
        for entry in archive.entries {
            let offset = Int(entry.localHeaderOffset)
            #expect(littleEndian(bytes, at: offset + 14, as: UInt32.self) == entry.crc32)
            #expect(UInt64(littleEndian(bytes, at: offset + 18, as: UInt32.self)) == entry.compressedSize)
            #expect(UInt64(littleEndian(bytes, at: offset + 22, as: UInt32.self)) == entry.uncompressedSize)
        }
        // Flag bit 11 only for the non-ASCII name (APPNOTE Appendix D).
        #expect(archive.entries.map { $0.flags.contains(.utf8) } == [false, false, false, true, false])

        // No ZIP64 end records in a small archive; the end record counts five entries.
        let end = bytes.count - 22
        #expect(littleEndian(bytes, at: end, as: UInt32.self) == 0x0605_4b50)
        #expect(littleEndian(bytes, at: end + 10, as: UInt16.self) == 5)
        #expect(littleEndian(bytes, at: end - 20, as: UInt32.self) != 0x0706_4b50)
    }

    @Test func levelOneSetsTheSuperFastFlagsExcelSets() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let path = folder.file("fast.zip")
        try writeArchive([WrittenEntry(name: "a.xml", bytes: sampleXML(rows: 10))], to: path, level: 1)
        #expect(littleEndian(fileBytes(path), at: 6, as: UInt16.self) == 0b110)
    }

    @Test func timestampCanBeSet() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let path = folder.file("dated.zip")
        try writeArchive([WrittenEntry(name: "a.xml", bytes: [1, 2, 3])], to: path) { writer in
            writer.timestamp = ZipTimestamp(year: 2025, month: 7, day: 1, hour: 8, minute: 30, second: 59)
        }
        let bytes = fileBytes(path)
        #expect(littleEndian(bytes, at: 12, as: UInt16.self) == (45 << 9 | 7 << 5 | 1))
        #expect(littleEndian(bytes, at: 10, as: UInt16.self) == (8 << 11 | 30 << 5 | 29))
        let clamped = ZipTimestamp(year: 1970, month: 0, day: 40, hour: 25, minute: -1, second: 61)
        #expect(clamped.date == 1 << 5 | 31)
        #expect(clamped.time == 23 << 11 | 29)
    }

    @Test func sameInputGivesSameBytesWhateverTheWritesAndThreads() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let entries = Array(Self.package.prefix(4))
        // (workers, bytes per write): chunks are cut at fixed offsets of each entry, whoever deflates them.
        let configurations: [(Int, Int)] = [(2, 10_000), (2, 10_000), (0, 10_000), (0, 1_000_000), (1, 333), (4, 7), (0, 7)]
        var outputs: [[UInt8]] = []
        for (index, (workers, chunk)) in configurations.enumerated() {
            let path = folder.file("same\(index).zip")
            try writeArchive(entries, to: path, workers: workers, chunk: chunk, deflateChunkSize: 64 << 10)
            outputs.append(fileBytes(path))
        }
        #expect(outputs[0].count > 1000)
        for (index, output) in outputs.enumerated() { #expect(same(output, outputs[0]), "configuration \(index)") }
    }

    @Test func bytesWrittenEndsAtTheFileSize() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let path = folder.file("count.zip")
        let writer = try ZipWriter(path: path)
        #expect(writer.bytesWritten == 0)
        try writer.addEntry("a.xml", bytes: sampleXML(rows: 1000))
        let afterEntry = writer.bytesWritten
        #expect(afterEntry > 30)
        try writer.finish()
        #expect(writer.bytesWritten == UInt64(fileBytes(path).count))
        #expect(writer.bytesWritten > afterEntry)
    }

    @Test func finishReplacesAnExistingFile() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let path = folder.file("old.xlsx")
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        try writeArchive([WrittenEntry(name: "a.xml", bytes: [1])], to: path)
        #expect(try ZipArchive(path: path).entries.count == 1)
        #expect(folder.contents == ["old.xlsx"])
    }

    @Test func openEntryIsFinishedByTheNextStartAndByFinish() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let path = folder.file("implicit.zip")
        let writer = try ZipWriter(path: path)
        try writer.startEntry("a.xml")
        try write(Array("first".utf8), to: writer)
        try writer.startEntry("b.xml")
        try writer.finish()
        let archive = try ZipArchive(path: path)
        #expect(archive.entries.map(\.name) == ["a.xml", "b.xml"])
        #expect(try archive.contents(ofEntryNamed: "a.xml") == Array("first".utf8))
        #expect(try archive.contents(ofEntryNamed: "b.xml") == [])
    }

    // MARK: Other readers

    @Test func pythonZipfileAcceptsTheArchive() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let path = folder.file("python.zip")
        try writeArchive(Self.package, to: path)
        guard let result = runTool("python3", ["-c", pythonZipCheck, path]) else { return }
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.hasPrefix("OK 5"), "\(result.output)")
        #expect(result.output.contains("xl/Hộ nghèo.xml 26 8 2048"), "\(result.output)")
    }

    @Test func unzipTestsTheArchiveWithoutComplaint() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let path = folder.file("unzip.zip")
        try writeArchive(Self.package, to: path)
        guard let result = runTool("unzip", ["-t", path]) else { return }
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("No errors detected"), "\(result.output)")
    }
}
