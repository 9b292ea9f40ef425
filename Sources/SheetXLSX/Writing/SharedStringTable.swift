// The shared-strings table being built (ECMA-376 Part 1, §18.4.9 `sst`), written as xl/sharedStrings.xml at close:
//
//   arena    "Ia ĐalThôn 6Hộ nghèo…"        every distinct string's UTF-8 bytes, one after another
//   ends     [6, 13, 25, …]                 where string i ends in the arena (it starts where i − 1 ends)
//   hashes   [h0, h1, h2, …]                each string's hash, kept for growing the slot table
//   slots    open addressing, linear probing: index + 1 of a string, 0 for an empty slot; at most half full
//
// Nothing per string is a Swift object, so a million distinct strings cost their bytes plus 16 bytes each (4 + 4 in
// `ends` and `hashes`, at most 8 in `slots`); the budget counts both.
import SheetCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Deduplicates cell strings into indices, within a byte budget; strings past the budget are left to the caller
/// to write inline.
final class SharedStringTable {
    private let arena = ByteBuffer(capacity: 64 << 10)
    // Unchecked exclusivity: one writer thread, no overlapping access; the checks cost 5 % of writing a sheet of
    // mostly distinct strings (perf on the 1M-row benchmark workbook).
    @exclusivity(unchecked) private var ends: [UInt32] = []
    @exclusivity(unchecked) private var hashes: [UInt32] = []
    @exclusivity(unchecked) private var slots: [UInt32]
    @exclusivity(unchecked) private var mask: Int
    /// Most bytes the table may take, strings and bookkeeping; a new string that would pass it is not added.
    let byteBudget: Int
    /// Bookkeeping bytes per string: its end and hash, and up to two slots.
    static let bytesPerEntry = 16
    /// Cells that referred to the table (`sst/@count`).
    @exclusivity(unchecked) private(set) var references = 0

    /// - Parameter byteBudget: Most bytes the table may take: the UTF-8 of distinct strings (at most 4 GiB − 1 in
    ///   all) plus ``bytesPerEntry`` for each.
    init(byteBudget: Int) {
        self.byteBudget = min(byteBudget, Int(UInt32.max) - 1)
        slots = Array(repeating: 0, count: 1024)
        mask = 1023
    }

    /// Distinct strings held (`sst/@uniqueCount`).
    var count: Int { ends.count }

    /// The index of `bytes`, adding it when new; `nil` when it is new and the budget is spent.
    ///
    /// - Complexity: O(length of the string) on average.
    func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = Self.hash(bytes)
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let index = Int(entry) - 1
            if hashes[index] == hash, equals(index, bytes) {
                references += 1
                return index
            }
            slot = (slot + 1) & mask
        }
        guard arena.count + bytes.count + (ends.count + 1) * Self.bytesPerEntry <= byteBudget,
            ends.count < Int(UInt32.max) - 1
        else { return nil }
        arena.append(bytes)
        ends.append(UInt32(arena.count))
        hashes.append(hash)
        slots[slot] = UInt32(ends.count)
        references += 1
        if ends.count * 2 > mask + 1 { grow() }
        return ends.count - 1
    }

    /// The UTF-8 bytes of string `index`, valid until the table next changes.
    func bytes(at index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = index == 0 ? 0 : Int(ends[index - 1])
        let end = Int(ends[index])
        return UnsafeBufferPointer(rebasing: arena.bytes[start..<end])
    }

    private func equals(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let stored = self.bytes(at: index)
        guard stored.count == bytes.count else { return false }
        guard let a = stored.baseAddress, let b = bytes.baseAddress else { return true }
        return memcmp(a, b, bytes.count) == 0
    }

    private func grow() {
        let capacity = (mask + 1) * 2
        var bigger = [UInt32](repeating: 0, count: capacity)
        let newMask = capacity - 1
        for index in 0..<hashes.count {
            var slot = Int(hashes[index]) & newMask
            while bigger[slot] != 0 { slot = (slot + 1) & newMask }
            bigger[slot] = UInt32(index + 1)
        }
        slots = bigger
        mask = newMask
    }

    /// A multiply-rotate hash over 8 bytes at a time, folded to 32 bits (the FxHash step of rustc).
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        let seed: UInt64 = 0x517C_C1B7_2722_0A95
        guard let base = bytes.baseAddress else { return UInt32(truncatingIfNeeded: h >> 32) }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        let count = bytes.count
        while offset + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            h = ((h << 5) | (h >> 59)) ^ word
            h = h &* seed
            offset += 8
        }
        if offset < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                tail |= UInt64(base[offset]) << shift
                shift += 8
                offset += 1
            }
            h = ((h << 5) | (h >> 59)) ^ tail
            h = h &* seed
        }
        return UInt32(truncatingIfNeeded: (h >> 32) ^ h)
    }
}
