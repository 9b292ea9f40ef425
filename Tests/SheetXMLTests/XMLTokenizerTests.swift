import SheetCore
import Testing

@testable import SheetXML

/// Reads a whole document into a readable trace, one line per token.
func trace(_ xml: [UInt8], chunkSize: Int = .max, limits: XMLLimits = .default, initialCapacity: Int = 64) throws
    -> [String]
{
    let tokenizer = XMLTokenizer(
        source: BufferByteSource(xml, chunkSize: chunkSize), limits: limits, initialCapacity: initialCapacity)
    var lines: [String] = []
    while true {
        switch try tokenizer.next() {
        case .startElement:
            var line = "<" + (try tokenizer.string(tokenizer.name))
            for attribute in tokenizer.attributes {
                line += " \(try tokenizer.string(attribute.localName))=\(try tokenizer.string(attribute.value))"
            }
            lines.append(line + (tokenizer.isEmptyElement ? "/>" : ">"))
        case .endElement: lines.append("</" + (try tokenizer.string(tokenizer.localName)) + ">")
        case .text: lines.append("text:" + (try tokenizer.string(tokenizer.content)))
        case .cdata: lines.append("cdata:" + (try tokenizer.string(tokenizer.content)))
        case .comment: lines.append("comment:" + (try tokenizer.string(tokenizer.content)))
        case .processingInstruction: lines.append("pi:" + (try tokenizer.string(tokenizer.name)))
        case .endOfDocument: return lines
        }
    }
}

func trace(_ xml: String, chunkSize: Int = .max) throws -> [String] { try trace(Array(xml.utf8), chunkSize: chunkSize) }

func xmlError(_ xml: String, limits: XMLLimits = .default) -> XMLError? {
    do {
        _ = try trace(Array(xml.utf8), limits: limits)
        return nil
    } catch let error as XMLError {
        return error
    } catch {
        return nil
    }
}

let worksheetSample = """
    \u{FEFF}<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r
    <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="rel">
    <!-- made by hand --><x:dimension ref="A1:C2"/>
    <x:sheetData><x:row r="1" spans="1:3"><x:c r="A1" t="s"><x:v>0</x:v></x:c>\
    <x:c r="B1" t="inlineStr"><x:is><x:t xml:space="preserve">Hộ nghèo &amp; cận nghèo &#7871;&#x1EBF; &lt;5&gt;</x:t></x:is></x:c>\
    <x:c r='C1' t="str"><x:f>SUM(A1:B1)&gt;0</x:f><x:v><![CDATA[a<b]]></x:v></x:c></x:row>
    <x:row r="2"><x:c r="A2" s="3"><x:v>49.7</x:v></x:c><x:c r="B2" t="e"><x:v>#DIV/0!</x:v></x:c></x:row>
    </x:sheetData><x:hyperlink r:id="rId1" display="line\ttab\nend"/></x:worksheet>\r\n
    """

@Suite("XML tokenizer")
struct XMLTokenizerTests {
    @Test func readsElementsAttributesTextAndReferences() throws {
        let lines = try trace(worksheetSample)
        #expect(lines.first == "pi:xml")
        #expect(lines.contains("<x:c r=B1 t=inlineStr>"))
        #expect(lines.contains("text:Hộ nghèo & cận nghèo ếế <5>"))
        #expect(lines.contains("<x:c r=C1 t=str>"))
        #expect(lines.contains("text:SUM(A1:B1)>0"))
        #expect(lines.contains("cdata:a<b"))
        #expect(lines.contains("comment: made by hand "))
        #expect(lines.contains("<x:dimension ref=A1:C2/>"))
        #expect(lines.contains("</dimension>"))
        #expect(lines.last == "text:\n")
    }

    @Test func normalisesAttributeWhitespaceAndLineEnds() throws {
        let lines = try trace(worksheetSample)
        #expect(lines.contains("<x:hyperlink id=rId1 display=line tab end/>"))
        #expect(try trace("<a>one\r\ntwo\rthree</a>") == ["<a>", "text:one\ntwo\nthree", "</a>"])
    }

    @Test func keepsLineFeedsAndTabsInTextThatAlsoHasReferences() throws {
        // Regression: a `case 0x0A, 0x09 where …` pattern applied its condition to the tab only, turning every
        // line feed of decoded text into a space.
        #expect(try trace("<t>a\n\tb &amp; c</t>") == ["<t>", "text:a\n\tb & c", "</t>"])
        #expect(try trace("<t v='a\n\tb &amp; c'/>") == ["<t v=a  b & c/>", "</t>"])
    }

    @Test(arguments: [1, 2, 3, 5, 7, 13, 64, 4096])
    func givesTheSameTokensForEveryChunkSize(chunkSize: Int) throws {
        let whole = try trace(worksheetSample)
        #expect(try trace(worksheetSample, chunkSize: chunkSize) == whole)
    }

