/// Writing a Unicode scalar as UTF-8 (RFC 3629 §3), one byte at a time into whatever buffer the caller keeps: the
/// legacy-encoding decoders and text normalisation emit scalars they have just computed. And reading one back from
/// the bytes of a `String`, for the scans that look at text byte by byte.
public enum UTF8Encoding {
    /// Calls `emit` with each of the one to four bytes of the scalar `value` (a valid scalar value).
    @inlinable
    public static func forEachByte(of value: UInt32, _ emit: (UInt8) -> Void) {
        switch value {
        case 0..<0x80:
            emit(UInt8(value))
        case 0x80..<0x800:
            emit(UInt8(0xC0 | value >> 6))
            emit(UInt8(0x80 | value & 0x3F))
        case 0x800..<0x10000:
            emit(UInt8(0xE0 | value >> 12))
            emit(UInt8(0x80 | (value >> 6) & 0x3F))
            emit(UInt8(0x80 | value & 0x3F))
        default:
            emit(UInt8(0xF0 | value >> 18))
            emit(UInt8(0x80 | (value >> 12) & 0x3F))
            emit(UInt8(0x80 | (value >> 6) & 0x3F))
            emit(UInt8(0x80 | value & 0x3F))
        }
    }

    /// The scalar whose UTF-8 starts at `index` in `bytes` (valid UTF-8, as a `String`'s), and its length in bytes.
    /// A sequence cut short by the end of the buffer reads as U+FFFD up to the end.
    @inlinable
    public static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int) {
        let lead = bytes[index]
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard index + length <= bytes.count else { return (0xFFFD, bytes.count - index) }
        var value = UInt32(lead) & (length == 1 ? 0x7F : length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (value, length)
    }
}
