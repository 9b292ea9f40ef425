import SheetCore
import VietText

// Text as forms are matched on (DESIGN §3, "Matching ignores case, Unicode normalisation, repeated spaces and line
// breaks"):
//
//   raw ─NFC─▶ lower case (Đ → đ, Ệ → ệ; the Icelandic Ð some legacy converters emit → đ)
//       ─▶ tone mark of the open syllables oa, oe, uy on the last vowel (hòa → hoà, thủy → thuỷ: both spellings
//          are in use and mean the same word)
//       ─▶ every run of white space (space, tab, line break, NBSP…) one space, zero-width characters dropped,
//          trimmed
//
// Matching then compares UTF-8 bytes: after this both sides are in one form, so a byte search is a text search.

/// Text prepared for matching: NFC, lower case, white space collapsed, trimmed, compared as UTF-8 bytes.
///
/// ```swift
/// let cell = MatchText("TỔNG HỢP KẾT QUẢ\nRÀ  SOÁT hộ nghèo")
/// cell.contains(MatchText("rà soát Hộ Nghèo"))   // true
/// cell.text                                       // "tổng hợp kết quả rà soát hộ nghèo"
/// ```
public struct MatchText: Hashable, Sendable, CustomStringConvertible {
    /// The normalised text's UTF-8 bytes.
    public let bytes: [UInt8]

    /// Normalises `raw` for matching.
    ///
    /// - Complexity: O(n), one pass over the scalars; ASCII text is folded byte by byte.
    public init(_ raw: some StringProtocol) {
        bytes = MatchText.normalizedBytes(String(raw))
    }

    /// The normalised text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Whether the text is empty after normalisation.
    public var isEmpty: Bool { bytes.isEmpty }

    /// Whether `needle` occurs in the text.
    ///
    /// - Complexity: O(n × m) in the worst case, O(n) for the texts of forms (few repeated prefixes).
    public func contains(_ needle: MatchText) -> Bool { firstRange(of: needle) != nil }

    /// Whether the text begins with `prefix`.
    public func hasPrefix(_ prefix: MatchText) -> Bool {
        guard prefix.bytes.count <= bytes.count else { return false }
        return bytes.withUnsafeBufferPointer { haystack in
            prefix.bytes.withUnsafeBufferPointer { needle in
                for index in 0..<needle.count where haystack[index] != needle[index] { return false }
                return true
            }
        }
    }

    /// The byte offsets of the first occurrence of `needle` at or after byte `offset`, `nil` when it does not
    /// occur there.
    public func firstRange(of needle: MatchText, from offset: Int = 0) -> Range<Int>? {
        let n = needle.bytes.count
        let count = bytes.count
        guard n > 0 else { return offset <= count ? offset..<offset : nil }
        guard offset >= 0, n <= count - offset else { return nil }
        return bytes.withUnsafeBufferPointer { haystack -> Range<Int>? in
            needle.bytes.withUnsafeBufferPointer { needle -> Range<Int>? in
                let first = needle[0]
                var start = offset
                let lastStart = count - n
                while start <= lastStart {
                    if haystack[start] == first {
                        var index = 1
                        while index < n, haystack[start + index] == needle[index] { index += 1 }
                        if index == n { return start..<(start + n) }
                    }
                    start += 1
                }
                return nil
            }
        }
    }

    public var description: String { text }

    /// The normalised form of `raw` (see the type's description).
    ///
    /// ```swift
    /// MatchText.normalize("  Số HỘ\r\n nghèo ")   // "số hộ nghèo"
    /// MatchText.normalize("Hòa Bình")             // "hoà bình"
    /// ```
    public static func normalize(_ raw: String) -> String {
        String(decoding: normalizedBytes(raw), as: UTF8.self)
    }

    static func normalizedBytes(_ raw: String) -> [UInt8] {
        var folded = false
        let output = raw.withUTF8Bytes { bytes in
            // Lower case makes a letter a byte longer at most (Ⱥ → ⱥ), and only from two bytes up.
            [UInt8](unsafeUninitializedCapacity: bytes.count + bytes.count / 2 + 4) { buffer, count in
                var output = ByteWriter(buffer: buffer)
                folded = foldBytes(bytes, into: &output) && !output.overflowed
                count = folded ? output.count : 0
            }
        }
        return folded ? output : normalizedScalars(raw)
    }

