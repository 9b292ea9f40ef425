// Stand-in for SheetXML's `XMLEscaping` (being written in SheetXML now): the same three calls, so the writer moves to
// the shared one by deleting this file. Text and attribute values are escaped (`&`, `<`, `>`, and in attributes `"`,
// tab, line feed), characters XML 1.0 forbids become Excel's `_xHHHH_`, and a literal `_xHHHH_` keeps its underscore
// as `_x005F_` (ECMA-376 Part 1, §22.9.2.19 ST_Xstring).
import SheetCore

enum XMLEscaping {
    static func appendText(_ text: String, to buffer: ByteBuffer) { append(text, to: buffer, attribute: false) }
    static func appendAttributeValue(_ text: String, to buffer: ByteBuffer) {
        append(text, to: buffer, attribute: true)
    }
    static func needsSpacePreserve(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return false }
        func ws(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A }
        return ws(first) || ws(last)
    }
    private static func append(_ text: String, to buffer: ByteBuffer, attribute: Bool) {
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            let v = scalar.value
            if v == 0x5F, i + 6 < scalars.count, scalars[i + 1] == "x", scalars[i + 6] == "_",
                scalars[(i + 2)...(i + 5)].allSatisfy({ $0.properties.isASCIIHexDigit })
            {
                buffer.append(contentsOf: "_x005F_")
                continue
            }
            switch v {
            case 0x26: buffer.append(contentsOf: "&amp;")
            case 0x3C: buffer.append(contentsOf: "&lt;")
            case 0x3E: buffer.append(contentsOf: "&gt;")
            case 0x22 where attribute: buffer.append(contentsOf: "&quot;")
            case 0x09 where attribute: buffer.append(contentsOf: "&#9;")
            case 0x0A where attribute: buffer.append(contentsOf: "&#10;")
            case 0x09, 0x0A: buffer.append(UInt8(v))
            case 0..<0x20, 0xFFFE, 0xFFFF:
                buffer.append(contentsOf: "_x")
                for shift in stride(from: 12, through: 0, by: -4) {
                    buffer.append(hex[Int((v >> UInt32(shift)) & 0xF)])
                }
                buffer.append(UInt8(ascii: "_"))
            default:
                for b in String(scalar).utf8 { buffer.append(b) }
            }
        }
    }
}
