// xl/styles.xml (ECMA-376 Part 1, §18.8): the parts reading needs.
//
//   <numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>      custom number formats (§18.8.30)
//   <fonts><font><b/><sz val="11"/><name val=".VnTime"/></font></fonts>         fonts (§18.8.22)
//   <cellXfs><xf numFmtId="14" fontId="0" …/></cellXfs>                       cell formats (§18.8.10)
//
// `cellStyleXfs` also holds `xf` elements; only those under `cellXfs` are cell formats.
import SheetCore
import SheetXML

enum StylesPart {
    static func read(_ xml: XMLTokenizer, part: String) throws(XLSXError) -> Styles {
        var styles = Styles()
        var inCellFormats = false
        var inFonts = false
        var font: Font?
        do {
            while true {
                let kind = try xml.next()
                if kind == .endOfDocument { break }
                if kind == .endElement {
                    if xml.matches(xml.localName, "cellXfs") { inCellFormats = false }
                    if xml.matches(xml.localName, "fonts") { inFonts = false }
                    if xml.matches(xml.localName, "font"), let finished = font {
                        styles.fonts.append(finished)
                        font = nil
                    }
                    continue
                }
                guard kind == .startElement else { continue }
                let name = xml.localName
                if xml.matches(name, "numFmt") {
                    guard let id = integer(xml, "numFmtId"), let code = xml.attribute("formatCode") else { continue }
                    styles.customNumberFormats[id] = NumberFormat(id: id, code: try xml.string(code))
                } else if xml.matches(name, "cellXfs") {
                    inCellFormats = true
                } else if xml.matches(name, "xf"), inCellFormats {
                    styles.cellFormats.append(
                        CellFormat(
                            numberFormatID: integer(xml, "numFmtId") ?? 0, fontIndex: integer(xml, "fontId") ?? 0))
                } else if xml.matches(name, "fonts") {
                    inFonts = true
                } else if inFonts, xml.matches(name, "font") {
                    font = Font(name: nil)
                } else if font != nil {
                    if xml.matches(name, "name") {
                        font?.name = try xml.attribute("val").map { (value) throws(XMLError) in try xml.string(value) }
                    } else if xml.matches(name, "sz") {
                        font?.size = xml.attribute("val").flatMap { value in
                            xml.withBytes(value) { XLSXValue.double($0) }
                        }
                    } else if xml.matches(name, "b") {
                        font?.isBold = try xml.attribute("val").map { XLSXValue.isTrue(try xml.string($0)) } ?? true
                    } else if xml.matches(name, "i") {
                        font?.isItalic = try xml.attribute("val").map { XLSXValue.isTrue(try xml.string($0)) } ?? true
                    }
                }
            }
        } catch {
            throw XLSXError.wrap(error, part: part)
        }
        return styles
    }

    private static func integer(_ xml: XMLTokenizer, _ attribute: StaticString) -> Int? {
        xml.attribute(attribute).flatMap { value in xml.withBytes(value) { XLSXValue.integer($0) } }
    }
}
