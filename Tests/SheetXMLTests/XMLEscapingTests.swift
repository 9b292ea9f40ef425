import Foundation
import SheetCore
import SheetTestSupport
import Testing

@testable import SheetXML

/// `text` escaped as element content.
func escapedText(_ text: String, _ forbidden: XMLEscaping.ForbiddenCharacters = .escapeAsXstring) -> String {
    let buffer = ByteBuffer()
    XMLEscaping.appendText(text, to: buffer, forbidden: forbidden)
    return String(decoding: buffer.bytes, as: UTF8.self)
}

/// `text` escaped as an attribute value.
func escapedAttribute(_ text: String, _ forbidden: XMLEscaping.ForbiddenCharacters = .escapeAsXstring) -> String {
    let buffer = ByteBuffer()
    XMLEscaping.appendAttributeValue(text, to: buffer, forbidden: forbidden)
    return String(decoding: buffer.bytes, as: UTF8.self)
}

/// The inverse of ST_Xstring escaping, as SheetXLSX's reader does it (XLSXValue.unescapeXstring): `_xHHHH_` →
/// the character, left to right, `_x` lower-case only, hex digits of either case.
func unescapeXstring(_ text: String) -> String {
    let bytes = Array(text.utf8)
    var output: [UInt8] = []
    var index = 0
    while index < bytes.count {
        if index + 6 < bytes.count, bytes[index] == UInt8(ascii: "_"), bytes[index + 1] == UInt8(ascii: "x"),
            bytes[index + 6] == UInt8(ascii: "_"),
            let value = UInt32(String(decoding: bytes[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16),
            let scalar = Unicode.Scalar(value)
        {
            output += Array(String(Character(scalar)).utf8)
            index += 7
        } else {
            output.append(bytes[index])
            index += 1
        }
    }
    return String(decoding: output, as: UTF8.self)
}

/// Characters XML 1.0 cannot hold (§2.2) removed.
func withoutForbidden(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        let value = scalar.value
        if (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || value == 0xFFFE || value == 0xFFFF {
            continue
        }
        scalars.append(scalar)
    }
    return String(scalars)
}

/// A small deterministic generator, so a failing case can be replayed from its seed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct XMLEscapingTests {
    /// (input, ST_Xstring output, plain-XML output) for element content.
    static let textCases: [(String, String, String)] = [
        ("Hộ nghèo", "Hộ nghèo", "Hộ nghèo"),
        ("", "", ""),
        ("a & b < c > d", "a &amp; b &lt; c &gt; d", "a &amp; b &lt; c &gt; d"),
        ("\"quoted\" it's", "\"quoted\" it's", "\"quoted\" it's"),
        // Excel writes LF in content as CR LF (autofit09.xlsx, table18.xlsx, …), read back as LF (§2.11).
        ("tab\tline\nend", "tab\tline\r\nend", "tab\tline\nend"),
        ("cr\r\nlf", "cr_x000D_\r\nlf", "cr&#xD;\nlf"),
        ("\u{0}\u{1}\u{8}\u{B}\u{C}\u{E}\u{1F}", "_x0000__x0001__x0008__x000B__x000C__x000E__x001F_", ""),
        ("Data\u{1B}[32m1", "Data_x001B_[32m1", "Data[32m1"),
        ("\u{FFFE}x\u{FFFF}\u{FFFD}\u{EFFF}", "_xFFFE_x_xFFFF_\u{FFFD}\u{EFFF}", "x\u{FFFD}\u{EFFF}"),
        ("😀 👨‍👩‍👧 \u{7F}\u{85}\u{2028}", "😀 👨‍👩‍👧 \u{7F}\u{85}\u{2028}", "😀 👨‍👩‍👧 \u{7F}\u{85}\u{2028}"),
        ("]]>", "]]&gt;", "]]&gt;"),
        // What Excel wrote for literal ST_Xstring look-alikes (shared_strings02.xlsx of the Excel-made corpus).
        ("_x0000_", "_x005F_x0000_", "_x0000_"),
        ("_x005F_", "_x005F_x005F_", "_x005F_"),
        ("_x000a_", "_x005F_x000a_", "_x000a_"),
        ("_x0000__x0000_", "_x005F_x0000__x005F_x0000_", "_x0000__x0000_"),
        ("__x0000__", "__x005F_x0000__", "__x0000__"),
        ("_x597D_", "_x005F_x597D_", "_x597D_"),
        ("_", "_", "_"),
        ("_x0000", "_x0000", "_x0000"),
        ("_x000G_", "_x000G_", "_x000G_"),
        ("_X0000_", "_X0000_", "_X0000_"),
        ("_x_x_x", "_x_x_x", "_x_x_x"),
        // A look-alike closed by an escape this writer makes: `_x1234` + `_x001B_` would read as U+1234.
        ("_x1234\u{1B}", "_x005F_x1234_x001B_", "_x1234"),
        ("_x1234\r", "_x005F_x1234_x000D_", "_x1234&#xD;"),
        ("_x1234\u{FFFF}", "_x005F_x1234_xFFFF_", "_x1234"),
        ("_x1234\n", "_x1234\r\n", "_x1234\n"),
    ]

    @Test(arguments: textCases)
    func escapesElementContent(input: String, xstring: String, plain: String) {
        #expect(escapedText(input) == xstring)
        #expect(escapedText(input, .remove) == plain)
    }

    /// (input, ST_Xstring output, plain-XML output) for attribute values.
    static let attributeCases: [(String, String, String)] = [
        ("Sheet1", "Sheet1", "Sheet1"),
        ("Sheet>2", "Sheet&gt;2", "Sheet&gt;2"),  // quote_name03.xlsx
        ("Sheet\"4", "Sheet&quot;4", "Sheet&quot;4"),  // quote_name01.xlsx
        ("Column\n4", "Column&#xA;4", "Column&#xA;4"),  // table18.xlsx
        ("a\tb\rc", "a&#x9;b&#xD;c", "a&#x9;b&#xD;c"),
        ("&<'", "&amp;&lt;'", "&amp;&lt;'"),
        ("Ia Đal\u{1}", "Ia Đal_x0001_", "Ia Đal"),
        ("_x0041_", "_x005F_x0041_", "_x0041_"),
        ("_x0041\r", "_x0041&#xD;", "_x0041&#xD;"),
    ]

    @Test(arguments: attributeCases)
    func escapesAttributeValues(input: String, xstring: String, plain: String) {
        #expect(escapedAttribute(input) == xstring)
        #expect(escapedAttribute(input, .remove) == plain)
    }

    @Test func nothingToEscapeAppendsTheSameBytes() {
        let text = "Xã Ia Đal, huyện Ia H'Drai — 300 hộ nghèo (7,93 %) 😀"
        let buffer = ByteBuffer()
        buffer.append(contentsOf: "<t>")
        XMLEscaping.appendText(text, to: buffer)
        XMLEscaping.appendAttributeValue(text, to: buffer)
        #expect(Array(buffer.bytes) == Array(("<t>" + text + text).utf8))
    }

    @Test func bytesAndStringsEscapeAlike() {
        for (input, xstring, plain) in Self.textCases {
            for (policy, expected) in [(XMLEscaping.ForbiddenCharacters.escapeAsXstring, xstring), (.remove, plain)] {
                let buffer = ByteBuffer()
                Array(input.utf8).withUnsafeBufferPointer {
                    XMLEscaping.appendText(utf8: $0, to: buffer, forbidden: policy)
                }
                #expect(String(decoding: buffer.bytes, as: UTF8.self) == expected)
            }
        }
    }

    @Test(arguments: [
        ("", false), ("a", false), (" a", true), ("a ", true), ("\ta", true), ("a\n", true), ("a b", false),
        ("\r", false), ("a\u{A0}", false),
    ])
    func spacePreserveWhenTheTextStartsOrEndsWithWhiteSpace(text: String, preserve: Bool) {
        #expect(XMLEscaping.needsSpacePreserve(text) == preserve)
    }

    // MARK: Round trips through our tokenizer

    static let alphabet: [String] = [
        "a", "Z", "0", " ", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\r\n", "\u{0}", "\u{1}", "\u{1B}", "\u{1F}",
        "\u{7F}", "_", "x", "_x0041_", "_x00", "_x1234", "_X0041_", "_x005F_", "ộ", "ề", "Đ", "ư", "😀",
        "👨‍👩‍👧", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "\u{85}", "\u{2028}", "]]>", "&amp;", "&#x41;",
    ]

    static func randomText(_ generator: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            .joined()
    }

    /// The text of `<t>…</t>` and the value of `v` in `<a v="…"/>`, as our tokenizer reads them.
    static func readBack(text: String, attribute: String) throws -> (text: String, attribute: String) {
        let document = "<r><t>" + text + "</t><a v=\"" + attribute + "\"/></r>"
        let xml = XMLTokenizer(bytes: Array(document.utf8))
        var inText = false
        var readText = ""
        var readAttribute = ""
        while true {
            switch try xml.next() {
            case .startElement:
                if xml.matches(xml.localName, "t") { inText = true }
                if let value = xml.attribute("v") { readAttribute = try xml.string(value) }
            case .text where inText: readText += try xml.string(xml.content)
            case .endElement: inText = false
            case .endOfDocument: return (readText, readAttribute)
            default: continue
            }
        }
    }

    @Test(arguments: [1, 2, 3, 4])
    func randomTextRoundTripsThroughTheTokenizer(seed: UInt64) throws {
        var generator = SeededGenerator(state: seed)
        for _ in 0..<500 {
            let original = Self.randomText(&generator)
            let xstring = try Self.readBack(text: escapedText(original), attribute: escapedAttribute(original))
            #expect(unescapeXstring(xstring.text) == original, "\(original.debugDescription)")
            #expect(unescapeXstring(xstring.attribute) == original, "\(original.debugDescription)")
            let plain = try Self.readBack(
                text: escapedText(original, .remove), attribute: escapedAttribute(original, .remove))
            #expect(plain.text == withoutForbidden(original), "\(original.debugDescription)")
            #expect(plain.attribute == withoutForbidden(original), "\(original.debugDescription)")
        }
    }

    @Test func attributeWithTabLineFeedAndCarriageReturnSurvivesNormalisation() throws {
        let value = "\tcột 1\r\ncột 2\rcột 3\n"
        #expect(try Self.readBack(text: "", attribute: escapedAttribute(value)).attribute == value)
        #expect(try Self.readBack(text: "", attribute: escapedAttribute(value, .remove)).attribute == value)
    }

    // MARK: What Excel wrote

    /// Every `<t>` of every shared-string table, sheet name, table column name and defined name in the Excel-made
    /// corpus: escaping the text Excel meant gives exactly the bytes Excel wrote, and `xml:space="preserve"` is where
    /// Excel put it. Skipped without the corpus or `unzip`.
    @Test func escapingMatchesEveryStringExcelWroteInTheCorpus() throws {
        guard let corpus = TestPaths.sharedCorpora?.appendingPathComponent("excel-made"),
            let files = try? FileManager.default.contentsOfDirectory(atPath: corpus.path),
            FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip")
        else { return }
        var checked = 0
        for file in files.sorted() where file.hasSuffix(".xlsx") {
            let path = corpus.appendingPathComponent(file).path
            for (part, bytes) in try Self.unzipParts(path, ["xl/sharedStrings.xml", "xl/workbook.xml", "xl/tables/*.xml"]) {
                checked += try Self.checkPart(bytes, name: "\(file): \(part)")
            }
        }
        #expect(checked > 1000)
    }

    /// Reads each part as Excel wrote it and checks its strings; returns how many were checked.
    static func checkPart(_ bytes: [UInt8], name: String) throws -> Int {
        let xml = XMLTokenizer(bytes: bytes)
        var checked = 0
        var textElement: (preserve: Bool, plain: Bool)?
        var raw: [UInt8] = []
        var decoded = ""
        while true {
            switch try xml.next() {
            case .startElement:
                for attribute in xml.attributes
                where (xml.matches(xml.localName, "sheet") || xml.matches(xml.localName, "tableColumn"))
                    && xml.matches(attribute.localName, "name")
                {
                    let written = xml.withBytes(attribute.value) { Array($0) }
                    let meant = unescapeXstring(try xml.string(attribute.value))
                    #expect(Array(escapedAttribute(meant).utf8) == written, "\(name): \(meant.debugDescription)")
                    checked += 1
                }
                if xml.matches(xml.localName, "t") || xml.matches(xml.localName, "definedName") {
                    let space = xml.attribute("space").map { xml.matches($0, "preserve") } ?? false
                    textElement = (space, xml.matches(xml.localName, "definedName"))
                    raw = []
                    decoded = ""
                }
            case .text:
                guard textElement != nil else { continue }
                xml.withBytes(xml.content) { raw += $0 }
                decoded += try xml.string(xml.content)
            case .endElement:
                guard let element = textElement else { continue }
                textElement = nil
                if element.plain {
                    // Defined names hold formulas (ST_Formula), plain strings: no ST_Xstring escaping.
                    #expect(Array(escapedText(decoded, .remove).utf8) == raw, "\(name): \(decoded.debugDescription)")
                } else {
                    let meant = unescapeXstring(decoded)
                    #expect(Array(escapedText(meant).utf8) == raw, "\(name): \(meant.debugDescription)")
                    #expect(XMLEscaping.needsSpacePreserve(meant) == element.preserve, "\(name): \(meant.debugDescription)")
                }
                checked += 1
            case .endOfDocument: return checked
            default: continue
            }
        }
    }

    /// The parts of an archive matching `patterns`, read with `unzip -p` (SheetXML's tests do not link SheetZip).
    static func unzipParts(_ path: String, _ patterns: [String]) throws -> [(String, [UInt8])] {
        let list = try run("/usr/bin/unzip", ["-Z1", path])
        let names = String(decoding: list, as: UTF8.self).split(separator: "\n").map(String.init)
        return try names.filter { name in
            patterns.contains { pattern in
                pattern.hasSuffix("*.xml")
                    ? name.hasPrefix(String(pattern.dropLast(5))) && name.hasSuffix(".xml")
                        && !name.dropFirst(pattern.count - 5).contains("/")
                    : name == pattern
            }
        }.map { ($0, try run("/usr/bin/unzip", ["-p", path, $0])) }
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }
}
