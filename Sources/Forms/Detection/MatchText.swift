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
    /// The normalised text.
    public let text: String
    /// Its UTF-8 bytes.
    public let bytes: [UInt8]

    /// Normalises `raw` for matching.
    ///
    /// - Complexity: O(n); ASCII text is folded byte by byte without Unicode tables.
    public init(_ raw: some StringProtocol) {
        let text = MatchText.normalize(String(raw))
        self.text = text
        self.bytes = Array(text.utf8)
    }

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

    /// The byte offsets of the first occurrence of `needle`, `nil` when it does not occur.
    public func firstRange(of needle: MatchText) -> Range<Int>? {
        let n = needle.bytes.count
        let count = bytes.count
        guard n > 0 else { return 0..<0 }
        guard n <= count else { return nil }
        return bytes.withUnsafeBufferPointer { haystack -> Range<Int>? in
            needle.bytes.withUnsafeBufferPointer { needle -> Range<Int>? in
                let first = needle[0]
                var start = 0
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

    /// The text after byte offset `offset` (at a character boundary), as a `String`.
    func suffix(fromByte offset: Int) -> String {
        String(decoding: bytes[offset...], as: UTF8.self)
    }

    public var description: String { text }

    public static func == (lhs: MatchText, rhs: MatchText) -> Bool { lhs.bytes == rhs.bytes }
    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }

    /// The normalised form of `raw` (see the type's description).
    ///
    /// ```swift
    /// MatchText.normalize("  Số HỘ\r\n nghèo ")   // "số hộ nghèo"
    /// MatchText.normalize("Hòa Bình")             // "hoà bình"
    /// ```
    public static func normalize(_ raw: String) -> String {
        if let ascii = normalizeASCII(raw) { return ascii }
        let lowered = VietText.nfc(raw).lowercased()
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(lowered.unicodeScalars.count)
        var pendingSpace = false
        for scalar in lowered.unicodeScalars {
            switch scalar.value {
            case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD:  // zero-width characters, soft hyphen
                continue
            case 0xD0, 0xF0:  // Ð ð (Icelandic eth) written for Đ đ by some legacy converters
                if !scalars.isEmpty, pendingSpace { scalars.append(" ") }
                pendingSpace = false
                scalars.append("\u{111}")
                continue
            default:
                break
            }
            if scalar.properties.isWhitespace {
                pendingSpace = true
                continue
            }
            if pendingSpace, !scalars.isEmpty { scalars.append(" ") }
            pendingSpace = false
            scalars.append(scalar)
        }
        ToneMarks.placeOnLastVowel(&scalars)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// ASCII text folded byte by byte; `nil` when the text has a non-ASCII byte.
    private static func normalizeASCII(_ raw: String) -> String? {
        var output: [UInt8] = []
        var pendingSpace = false
        var changed = false
        for byte in raw.utf8 {
            guard byte < 0x80 else { return nil }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C:
                if pendingSpace || output.isEmpty || byte != UInt8(ascii: " ") { changed = true }
                pendingSpace = true
            default:
                if pendingSpace, !output.isEmpty { output.append(UInt8(ascii: " ")) }
                pendingSpace = false
                if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") {
                    output.append(byte + 32)
                    changed = true
                } else {
                    output.append(byte)
                }
            }
        }
        if pendingSpace { changed = true }
        return changed ? String(decoding: output, as: UTF8.self) : raw
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

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isAlphabetic }
}
