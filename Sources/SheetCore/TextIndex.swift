/// Values kept by text and found again by the text's UTF-8 bytes: a hash table with open addressing whose keys
/// are stored once, in one byte array, and compared eight bytes at a time.
///
/// A `String` key would be hashed and compared by Unicode equivalence, which costs more than reading the value
/// again for the short texts of a sheet's cells; memos of raw cell texts want the bytes as they are.
///
/// At most ``capacity`` texts are kept: adding one more starts the table afresh, so its size stays bounded
/// whatever the input holds.
///
/// ```swift
/// var labels = TextTable<MatchText>(capacity: 1024)
/// let label = labels.value(for: cell) { MatchText($0) }
/// ```
/// Texts numbered in the order they were first met, and found again by their UTF-8 bytes: a hash table with open
/// addressing whose keys are stored once, in one byte array, and compared eight bytes at a time. A memo keeps its
/// values in an array beside it, at the numbers it gives (``TextMemo``).
///
/// A `String` key would be hashed and compared by Unicode equivalence, which costs more than reading the value
/// again for the short texts of a sheet's cells; memos of raw cell texts want the bytes as they are.
///
/// At most ``capacity`` texts are kept: adding one more starts the index afresh (that text is numbered 0 again),
/// so its size stays bounded whatever the input holds.
///
/// ```swift
/// var index = TextIndex(capacity: 1024)
/// if case .known(let first) = index.place(of: code) { print("\(code) repeats row \(rows[first])") }
/// ```
public struct TextIndex: Sendable {
    /// Where a text stands.
    public enum Place: Equatable, Sendable {
        /// Met before, under this number.
        case known(Int)
        /// Met for the first time, and numbered so; 0 when the index started afresh.
        case added(Int)
    }

    private struct Entry: Sendable {
        var hash: UInt64
        var start: Int
        var count: Int
    }

    /// The most texts kept.
    public let capacity: Int
    /// Per slot, the number of its text plus one; 0 is an empty slot. At least twice as many slots as texts,
    /// a power of two, so probes stay short.
    private var slots: [Int32]
    private var entries: [Entry] = []
    /// The texts' bytes, one after the other.
    private var keys: [UInt8] = []

    /// The number of texts kept.
    public var count: Int { entries.count }

    public init(capacity: Int) {
        precondition(capacity > 0 && capacity < Int(Int32.max) / 2, "TextIndex capacity out of range")
        self.capacity = capacity
        var slotCount = 4
        while slotCount < capacity * 2 { slotCount *= 2 }
        slots = [Int32](repeating: 0, count: slotCount)
    }

    /// The number of `text`, numbering it when it is new.
    public mutating func place(of text: String) -> Place {
        return text.withUTF8Bytes { key in
            let (hash, slot, found) = find(key)
            if let found { return .known(found) }
            return .added(insert(key, hash: hash, slot: slot))
        }
    }

    /// Forgets every text (the storage is kept).
    public mutating func removeAll() {
        for index in slots.indices { slots[index] = 0 }
        entries.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
    }

    /// The key's hash, the slot where it is or would go, and its number when it is there.
    private func find(_ key: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, slot: Int, number: Int?) {
        let hash = Self.hash(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        return keys.withUnsafeBufferPointer { stored in
            while true {
                let taken = Int(slots[slot])
                if taken == 0 { return (hash, slot, nil) }
                let entry = entries[taken - 1]
                if entry.hash == hash, entry.count == key.count,
                    Self.equal(UnsafeBufferPointer(rebasing: stored[entry.start..<entry.start + entry.count]), key)
                {
                    return (hash, slot, taken - 1)
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Numbers `key`, at `slot` (found empty for it), and returns its number.
    private mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, slot: Int) -> Int {
        var slot = slot
        if entries.count >= capacity {
            removeAll()
            slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        }
        entries.append(Entry(hash: hash, start: keys.count, count: key.count))
        keys.append(contentsOf: key)
        slots[slot] = Int32(entries.count)
        return entries.count - 1
    }

    /// A 64-bit hash of the bytes, eight at a time.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = mix(hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        if offset < bytes.count {
            var tail: UInt64 = 0
            for index in offset..<bytes.count { tail = tail << 8 | UInt64(bytes[index]) }
            hash = mix(hash ^ tail)
        }
        return hash ^ hash >> 32
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        let product = value &* 0x9FB2_1C65_1E98_DF25
        return product ^ product >> 29
    }

    /// Whether two byte runs of the same length are equal.
    private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let x = a.baseAddress.map(UnsafeRawPointer.init), let y = b.baseAddress.map(UnsafeRawPointer.init)
        else { return a.count == b.count }
        var offset = 0
        while offset + 8 <= a.count {
            if x.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                != y.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            {
                return false
            }
            offset += 8
        }
        while offset < a.count {
            if a[offset] != b[offset] { return false }
            offset += 1
        }
        return true
    }
}

/// Values kept by text: what `make` gave for each text met, found again by the text's bytes (``TextIndex``).
/// At most `capacity` texts are kept; past that the memo starts afresh.
///
/// ```swift
/// var labels = TextMemo<MatchText>(capacity: 1024)
/// let label = labels.value(for: cell) { MatchText($0) }
/// ```
public struct TextMemo<Value> {
    @usableFromInline var index: TextIndex
    /// What each text gave, by its number in `index`.
    @usableFromInline var values: [Value] = []

    public init(capacity: Int) { index = TextIndex(capacity: capacity) }

    /// The value kept for `text`, or the one `make` gives, kept from now on.
    @inlinable
    public mutating func value(for text: String, orMake make: (String) -> Value) -> Value {
        switch index.place(of: text) {
        case .known(let number):
            return values[number]
        case .added(let number):
            if number == 0 { values.removeAll(keepingCapacity: true) }  // the first text, or the first after afresh
            let value = make(text)
            values.append(value)
            return value
        }
    }
}

extension TextMemo: Sendable where Value: Sendable {}
