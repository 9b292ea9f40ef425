// Repeated field values become one shared String (STYLE "Bytes in, values out"): a register repeats its province,
// district, commune, village, class and cause on every row, and a String longer than 15 UTF-8 bytes costs an
// allocation and a second UTF-8 check each time it is made.
//
//   column c ─▶ table c: 2,048 slots, direct-mapped by a hash of the bytes; a slot keeps the hash and the String
//
// A hit compares the bytes with the stored String's and hands the String out (a retain). Columns that do not
// repeat (names) are noticed after 4,096 look-ups with fewer than one hit in eight and are no longer looked up.
// Short values (≤ 15 bytes) are stored inline in the String itself and are never interned, long ones (> 256
// bytes) neither. Memory: 48 KiB per column that repeats, for at most 64 columns.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import SheetCore

final class StringInterner {
    static let slotsPerColumn = 2048
    static let maxLength = 256
    static let maxColumns = 64
    static let minLength = 16

    private final class Table {
        let hashes = UnsafeMutablePointer<UInt64>.allocate(capacity: StringInterner.slotsPerColumn)
        let strings = UnsafeMutablePointer<String>.allocate(capacity: StringInterner.slotsPerColumn)
        @exclusivity(unchecked) var lookups = 0
        @exclusivity(unchecked) var hits = 0

        init() {
            hashes.initialize(repeating: 0, count: StringInterner.slotsPerColumn)
            strings.initialize(repeating: "", count: StringInterner.slotsPerColumn)
        }

        deinit {
            hashes.deallocate()
            strings.deinitialize(count: StringInterner.slotsPerColumn)
            strings.deallocate()
        }
    }

    @exclusivity(unchecked) private var tables: [Table?] = Array(repeating: nil, count: StringInterner.maxColumns)
    @exclusivity(unchecked) private var disabled = [Bool](repeating: false, count: StringInterner.maxColumns)

    /// The string for `bytes` (valid UTF-8) found in column `column`.
    @inline(__always)
    func string(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) -> String {
        let count = bytes.count
        guard count >= StringInterner.minLength, count <= StringInterner.maxLength, column < StringInterner.maxColumns
        else { return StringInterner.makeString(bytes) }
        return lookUp(bytes, column: column)
    }

    private func lookUp(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) -> String {
        if disabled[column] { return StringInterner.makeString(bytes) }
        let table: Table
        if let existing = tables[column] {
            table = existing
        } else {
            table = Table()
            tables[column] = table
        }
        table.lookups &+= 1
        if table.lookups == 4096, table.hits < 512 {
            disabled[column] = true
            tables[column] = nil
            return StringInterner.makeString(bytes)
        }
        let hash = StringInterner.hash(bytes)
        let slot = Int(truncatingIfNeeded: hash >> 53)  // 11 bits: 2,048 slots
        if table.hashes[slot] == hash, StringInterner.equal(table.strings[slot], bytes) {
            table.hits &+= 1
            return table.strings[slot]
        }
        let string = StringInterner.makeString(bytes)
        table.hashes[slot] = hash
        table.strings[slot] = string
        return string
    }

    /// Whether a native string holds exactly `bytes`.
    @inline(__always)
    private static func equal(_ string: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        string.utf8.withContiguousStorageIfAvailable { stored in
            stored.count == bytes.count && memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0
        } ?? false
    }

    /// A multiplicative hash over 8-byte words; the top bits pick the slot.
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

    /// A string from bytes the reader has already checked as UTF-8, without checking them again where the standard
    /// library allows it (`UTF8Span(unchecked:)`, Swift 6.2): about a third of the cost of a long string on the
    /// benchmark file (`Benchmarks/csv_run.py`, cells).
    ///
    /// - Precondition: `bytes` is valid UTF-8 (the reader's scan guarantees it for every field).
    @inline(__always)
    static func makeString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        #if compiler(>=6.2)
            if #available(macOS 26, iOS 26, tvOS 26, watchOS 26, visionOS 26, *) {
                return String(copying: UTF8Span(unchecked: bytes.span))
            }
        #endif
        return String(decoding: bytes, as: UTF8.self)
    }
}
