/// Writing a Unicode scalar as UTF-8 (RFC 3629 §3), one byte at a time into whatever buffer the caller keeps: the
/// legacy-encoding decoders and text normalisation emit scalars they have just computed.
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
}
