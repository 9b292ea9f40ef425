// The string items shared by the shared-strings table (`si`, §18.4.8) and inline strings (`is`, §18.3.1.53):
//
//   <si><t>Hộ nghèo</t></si>                                    plain text
//   <si><r><rPr><rFont val=".VnTime"/></rPr><t>Hé</t></r>…</si>   runs, each with its font
//   <si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>      phonetic runs (ignored)
import SheetCore
import SheetXML

/// Reads one string item; the tokenizer must be on its start tag, and is left on its end tag.
struct StringItemReader {
    private var bytes: [UInt8] = []
    private var runs: [TextRun] = []

    init() { bytes.reserveCapacity(256) }

    mutating func read(_ xml: XMLTokenizer) throws(XMLError) -> CellValue {
        bytes.removeAll(keepingCapacity: true)
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
                    try XLSXValue.appendText(of: xml, to: &bytes)
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
        var text: [UInt8] = []
        let depth = xml.depth
        guard !xml.isEmptyElement else {
            try xml.next()
            return
        }
        while true {
            switch try xml.next() {
            case .startElement where xml.matches(xml.localName, "rFont"):
                fontName = try xml.attribute("val").map { (value) throws(XMLError) in try xml.string(value) }
            case .startElement where xml.matches(xml.localName, "t"):
                try XLSXValue.appendText(of: xml, to: &text)
            case .endElement where xml.depth < depth, .endOfDocument:
                XLSXValue.unescapeXstring(&text)
                if !bytes.isEmpty {
                    // Text before the first run belongs to a run of the cell's own font.
                    XLSXValue.unescapeXstring(&bytes)
                    runs.append(TextRun(text: String(decoding: bytes, as: UTF8.self)))
                    bytes.removeAll(keepingCapacity: true)
                }
                runs.append(TextRun(text: String(decoding: text, as: UTF8.self), fontName: fontName))
                return
            default:
                continue
            }
        }
    }

    private mutating func finish() -> CellValue {
        XLSXValue.unescapeXstring(&bytes)
        if runs.isEmpty { return .string(String(decoding: bytes, as: UTF8.self)) }
        if !bytes.isEmpty { runs.append(TextRun(text: String(decoding: bytes, as: UTF8.self))) }
        return .richText(RichText(runs: runs))
    }
}
