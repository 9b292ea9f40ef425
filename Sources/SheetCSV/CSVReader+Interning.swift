import SheetCore

// Repeated field values become one shared String (STYLE "Bytes in, values out"): a register repeats its province,
// district, commune, village, class and cause on every row, and a String longer than 15 UTF-8 bytes costs an
// allocation and a second UTF-8 check each time it is made.
//
//   column c ─▶ table c: 2,048 slots, direct-mapped by a hash of the bytes; a slot keeps the hash and the String
//
// A hit compares the bytes with the stored String's and hands the String out (a retain). Columns that do not
// repeat (names) are noticed after 4,096 look-ups with fewer than one hit in eight and are no longer looked up.
// Values over 256 bytes are not interned. Memory: 48 KiB per column that repeats, for at most 64 columns.
//
// Short values (1–15 bytes: numbers, codes, short names) need no allocation, but making even a small String costs
// about 60 instructions; they have their own tables keyed by the bytes themselves, read as two words (the reader's
// buffer has 16 bytes of padding, so the load never leaves it) and compared without a call: 1,024 slots of 16 bytes
// of key and a String per column, 32 KiB. The tables live in raw memory, so a look-up retains nothing but the
// String it returns.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

final class StringInterner {
    static let slotsPerColumn = 2048
    static let shortSlotsPerColumn = 1024
    static let maxLength = 256
    static let maxColumns = 64
    static let minLength = 16

    /// The tables of one column, in raw memory (no reference counting on the hot path).
    private struct Tables {
        /// Long values: hash and string per slot; `nil` until the column has one.
        var hashes: UnsafeMutablePointer<UInt64>?
        var strings: UnsafeMutablePointer<String>?
        var lookups = 0
        var hits = 0
        var disabled = false
        /// Short values: two key words (bytes zero-padded, length in the top byte) and a string per slot.
        var shortKeys: UnsafeMutablePointer<UInt64>?
        var shortStrings: UnsafeMutablePointer<String>?
        var shortLookups = 0
        var shortHits = 0
        var shortDisabled = false
    }

    private let columns: UnsafeMutablePointer<Tables>

    init() {
        columns = .allocate(capacity: StringInterner.maxColumns)
        columns.initialize(repeating: Tables(), count: StringInterner.maxColumns)
    }

    deinit {
        for column in 0..<StringInterner.maxColumns {
            StringInterner.free(
                hashes: columns[column].hashes, strings: columns[column].strings,
                count: StringInterner.slotsPerColumn)
            StringInterner.free(
                hashes: columns[column].shortKeys, strings: columns[column].shortStrings,
                count: StringInterner.shortSlotsPerColumn)
        }
        columns.deinitialize(count: StringInterner.maxColumns)
        columns.deallocate()
    }

    private static func free(hashes: UnsafeMutablePointer<UInt64>?, strings: UnsafeMutablePointer<String>?, count: Int)
    {
        hashes?.deallocate()
        if let strings {
            strings.deinitialize(count: count)
            strings.deallocate()
        }
    }

    /// The string for `bytes` (valid UTF-8) found in column `column`.
    ///
    /// - Precondition: 16 bytes can be read from `bytes.baseAddress` (the reader's buffer is padded).
    @inline(__always)
    func string(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) -> String {
        let count = bytes.count
        guard column < StringInterner.maxColumns, count <= StringInterner.maxLength, count > 0 else {
            return StringInterner.makeString(bytes)
        }
        if count < StringInterner.minLength { return shortString(bytes, tables: columns + column) }
        return longString(bytes, tables: columns + column)
    }

