import Testing

@testable import SheetZip

/// Damaged and hostile archives: every one must throw a `ZipError` with a useful code, never trap or hang.
@Suite struct ZipCorruptionTests {
    static let small: TestZipBuilder = {
        var builder = TestZipBuilder([
            .init("[Content_Types].xml", sampleXML(rows: 4)),
            .init("xl/stored.bin", Array("stored bytes".utf8), method: 0),
            .init("xl/worksheets/sheet1.xml", sampleXML(rows: 30)),
        ])
        builder.comment = Array("made by a test".utf8)
        return builder
    }()

    @Test func crcMismatchIsReportedWithStoredAndComputedValues() throws {
        for method: UInt16 in [0, 8] {
            var entry = TestZipBuilder.Entry("xl/worksheets/sheet1.xml", sampleXML(rows: 20), method: method)
            entry.recordedCRC = 0x1A2B_3C4D
            let archive = try ZipArchive(bytes: TestZipBuilder([entry]).build())
            let error = zipError { () throws(ZipError) in try archive.contents(of: archive.entries[0]) }
            #expect(error?.code == .crcMismatch)
            #expect(error?.entry == "xl/worksheets/sheet1.xml")
            #expect(error?.message.contains("stored 1A2B3C4D") == true)
            #expect(error?.offset == archive.entries[0].localHeaderOffset.intValue + 30 + 24)
        }
    }

    @Test func everyStrictPrefixThrows() {
        let bytes = Self.small.build()
        for length in 0..<bytes.count {
            let error = zipError { () throws(ZipError) in try openAndReadAll(Array(bytes[0..<length])) }
            #expect(error != nil, "prefix of \(length) bytes was accepted")
        }
        #expect(zipError { () throws(ZipError) in try openAndReadAll(bytes) } == nil)
    }

    @Test func prefixWithoutEndRecordSaysTruncated() {
        let bytes = Self.small.build()
        let error = zipError { () throws(ZipError) in try ZipArchive(bytes: Array(bytes[0..<200])) }
        #expect(error?.code == .truncated)
    }

    @Test func bytesThatAreNotAZipSayNotAZip() {
        for bytes in [[], Array("hello".utf8), noise(count: 100_000)] {
            let error = zipError { () throws(ZipError) in try ZipArchive(bytes: bytes) }
            #expect(error?.code == .notAZip)
        }
    }

    @Test func centralDirectoryWithBadSignatureIsRejected() {
        var (bytes, layout) = Self.small.buildWithLayout()
        bytes.set32(0x1234_5678, at: layout.centralRecords[1])
        let error = zipError { () throws(ZipError) in try ZipArchive(bytes: bytes) }
        #expect(error?.code == .corruptCentralDirectory)
        #expect(error?.offset == layout.centralRecords[1])
    }

    @Test func centralDirectoryOffsetPastEndIsRejected() {
        var (bytes, layout) = Self.small.buildWithLayout()
        bytes.set32(0xFFFF_FF00, at: layout.endOfCentralDirectory + 16)
        let error = zipError { () throws(ZipError) in try ZipArchive(bytes: bytes) }
        #expect(error?.code == .corruptCentralDirectory)
    }

    @Test func centralDirectorySizeLargerThanFileIsRejected() {
        var (bytes, layout) = Self.small.buildWithLayout()
        bytes.set32(0x7FFF_FFFF, at: layout.endOfCentralDirectory + 12)
        let error = zipError { () throws(ZipError) in try ZipArchive(bytes: bytes) }
        #expect(error?.code == .corruptCentralDirectory)
    }

    @Test func entryCountLargerThanDirectoryIsRejected() {
        var (bytes, layout) = Self.small.buildWithLayout()
        bytes.set16(500, at: layout.endOfCentralDirectory + 8)
        bytes.set16(500, at: layout.endOfCentralDirectory + 10)
        let error = zipError { () throws(ZipError) in try ZipArchive(bytes: bytes) }
        #expect(error?.code == .corruptCentralDirectory)
    }

