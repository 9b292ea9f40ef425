import SheetCore

// VNI-Windows: a letter is one byte (ASCII, or đ ơ ư ĩ ỉ ị ỵ and their capitals at 0xC6–0xF6) or a base byte
// (A E O U Y a e o u y, Ô ô Ö ö) followed by one of 34 modifier bytes. Modifier bytes are never letters by
// themselves, so reading two bytes before one is unambiguous (reference §4.3). An orphan modifier is kept as its
// Latin-1 letter so the damage stays visible (the reference's recommendation; UniKey drops it).

extension VietText {
    /// Pair table: index `base << 8 | modifier`, 0 when the pair is no letter.
    static let vniPairTable: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 65536)
        for pair in LegacyTables.vniPairs { table[Int(pair.base) << 8 | Int(pair.modifier)] = pair.scalar }
        return table
    }()

    static func decodeVNI(_ bytes: UnsafeBufferPointer<UInt8>, upperCase: Bool) -> String {
        let buffer = ByteBuffer(capacity: bytes.count * 2)
        let count = bytes.count
        var index = 0
        vniPairTable.withUnsafeBufferPointer { pairs in
            LegacyTables.vniSingle.withUnsafeBufferPointer { singles in
                while index < count {
                    let byte = bytes[index]
                    var scalar: UInt32
                    if index + 1 < count, case let pair = pairs[Int(byte) << 8 | Int(bytes[index + 1])], pair != 0 {
                        scalar = pair
                        index += 2
                    } else {
                        scalar = singles[Int(byte)]
                        index += 1
                    }
                    if upperCase { scalar = upper(scalar) }
                    appendUTF8(scalar, to: buffer)
                }
            }
        }
        return String(decoding: buffer.bytes, as: UTF8.self)
    }
}
