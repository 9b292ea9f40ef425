import SheetCore
import Testing

@testable import SheetXML

@Suite struct XMLWriterTests {
    static func written(
        _ forbidden: XMLEscaping.ForbiddenCharacters = .escapeAsXstring, _ body: (XMLWriter) -> Void
    ) -> String {
        let buffer = ByteBuffer()
        body(XMLWriter(buffer: buffer, forbidden: forbidden))
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    @Test func declarationIsWhatExcelWrites() {
        #expect(Self.written { $0.declaration() } == "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n")
    }

    @Test func writesElementsAttributesAndTextInOrder() {
        let xml = Self.written { xml in
            xml.start("workbook", ["xmlns": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"])
            xml.start("sheets")
            xml.empty("sheet", ["name": "Ia Đal", "sheetId": "1", "r:id": "rId1"])
            xml.empty("sheet", ["name": "Sheet>2\n\"x\"", "sheetId": "2", "r:id": "rId2"])
            xml.end("sheets")
            xml.start("definedNames")
            xml.element("definedName", ["name": "_xlnm.Print_Titles", "localSheetId": "0"], text: "'Ia Đal'!$1:$3")
            xml.end("definedNames")
            xml.empty("calcPr")
            xml.end("workbook")
        }
        #expect(
            xml == "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets>"
                + "<sheet name=\"Ia Đal\" sheetId=\"1\" r:id=\"rId1\"/>"
                + "<sheet name=\"Sheet&gt;2&#xA;&quot;x&quot;\" sheetId=\"2\" r:id=\"rId2\"/></sheets>"
                + "<definedNames><definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'Ia Đal'!$1:$3"
                + "</definedName></definedNames><calcPr/></workbook>")
    }

    @Test func textAndEmptyElementText() {
        #expect(Self.written { $0.element("Company", text: "") } == "<Company></Company>")
        #expect(Self.written { $0.element("t", text: "a < b & c") } == "<t>a &lt; b &amp; c</t>")
        #expect(
            Self.written { xml in
                xml.start("si")
                xml.text("x\u{1}_x0041_")
                xml.end("si")
            } == "<si>x_x0001__x005F_x0041_</si>")
    }

    @Test func forbiddenPolicyAppliesToTextAndAttributes() {
        let xml = Self.written(.remove) { $0.element("f", ["ref": "A1\u{2}"], text: "_x0041_\u{1}&") }
        #expect(xml == "<f ref=\"A1\">_x0041_&amp;</f>")
    }

    @Test func writtenXMLReadsBackThroughTheTokenizer() throws {
        let buffer = ByteBuffer()
        let xml = XMLWriter(buffer: buffer)
        xml.declaration()
        xml.start("sst", ["count": "2"])
        for text in ["Hộ nghèo & cận nghèo", " \tleading", "line\r\nbreak"] {
            xml.start("si")
            xml.element("t", text: text)
            xml.end("si")
        }
        xml.end("sst")
        let lines = try trace(Array(buffer.bytes))
        #expect(lines.first == "pi:xml")
        #expect(lines.contains("<sst count=2>"))
        #expect(lines.contains("text:Hộ nghèo & cận nghèo"))
        #expect(lines.contains("text: \tleading"))
        #expect(lines.contains("text:line_x000D_\nbreak"))
        #expect(lines.last == "</sst>")
    }
}