    @Test func localHeaderOffsetPastTheEntriesIsRejected() {
        var (bytes, layout) = Self.small.buildWithLayout()
        bytes.set32(UInt32(bytes.count - 10), at: layout.centralRecords[2] + 42)
        let error = zipError { () throws(ZipError) in try ZipArchive(bytes: bytes) }
        #expect(error?.code == .corruptCentralDirectory)
        #expect(error?.entry == "xl/worksheets/sheet1.xml")
    }

    @Test func missingLocalHeaderSignatureIsCorruptLocalHeader() throws {
        var (bytes, layout) = Self.small.buildWithLayout()
        bytes.set32(0, at: layout.localHeaders[2])
        let archive = try ZipArchive(bytes: bytes)
        #expect(try archive.contents(of: archive.entries[0]) == sampleXML(rows: 4))
        let error = zipError { () throws(ZipError) in try archive.contents(of: archive.entries[2]) }
        #expect(error?.code == .corruptLocalHeader)
        #expect(error?.offset == layout.localHeaders[2])
    }

    @Test func localExtraLengthRunningIntoCentralDirectoryIsRejected() throws {
        var (bytes, layout) = Self.small.buildWithLayout()
        bytes.set16(0xFFFF, at: layout.localHeaders[2] + 28)
        let archive = try ZipArchive(bytes: bytes)
        let error = zipError { () throws(ZipError) in try archive.contents(of: archive.entries[2]) }
        #expect(error?.code == .corruptLocalHeader)
    }

    @Test func overlappingEntriesAreRejected() {
        // Two central records pointing at one local header: the overlapping zip bomb's trick.
        var (bytes, layout) = Self.small.buildWithLayout()
        bytes.set32(0, at: layout.centralRecords[2] + 42)
        let error = zipError { () throws(ZipError) in try ZipArchive(bytes: bytes) }
        #expect(error?.code == .corruptCentralDirectory)
        #expect(error?.message.contains("overlap") == true)
    }

    @Test func deflateStreamEndingEarlyIsCorruptDeflateData() throws {
        let full = TestZipBuilder.deflate(sampleXML(rows: 2_000))
        var entry = TestZipBuilder.Entry("a.xml", sampleXML(rows: 2_000))
        entry.compressedOverride = Array(full[0..<full.count / 2])
        let archive = try ZipArchive(bytes: TestZipBuilder([entry]).build())
        let error = zipError { () throws(ZipError) in try archive.contents(of: archive.entries[0]) }
        #expect(error?.code == .corruptDeflateData)
        #expect(error?.entry == "a.xml")
        // Streaming in small buffers hands out what was inflated, then throws.
        let streamed = zipError { () throws(ZipError) in try readStreaming(archive, archive.entries[0], chunkSize: 100)
        }
        #expect(streamed?.code == .corruptDeflateData)
    }

    @Test func garbageDeflateDataIsCorruptDeflateData() throws {
        var entry = TestZipBuilder.Entry("a.xml", sampleXML(rows: 50))
        entry.compressedOverride = [0xFF] + noise(count: 500)
        let archive = try ZipArchive(bytes: TestZipBuilder([entry]).build())
        let error = zipError { () throws(ZipError) in try archive.contents(of: archive.entries[0]) }
        #expect(error?.code == .corruptDeflateData)
        #expect(error?.offset != nil)
    }

    @Test func recordedSizeSmallerThanDataIsSizeMismatch() throws {
        for method: UInt16 in [8] {
            var entry = TestZipBuilder.Entry("a.xml", sampleXML(rows: 50), method: method)
            entry.recordedUncompressedSize = 100
            let archive = try ZipArchive(bytes: TestZipBuilder([entry]).build())
            let error = zipError { () throws(ZipError) in try archive.contents(of: archive.entries[0]) }
            #expect(error?.code == .sizeMismatch)
        }
    }

    @Test func recordedSizeLargerThanDataIsSizeMismatch() throws {
        var entry = TestZipBuilder.Entry("a.xml", sampleXML(rows: 50))
        entry.recordedUncompressedSize = UInt64(sampleXML(rows: 50).count + 1)
        let archive = try ZipArchive(bytes: TestZipBuilder([entry]).build())
        let error = zipError { () throws(ZipError) in try archive.contents(of: archive.entries[0]) }
        #expect(error?.code == .sizeMismatch)
    }