    /// Bytes written into room made for them.
    struct ByteWriter {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var count = 0
        /// Set when a byte found no room (never, by the bound above): the caller takes the slow path.
        private(set) var overflowed = false

        var isEmpty: Bool { count == 0 }

        mutating func append(_ byte: UInt8) {
            guard count < buffer.count else {
                overflowed = true
                return
            }
            buffer[count] = byte
            count += 1
        }
    }

    /// The normalised form of `raw`, scalar by scalar: the reference that ``foldBytes(_:into:)`` is a shortcut of.
    static func normalizedScalars(_ raw: String) -> [UInt8] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(raw.utf8.count)
        var pendingSpace = false
        var maybeTone = false
        for scalar in VietText.nfc(raw).unicodeScalars {
            let value = scalar.value
            if isSpace(value) {
                pendingSpace = true
                continue
            }
            if isZeroWidth(value) { continue }
            if pendingSpace, !scalars.isEmpty { scalars.append(" ") }
            pendingSpace = false
            let lower = lowercase(scalar)
            if ToneMarks.isTonedOOrU(lower.value) { maybeTone = true }
            scalars.append(lower)
        }
        if maybeTone { ToneMarks.placeOnLastVowel(&scalars) }
        var output: [UInt8] = []
        output.reserveCapacity(scalars.count * 3)
        for scalar in scalars { UTF8Encoding.forEachByte(of: scalar.value) { output.append($0) } }
        return output
    }

    /// White space: ASCII spaces and line breaks, NBSP, the Unicode space separators, line and paragraph separators.
    /// (Unicode's White_Space property, without looking it up.)
    static func isSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x20, 0x09...0x0D, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Lower case, with the Vietnamese letters handled without Unicode tables: ASCII, Latin-1 (À–Þ), the pairs of
    /// Latin Extended-A (Ă, Đ, Ĩ, Ũ…), Ơ, Ư and the Vietnamese block U+1EA0–U+1EF9; Ð and ð (eth) become đ.
    private static func lowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        switch value {
        case 0x41...0x5A: return Unicode.Scalar(value + 0x20)!
        case 0xD0, 0xF0, 0x110: return "\u{111}"
        case 0xC0...0xDE where value != 0xD7: return Unicode.Scalar(value + 0x20)!
        case 0x100...0x137 where value % 2 == 0: return Unicode.Scalar(value + 1)!
        case 0x14A...0x177 where value % 2 == 0: return Unicode.Scalar(value + 1)!
        case 0x1A0, 0x1AF: return Unicode.Scalar(value + 1)!
        case 0x1EA0...0x1EF9 where value % 2 == 0: return Unicode.Scalar(value + 1)!
        case 0...0xFF, 0x1EA0...0x1EF9: return scalar
        default:
            guard scalar.properties.changesWhenLowercased else { return scalar }
            let lower = scalar.properties.lowercaseMapping.unicodeScalars
            return lower.count == 1 ? lower.first! : scalar
        }
    }

    /// Normalises the UTF-8 of a text that needs neither composition nor a respelling of its tone marks, byte
    /// by byte without decoding it into scalars: ASCII, Latin-1 and Latin Extended letters and the Vietnamese block
    /// (all NFC by themselves), white space and zero-width characters, stable punctuation. Returns `false`, with
    /// `output` unfinished, at anything else (a combining mark, `hòa`, `thủy`…): ``normalizedScalars(_:)`` then
    /// does the work. Both give the same bytes for every text this accepts.
    static func foldBytes(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout ByteWriter) -> Bool {
        var pendingSpace = false
        // A toned `o` or `u` was just written: a vowel after it may need ToneMarks.
        var afterTonedVowel = false
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            let value: UInt32
            if byte < 0x80 {
                index += 1
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = true
                    continue
                }
                if pendingSpace, !output.isEmpty { output.append(0x20) }
                pendingSpace = false
                let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                if afterTonedVowel, lower == 0x61 || lower == 0x65 || lower == 0x79 { return false }
                afterTonedVowel = false
                output.append(lower)
                continue
            } else {
                let scalar = UTF8Encoding.scalar(in: bytes, at: index)
                value = scalar.value
                switch scalar.length {
                case 2:
                    // Combining marks (U+0300–U+036F) compose with the letter before them.
                    guard value < 0x300 || value > 0x36F else { return false }
                case 3:
                    guard
                        (value >= 0x1EA0 && value <= 0x1EF9) || isSpace(value) || isZeroWidth(value)
                            || (value >= 0x2010 && value <= 0x2027) || (value >= 0x2030 && value <= 0x203A)
                            || value == 0x20AC || value == 0x2122
                    else { return false }
                default:
                    return false
                }
                index += scalar.length
            }
            if isSpace(value) {
                pendingSpace = true
                continue
            }
            if isZeroWidth(value) { continue }
            if pendingSpace, !output.isEmpty { output.append(0x20) }
            pendingSpace = false
            afterTonedVowel = false
            let lower = lowercase(Unicode.Scalar(value)!).value
            if ToneMarks.isTonedOOrU(lower) { afterTonedVowel = true }
            UTF8Encoding.forEachByte(of: lower) { output.append($0) }
        }
        return true
    }

    /// Zero-width characters and the soft hyphen, dropped.
    private static func isZeroWidth(_ value: UInt32) -> Bool {
        value == 0x200B || value == 0x200C || value == 0x200D || value == 0x2060 || value == 0xFEFF || value == 0xAD
    }
}