    @inline(__always)
    private func shortString(_ bytes: UnsafeBufferPointer<UInt8>, tables: UnsafeMutablePointer<Tables>) -> String {
        if tables.pointee.shortDisabled { return StringInterner.makeString(bytes) }
        let count = bytes.count
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        var low = raw.loadUnaligned(as: UInt64.self)
        var high = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        if count < 8 {
            low &= (1 &<< UInt64(count &* 8)) &- 1
            high = 0
        } else {
            high &= (1 &<< UInt64((count &- 8) &* 8)) &- 1
        }
        high |= UInt64(count) &<< 56
        if tables.pointee.shortKeys == nil { StringInterner.allocateShort(tables) }
        let keys = tables.pointee.shortKeys.unsafelyUnwrapped
        let strings = tables.pointee.shortStrings.unsafelyUnwrapped
        if tables.pointee.shortLookups < 4096 {
            // Counted only until the column is judged.
            tables.pointee.shortLookups &+= 1
            if tables.pointee.shortLookups == 4096, tables.pointee.shortHits < 512 {
                tables.pointee.shortDisabled = true
                StringInterner.free(hashes: keys, strings: strings, count: StringInterner.shortSlotsPerColumn)
                tables.pointee.shortKeys = nil
                tables.pointee.shortStrings = nil
                return StringInterner.makeString(bytes)
            }
        }
        let mixed = (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F)
        let slot = Int(truncatingIfNeeded: (mixed ^ (mixed &>> 31)) &>> 54)  // 10 bits: 1,024 slots
        if keys[2 &* slot] == low, keys[2 &* slot &+ 1] == high {
            if tables.pointee.shortLookups < 4096 { tables.pointee.shortHits &+= 1 }
            return strings[slot]
        }
        let string = StringInterner.makeString(bytes)
        keys[2 &* slot] = low
        keys[2 &* slot &+ 1] = high
        strings[slot] = string
        return string
    }

    private func longString(_ bytes: UnsafeBufferPointer<UInt8>, tables: UnsafeMutablePointer<Tables>) -> String {
        if tables.pointee.disabled { return StringInterner.makeString(bytes) }
        if tables.pointee.hashes == nil { StringInterner.allocateLong(tables) }
        let hashes = tables.pointee.hashes.unsafelyUnwrapped
        let strings = tables.pointee.strings.unsafelyUnwrapped
        if tables.pointee.lookups < 4096 {
            tables.pointee.lookups &+= 1
            if tables.pointee.lookups == 4096, tables.pointee.hits < 512 {
                tables.pointee.disabled = true
                StringInterner.free(hashes: hashes, strings: strings, count: StringInterner.slotsPerColumn)
                tables.pointee.hashes = nil
                tables.pointee.strings = nil
                return StringInterner.makeString(bytes)
            }
        }
        let hash = StringInterner.hash(bytes)
        let slot = Int(truncatingIfNeeded: hash >> 53)  // 11 bits: 2,048 slots
        if hashes[slot] == hash, StringInterner.equal(strings[slot], bytes) {
            if tables.pointee.lookups < 4096 { tables.pointee.hits &+= 1 }
            return strings[slot]
        }
        let string = StringInterner.makeString(bytes)
        hashes[slot] = hash
        strings[slot] = string
        return string
    }

    @inline(never)
    private static func allocateShort(_ tables: UnsafeMutablePointer<Tables>) {
        let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * StringInterner.shortSlotsPerColumn)
        keys.initialize(repeating: 0, count: 2 * StringInterner.shortSlotsPerColumn)  // length 0 matches nothing
        let strings = UnsafeMutablePointer<String>.allocate(capacity: StringInterner.shortSlotsPerColumn)
        strings.initialize(repeating: "", count: StringInterner.shortSlotsPerColumn)
        tables.pointee.shortKeys = keys
        tables.pointee.shortStrings = strings
    }

    @inline(never)
    private static func allocateLong(_ tables: UnsafeMutablePointer<Tables>) {
        let hashes = UnsafeMutablePointer<UInt64>.allocate(capacity: StringInterner.slotsPerColumn)
        hashes.initialize(repeating: 0, count: StringInterner.slotsPerColumn)
        let strings = UnsafeMutablePointer<String>.allocate(capacity: StringInterner.slotsPerColumn)
        strings.initialize(repeating: "", count: StringInterner.slotsPerColumn)
        tables.pointee.hashes = hashes
        tables.pointee.strings = strings
    }

    /// Whether a native string holds exactly `bytes`.
    @inline(__always)
    private static func equal(_ string: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        string.utf8.withContiguousStorageIfAvailable { stored in
            guard stored.count == bytes.count else { return false }
            // Word by word (count ≥ 16 here), the last word overlapping.
            let left = UnsafeRawPointer(stored.baseAddress!)
            let right = UnsafeRawPointer(bytes.baseAddress!)
            let count = bytes.count
            var offset = 0
            while offset &+ 8 <= count {
                if left.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    != right.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                {
                    return false
                }
                offset &+= 8
            }
            return left.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
                == right.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
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
