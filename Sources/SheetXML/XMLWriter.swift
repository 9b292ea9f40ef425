import SheetCore

// Writing small XML parts (workbook.xml, styles.xml, [Content_Types].xml) element by element into a ByteBuffer, in
// the shape Excel gives them: the declaration with `standalone="yes"` and CR LF, then the whole document on one line,
// no indentation, empty elements as `<name/>`, attribute values in double quotes (XML 1.0 §2.8, §3.1).
//
// Names are written as given: they come from our code, never from user data. Text and attribute values go through
// XMLEscaping. Worksheet rows, the hot part, are better written straight into the buffer with XMLEscaping.

/// A writer of XML elements into a ``ByteBuffer``, for the parts written once per workbook.
///
/// In debug builds, `end(_:)` checks that it closes the element opened last.
///
/// ```swift
/// let buffer = ByteBuffer()
/// let xml = XMLWriter(buffer: buffer)
/// xml.declaration()
/// xml.start("sheets")
/// xml.empty("sheet", ["name": "Ia Đal", "sheetId": "1", "r:id": "rId1"])
/// xml.end("sheets")
/// // <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n
/// // <sheets><sheet name="Ia Đal" sheetId="1" r:id="rId1"/></sheets>
/// ```
public final class XMLWriter {
    /// Where the XML goes.
    public let buffer: ByteBuffer
    /// How text and attribute values write characters XML cannot hold (see ``XMLEscaping/ForbiddenCharacters``).
    public let forbidden: XMLEscaping.ForbiddenCharacters

    #if DEBUG
        private var open: [String] = []
    #endif

    /// Creates a writer appending to `buffer`.
    ///
    /// - Parameters:
    ///   - buffer: the buffer to append to; it may already hold bytes.
    ///   - forbidden: the escaping of forbidden characters for every text and attribute value; ST_Xstring by
    ///     default, `.remove` for parts whose values are plain strings.
    public init(buffer: ByteBuffer, forbidden: XMLEscaping.ForbiddenCharacters = .escapeAsXstring) {
        self.buffer = buffer
        self.forbidden = forbidden
    }

    /// Appends the XML declaration Excel writes (§2.8), followed by CR LF:
    /// `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`.
    public func declaration() {
        buffer.append(contentsOf: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n")
    }

    /// Appends a start tag, `<name a="1" b="2">`, attributes in the order given.
    ///
    /// - Parameters:
    ///   - name: the element's qualified name, written as is.
    ///   - attributes: names (written as is) and values (escaped).
    public func start(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        openTag(name, attributes)
        buffer.append(UInt8(ascii: ">"))
        #if DEBUG
            open.append(name)
        #endif
    }

    /// Appends an empty element, `<name a="1"/>`.
    ///
    /// - Parameters:
    ///   - name: the element's qualified name.
    ///   - attributes: names and values, in order.
    public func empty(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        openTag(name, attributes)
        buffer.append(UInt8(ascii: "/"))
        buffer.append(UInt8(ascii: ">"))
    }

    /// Appends escaped character data.
    ///
    /// - Parameter text: the text; `&`, `<`, `>` and forbidden characters are escaped.
    public func text(_ text: String) {
        XMLEscaping.appendText(text, to: buffer, forbidden: forbidden)
    }

    /// Appends an end tag, `</name>`.
    ///
    /// - Parameter name: the name of the element opened last by ``start(_:_:)`` (checked in debug builds).
    public func end(_ name: String) {
        #if DEBUG
            let expected = open.popLast()
            assert(expected == name, "XMLWriter.end(\"\(name)\") closes <\(expected ?? "nothing")>")
        #endif
        buffer.append(UInt8(ascii: "<"))
        buffer.append(UInt8(ascii: "/"))
        buffer.append(contentsOf: name)
        buffer.append(UInt8(ascii: ">"))
    }

    /// Appends an element holding only text, `<name a="1">text</name>` (also for an empty text, as Excel writes
    /// `<Company></Company>`).
    ///
    /// - Parameters:
    ///   - name: the element's qualified name.
    ///   - attributes: names and values, in order.
    ///   - text: the content, escaped.
    public func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String) {
        start(name, attributes)
        self.text(text)
        end(name)
    }

    /// `<name` and the attributes, without the closing `>`.
    private func openTag(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        buffer.append(UInt8(ascii: "<"))
        buffer.append(contentsOf: name)
        for (key, value) in attributes {
            buffer.append(UInt8(ascii: " "))
            buffer.append(contentsOf: key)
            buffer.append(UInt8(ascii: "="))
            buffer.append(UInt8(ascii: "\""))
            XMLEscaping.appendAttributeValue(value, to: buffer, forbidden: forbidden)
            buffer.append(UInt8(ascii: "\""))
        }
    }
}