/// The two spellings of open syllables in `oa`, `oe`, `uy` (hòa / hoà, khỏe / khoẻ, thủy / thuỷ), brought to one:
/// the tone on the last vowel.
private enum ToneMarks {
    /// Toned `o` and `u` (lower case NFC): grave, acute, hook, tilde, dot below → tone index 0…4.
    static let tonedO: [UInt32] = [0xF2, 0xF3, 0x1ECF, 0xF5, 0x1ECD]
    static let tonedU: [UInt32] = [0xF9, 0xFA, 0x1EE7, 0x169, 0x1EE5]
    static let tonedA: [UInt32] = [0xE0, 0xE1, 0x1EA3, 0xE3, 0x1EA1]
    static let tonedE: [UInt32] = [0xE8, 0xE9, 0x1EBB, 0x1EBD, 0x1EB9]
    static let tonedY: [UInt32] = [0x1EF3, 0xFD, 0x1EF7, 0x1EF9, 0x1EF5]

    static func placeOnLastVowel(_ scalars: inout [Unicode.Scalar]) {
        var index = 0
        while index + 1 < scalars.count {
            let value = scalars[index].value
            let next = scalars[index + 1].value
            let endsWord = index + 2 >= scalars.count || !isLetter(scalars[index + 2])
            if endsWord, let tone = tonedO.firstIndex(of: value), next == 0x61 || next == 0x65 {
                scalars[index] = "o"
                scalars[index + 1] = Unicode.Scalar(next == 0x61 ? tonedA[tone] : tonedE[tone])!
            } else if endsWord, let tone = tonedU.firstIndex(of: value), next == 0x79,
                index == 0 || scalars[index - 1].value != 0x71
            {
                scalars[index] = "u"
                scalars[index + 1] = Unicode.Scalar(tonedY[tone])!
            }
            index += 1
        }
    }

    /// Whether a lower-case scalar is a toned `o` or `u`, the first vowel of a syllable this may respell.
    static func isTonedOOrU(_ value: UInt32) -> Bool {
        switch value {
        case 0xF2, 0xF3, 0xF5, 0xF9, 0xFA, 0x169, 0x1ECD, 0x1ECF, 0x1EE5, 0x1EE7: true
        default: false
        }
    }

    /// Letters as far as word ends go: ASCII letters, Latin-1 and Latin Extended letters, the Vietnamese block.
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A }
        if value < 0xC0 || value == 0xD7 || value == 0xF7 { return false }
        if value < 0x250 || (value >= 0x1E00 && value <= 0x1EFF) { return true }
        return scalar.properties.isAlphabetic
    }
}
