import Testing

@testable import SheetZip

/// Zip bombs and absurd headers stop with `limitExceeded` (or `sizeMismatch` for a lying header), quickly and
/// after producing little.
@Suite struct ZipLimitsTests {
    static let tenMegabytesOfZeros = [UInt8](repeating: 0, count: 10 << 20)
    static let deflatedZeros = TestZipBuilder.deflate(tenMegabytesOfZeros, level: 9)

    @Test func inflateRejectsEntryLargerThanLimit() throws {
        // Declared 2 GiB over garbage "compressed" data: only a check made before inflating gives limitExceeded.
        var entry = TestZipBuilder.Entry("xl/worksheets/sheet1.xml", [])
        entry.compressedOverride = noise(count: 3_000_000)
        entry.recordedUncompressedSize = 2 << 30
        entry.zip64 = true
        let archive = try ZipArchive(bytes: TestZipBuilder([entry]).build())
        let error = zipError { () throws(ZipError) in try archive.reader(for: archive.entries[0]) }
        #expect(error?.code == .limitExceeded)
        #expect(error?.message.contains("maxEntrySize") == true)
    }

    @Test func declaredRatioAboveLimitIsRejectedBeforeInflating() throws {
        var entry = TestZipBuilder.Entry("bomb.xml", [])
        entry.compressedOverride = noise(count: 10_000)
        entry.recordedUncompressedSize = 500 << 20  // 50,000 : 1
        let archive = try ZipArchive(bytes: TestZipBuilder([entry]).build())
        let error = zipError { () throws(ZipError) in try archive.reader(for: archive.entries[0]) }
        #expect(error?.code == .limitExceeded)
        #expect(error?.message.contains("maxCompressionRatio") == true)
    }

    @Test func bombDeclaredSmallStopsJustPastTheDeclaredSize() throws {
        var entry = TestZipBuilder.Entry("bomb.xml", Self.tenMegabytesOfZeros)
        entry.compressedOverride = Self.deflatedZeros
        entry.recordedUncompressedSize = 1_000
        let archive = try ZipArchive(bytes: TestZipBuilder([entry]).build())
        var reader = try archive.reader(for: archive.entries[0])
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var handedOut = 0
        let error = zipError { () throws(ZipError) in
            while true {
                let count = try reader.read(into: &buffer)
                if count == 0 { break }
                handedOut += count
            }
        }
        #expect(error?.code == .sizeMismatch)
        #expect(handedOut <= 1_000)
        #expect(reader.bytesRead <= 1_001)
        let whole = zipError { () throws(ZipError) in try archive.contents(of: archive.entries[0]) }
        #expect(whole?.code == .sizeMismatch)
    }

    @Test func honestBombIsRejectedByRatioBeforeInflating() throws {
        let archive = try ZipArchive(bytes: TestZipBuilder([.init("zeros.bin", Self.tenMegabytesOfZeros)]).build())
        let entry = archive.entries[0]
        #expect(entry.uncompressedSize > entry.compressedSize * 1_000)
        let error = zipError { () throws(ZipError) in try archive.contents(of: entry) }
        #expect(error?.code == .limitExceeded)
    }

    @Test func ratioIsCheckedWhileInflatingWhenPaddingHidesIt() throws {
        // The recorded compressed size includes 1 MiB of padding after the stream, so the declared ratio looks
        // modest (10:1); the ratio actually consumed is over 1,000:1.
        var entry = TestZipBuilder.Entry("zeros.bin", Self.tenMegabytesOfZeros)
        entry.compressedOverride = Self.deflatedZeros + [UInt8](repeating: 0x55, count: 1 << 20)
        var limits = ZipLimits.default
        limits.maxCompressionRatio = 100
        let archive = try ZipArchive(bytes: TestZipBuilder([entry]).build(), limits: limits)
        var reader = try archive.reader(for: archive.entries[0])
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let error = zipError { () throws(ZipError) in
            while try reader.read(into: &buffer) > 0 {}
        }
        #expect(error?.code == .limitExceeded)
        #expect(reader.bytesRead < 2 << 20)
    }

    @Test func tinyHighlyCompressibleEntriesAreFine() throws {
        let zeros = [UInt8](repeating: 0, count: 1_000_000)  // far above 1,000:1 but below the 1 MiB threshold
        let archive = try ZipArchive(bytes: TestZipBuilder([.init("blank.xml", zeros)]).build())
        #expect(archive.entries[0].uncompressedSize > archive.entries[0].compressedSize * 1_000)
        #expect(try archive.contents(of: archive.entries[0]) == zeros)
    }

    @Test func entryCountAboveLimitIsRejected() {
        let entries = (0..<20).map { TestZipBuilder.Entry("part\($0).xml", [UInt8($0)]) }
        let bytes = TestZipBuilder(entries).build()
        var limits = ZipLimits.default
        limits.maxEntryCount = 19
        let error = zipError { () throws(ZipError) in try ZipArchive(bytes: bytes, limits: limits) }
        #expect(error?.code == .limitExceeded)
        #expect(error?.message.contains("maxEntryCount") == true)
        limits.maxEntryCount = 20
        #expect(zipError { () throws(ZipError) in try ZipArchive(bytes: bytes, limits: limits) } == nil)
    }

    @Test func nameLongerThanLimitIsRejected() {
        let bytes = TestZipBuilder([.init(String(repeating: "a", count: 300) + ".xml", [1])]).build()
        var limits = ZipLimits.default
        limits.maxNameLength = 255
        let error = zipError { () throws(ZipError) in try ZipArchive(bytes: bytes, limits: limits) }
        #expect(error?.code == .limitExceeded)
    }

    @Test func entrySizeLimitAppliesToReadsNotListing() throws {
        var limits = ZipLimits.default
        limits.maxEntrySize = 1_000
        let bytes = TestZipBuilder([.init("big.xml", sampleXML(rows: 100)), .init("small.xml", [1, 2])]).build()
        let archive = try ZipArchive(bytes: bytes, limits: limits)
        #expect(try archive.contents(ofEntryNamed: "small.xml") == [1, 2])
        let error = zipError { () throws(ZipError) in try archive.contents(ofEntryNamed: "big.xml") }
        #expect(error?.code == .limitExceeded)
    }

    @Test func totalSizeLimitCountsEveryRead() throws {
        let xml = sampleXML(rows: 100)
        var limits = ZipLimits.default
        limits.maxTotalSize = UInt64(xml.count * 2 + 10)
        let archive = try ZipArchive(bytes: TestZipBuilder([.init("a.xml", xml)]).build(), limits: limits)
        #expect(try archive.contents(of: archive.entries[0]) == xml)
        #expect(try archive.contents(of: archive.entries[0]) == xml)
        let error = zipError { () throws(ZipError) in try archive.contents(of: archive.entries[0]) }
        #expect(error?.code == .limitExceeded)
        #expect(error?.message.contains("maxTotalSize") == true)
    }
}
