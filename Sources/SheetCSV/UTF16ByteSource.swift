// UTF-16 in, UTF-8 out, on the fly (Unicode §3.9 D91 and D92, §3.8 surrogates):
//
//   wrapped source ─▶ [input: code units, LE or BE] ─decode─▶ scalars ─encode─▶ caller's buffer (UTF-8)
//
// A scalar whose UTF-8 bytes do not fit the caller's buffer waits in `pending`; an odd byte or a high surrogate at
// the end of one read waits for the next. Memory: one fixed input buffer.
import SheetCore

/// A `ByteSource` that reads UTF-16 (little or big endian, without its byte order mark) from another source and
/// hands out UTF-8.
///
/// ``CSVReader`` puts one in front of its source by itself when the input starts with a UTF-16 byte order mark.
///
/// ```swift
/// var utf8 = UTF16ByteSource(wrapping: BufferByteSource([0x41, 0x00]), bigEndian: false)
/// ```
public struct UTF16ByteSource: ByteSource {
    private var source: any ByteSource
    private let bigEndian: Bool
    private let replacesInvalid: Bool
    private var input: [UInt8]
    private var inputStart = 0
    private var inputEnd = 0
    private var sourceEnded = false
    private var pending: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
    private var pendingStart = 0
    private var pendingCount = 0
    /// UTF-16 bytes consumed so far, for error offsets.
    private var consumed = 0
    /// How many unpaired surrogates or odd trailing bytes were replaced by U+FFFD.
    public private(set) var replacementCount = 0

    /// - Parameters:
    ///   - source: the UTF-16 bytes, after any byte order mark.
    ///   - bigEndian: `true` for UTF-16BE (BOM `FE FF`), `false` for UTF-16LE (BOM `FF FE`).
    ///   - replacesInvalid: replace unpaired surrogates and an odd last byte by U+FFFD instead of throwing.
    ///   - prefix: bytes already taken from `source` that come first.
    public init(
        wrapping source: some ByteSource, bigEndian: Bool, replacesInvalid: Bool = false, prefix: [UInt8] = []
    ) {
        self.source = source
        self.bigEndian = bigEndian
        self.replacesInvalid = replacesInvalid
        input = [UInt8](repeating: 0, count: max(64 << 10, prefix.count + 2))
        for (index, byte) in prefix.enumerated() { input[index] = byte }
        inputEnd = prefix.count
    }

    /// - Throws: ``CSVError`` with code ``CSVError/Code/invalidUTF16`` (the offset is in the UTF-16 input, BOM
    ///   excluded) for an unpaired surrogate or an odd number of bytes; the wrapped source's errors as they are.
    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let out = buffer.bindMemory(to: UInt8.self)
        var written = 0
        while written < out.count {
            if pendingCount > 0 {
                out[written] = pendingByte(pendingStart)
                pendingStart += 1
                pendingCount -= 1
                written += 1
                continue
            }
            if inputEnd - inputStart < 4, !sourceEnded {
                try fillInput()
                continue
            }
            let available = inputEnd - inputStart
            if available < 2 {
                if available == 0 { break }
                // One byte left at the end: half a code unit.
                try invalid("the UTF-16 text has an odd number of bytes", at: consumed)
                inputStart += 1
                consumed += 1
                encode(0xFFFD)
                continue
            }
            let unit = codeUnit(at: inputStart)
            var scalar: UInt32
            var width = 2
            if unit & 0xFC00 == 0xD800 {
                if available >= 4, codeUnit(at: inputStart + 2) & 0xFC00 == 0xDC00 {
                    let low = codeUnit(at: inputStart + 2)
                    scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                    width = 4
                } else {
                    try invalid("a high surrogate (0x\(hex(unit))) is not followed by a low one", at: consumed)
                    scalar = 0xFFFD
                }
            } else if unit & 0xFC00 == 0xDC00 {
                try invalid("a low surrogate (0x\(hex(unit))) has no high one before it", at: consumed)
                scalar = 0xFFFD
            } else {
                scalar = UInt32(unit)
            }
            inputStart += width
            consumed += width
            if scalar < 0x80, written < out.count {
                out[written] = UInt8(scalar)
                written += 1
                continue
            }
            encode(scalar)
        }
        return written
    }

    private func codeUnit(at index: Int) -> UInt16 {
        let first = UInt16(input[index])
        let second = UInt16(input[index + 1])
        return bigEndian ? first << 8 | second : second << 8 | first
    }

    private func pendingByte(_ index: Int) -> UInt8 {
        switch index {
        case 0: return pending.0
        case 1: return pending.1
        case 2: return pending.2
        default: return pending.3
        }
    }

    private mutating func encode(_ scalar: UInt32) {
        pendingStart = 0
        switch scalar {
        case ..<0x80:
            pending.0 = UInt8(scalar)
            pendingCount = 1
        case ..<0x800:
            pending.0 = UInt8(0xC0 | scalar >> 6)
            pending.1 = UInt8(0x80 | scalar & 0x3F)
            pendingCount = 2
        case ..<0x10000:
            pending.0 = UInt8(0xE0 | scalar >> 12)
            pending.1 = UInt8(0x80 | scalar >> 6 & 0x3F)
            pending.2 = UInt8(0x80 | scalar & 0x3F)
            pendingCount = 3
        default:
            pending.0 = UInt8(0xF0 | scalar >> 18)
            pending.1 = UInt8(0x80 | scalar >> 12 & 0x3F)
            pending.2 = UInt8(0x80 | scalar >> 6 & 0x3F)
            pending.3 = UInt8(0x80 | scalar & 0x3F)
            pendingCount = 4
        }
    }

    private mutating func invalid(_ message: String, at offset: Int) throws {
        guard replacesInvalid else {
            throw CSVError(.invalidUTF16, "invalid UTF-16: \(message)", byteOffset: offset)
        }
        replacementCount += 1
    }

    private mutating func fillInput() throws {
        if inputStart > 0 {
            let kept = inputEnd - inputStart
            for index in 0..<kept { input[index] = input[inputStart + index] }
            inputStart = 0
            inputEnd = kept
        }
        let count = try input.withUnsafeMutableBytes { bytes in
            try source.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[inputEnd...]))
        }
        if count == 0 { sourceEnded = true }
        inputEnd += count
    }

    private func hex(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
