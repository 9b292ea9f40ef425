/// A growable run of bytes over memory it owns: the one place hot paths touch raw memory for output and scratch.
///
/// Unlike `[UInt8]`, appending does no uniqueness check and no exclusivity bookkeeping, which the per-cell loops
/// of the readers and the CSV writer feel (`Benchmarks/run.py`, `bieumau cat` on the 100,000-row workbook).
///
/// ```swift
/// let buffer = ByteBuffer()
/// buffer.append(contentsOf: "Ia Đal")
/// buffer.count   // 7
/// ```
public final class ByteBuffer {
    @usableFromInline @exclusivity(unchecked) var storage: UnsafeMutablePointer<UInt8>
    @usableFromInline @exclusivity(unchecked) var capacity: Int
    @usableFromInline @exclusivity(unchecked) var length = 0

    /// Number of bytes held.
    public var count: Int { length }

    /// - Parameter capacity: bytes reserved up front; the buffer grows by doubling past it.
    public init(capacity: Int = 256) {
        self.capacity = max(16, capacity)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    public var isEmpty: Bool { count == 0 }

    /// The bytes held; valid until the buffer is next changed.
    public var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

    /// Forgets the bytes, keeping the memory.
    @inlinable
    public func removeAll() { length = 0 }

    /// Drops the last `n` bytes.
    public func removeLast(_ n: Int) { length -= min(n, length) }

    @inlinable
    public func append(_ byte: UInt8) {
        if length == capacity { grow(toHold: length + 1) }
        storage[length] = byte
        length += 1
    }

    public func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(toHold: count + bytes.count) }
        (storage + count).update(from: base, count: bytes.count)
        length += bytes.count
    }

    public func append(contentsOf bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends a string's UTF-8 bytes.
    public func append(contentsOf text: String) {
        text.withUTF8Bytes { append($0) }
    }

    @usableFromInline
    func grow(toHold needed: Int) {
        var newCapacity = capacity
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: storage, count: count)
        storage.deallocate()
        storage = bigger
        capacity = newCapacity
    }
}
