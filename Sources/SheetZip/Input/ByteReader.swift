/// Reads little-endian fields from raw bytes: the one place where SheetZip parses headers out of memory.
///
/// `read*` reads at the reader index and advances; `get*(at:)` reads at an offset without moving; both return `nil`
/// when the bytes are not there, so a truncated header becomes an error, never a trap. The bytes must outlive the
/// reader (use it inside `withUnsafeBytes`).
struct ByteReader {
    /// The bytes being read.
    let bytes: UnsafeRawBufferPointer
    /// Index of the next byte `read*` consumes.
    private(set) var readerIndex: Int

    /// Creates a reader at the start of `bytes`.
    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        self.readerIndex = 0
    }

    /// Bytes left between the reader index and the end.
    var readableBytes: Int { bytes.count - readerIndex }

    /// The little-endian integer at `offset`, or `nil` when it does not fit inside the bytes.
    func getInteger<T: FixedWidthInteger>(at offset: Int, as: T.Type = T.self) -> T? {
        let size = MemoryLayout<T>.size
        guard offset >= 0, offset <= bytes.count - size else { return nil }
        return T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// The 16-bit little-endian integer at `offset`, or `nil` out of range.
    func getUInt16LE(at offset: Int) -> UInt16? { getInteger(at: offset) }
    /// The 32-bit little-endian integer at `offset`, or `nil` out of range.
    func getUInt32LE(at offset: Int) -> UInt32? { getInteger(at: offset) }
    /// The 64-bit little-endian integer at `offset`, or `nil` out of range.
    func getUInt64LE(at offset: Int) -> UInt64? { getInteger(at: offset) }

    /// `count` bytes starting at `offset`, or `nil` when they are not all there.
    func getBytes(at offset: Int, count: Int) -> UnsafeRawBufferPointer? {
        guard offset >= 0, count >= 0, offset <= bytes.count, count <= bytes.count - offset else { return nil }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    /// The 32-bit little-endian integer at the reader index, without advancing; `nil` when fewer than 4 bytes remain.
    func peekUInt32LE() -> UInt32? { getInteger(at: readerIndex) }

    /// Reads a little-endian integer and advances; `nil` (and no move) when it does not fit.
    mutating func readInteger<T: FixedWidthInteger>(as: T.Type = T.self) -> T? {
        guard let value: T = getInteger(at: readerIndex) else { return nil }
        readerIndex += MemoryLayout<T>.size
        return value
    }

    /// Reads a 16-bit little-endian integer and advances; `nil` when fewer than 2 bytes remain.
    mutating func readUInt16LE() -> UInt16? { readInteger() }
    /// Reads a 32-bit little-endian integer and advances; `nil` when fewer than 4 bytes remain.
    mutating func readUInt32LE() -> UInt32? { readInteger() }
    /// Reads a 64-bit little-endian integer and advances; `nil` when fewer than 8 bytes remain.
    mutating func readUInt64LE() -> UInt64? { readInteger() }

    /// Reads `count` bytes and advances; `nil` (and no move) when fewer remain.
    mutating func readBytes(count: Int) -> UnsafeRawBufferPointer? {
        guard let slice = getBytes(at: readerIndex, count: count) else { return nil }
        readerIndex += count
        return slice
    }

    /// Skips `count` bytes; returns `false` (and does not move) when fewer remain.
    mutating func moveReaderIndex(forwardBy count: Int) -> Bool {
        guard count >= 0, count <= readableBytes else { return false }
        readerIndex += count
        return true
    }
}

/// Overflow-checked arithmetic on sizes and offsets read from an archive: `nil` instead of a trap.
extension UInt64 {
    /// `self + other`, or `nil` on overflow.
    func adding(_ other: UInt64) -> UInt64? {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? nil : sum
    }

    /// `self * other`, or `nil` on overflow.
    func multiplied(by other: UInt64) -> UInt64? {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? nil : product
    }
}
