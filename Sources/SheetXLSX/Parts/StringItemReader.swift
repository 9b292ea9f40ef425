// The string items shared by the shared-strings table (`si`, §18.4.8) and inline strings (`is`, §18.3.1.53):
//
//   <si><t>Hộ nghèo</t></si>                                    plain text
//   <si><r><rPr><rFont val=".VnTime"/></rPr><t>Hé</t></r>…</si>   runs, each with its font
//   <si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>      phonetic runs (ignored)
import SheetCore
import SheetXML

/// Reads one string item; the tokenizer must be on its start tag, and is left on its end tag.
struct StringItemReader {
    /// Text outside runs.
    private let bytes = ByteBuffer(capacity: 256)
    /// The text of the run being read.
    private let runText = ByteBuffer(capacity: 256)
    private var runs: [TextRun] = []

    mutating func read(_ xml: XMLTokenizer) throws(XMLError) -> CellValue {
        bytes.removeAll()
        runs.removeAll(keepingCapacity: true)
        guard !xml.isEmptyElement else {
            try xml.next()
            return .string("")
        }
        let depth = xml.depth
        while true {
            switch try xml.next() {
            case .startElement:
                if xml.matches(xml.localName, "t") {
                    try XLSXValue.appendText(of: xml, to: bytes)
                } else if xml.matches(xml.localName, "r") {
                    try readRun(xml)
                } else {
                    try XLSXValue.skipElement(xml)  // rPh, phoneticPr, extensions
                }
            case .endElement where xml.depth < depth:
                return finish()
            case .endOfDocument:
                return finish()
            default:
                continue
            }
        }
    }

    private mutating func readRun(_ xml: XMLTokenizer) throws(XMLError) {
        var fontName: String?
        var size: Double?
        var isBold: Bool?
        var isItalic: Bool?
        runText.removeAll()
        let depth = xml.depth
        guard !xml.isEmptyElement else {
            try xml.next()
            return
        }
        while true {
            switch try xml.next() {
            case .startElement where xml.matches(xml.localName, "rFont"):
                fontName = try xml.attribute("val").map { (value) throws(XMLError) in try xml.string(value) }
            case .startElement where xml.matches(xml.localName, "b"):
                isBold = Self.flag(xml)  // CT_BooleanProperty: `val` defaults to true (§18.4.2)
            case .startElement where xml.matches(xml.localName, "i"):
                isItalic = Self.flag(xml)
            case .startElement where xml.matches(xml.localName, "sz"):
                size = xml.attribute("val").flatMap { value in xml.withBytes(value) { XLSXValue.double($0) } }
            case .startElement where xml.matches(xml.localName, "t"):
                try XLSXValue.appendText(of: xml, to: runText)
            case .endElement where xml.depth < depth, .endOfDocument:
                if !bytes.isEmpty {
                    // Text before the first run belongs to a run of the cell's own font.
                    runs.append(TextRun(text: XLSXValue.xstring(bytes.bytes)))
                    bytes.removeAll()
                }
                runs.append(
                    TextRun(
                        text: XLSXValue.xstring(runText.bytes), fontName: fontName, size: size, isBold: isBold,
                        isItalic: isItalic))
                return
            default:
                continue
            }
        }
    }

    /// A boolean run property (`<b/>`, `<i val="0"/>`): true unless `val` says 0 or false.
    private static func flag(_ xml: XMLTokenizer) -> Bool {
        guard let value = xml.attribute("val") else { return true }
        return xml.withBytes(value) { bytes in
            !(bytes.count == 1 && bytes[0] == UInt8(ascii: "0")) && !bytes.elementsEqual("false".utf8)
        }
    }

    private mutating func finish() -> CellValue {
        let text = XLSXValue.xstring(bytes.bytes)
        if runs.isEmpty { return .string(text) }
        if !bytes.isEmpty { runs.append(TextRun(text: text)) }
        return .richText(RichText(runs: runs))
    }
}
