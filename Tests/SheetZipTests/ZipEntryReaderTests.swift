import SheetCore
import Testing

@testable import SheetZip

@Suite struct ZipEntryReaderTests {
    /// Large enough that the 64 KiB input buffer is refilled many times.
    static let largeXML = sampleXML(rows: 40_000)
    static let archive: [UInt8] = TestZipBuilder([
        .init("deflated.xml", largeXML),
        .init("stored.bin", noise(count: 70_000), method: 0),
        .init("small.xml", sampleXML(rows: 3)),
        .init("empty.xml", []),
    ]).build()

    @Test(arguments: [1, 7, 4_096, 65_537, 1 << 20])
    func streamingInAnyChunkSizeGivesTheWholeEntry(chunkSize: Int) throws {
        let archive = try ZipArchive(bytes: Self.archive)
        for entry in archive.entries {
            if chunkSize == 1, entry.uncompressedSize > 100_000 {
                // Byte by byte over the first 100 KB keeps the test quick and still crosses input refills.
                try expectPrefixByteByByte(archive, entry, count: 100_000)
                continue
            }
            let whole = try archive.contents(of: entry)
            #expect(try readStreaming(archive, entry, chunkSize: chunkSize) == whole, "\(entry.name)")
        }
    }

    private func expectPrefixByteByByte(_ archive: ZipArchive, _ entry: ZipEntry, count: Int) throws {
        var reader = try archive.reader(for: entry)
        var output: [UInt8] = []
        var byte: UInt8 = 0
        for _ in 0..<count {
            let read = try withUnsafeMutableBytes(of: &byte) { try reader.read(into: $0) }
            #expect(read == 1)
            output.append(byte)
        }
        #expect(output[...] == Self.largeXML[0..<count])
        #expect(reader.bytesRead == UInt64(count))
    }

    @Test func readerKeepsReturningZeroAfterTheEnd() throws {
        let archive = try ZipArchive(bytes: Self.archive)
        var reader = try archive.reader(for: archive.entries[2])
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let first = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
        #expect(first == sampleXML(rows: 3).count)
        for _ in 0..<3 {
            #expect(try buffer.withUnsafeMutableBytes { try reader.read(into: $0) } == 0)
        }
    }

    @Test func readerOutlivesItsArchive() throws {
        var reader: ZipEntryReader
        do {
            let archive = try ZipArchive(bytes: Self.archive)
            reader = try archive.reader(for: archive.entries[0])
        }
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 10_000)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
            if count == 0 { break }
            total += count
        }
        #expect(total == Self.largeXML.count)
        #expect(reader.entry.name == "deflated.xml")
    }

    @Test func readerRepeatsItsFirstErrorOnLaterCalls() throws {
        var entry = TestZipBuilder.Entry("a.xml", sampleXML(rows: 100))
        entry.recordedCRC = 0xDEAD_BEEF
        let archive = try ZipArchive(bytes: TestZipBuilder([entry]).build())
        var reader = try archive.reader(for: archive.entries[0])
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        let first = zipError { () throws(ZipError) in
            try reader.read(into: &buffer)
        }
        let second = zipError { () throws(ZipError) in
            try reader.read(into: &buffer)
        }
        #expect(first?.code == .crcMismatch)
        #expect(second == first)
    }

    @Test func readerIsAByteSource() throws {
        func drain(_ source: inout some ByteSource) throws -> Int {
            var total = 0
            var buffer = [UInt8](repeating: 0, count: 333)
            while case let count = try buffer.withUnsafeMutableBytes({ try source.read(into: $0) }), count > 0 {
                total += count
            }
            return total
        }
        let archive = try ZipArchive(bytes: Self.archive)
        var reader = try archive.reader(for: archive.entries[1])
        #expect(try drain(&reader) == 70_000)
    }
}
