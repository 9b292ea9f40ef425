import CZlib

/// Writes small ZIP archives for tests, with knobs to produce the odd and the broken: data descriptors, ZIP64
/// fields, lying sizes and CRCs, raw name bytes, prepended stubs. Not a general writer (that comes with SheetZip's
/// writing side); it favours control over every header field.
struct TestZipBuilder {
    /// One entry to write.
    struct Entry {
        var name: String
        var data: [UInt8]
        /// 0 stored, 8 deflate; anything else is written as stored bytes with that method number.
        var method: UInt16 = 8
        /// Extra general purpose flags (bit 0 encrypted, bit 11 UTF-8, …); bit 3 is set by `dataDescriptor`.
        var flags: UInt16 = 0
        /// Name bytes to write instead of `name`'s UTF-8 (for code page 437 names).
        var rawName: [UInt8]? = nil
        /// Write sizes and CRC-32 after the data (flag bit 3), with zeros in the local header.
        var dataDescriptor = false
        /// Write sizes and offset as 0xFFFFFFFF with a ZIP64 extra field (APPNOTE 4.5.3).
        var zip64 = false
        /// Values to record instead of the true ones (in both local header and central directory).
        var recordedCRC: UInt32? = nil
        var recordedUncompressedSize: UInt64? = nil
        /// Replaces the compressed bytes (for broken deflate streams); recorded sizes follow unless overridden.
        var compressedOverride: [UInt8]? = nil
        var extra: [UInt8] = []

        init(_ name: String, _ data: [UInt8], method: UInt16 = 8) {
            self.name = name
            self.data = data
            self.method = method
        }
    }

    /// Where the builder put things, for tests that patch bytes.
    struct Layout {
        var localHeaders: [Int] = []
        var dataStarts: [Int] = []
        var centralRecords: [Int] = []
        var centralDirectory = 0
        var endOfCentralDirectory = 0
    }

    var entries: [Entry] = []
    var comment: [UInt8] = []
    /// Bytes before the archive, as a self-extractor stub would put there (offsets stay relative to the archive).
    var prefix: [UInt8] = []
    /// Write a ZIP64 end record and locator, with sentinels in the classic end record.
    var zip64End = false
    var deflateLevel: Int32 = 6

    init(_ entries: [Entry] = []) { self.entries = entries }

    /// The archive's bytes.
    func build() -> [UInt8] { buildWithLayout().bytes }

