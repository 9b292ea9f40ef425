// Small appenders the writer's parts share: markup literals copied as they are, numbers written without a String,
// attribute values and text escaped by SheetXML's `XMLEscaping`.
import SheetCore
import SheetXML

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ByteBuffer {
    /// Appends a literal's bytes: markup the writer spells out, which never needs escaping.
    @inline(__always)
    func append(_ literal: StaticString) {
        literal.withUTF8Buffer { append($0) }
    }

    /// Appends a non-negative integer's decimal digits.
    func appendDecimal(_ value: Int) {
        if value >= 0, value < 10 {
            append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        NumberText.append(Double(value), to: self)
    }

    /// Appends ` name="value"` with the value escaped.
    func attribute(_ name: StaticString, _ value: String) {
        append(UInt8(ascii: " "))
        append(name)
        append("=\"")
        XMLEscaping.appendAttributeValue(value, to: self)
        append(UInt8(ascii: "\""))
    }

    /// Appends ` name="123"`.
    func attribute(_ name: StaticString, _ value: Int) {
        append(UInt8(ascii: " "))
        append(name)
        append("=\"")
        appendDecimal(value)
        append(UInt8(ascii: "\""))
    }

    /// Appends ` name="0.75"` in shortest round-trip form.
    func attribute(_ name: StaticString, _ value: Double) {
        append(UInt8(ascii: " "))
        append(name)
        append("=\"")
        NumberText.append(value, to: self)
        append(UInt8(ascii: "\""))
    }

    /// Appends `<name>text</name>` with the text escaped: as ST_Xstring (Excel's `_xHHHH_`) by default, as plain XML
    /// with `.remove` for parts outside SpreadsheetML (document properties).
    func element(
        _ open: StaticString, _ text: String, _ close: StaticString,
        forbidden: XMLEscaping.ForbiddenCharacters = .escapeAsXstring
    ) {
        append(open)
        XMLEscaping.appendText(text, to: self, forbidden: forbidden)
        append(close)
    }

    /// Appends the XML declaration Excel writes at the head of every part.
    func appendDeclaration() {
        append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
    }

    /// Appends a colour's attributes (`rgb="FF…"`, `theme="4" tint="…"`, `auto="1"`), ECMA-376 Part 1, §18.8.19.
    func colorAttributes(_ color: CellStyle.Color) {
        switch color {
        case .rgb(let rgb):
            append(" rgb=\"FF")
            appendHex(rgb & 0xFF_FFFF, digits: 6)
            append(UInt8(ascii: "\""))
        case .theme(let theme, let tint):
            attribute("theme", theme)
            if tint != 0 {
                append(" tint=\"")
                appendExcelDouble(tint)
                append(UInt8(ascii: "\""))
            }
        case .automatic:
            append(" auto=\"1\"")
        }
    }

    /// Appends a double as Excel writes style attributes: 15 significant digits, or 17 when 15 do not give the
    /// same double back (`-0.249977111117893`, `0.79998168889431442`).
    func appendExcelDouble(_ value: Double) {
        for digits in [15, 17] {
            var text = [CChar](repeating: 0, count: 40)
            let count = Int(withVaList([Int32(digits), value]) { vsnprintf(&text, 40, "%.*g", $0) })
            let string = String(decoding: text[0..<max(0, min(count, 39))].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if digits == 17 || Double(string) == value {
                append(contentsOf: string)
                return
            }
        }
    }

    /// Appends `value` as upper-case hexadecimal, zero-padded to `digits`.
    func appendHex(_ value: UInt32, digits: Int) {
        for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
            let nibble = UInt8((value >> UInt32(shift)) & 0xF)
            append(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10)
        }
    }
}
