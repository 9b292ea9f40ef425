// Turning raw slices into text: the five predefined entities and character references (XML 1.0 §4.1, §4.6),
// line-end normalisation (§2.11) and attribute-value normalisation (§3.3.3). No other entity exists for us:
// DTDs are skipped, so `&name;` for any other name is an error rather than an expansion.
import SheetCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension XMLTokenizer {
    /// The text of a slice with references resolved and line ends normalised.
    ///
    /// - Parameter slice: a slice of the current token (``content``, an attribute value, a name).
    /// - Throws: ``XMLError`` with code `undefinedEntity` or `malformed` for a bad reference.
    /// - Complexity: O(n); one `String` is allocated.
    public func string(_ slice: XMLSlice) throws(XMLError) -> String {
        if !slice.needsDecoding {
            return withBytes(slice) { String(decoding: $0, as: UTF8.self) }
        }
        var decoded: [UInt8] = []
        try decode(slice, into: &decoded)
        return String(decoding: decoded, as: UTF8.self)
    }

    /// Appends the decoded bytes of a slice to `output`.
    ///
    /// - Throws: ``XMLError`` for an undeclared entity or a malformed character reference.
    public func decode(_ slice: XMLSlice, into output: inout [UInt8]) throws(XMLError) {
        guard slice.needsDecoding else {
            withBytes(slice) { output.append(contentsOf: $0) }
            return
        }
        let isAttributeValue = kind == .startElement
        let base = tokenOffset
        try withBytes(slice) { (bytes) throws(XMLError) in
            output.reserveCapacity(output.count + bytes.count)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "&"):
                    index = try XMLTokenizer.appendReference(in: bytes, at: index, to: &output, offset: base)
                    continue
                case 0x0D:
                    // CR LF and a lone CR both become one line feed (§2.11); in attributes, a space (§3.3.3).
                    output.append(isAttributeValue ? 0x20 : 0x0A)
                    if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                case 0x0A where isAttributeValue, 0x09 where isAttributeValue:
                    output.append(0x20)
                default:
                    output.append(byte)
                }
                index += 1
            }
        }
    }

    /// Decodes the reference starting at `bytes[start]` (an `&`); returns the index after its `;`.
    private static func appendReference(
        in bytes: UnsafeBufferPointer<UInt8>, at start: Int, to output: inout [UInt8], offset: Int
    ) throws(XMLError) -> Int {
        var stop = start + 1
        while stop < bytes.count, bytes[stop] != UInt8(ascii: ";"), stop - start <= 12 { stop += 1 }
        guard stop < bytes.count, bytes[stop] == UInt8(ascii: ";") else {
            throw XMLError(.malformed, "'&' that does not start a reference", offset: offset)
        }
        let name = UnsafeBufferPointer(rebasing: bytes[(start + 1)..<stop])
        if let first = name.first, first == UInt8(ascii: "#") {
            guard let scalar = characterReference(UnsafeBufferPointer(rebasing: name.dropFirst())) else {
                throw XMLError(.malformed, "an invalid character reference", offset: offset)
            }
            output.append(contentsOf: Array(String(Character(scalar)).utf8))
            return stop + 1
        }
        switch String(decoding: name, as: UTF8.self) {
        case "lt": output.append(UInt8(ascii: "<"))
        case "gt": output.append(UInt8(ascii: ">"))
        case "amp": output.append(UInt8(ascii: "&"))
        case "quot": output.append(UInt8(ascii: "\""))
        case "apos": output.append(UInt8(ascii: "'"))
        case let other:
            throw XMLError(
                .undefinedEntity, "the entity &\(other); is not defined (DTD entities are never expanded)",
                offset: offset)
        }
        return stop + 1
    }

    /// The scalar of `#123` / `#x1F` (after the `#`), `nil` when not a legal XML character (§2.2).
    private static func characterReference(_ digits: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        var radix: UInt32 = 10
        var body = digits
        if let first = body.first, first == UInt8(ascii: "x") {
            radix = 16
            body = UnsafeBufferPointer(rebasing: body.dropFirst())
        }
        guard !body.isEmpty, body.count <= 8 else { return nil }
        var value: UInt32 = 0
        for byte in body {
            guard let digit = ASCII.hexDigitValue(byte), UInt32(digit) < radix else { return nil }
            value = value * radix + UInt32(digit)
        }
        let legal =
            value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
            || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
        return legal ? Unicode.Scalar(value) : nil
    }
}
