// Repeated field values become one shared String (STYLE "Bytes in, values out"): a register repeats its province,
// district, commune, village, class and cause on every row, and a String longer than 15 UTF-8 bytes costs an
// allocation and a second UTF-8 check each time it is made.
//
//   column c ─▶ table c: 256 slots, direct-mapped by a hash of the bytes; a slot keeps the bytes (≤ 64) and the String
//
// A hit compares the bytes and hands out the stored String (a retain). Columns that do not repeat (names, notes)
// are noticed after 4,096 look-ups with fewer than one hit in eight and are no longer looked up. Short values
// (≤ 15 bytes) are stored inline in the String itself and are never interned. Memory: at most 64 columns × 256
// slots × 64 bytes (1 MiB).
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import SheetCore

final class StringInterner {
    static let slotsPerColumn = 256
    static let maxLength = 64
    static let maxColumns = 64
    static let minLength = 16

    private final class Table {
        @exclusivity(unchecked) var hashes = [UInt64](repeating: 0, count: StringInterner.slotsPerColumn)
        @exclusivity(unchecked) var lengths = [Int](repeating: -1, count: StringInterner.slotsPerColumn)
        @exclusivity(unchecked) var strings = [String](repeating: "", count: StringInterner.slotsPerColumn)
        let bytes = UnsafeMutablePointer<UInt8>.allocate(
            capacity: StringInterner.slotsPerColumn * StringInterner.maxLength)
        @exclusivity(unchecked) var lookups = 0
        @exclusivity(unchecked) var hits = 0
        @exclusivity(unchecked) var enabled = true
        deinit { bytes.deallocate() }
    }

    @exclusivity(unchecked) private var tables: [Table?] = Array(repeating: nil, count: StringInterner.maxColumns)

    /// The string for `bytes` (valid UTF-8) found in column `column`.
    @inline(__always)
    func string(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) -> String {
        let count = bytes.count
        guard count >= StringInterner.minLength, count <= StringInterner.maxLength, column < StringInterner.maxColumns
        else { return String(decoding: bytes, as: UTF8.self) }
        return lookUp(bytes, column: column)
    }

    private func lookUp(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) -> String {
        let table: Table
        if let existing = tables[column] {
            table = existing
        } else {
            table = Table()
            tables[column] = table
        }
        guard table.enabled else { return String(decoding: bytes, as: UTF8.self) }
        table.lookups &+= 1
        if table.lookups == 4096, table.hits < 512 {
            table.enabled = false
        }
        let hash = StringInterner.hash(bytes)
        let slot = Int(truncatingIfNeeded: hash >> 56)
        let stored = table.bytes + slot * StringInterner.maxLength
        if table.hashes[slot] == hash, table.lengths[slot] == bytes.count,
            memcmp(stored, bytes.baseAddress!, bytes.count) == 0
        {
            table.hits &+= 1
            return table.strings[slot]
        }
        let string = String(decoding: bytes, as: UTF8.self)
        table.hashes[slot] = hash
        table.lengths[slot] = bytes.count
        stored.update(from: bytes.baseAddress!, count: bytes.count)
        table.strings[slot] = string
        return string
    }

    /// A multiplicative hash over 8-byte words; the top byte picks the slot.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let base = UnsafeRawPointer(bytes.baseAddress!)
        let count = bytes.count
        var hash = UInt64(count) &* 0x9E37_79B9_7F4A_7C15
        var offset = 0
        while offset &+ 8 <= count {
            hash = (hash ^ base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            offset &+= 8
        }
        if offset < count {
            // The last 8 bytes, overlapping what was hashed (count ≥ 16 here).
            hash = (hash ^ base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)) &* 0xC4CE_B9FE_1A85_EC53
        }
        return hash ^ (hash >> 29)
    }
}