    @Test func splitsAtEveryByteBoundaryIdentically() throws {
        let bytes = Array(worksheetSample.utf8)
        let whole = try trace(bytes)
        for split in 1..<bytes.count {
            // Two reads: everything before `split`, then the rest.
            struct TwoPieces: ByteSource {
                var pieces: [[UInt8]]
                mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
                    guard !pieces.isEmpty else { return 0 }
                    let piece = pieces[0]
                    let count = min(piece.count, buffer.count)
                    buffer.copyBytes(from: piece[0..<count])
                    if count == piece.count { pieces.removeFirst() } else { pieces[0].removeFirst(count) }
                    return count
                }
            }
            let tokenizer = XMLTokenizer(
                source: TwoPieces(pieces: [Array(bytes[..<split]), Array(bytes[split...])]), initialCapacity: 64)
            var count = 0
            while try tokenizer.next() != .endOfDocument { count += 1 }
            #expect(count == whole.count, "split at \(split)")
        }
    }

    @Test func skipsDoctypeWithoutExpandingEntities() throws {
        let harmless = """
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;"> <!ELEMENT a (#PCDATA)>]>
            <a>ok</a>
            """
        #expect(try trace(harmless) == ["pi:xml", "text:\n", "<a>", "text:ok", "</a>"])
    }

    @Test func refusesAnEntityBombWithAClearError() throws {
        var bomb = #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">"#
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            bomb += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
        }
        bomb += "]><lolz>&lol9;</lolz>"
        let error = try #require(xmlError(bomb))
        #expect(error.code == .undefinedEntity)
        #expect(error.message.contains("lol9"))
    }

    @Test func refusesExternalEntityReferences() {
        let xxe = #"<!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><a>&xxe;</a>"#
        #expect(xmlError(xxe)?.code == .undefinedEntity)
    }

    @Test(arguments: [
        ("<a><b></a>", XMLError.Code.mismatchedTag),
        ("<a><b>", .unexpectedEnd),
        ("<a", .unexpectedEnd),
        ("<a x=1/>", .malformed),
        ("<a x></a>", .malformed),
        ("<a>&bogus;</a>", .undefinedEntity),
        ("<a>&#0;</a>", .malformed),
        ("<a>&#xD800;</a>", .malformed),
        ("<a>& </a>", .malformed),
        ("</a>", .mismatchedTag),
        ("<a/><b/>", .malformed),
        ("text<a/>", .malformed),
        ("<a x='<'/>", .malformed),
        ("<!BOGUS><a/>", .malformed),
        ("<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>", .unsupportedEncoding),
    ])
    func rejectsMalformedDocuments(xml: String, code: XMLError.Code) {
        #expect(xmlError(xml)?.code == code, "\(xml)")
    }

    @Test func reportsTheByteOffsetOfAnError() throws {
        let error = try #require(xmlError("<root><a></b></root>"))
        #expect(error.code == .mismatchedTag)
        #expect(error.offset == 9)
        #expect(error.description.contains("byte 9"))
    }

    @Test func rejectsUTF16ByItsByteOrderMark() {
        #expect(throws: XMLError.self) { try trace([0xFF, 0xFE, 0x3C, 0x00, 0x61, 0x00]) }
    }

    @Test func limitsNestingDepth() {
        let deep = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        #expect(xmlError(deep)?.code == .limitExceeded)
        #expect(xmlError(deep, limits: XMLLimits(maxDepth: 400)) == nil)
    }

    @Test func limitsTokenSize() {
        let long = "<a>" + String(repeating: "x", count: 10_000) + "</a>"
        #expect(xmlError(long, limits: XMLLimits(maxTokenSize: 4096))?.code == .limitExceeded)
        #expect(xmlError(long, limits: XMLLimits(maxTokenSize: 16384)) == nil)
    }

    @Test func limitsAttributeCount() {
        let many = "<a " + (0..<40).map { "x\($0)='1'" }.joined(separator: " ") + "/>"
        #expect(xmlError(many, limits: XMLLimits(maxAttributes: 32))?.code == .limitExceeded)
    }

    @Test func findsAttributesByLocalName() throws {
        let tokenizer = XMLTokenizer(bytes: Array(#"<sheet name="Biểu 01" sheetId="1" r:id="rId7"/>"#.utf8))
        #expect(try tokenizer.next() == .startElement)
        let id = try #require(tokenizer.attribute("id"))
        #expect(try tokenizer.string(id) == "rId7")
        #expect(try tokenizer.string(#require(tokenizer.attribute("name"))) == "Biểu 01")
        #expect(tokenizer.attribute("state") == nil)
        #expect(tokenizer.matches(tokenizer.localName, "sheet"))
        #expect(try tokenizer.next() == .endElement)
        #expect(try tokenizer.next() == .endOfDocument)
        #expect(try tokenizer.next() == .endOfDocument)
    }

    @Test func surfacesSourceFailuresWithTheirCause() throws {
        struct Broken: ByteSource, Error {
            mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { throw Broken() }
        }
        let tokenizer = XMLTokenizer(source: Broken())
        #expect(throws: XMLError.self) { try tokenizer.next() }
        do {
            try tokenizer.next()
        } catch {
            #expect(error.code == .sourceFailed)
            #expect(error.cause is Broken)
        }
    }
}
