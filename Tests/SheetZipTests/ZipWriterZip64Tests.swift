import Foundation
import Testing

@testable import SheetZip

/// ZIP64 (APPNOTE 4.5.3, 4.3.14–4.3.15). Entries of 4 GiB take too long for a test, so most cases lower the
/// writer's thresholds: with `size: 1000`, every size or offset of 1,000 bytes or more is written the ZIP64 way.
@Suite struct ZipWriterZip64Tests {
    static let small = WrittenEntry(name: "small.xml", bytes: Array("<a/>".utf8))
    static let large = WrittenEntry(name: "large.bin", bytes: noise(count: 5_000, seed: 7))
    static let largeReserved = WrittenEntry(name: "reserved.bin", bytes: noise(count: 5_000, seed: 8), mayExceed4GiB: true)
    static let smallReserved = WrittenEntry(name: "small-reserved.xml", bytes: Array("<b/>".utf8), mayExceed4GiB: true)

    static func lowered(size: UInt64 = 1000, entryCount: Int = Int(UInt16.max)) -> (ZipWriter) -> Void {
        { $0.zip64Thresholds = ZipWriter.Zip64Thresholds(size: size, entryCount: entryCount) }
    }

    @Test(arguments: [true, false])
    func largeEntriesAndOffsetsRoundTripThroughEveryReader(background: Bool) throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let path = folder.file("zip64.zip")
        let entries = [Self.small, Self.large, Self.largeReserved, Self.smallReserved, Self.small.renamed("last.xml")]
        try writeArchive(
            entries, to: path, background: background, chunk: 999, deflateChunkSize: 1024,
            configure: Self.lowered(entryCount: 3))
        let archive = try ZipArchive(path: path)
        #expect(archive.entries.map(\.name) == entries.map(\.name))
        for (entry, expected) in zip(archive.entries, entries) {
            #expect(same(try archive.contents(of: entry), expected.bytes), "\(entry.name)")
        }
        #expect(archive.entries[1].compressedSize >= 1000)
        #expect(archive.entries.last!.localHeaderOffset >= 1000)

        let bytes = fileBytes(path)
        // The end record says "see ZIP64" for the count (5 ≥ 3), the directory's offset; the locator precedes it.
        let end = bytes.count - 22
        #expect(littleEndian(bytes, at: end + 10, as: UInt16.self) == 0xFFFF)
        #expect(littleEndian(bytes, at: end + 16, as: UInt32.self) == 0xFFFF_FFFF)
        #expect(littleEndian(bytes, at: end - 20, as: UInt32.self) == 0x0706_4b50)
        let record = Int(littleEndian(bytes, at: end - 12, as: UInt64.self))
        #expect(littleEndian(bytes, at: record, as: UInt32.self) == 0x0606_4b50)
        #expect(littleEndian(bytes, at: record + 32, as: UInt64.self) == 5)

