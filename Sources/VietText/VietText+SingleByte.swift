import SheetCore

// Single-byte decoding: each byte is looked up in a 256-entry table whose entries hold the byte's UTF-8 sequence
// (up to three bytes, little-endian) and its length in the top byte. The loop stores four bytes at once and
// advances by the length, straight into the new String's storage.

/// Precomputed UTF-8 tables of the single-byte encodings, lower-case and capital-font variants.
enum UTF8Tables {
    static let tcvn3 = pack(LegacyTables.tcvn3, upperCase: false)
    static let tcvn3Upper = pack(LegacyTables.tcvn3, upperCase: true)
    static let viscii = pack(LegacyTables.viscii, upperCase: false)
    static let visciiUpper = pack(LegacyTables.viscii, upperCase: true)
    static let vps = pack(LegacyTables.vps, upperCase: false)
    static let vpsUpper = pack(LegacyTables.vps, upperCase: true)
    static let cp1258 = pack(LegacyTables.cp1258, upperCase: false)
    static let cp1258Upper = pack(LegacyTables.cp1258, upperCase: true)

    static func pack(_ scalars: [UInt32], upperCase: Bool) -> [UInt32] {
        scalars.map { scalar in
            let value = upperCase ? VietText.upper(scalar) : scalar
            var packed: UInt32 = 0
            var length: UInt32 = 0
            for byte in String(Unicode.Scalar(value)!).utf8 {
                packed |= UInt32(byte) << (8 * length)
                length += 1
            }
            return packed | length << 24
        }
    }
}

extension VietText {
    /// Upper-cases a Vietnamese letter or a–z; any other scalar is returned unchanged.
    static func upper(_ scalar: UInt32) -> UInt32 {
        if scalar >= 0x61 && scalar <= 0x7A { return scalar - 0x20 }
        return upperCaseMap[scalar] ?? scalar
    }

    static let upperCaseMap: [UInt32: UInt32] = Dictionary(
        uniqueKeysWithValues: LegacyTables.upperCase.map { ($0.lower, $0.upper) })

    /// Decodes through a packed UTF-8 table (see `UTF8Tables`).
    ///
    /// - Complexity: O(n), one table load and one four-byte store per input byte
    ///   (`BIEUMAU_VIET_BENCH=1 swift test -c release --filter VietTextBenchmark`).
    static func decodeSingleByte(_ bytes: UnsafeBufferPointer<UInt8>, table: [UInt32]) -> String {
        let count = bytes.count
        guard count > 0, let input = bytes.baseAddress else { return "" }
        return table.withUnsafeBufferPointer { table in
            let table = table.baseAddress!
            return String(unsafeUninitializedCapacity: count * 3 + 1) { output in
                let out = UnsafeMutableRawPointer(output.baseAddress!)
                var written = 0
                for index in 0..<count {
                    let entry = table[Int(input[index])]
                    out.storeBytes(of: entry.littleEndian, toByteOffset: written, as: UInt32.self)
                    written &+= Int(entry >> 24)
                }
                return written
            }
        }
    }

    /// Appends a scalar's UTF-8 bytes.
    static func appendUTF8(_ value: UInt32, to buffer: ByteBuffer) {
        UTF8Encoding.forEachByte(of: value) { buffer.append($0) }
    }
}
