import SheetCore

// ZIP stores every integer little-endian (APPNOTE 4.4.1.1); these are the writer's counterpart of ByteReader.

extension ByteBuffer {
    /// Appends `value` as `T.bitWidth / 8` little-endian bytes.
    func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var remaining = value
        for _ in 0..<(T.bitWidth / 8) {
            append(UInt8(truncatingIfNeeded: remaining))
            remaining >>= 8
        }
    }
}