    /// The archive's bytes and where each structure starts.
    func buildWithLayout() -> (bytes: [UInt8], layout: Layout) {
        var out = prefix
        var layout = Layout()
        var central: [UInt8] = []
        let base = prefix.count
        for entry in entries {
            let nameBytes = entry.rawName ?? Array(entry.name.utf8)
            let compressed =
                entry.compressedOverride
                ?? (entry.method == 8 ? Self.deflate(entry.data, level: deflateLevel) : entry.data)
            let crc = entry.recordedCRC ?? Self.crc(entry.data)
            let size = entry.recordedUncompressedSize ?? UInt64(entry.data.count)
            let csize = UInt64(compressed.count)
            let flags = entry.flags | (entry.dataDescriptor ? 1 << 3 : 0)
            let offset = UInt64(out.count - base)

            var zip64Extra: [UInt8] = []
            if entry.zip64 {
                zip64Extra.le16(0x0001)
                zip64Extra.le16(24)
                zip64Extra.le64(size)
                zip64Extra.le64(csize)
                zip64Extra.le64(offset)
            }

            // Local file header, APPNOTE 4.3.7
            layout.localHeaders.append(out.count)
            out.le32(0x0403_4b50)
            out.le16(entry.zip64 ? 45 : 20)
            out.le16(flags)
            out.le16(entry.method)
            out.le16(0)  // time
            out.le16(0x21)  // date 1980-01-01
            if entry.dataDescriptor {
                out.le32(0)
                out.le32(entry.zip64 ? 0xFFFF_FFFF : 0)
                out.le32(entry.zip64 ? 0xFFFF_FFFF : 0)
            } else {
                out.le32(crc)
                out.le32(entry.zip64 ? 0xFFFF_FFFF : UInt32(truncatingIfNeeded: csize))
                out.le32(entry.zip64 ? 0xFFFF_FFFF : UInt32(truncatingIfNeeded: size))
            }
            let localExtra = (entry.zip64 ? Array(zip64Extra[0..<20]).patchedSize(16) : []) + entry.extra
            out.le16(UInt16(nameBytes.count))
            out.le16(UInt16(localExtra.count))
            out += nameBytes
            out += localExtra
            layout.dataStarts.append(out.count)
            out += compressed
            if entry.dataDescriptor {  // APPNOTE 4.3.9, with the optional signature
                out.le32(0x0807_4b50)
                out.le32(crc)
                if entry.zip64 {
                    out.le64(csize)
                    out.le64(size)
                } else {
                    out.le32(UInt32(truncatingIfNeeded: csize))
                    out.le32(UInt32(truncatingIfNeeded: size))
                }
            }

            // Central directory file header, APPNOTE 4.3.12
            layout.centralRecords.append(central.count)  // made absolute below
            let centralExtra = zip64Extra + entry.extra
            central.le32(0x0201_4b50)
            central.le16(0x031E)  // made by: Unix, 3.0
            central.le16(entry.zip64 ? 45 : 20)
            central.le16(flags)
            central.le16(entry.method)
            central.le16(0)
            central.le16(0x21)
            central.le32(crc)
            central.le32(entry.zip64 ? 0xFFFF_FFFF : UInt32(truncatingIfNeeded: csize))
            central.le32(entry.zip64 ? 0xFFFF_FFFF : UInt32(truncatingIfNeeded: size))
            central.le16(UInt16(nameBytes.count))
            central.le16(UInt16(centralExtra.count))
            central.le16(0)  // comment
            central.le16(0)  // disk
            central.le16(0)  // internal attributes
            central.le32(0)  // external attributes
            central.le32(entry.zip64 ? 0xFFFF_FFFF : UInt32(truncatingIfNeeded: offset))
            central += nameBytes
            central += centralExtra
        }
        layout.centralDirectory = out.count
        layout.centralRecords = layout.centralRecords.map { $0 + out.count }
        let centralOffset = UInt64(out.count - base)
        out += central

        if zip64End {
            let recordOffset = UInt64(out.count - base)
            out.le32(0x0606_4b50)  // APPNOTE 4.3.14
            out.le64(44)
            out.le16(45)
            out.le16(45)
            out.le32(0)
            out.le32(0)
            out.le64(UInt64(entries.count))
            out.le64(UInt64(entries.count))
            out.le64(UInt64(central.count))
            out.le64(centralOffset)
            out.le32(0x0706_4b50)  // APPNOTE 4.3.15
            out.le32(0)
            out.le64(recordOffset)
            out.le32(1)
        }
        layout.endOfCentralDirectory = out.count
        out.le32(0x0605_4b50)  // APPNOTE 4.3.16
        out.le16(0)
        out.le16(0)
        out.le16(zip64End ? 0xFFFF : UInt16(entries.count))
        out.le16(zip64End ? 0xFFFF : UInt16(entries.count))
        out.le32(zip64End ? 0xFFFF_FFFF : UInt32(central.count))
        out.le32(zip64End ? 0xFFFF_FFFF : UInt32(centralOffset))
        out.le16(UInt16(comment.count))
        out += comment
        return (out, layout)
    }

    /// Raw deflate (no zlib header), as ZIP method 8 stores it.
    static func deflate(_ input: [UInt8], level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        let status = deflateInit2_(
            &stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK)
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 16)
        var input = input
        let produced = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                let result = CZlib.deflate(&stream, Z_FINISH)
                precondition(result == Z_STREAM_END)
                return target.count - Int(stream.avail_out)
            }
        }
        return Array(output[0..<produced])
    }

    /// zlib's CRC-32.
    static func crc(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: crc32(0, $0.baseAddress, uInt($0.count))) }
    }
}

extension [UInt8] {
    mutating func le16(_ value: UInt16) {
        append(contentsOf: Swift.withUnsafeBytes(of: value.littleEndian, Array.init))
    }
    mutating func le32(_ value: UInt32) {
        append(contentsOf: Swift.withUnsafeBytes(of: value.littleEndian, Array.init))
    }
    mutating func le64(_ value: UInt64) {
        append(contentsOf: Swift.withUnsafeBytes(of: value.littleEndian, Array.init))
    }

    /// Overwrites a little-endian value at `offset`.
    mutating func set32(_ value: UInt32, at offset: Int) {
        for index in 0..<4 { self[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
    }

    mutating func set16(_ value: UInt16, at offset: Int) {
        for index in 0..<2 { self[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
    }

    mutating func set64(_ value: UInt64, at offset: Int) {
        for index in 0..<8 { self[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
    }

    /// Rewrites the 16-bit size of an extra field header (bytes 2–3).
    fileprivate func patchedSize(_ size: UInt16) -> [UInt8] {
        var copy = self
        copy.set16(size, at: 2)
        return copy
    }
}