    @Test func storedEntryWithUnequalSizesIsSizeMismatch() throws {
        var entry = TestZipBuilder.Entry("a.bin", noise(count: 100), method: 0)
        entry.recordedUncompressedSize = 50
        let archive = try ZipArchive(bytes: TestZipBuilder([entry]).build())
        let error = zipError { () throws(ZipError) in try archive.reader(for: archive.entries[0]) }
        #expect(error?.code == .sizeMismatch)
    }

    @Test func zip64SentinelWithoutExtraFieldIsRejected() {
        var (bytes, layout) = TestZipBuilder([.init("a.xml", sampleXML(rows: 5))]).buildWithLayout()
        bytes.set32(0xFFFF_FFFF, at: layout.centralRecords[0] + 24)
        let error = zipError { () throws(ZipError) in try ZipArchive(bytes: bytes) }
        #expect(error?.code == .corruptCentralDirectory)
        #expect(error?.message.contains("ZIP64") == true)
    }

    @Test func zip64EndRecordMissingIsRejected() {
        var builder = TestZipBuilder([.init("a.xml", sampleXML(rows: 5))])
        builder.zip64End = true
        var bytes = builder.build()
        let locator = bytes.count - 22 - 20
        let recordOffset = Int(bytes[locator + 8]) | Int(bytes[locator + 9]) << 8
        bytes.set32(0, at: recordOffset)
        let error = zipError { () throws(ZipError) in try ZipArchive(bytes: bytes) }
        #expect(error?.code == .corruptCentralDirectory)
    }

    @Test func encryptedEntriesAreRejected() throws {
        var entry = TestZipBuilder.Entry("secret.xml", sampleXML(rows: 5))
        entry.flags = 1
        let archive = try ZipArchive(bytes: TestZipBuilder([entry]).build())
        #expect(archive.entries[0].isEncrypted)
        let error = zipError { () throws(ZipError) in try archive.contents(of: archive.entries[0]) }
        #expect(error?.code == .encrypted)
        #expect(error?.entry == "secret.xml")
    }

    @Test func unsupportedMethodNamesTheMethod() throws {
        let archive = try ZipArchive(bytes: TestZipBuilder([.init("a.xml", [1, 2, 3], method: 14)]).build())
        let error = zipError { () throws(ZipError) in try archive.contents(of: archive.entries[0]) }
        #expect(error?.code == .unsupportedCompression)
        #expect(error?.message.contains("method 14 (LZMA)") == true)
    }

    /// Random byte changes over a small archive: the reader throws or reads, never traps or hangs.
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func mutatedArchivesThrowOrReadNeverTrap(seed: UInt64) {
        let original = Self.small.build()
        var generator = SplitMix64(seed: seed)
        var outcomes: [String: Int] = [:]
        for _ in 0..<1_500 {
            var bytes = original
            let changes = Int(generator.next() % 4) + 1
            for _ in 0..<changes {
                let position = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 3 {
                case 0: bytes[position] = UInt8(truncatingIfNeeded: generator.next())
                case 1: bytes[position] ^= 1 << UInt8(generator.next() % 8)
                default: bytes[position] = [0x00, 0xFF, 0x7F, 0x80][Int(generator.next() % 4)]
                }
            }
            let error = zipError { () throws(ZipError) in try openAndReadAll(bytes) }
            outcomes[error?.code.description ?? "ok", default: 0] += 1
        }
        #expect(outcomes.values.reduce(0, +) == 1_500)
    }

    /// Truncating the middle out of an archive and splicing garbage in: must throw, never trap.
    @Test func splicedArchivesThrowOrReadNeverTrap() {
        let original = Self.small.build()
        var generator = SplitMix64(seed: 99)
        for _ in 0..<500 {
            let start = Int(generator.next() % UInt64(original.count))
            let length = Int(generator.next() % 64)
            let end = min(original.count, start + length)
            let junk = noise(count: Int(generator.next() % 64), seed: generator.next())
            let bytes = Array(original[0..<start]) + junk + Array(original[end...])
            _ = zipError { () throws(ZipError) in try openAndReadAll(bytes) }
        }
    }
}

extension UInt64 {
    var intValue: Int { Int(self) }
}
