import SheetCore

// Escaping text for XML 1.0 (W3C REC-xml, 5th edition) as Excel writes it, in one pass over the UTF-8 bytes.
//
//   text  "Hộ nghèo & cận nghèo"   ─scan─▶ runs of untouched bytes copied as they are, specials replaced:
//         & → &amp;   < → &lt;   > → &gt;                                  (§2.4: `<` and `&` never appear raw;
//                                                                          `>` is escaped as Excel does)
//   attribute values add   " → &quot;   TAB → &#x9;   LF → &#xA;   CR → &#xD;   (§3.3.3: raw white space in an
//                                                                          attribute is normalised to spaces)
//   characters outside XML's Char production (§2.2: C0 controls other than TAB LF CR, U+FFFE, U+FFFF) cannot be
//   written at all, not even as character references; Excel writes them as `_xHHHH_` (ST_Xstring, ECMA-376 Part 1
//   §22.9.2.19), and so does CR in element content, which a parser would otherwise turn into LF (§2.11). Excel
//   writes LF in element content as CR LF (its XML writer's newline handling), which parsers read back as LF.
//
// ST_Xstring makes `_xHHHH_` itself an escape, so a literal one in the text keeps its underscore as `_x005F_`:
// `_x0041_` is written `_x005F_x0041_`, read back as `_x0041_` (what Excel wrote for these strings in
// `shared_strings02.xlsx` of the Excel-made corpus). When nothing needs escaping, which is most cells, the bytes are
// appended with one copy.

/// Escaping of element content and attribute values, with Excel's treatment of characters XML cannot hold.
///
/// ```swift
/// let buffer = ByteBuffer()
/// XMLEscaping.appendText("Hộ nghèo & cận nghèo", to: buffer)        // Hộ nghèo &amp; cận nghèo
/// XMLEscaping.appendAttributeValue("Cột\n4", to: buffer)            // Cột&#xA;4
/// XMLEscaping.appendText("a\u{1B}b", to: buffer)                    // a_x001B_b
/// XMLEscaping.appendText("a\u{1B}b", to: buffer, forbidden: .remove) // ab
/// ```
public enum XMLEscaping {
    /// What to do with characters XML 1.0 cannot carry (§2.2), and whether `_xHHHH_` is an escape.
    public enum ForbiddenCharacters: Sendable, Hashable {
        /// ST_Xstring (ECMA-376 Part 1 §22.9.2.19), as Excel writes shared strings, inline strings, sheet names and
        /// number formats: a forbidden character becomes `_xHHHH_` (upper-case hex), CR in element content
        /// `_x000D_`, and the underscore of a literal `_xHHHH_` becomes `_x005F_`; LF in element content is written
        /// CR LF, as Excel does (read back as LF, §2.11). Readers that know ST_Xstring (Excel, LibreOffice, ours) get
        /// the original text back exactly.
        case escapeAsXstring
        /// Plain XML, for content that is not ST_Xstring (formulas, relationships, document properties): forbidden
        /// characters are dropped, CR is written `&#xD;`, and `_xHHHH_` is left alone.
        case remove
    }

    /// Appends `text` escaped for element content: `&`, `<`, `>` as entity references, TAB as it is, LF as it is
    /// (`.remove`) or as CR LF (`.escapeAsXstring`, Excel's way), CR and forbidden characters per `forbidden`.
    ///
    /// - Parameters:
    ///   - text: the text to write.
    ///   - buffer: where the escaped UTF-8 goes.
    ///   - forbidden: how to write characters XML cannot hold; also whether `_xHHHH_` is protected.
    /// - Complexity: O(*n*) in the UTF-8 length: one scan; untouched runs are copied whole, and a text with nothing
    ///   to escape is appended with a single copy.
    public static func appendText(
        _ text: String, to buffer: ByteBuffer, forbidden: ForbiddenCharacters = .escapeAsXstring
    ) {
        withUTF8(text) { append($0, to: buffer, attribute: false, xstring: forbidden == .escapeAsXstring) }
    }

    /// Appends UTF-8 bytes escaped for element content, as ``appendText(_:to:forbidden:)`` does for a `String`.
    ///
    /// - Parameters:
    ///   - utf8: valid UTF-8 (not checked: invalid sequences are copied as they are).
    ///   - buffer: where the escaped bytes go.
    ///   - forbidden: how to write characters XML cannot hold.
    /// - Complexity: O(*n*), one scan.
    public static func appendText(
        utf8: UnsafeBufferPointer<UInt8>, to buffer: ByteBuffer, forbidden: ForbiddenCharacters = .escapeAsXstring
    ) {
        append(utf8, to: buffer, attribute: false, xstring: forbidden == .escapeAsXstring)
    }

    /// Appends `text` escaped for a double-quoted attribute value: `&`, `<`, `>`, `"` as entity references, and TAB,
    /// LF, CR as character references (`&#x9;`, `&#xA;`, `&#xD;`, Excel's spelling) so that attribute-value
    /// normalisation (§3.3.3) keeps them; forbidden characters per `forbidden`.
    ///
    /// - Parameters:
    ///   - text: the value, without quotes.
    ///   - buffer: where the escaped UTF-8 goes.
    ///   - forbidden: how to write characters XML cannot hold.
    /// - Complexity: O(*n*), one scan; a value with nothing to escape is appended with a single copy.
    public static func appendAttributeValue(
        _ text: String, to buffer: ByteBuffer, forbidden: ForbiddenCharacters = .escapeAsXstring
    ) {
        withUTF8(text) { append($0, to: buffer, attribute: true, xstring: forbidden == .escapeAsXstring) }
    }

