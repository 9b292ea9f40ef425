/// Little-endian reads from a byte array: `get*(at:)` returns `nil` out of range and never traps.
///
/// The one place in SheetXLS that indexes raw bytes; every offset that comes from the input goes through it.
struct ByteReader {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var count: Int { bytes.count }

    func getU8(at offset: Int) -> UInt8? {
        guard offset >= 0, offset < bytes.count else { return nil }
        return bytes[offset]
    }

    func getU16(at offset: Int) -> UInt16? {
        guard offset >= 0, offset <= bytes.count - 2 else { return nil }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    func getU32(at offset: Int) -> UInt32? {
        guard offset >= 0, offset <= bytes.count - 4 else { return nil }
        return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }

    func getU64(at offset: Int) -> UInt64? {
        guard let low = getU32(at: offset), let high = getU32(at: offset + 4) else { return nil }
        return UInt64(low) | UInt64(high) << 32
    }

    func getF64(at offset: Int) -> Double? {
        getU64(at: offset).map(Double.init(bitPattern:))
    }
}
