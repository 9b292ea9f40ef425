// UTF-8 well-formedness checked as bytes stream in (Unicode §3.9, Table 3-7 "Well-Formed UTF-8 Byte Sequences"):
//
//   00..7F                     one byte
//   C2..DF  80..BF             two bytes (C0, C1 would be overlong)
//   E0      A0..BF  80..BF     three bytes; E0 80..9F overlong, ED A0..BF a surrogate
//   E1..EC, EE..EF  80..BF  80..BF          ED 80..9F 80..BF
//   F0      90..BF  80..BF 80..BF           four bytes; F4 90.. above U+10FFFF; F5..FF never
//   F1..F3  80..BF  80..BF 80..BF           F4 80..8F 80..BF 80..BF
//
// A sequence may be split between two chunks: the validator keeps what it still expects between calls.

/// Checks that bytes fed in chunks are well-formed UTF-8, so that no reader turns bad bytes into U+FFFD silently
/// (DESIGN §6: never a silent partial read).
///
/// ```swift
/// var validator = UTF8Validator()
/// if let bad = validator.firstInvalidByte(in: chunk) { print("invalid UTF-8 at byte \(bad)") }
/// if validator.isInsideSequence { print("the text ends inside a character") }
/// ```
public struct UTF8Validator: Sendable {
    /// Continuation bytes still expected.
    private var remaining = 0
    /// Bounds on the next continuation byte (narrower than 80..BF right after E0, ED, F0, F4).
    private var low: UInt8 = 0x80
    private var high: UInt8 = 0xBF
    /// Whether the last invalid byte reported was one that failed to continue a started character (rather than a
    /// byte that can never start one).
    public private(set) var lastFailureCutsCharacterShort = false

    public init() {}

    /// Whether the bytes so far end inside a multi-byte character.
    public var isInsideSequence: Bool { remaining > 0 }

    /// Checks the next chunk of the text.
    ///
    /// - Parameter chunk: the bytes following those of earlier calls.
    /// - Returns: the index in `chunk` of the first byte that cannot continue well-formed UTF-8, or `nil`.
    /// - Complexity: O(*n*); ASCII runs are checked eight bytes at a time.
    public mutating func firstInvalidByte(in chunk: UnsafeRawBufferPointer) -> Int? {
        guard let base = chunk.baseAddress else { return nil }
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        let count = chunk.count
        // The state lives in locals while the loop runs (stored properties would be written back at every byte).
        var remaining = self.remaining
        var low = self.low
        var high = self.high
        var index = 0
        defer {
            self.remaining = remaining
            self.low = low
            self.high = high
        }
        while index < count {
            let byte = bytes[index]
            if remaining > 0 {
                guard byte >= low, byte <= high else {
                    lastFailureCutsCharacterShort = true
                    return index
                }
                remaining -= 1
                low = 0x80
                high = 0xBF
                index += 1
                continue
            }
            if byte < 0x80 {
                index += 1
                // ASCII runs: eight bytes at a time while none has its high bit set.
                while index + 8 <= count,
                    base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
                {
                    index += 8
                }
                continue
            }
            switch byte {
            case 0xC2...0xDF: (remaining, low, high) = (1, 0x80, 0xBF)
            case 0xE0: (remaining, low, high) = (2, 0xA0, 0xBF)
            case 0xED: (remaining, low, high) = (2, 0x80, 0x9F)
            case 0xE1...0xEF: (remaining, low, high) = (2, 0x80, 0xBF)
            case 0xF0: (remaining, low, high) = (3, 0x90, 0xBF)
            case 0xF4: (remaining, low, high) = (3, 0x80, 0x8F)
            case 0xF1...0xF3: (remaining, low, high) = (3, 0x80, 0xBF)
            default:
                lastFailureCutsCharacterShort = false
                return index
            }
            index += 1
        }
        return nil
    }
}