    /// Whether `text` starts or ends with a space, TAB or LF, so that its `<t>` needs `xml:space="preserve"` (§2.10)
    /// for the white space to be kept, as Excel writes `<t xml:space="preserve">`.
    ///
    /// CR does not count: Excel writes it as `_x000D_`, which is not white space to XML.
    ///
    /// - Parameter text: the text, before escaping.
    /// - Returns: `true` when the first or last character is white space.
    /// - Complexity: O(1).
    public static func needsSpacePreserve(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return false }
        return isPreservedSpace(first) || isPreservedSpace(last)
    }

    // MARK: Scanning

    private static func isPreservedSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == 0x09 || byte == 0x0A
    }

    /// Calls `body` with the string's UTF-8, without copying a native string.
    private static func withUTF8(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if text.utf8.withContiguousStorageIfAvailable(body) == nil {
            var copy = text
            copy.withUTF8(body)
        }
    }

    /// The one scan: copies runs of bytes that need nothing, and writes a replacement for each byte (or sequence)
    /// that does.
    private static func append(
        _ bytes: UnsafeBufferPointer<UInt8>, to buffer: ByteBuffer, attribute: Bool, xstring: Bool
    ) {
        let count = bytes.count
        var runStart = 0
        var index = 0
        while index < count {
            let byte = bytes[index]
            // Most bytes are letters, digits and UTF-8 continuation bytes above `>`: only `_` and 0xEF (the lead
            // byte of U+FFFE / U+FFFF) can need anything there.
            if byte > UInt8(ascii: ">") {
                if byte == UInt8(ascii: "_"), xstring,
                    startsLiteralXstringEscape(bytes, at: index, attribute: attribute)
                {
                    flush(bytes, from: runStart, to: index, into: buffer)
                    buffer.append(contentsOf: "_x005F_")
                    index += 1
                    runStart = index
                } else if byte == 0xEF, let scalar = nonCharacter(bytes, at: index) {
                    flush(bytes, from: runStart, to: index, into: buffer)
                    if xstring { appendXstringEscape(scalar, to: buffer) }
                    index += 3
                    runStart = index
                } else {
                    index += 1
                }
                continue
            }
            let replacement: StaticString?
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\"") where attribute: replacement = "&quot;"
            case 0x09 where attribute: replacement = "&#x9;"
            case 0x0A where attribute: replacement = "&#xA;"
            case 0x0D where attribute || !xstring: replacement = "&#xD;"
            case 0x0A where xstring: replacement = "\r\n"
            case 0x09, 0x0A: replacement = nil
            case 0x00..<0x20:
                // Forbidden (§2.2), and CR in ST_Xstring content: `_x000D_`, as Excel writes it.
                flush(bytes, from: runStart, to: index, into: buffer)
                if xstring { appendXstringEscape(UInt32(byte), to: buffer) }
                index += 1
                runStart = index
                continue
            default: replacement = nil
            }
            if let replacement {
                flush(bytes, from: runStart, to: index, into: buffer)
                buffer.append(UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                runStart = index + 1
            }
            index += 1
        }
        flush(bytes, from: runStart, to: count, into: buffer)
    }

    private static func flush(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, into buffer: ByteBuffer
    ) {
        guard end > start else { return }
        buffer.append(UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }

    /// U+FFFE or U+FFFF (`EF BF BE`, `EF BF BF`) at `index`, the two non-characters of the BMP that XML forbids.
    private static func nonCharacter(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32? {
        guard index + 2 < bytes.count, bytes[index + 1] == 0xBF else { return nil }
        switch bytes[index + 2] {
        case 0xBE: return 0xFFFE
        case 0xBF: return 0xFFFF
        default: return nil
        }
    }

    /// Whether the `_` at `index` starts something an ST_Xstring reader would take for an escape: `_x`, four hex
    /// digits, then `_` — or then a character this writer is about to turn into `_xHHHH_`, whose leading `_` would
    /// close the pattern in the output (`_x1234` followed by U+001B is written `_x005F_x1234_x001B_`).
    private static func startsLiteralXstringEscape(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, attribute: Bool)
        -> Bool
    {
        guard index + 6 < bytes.count, bytes[index + 1] == UInt8(ascii: "x") else { return false }
        for offset in 2...5 where !isHexDigit(bytes[index + offset]) { return false }
        let closing = bytes[index + 6]
        if closing == UInt8(ascii: "_") { return true }
        switch closing {
        case 0x09, 0x0A: return false
        case 0x0D: return !attribute
        case 0x00..<0x20: return true
        case 0xEF: return nonCharacter(bytes, at: index + 6) != nil
        default: return false
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
            UInt8(ascii: "A")...UInt8(ascii: "F"):
            true
        default: false
        }
    }

    /// `_xHHHH_` with four upper-case hex digits, as Excel writes it.
    private static func appendXstringEscape(_ scalar: UInt32, to buffer: ByteBuffer) {
        let digits: StaticString = "0123456789ABCDEF"
        buffer.append(UInt8(ascii: "_"))
        buffer.append(UInt8(ascii: "x"))
        for shift in stride(from: 12, through: 0, by: -4) {
            buffer.append(digits.utf8Start[Int((scalar >> UInt32(shift)) & 0xF)])
        }
        buffer.append(UInt8(ascii: "_"))
    }
}