        if let python = runTool("python3", ["-c", pythonZipCheck, path]) {
            #expect(python.status == 0 && python.output.hasPrefix("OK 5"), "\(python.output)")
        }
        if let unzip = runTool("unzip", ["-t", path]) {
            #expect(unzip.status == 0 && unzip.output.contains("No errors detected"), "\(unzip.output)")
        }
    }

    @Test func localHeaderOfAnEntryThatOutgrewItsHeaderGetsTheZip64Field() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let path = folder.file("moved.zip")
        try writeArchive([Self.small, Self.large], to: path, configure: Self.lowered())
        let bytes = fileBytes(path)
        let archive = try ZipArchive(path: path)
        let entry = archive.entries[1]
        let header = Int(entry.localHeaderOffset)
        let nameLength = Int(littleEndian(bytes, at: header + 26, as: UInt16.self))
        #expect(littleEndian(bytes, at: header + 4, as: UInt16.self) == 45)
        #expect(littleEndian(bytes, at: header + 18, as: UInt32.self) == 0xFFFF_FFFF)
        #expect(littleEndian(bytes, at: header + 22, as: UInt32.self) == 0xFFFF_FFFF)
        #expect(littleEndian(bytes, at: header + 28, as: UInt16.self) == 20)
        let extra = header + 30 + nameLength
        #expect(littleEndian(bytes, at: extra, as: UInt16.self) == 1)
        #expect(littleEndian(bytes, at: extra + 2, as: UInt16.self) == 16)
        #expect(littleEndian(bytes, at: extra + 4, as: UInt64.self) == entry.uncompressedSize)
        #expect(littleEndian(bytes, at: extra + 12, as: UInt64.self) == entry.compressedSize)
        #expect(entry.uncompressedSize == 5_000)
    }

    @Test func movingTheDataGivesTheBytesAReservationGives() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        var reserved = Self.large
        reserved.mayExceed4GiB = true
        try writeArchive([Self.small, Self.large, Self.small.renamed("z.xml")], to: folder.file("moved.zip"),
            configure: Self.lowered(size: 3000))
        try writeArchive([Self.small, reserved, Self.small.renamed("z.xml")], to: folder.file("reserved.zip"),
            configure: Self.lowered(size: 3000))
        let moved = fileBytes(folder.file("moved.zip"))
        #expect(same(moved, fileBytes(folder.file("reserved.zip"))))
        #expect(try ZipArchive(path: folder.file("moved.zip")).contents(ofEntryNamed: "large.bin") == Self.large.bytes)
    }

    @Test func reservedFieldOnASmallEntryKeepsTheCentralDirectoryClassic() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let path = folder.file("reserved-small.zip")
        try writeArchive([Self.smallReserved], to: path)
        let bytes = fileBytes(path)
        #expect(littleEndian(bytes, at: 4, as: UInt16.self) == 45)
        #expect(littleEndian(bytes, at: 28, as: UInt16.self) == 20)
        let entry = try ZipArchive(path: path).entries[0]
        #expect(entry.uncompressedSize == 4)
        #expect(littleEndian(bytes, at: 30 + 18 + 4, as: UInt64.self) == 4)
        // Central record: real 32-bit sizes, no extra field, same version needed as the local header.
        let central = bytes.count - 22 - (46 + entry.name.utf8.count)
        #expect(littleEndian(bytes, at: central, as: UInt32.self) == 0x0201_4b50)
        #expect(littleEndian(bytes, at: central + 6, as: UInt16.self) == 45)
        #expect(littleEndian(bytes, at: central + 24, as: UInt32.self) == 4)
        #expect(littleEndian(bytes, at: central + 30, as: UInt16.self) == 0)
        if let python = runTool("python3", ["-c", pythonZipCheck, path]) {
            #expect(python.status == 0, "\(python.output)")
        }
    }

    /// The real limit: 70,000 entries do not fit the end record's 16-bit count.
    @Test func moreThan65535EntriesUseTheZip64EndRecord() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let path = folder.file("many.zip")
        let count = 70_000
        let writer = try ZipWriter(path: path, compressionLevel: 1)
        for index in 0..<count {
            try writer.addEntry("e/\(index).txt", bytes: Array(String(index).utf8))
        }
        try writer.finish()

        let bytes = fileBytes(path)
        let end = bytes.count - 22
        #expect(littleEndian(bytes, at: end + 8, as: UInt16.self) == 0xFFFF)
        #expect(littleEndian(bytes, at: end + 10, as: UInt16.self) == 0xFFFF)
        #expect(littleEndian(bytes, at: end + 12, as: UInt32.self) != 0xFFFF_FFFF)  // the size itself fits
        #expect(littleEndian(bytes, at: end - 20, as: UInt32.self) == 0x0706_4b50)

        var limits = ZipLimits.default
        limits.maxEntryCount = 100_000
        let archive = try ZipArchive(path: path, limits: limits)
        #expect(archive.entries.count == count)
        #expect(try archive.contents(ofEntryNamed: "e/69999.txt") == Array("69999".utf8))
        #expect(try archive.contents(ofEntryNamed: "e/0.txt") == Array("0".utf8))
        if let python = runTool("python3", ["-c", pythonZipCheck, path]) {
            #expect(python.status == 0 && python.output.hasPrefix("OK 70000"), "\(python.output)")
        }
    }

    @Test func entryCountEqualToTheSentinelNeedsTheZip64EndRecord() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        // Same rule with the count threshold lowered to 4: a count equal to the sentinel cannot be written as is.
        for (count, zip64) in [(3, false), (4, true)] {
            let path = folder.file("count\(count).zip")
            let entries = (0..<count).map { WrittenEntry(name: "\($0)", bytes: [UInt8($0)]) }
            try writeArchive(entries, to: path, configure: Self.lowered(size: 1 << 40, entryCount: 4))
            let bytes = fileBytes(path)
            #expect((littleEndian(bytes, at: bytes.count - 42, as: UInt32.self) == 0x0706_4b50) == zip64)
            #expect(try ZipArchive(path: path).entries.count == count)
        }
    }
}

extension WrittenEntry {
    func renamed(_ name: String) -> WrittenEntry {
        var copy = self
        copy.name = name
        return copy
    }
}
