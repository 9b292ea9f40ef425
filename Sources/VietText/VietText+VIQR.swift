import SheetCore

// VIQR (RFC 1456): a vowel, then an optional shape mark (`^` on a e o, `(` on a, `+` or `*` on o u), then an
// optional tone (`'` sắc, `` ` `` huyền, `?` hỏi, `~` ngã, `.` nặng); `dd`/`DD` = đ/Đ; `\` makes the next
// character literal. As UniKey's reader does, `?` and `.` are not read as a tone once the word already has one
// (so sentence-final punctuation usually survives), and `dd` is read only at the start of a word (UniKey's
// "smart" mode, which keeps `address` intact). VIQR stays ambiguous for `.` and `?` after an untoned word.

extension VietText {
    /// VIQR spellings packed little-endian into a UInt32 (one to three ASCII bytes).
    static let viqrMap: [UInt32: UInt32] = {
        var map: [UInt32: UInt32] = [:]
        for (spelling, scalar) in LegacyTables.viqr {
            map[pack(Array(spelling.utf8))] = scalar
            if spelling.contains("+") {
                map[pack(Array(spelling.replacingOccurrences(of: "+", with: "*").utf8))] = scalar
            }
        }
        return map
    }()

    private static func pack(_ bytes: some Collection<UInt8>) -> UInt32 {
        var packed: UInt32 = 0
        for (offset, byte) in bytes.enumerated() { packed |= UInt32(byte) << (8 * UInt32(offset)) }
        return packed
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    static func decodeVIQR(_ bytes: UnsafeBufferPointer<UInt8>, upperCase: Bool) -> String {
        let buffer = ByteBuffer(capacity: bytes.count)
        let count = bytes.count
        var index = 0
        var wordHasTone = false
        var atWordStart = true
        func emit(_ scalar: UInt32) { appendUTF8(upperCase ? upper(scalar) : scalar, to: buffer) }
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < count {
                emit(UInt32(bytes[index + 1]))
                index += 2
                continue
            }
            guard isASCIILetter(byte) else {
                emit(UInt32(byte))
                index += 1
                if byte < 0x80 {
                    wordHasTone = false
                    atWordStart = true
                }
                continue
            }
            var matched = false
            for length in stride(from: 3, through: 2, by: -1) where index + length <= count {
                let slice = UnsafeBufferPointer(rebasing: bytes[index..<index + length])
                guard let scalar = viqrMap[pack(slice)] else { continue }
                let last = slice[length - 1]
                let isDD = (byte | 0x20) == UInt8(ascii: "d")
                if isDD && !atWordStart { continue }
                if wordHasTone && (last == UInt8(ascii: "?") || last == UInt8(ascii: ".")) { continue }
                if "'`?~.".utf8.contains(last) { wordHasTone = true }
                emit(scalar)
                index += length
                matched = true
                break
            }
            if !matched {
                emit(UInt32(byte))
                index += 1
            }
            atWordStart = false
        }
        return String(decoding: buffer.bytes, as: UTF8.self)
    }
}
