import SheetCore
import SheetXML

// Small readers shared by the parts: booleans, numbers from bytes, element text, and the `_xHHHH_` escapes of
// ST_Xstring (ECMA-376 Part 1, §22.9.2.19) that Excel uses for characters XML cannot carry.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

enum XLSXValue {
    /// `1` or `true` (xsd:boolean, §22.9.2.1).
    static func isTrue(_ text: String) -> Bool { text == "1" || text == "true" }

    /// The text inside the current element (which must be a start tag), nested elements' text included.
    static func text(of xml: XMLTokenizer) throws(XMLError) -> String {
        let buffer = ByteBuffer()
        try appendText(of: xml, to: buffer)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    /// Appends the decoded text inside the current element to a byte buffer; returns after its end tag.
    static func appendText(of xml: XMLTokenizer, to buffer: ByteBuffer) throws(XMLError) {
        guard !xml.isEmptyElement else {
            try xml.next()
            return
        }
        let depth = xml.depth
        while true {
            switch try xml.next() {
            case .text, .cdata:
                if xml.content.needsDecoding {
                    var decoded: [UInt8] = []
                    try xml.decode(xml.content, into: &decoded)
                    buffer.append(contentsOf: decoded)
                } else {
                    xml.withBytes(xml.content) { buffer.append($0) }
                }
            case .endElement where xml.depth < depth: return
            case .endOfDocument: return
            default: continue
            }
        }
    }

    /// Skips the current element and everything inside it.
    static func skipElement(_ xml: XMLTokenizer) throws(XMLError) {
        let depth = xml.depth
        while true {
            let kind = try xml.next()
            if kind == .endOfDocument || (kind == .endElement && xml.depth < depth) { return }
        }
    }

    /// Reads a decimal integer, `nil` for anything else.
    @inline(__always)
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        var index = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        guard index < bytes.count else { return nil }
        while index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value &* 10 &+ Int(digit)
            index += 1
        }
        return negative ? -value : value
    }

    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Reads an xsd:double as Excel writes it (`42`, `-0.5`, `1.2345678901234567E-3`), correctly rounded.
    ///
    /// Up to 15 significant digits with a small exponent take Clinger's fast path (an exact integer divided or
    /// multiplied by an exact power of ten rounds once, correctly); everything else goes to `strtod`.
    /// - Complexity: O(n), no allocation on the fast path.
    static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let count = bytes.count
        guard count > 0, count < 64 else { return count == 0 ? nil : slowDouble(bytes) }
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") {
            negative = true
            index = 1
        } else if bytes[0] == UInt8(ascii: "+") {
            index = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var sawPoint = false
        var sawDigit = false
        while index < count {
            let byte = bytes[index]
            let digit = byte &- UInt8(ascii: "0")
            if digit < 10 {
                sawDigit = true
                if mantissa != 0 || digit != 0 { digits += 1 }
                if digits > 15 { return slowDouble(bytes) }
                mantissa = mantissa * 10 + UInt64(digit)
                if sawPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            index += 1
        }
        guard sawDigit else { return nil }
        var exponent = 0
        if index < count {
            guard bytes[index] | 0x20 == UInt8(ascii: "e") else { return nil }
            return slowDouble(bytes)
        }
        exponent -= fractionDigits
        let value = Double(mantissa)
        let result: Double
        if exponent == 0 {
            result = value
        } else if exponent < 0, -exponent <= 22 {
            result = value / exactPowersOfTen[-exponent]
        } else {
            return slowDouble(bytes)
        }
        return negative ? -result : result
    }

    private static func slowDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard bytes.count < 512 else { return nil }
        var text = [CChar](repeating: 0, count: bytes.count + 1)
        for index in 0..<bytes.count {
            let byte = bytes[index]
            // strtod would accept "inf", "nan", hex floats and leading spaces; xsd:double as Excel writes it has none.
            let allowed =
                (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte | 0x20 == UInt8(ascii: "e")
            guard allowed else { return nil }
            text[index] = CChar(bitPattern: byte)
        }
        return text.withUnsafeBufferPointer { buffer -> Double? in
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &end)
            guard let end, end - UnsafeMutablePointer(mutating: buffer.baseAddress!) == bytes.count else { return nil }
            return value
        }
    }

    /// The string a cell or string item holds: UTF-8 with its `_xHHHH_` escapes resolved.
    static func xstring(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count >= 7, bytes.contains(UInt8(ascii: "_")) else { return String(decoding: bytes, as: UTF8.self) }
        var escaped = Array(bytes)
        unescapeXstring(&escaped)
        return String(decoding: escaped, as: UTF8.self)
    }

    /// Replaces `_xHHHH_` escapes by the character they stand for; `_x005F_` is a literal underscore.
    static func unescapeXstring(_ bytes: inout [UInt8]) {
        guard bytes.count >= 7, let first = firstEscape(in: bytes) else { return }
        var output: [UInt8] = Array(bytes[..<first])
        var index = first
        while index < bytes.count {
            if index + 6 < bytes.count, bytes[index] == UInt8(ascii: "_"), bytes[index + 1] == UInt8(ascii: "x"),
                bytes[index + 6] == UInt8(ascii: "_"), let scalar = hexScalar(bytes[(index + 2)..<(index + 6)])
            {
                output.append(contentsOf: Array(String(Character(scalar)).utf8))
                index += 7
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        bytes = output
    }

    private static func firstEscape(in bytes: [UInt8]) -> Int? {
        var index = 0
        while index + 6 < bytes.count {
            if bytes[index] == UInt8(ascii: "_"), bytes[index + 1] == UInt8(ascii: "x"),
                bytes[index + 6] == UInt8(ascii: "_"), hexScalar(bytes[(index + 2)..<(index + 6)]) != nil
            {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func hexScalar(_ digits: ArraySlice<UInt8>) -> Unicode.Scalar? {
        var value: UInt32 = 0
        for byte in digits {
            guard let digit = ASCII.hexDigitValue(byte) else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return Unicode.Scalar(value)
    }
}
