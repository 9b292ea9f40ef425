import SheetCore

// A pull tokenizer for XML 1.0 (W3C REC-xml, 5th edition) over bytes.
//
// The document arrives in chunks from a `ByteSource` into one buffer that the tokenizer owns:
//
//   buffer: [ consumed … | token being read … | bytes read ahead … | free ]
//           0            position                                end       capacity
//
// A token is a kind plus byte ranges (`XMLSlice`) into that buffer; a range is valid until the next call to
// `next()`, which may move the unread bytes to the front before reading more. Strings are made only when a
// caller asks (`string(_:)`). A DOCTYPE is skipped whole: no entity is ever defined, expanded or fetched,
// so entity bombs and external entities cannot happen; a reference to an undeclared entity is an error.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the tokenizer has just read.
public enum XMLTokenKind: Sendable, Equatable {
    /// `<name attr="value">`, or `<name/>` with ``XMLTokenizer/isEmptyElement`` set (its end follows).
    case startElement
    case endElement
    /// Character data between tags (may be whitespace only).
    case text
    /// The inside of `<![CDATA[ … ]]>`.
    case cdata
    case comment
    /// `<?target data?>`, including the XML declaration.
    case processingInstruction
    case endOfDocument
}

/// A range of bytes of the current token, as offsets into the tokenizer's buffer.
public struct XMLSlice: Hashable, Sendable {
    public var start: Int
    public var count: Int
    /// Whether the bytes hold references (`&amp;`) or line ends that `string(_:)` must translate.
    public var needsDecoding: Bool

    public init(start: Int, count: Int, needsDecoding: Bool = false) {
        self.start = start
        self.count = count
        self.needsDecoding = needsDecoding
    }

    public static let empty = XMLSlice(start: 0, count: 0)
}

/// One attribute of the current start tag.
public struct XMLAttribute: Sendable {
    /// The qualified name as written, `r:id`.
    public var name: XMLSlice
    /// The name without its namespace prefix, `id`.
    public var localName: XMLSlice
    /// The raw value between the quotes.
    public var value: XMLSlice
}

/// Reads XML one token at a time from bytes, in constant memory bounded by the largest token.
///
/// Element and attribute names are matched by local name: prefixes (`x:c` from non-Excel producers) are kept but
/// not resolved to namespace URIs.
///
/// ```swift
/// let xml = XMLTokenizer(bytes: Array(#"<row r="1"><c r="A1"><v>42</v></c></row>"#.utf8))
/// while try xml.next() != .endOfDocument {
///     if xml.kind == .text { print(try xml.string(xml.content)) }   // 42
/// }
/// ```
public final class XMLTokenizer {
    public let limits: XMLLimits

    @exclusivity(unchecked) var source: any ByteSource
    @usableFromInline @exclusivity(unchecked) var storage: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) var capacity: Int
    @exclusivity(unchecked) var position = 0
    @exclusivity(unchecked) var end = 0
    /// Absolute offset in the document of `storage[0]`.
    @exclusivity(unchecked) var discarded = 0
    @exclusivity(unchecked) var sourceIsExhausted = false
    /// Checks every byte read, so that no text, name or attribute value with invalid UTF-8 is decoded silently.
    @exclusivity(unchecked) var utf8 = UTF8Validator()
    @exclusivity(unchecked) var startedDocument = false
    @exclusivity(unchecked) var emptyElementEndPending = false
    @exclusivity(unchecked) var hadRoot = false
    /// Names of the open elements, back to back, to check that end tags match.
    let openNames = ByteBuffer(capacity: 1024)
    /// Where each open element's name ends in `openNames`; `limits.maxDepth` entries at most.
    let openNameEnds: UnsafeMutablePointer<Int>
    @usableFromInline let attributeStorage: UnsafeMutablePointer<XMLAttribute>

    /// The current token, in one stored value so that readers in other modules get it through inlinable getters
    /// without dynamic exclusivity checks (`Benchmarks/run.py`: about 3 % of `bieumau cat`).
    @usableFromInline
    struct Current {
        @usableFromInline var kind: XMLTokenKind = .endOfDocument
        @usableFromInline var name = XMLSlice.empty
        @usableFromInline var localName = XMLSlice.empty
        @usableFromInline var isEmptyElement = false
        @usableFromInline var content = XMLSlice.empty
        @usableFromInline var tokenOffset = 0
        @usableFromInline var openCount = 0
        @usableFromInline var attributeCount = 0
    }

    @usableFromInline @exclusivity(unchecked) var current = Current()

    /// The kind of the current token.
    @inlinable public internal(set) var kind: XMLTokenKind {
        get { current.kind }
        set { current.kind = newValue }
    }
    /// The current element's qualified name (start and end tags).
    @inlinable public internal(set) var name: XMLSlice {
        get { current.name }
        set { current.name = newValue }
    }
    /// The current element's name without prefix.
    @inlinable public internal(set) var localName: XMLSlice {
        get { current.localName }
        set { current.localName = newValue }
    }
    /// Whether the current start tag closed itself (`<c r="A1"/>`).
    @inlinable public internal(set) var isEmptyElement: Bool {
        get { current.isEmptyElement }
        set { current.isEmptyElement = newValue }
    }
    /// Attributes of the current start tag, in document order; valid until the next call to ``next()``.
    @inlinable public var attributes: UnsafeBufferPointer<XMLAttribute> {
        UnsafeBufferPointer(start: attributeStorage, count: current.attributeCount)
    }
    /// The body of a text, CDATA, comment or processing-instruction token.
    @inlinable public internal(set) var content: XMLSlice {
        get { current.content }
        set { current.content = newValue }
    }
    /// Byte offset in the document where the current token starts.
    @inlinable public internal(set) var tokenOffset: Int {
        get { current.tokenOffset }
        set { current.tokenOffset = newValue }
    }

    /// Depth of the current position: 1 inside the root element.
    @inlinable public var depth: Int { current.openCount }

    var openCount: Int {
        get { current.openCount }
        set { current.openCount = newValue }
    }
    var attributeCount: Int {
        get { current.attributeCount }
        set { current.attributeCount = newValue }
    }

    /// A tokenizer pulling from a byte source.
    ///
    /// - Parameters:
    ///   - source: where the bytes come from; its errors surface as ``XMLError/Code/sourceFailed``.
    ///   - limits: bounds on depth, token size and attribute count.
    ///   - initialCapacity: the starting buffer size; it grows up to `limits.maxTokenSize` for a long token.
    public init(source: some ByteSource, limits: XMLLimits = .default, initialCapacity: Int = 128 << 10) {
        self.source = source
        self.limits = limits
        self.capacity = max(64, initialCapacity)
        self.storage = .allocate(capacity: capacity)
        self.openNameEnds = .allocate(capacity: max(1, limits.maxDepth))
        self.attributeStorage = .allocate(capacity: max(1, limits.maxAttributes))
    }

    /// A tokenizer over bytes in memory.
    public convenience init(bytes: [UInt8], limits: XMLLimits = .default) {
        self.init(source: BufferByteSource(bytes), limits: limits, initialCapacity: max(64, bytes.count + 1))
    }

    deinit {
        storage.deallocate()
        openNameEnds.deallocate()
        attributeStorage.deallocate()
    }

    /// Byte offset in the document of the next unread byte.
    public var offset: Int { discarded + position }

    // MARK: Reading tokens

    /// Reads the next token.
    ///
    /// - Returns: its kind, also in ``kind``; `.endOfDocument` at the end, and again on every later call.
    /// - Throws: ``XMLError`` for malformed XML, an undeclared entity in markup, a limit exceeded, a source failure.
    /// - Complexity: amortised O(token length).
    @discardableResult
    public func next() throws(XMLError) -> XMLTokenKind {
        if emptyElementEndPending {
            emptyElementEndPending = false
            popOpenName()
            isEmptyElement = false
            kind = .endElement
            return kind
        }
        while true {
            if position == end {
                discarded += position
                position = 0
                end = 0
                if try !readMore() {
                    if openCount > 0 {
                        throw XMLError(
                            .unexpectedEnd, "the document ends inside <\(openElementName())>", offset: offset)
                    }
                    kind = .endOfDocument
                    return kind
                }
            }
            if !startedDocument {
                startedDocument = true
                try skipByteOrderMark()
                if position == end { continue }
            }
            tokenOffset = offset
            if let token = try scanToken() {
                kind = token
                return token
            }
            // A DOCTYPE was skipped, or the token was incomplete and more bytes were read: look again.
        }
    }

    /// Scans one token at `position`; `nil` when nothing was produced yet (skipped markup or more bytes read).
    private func scanToken() throws(XMLError) -> XMLTokenKind? {
        let start = position
        let complete: Bool
        let result: XMLTokenKind?
        if storage[start] != UInt8(ascii: "<") {
            (complete, result) = try scanText(from: start)
        } else if start + 1 >= end {
            (complete, result) = (false, nil)
        } else {
            switch storage[start + 1] {
            case UInt8(ascii: "/"): (complete, result) = try scanEndTag(from: start)
            case UInt8(ascii: "?"): (complete, result) = try scanProcessingInstruction(from: start)
            case UInt8(ascii: "!"): (complete, result) = try scanBang(from: start)
            default: (complete, result) = try scanStartTag(from: start)
            }
        }
        if complete { return result }
        let gotMore = try compactAndReadMore(keepingFrom: start)
        if !gotMore && storage[position] == UInt8(ascii: "<") {
            throw XMLError(.unexpectedEnd, "the document ends inside a tag", offset: discarded + position)
        }
        return nil  // read again: the token is longer now, or text runs to the end of the document
    }

    private func scanText(from start: Int) throws(XMLError) -> (Bool, XMLTokenKind?) {
        // One pass to the next '<', noting what `string(_:)` will have to translate. Cell values are short, so a
        // loop beats memchr calls here.
        var index = start
        var needsDecoding = false
        while index < end {
            let byte = storage[index]
            if byte == UInt8(ascii: "<") { break }
            if byte == UInt8(ascii: "&") || byte == 0x0D { needsDecoding = true }
            index += 1
        }
        guard index < end || sourceIsExhausted else { return (false, nil) }
        if openCount == 0 && !isWhitespace(from: start, to: index) {
            throw XMLError(.malformed, "text outside the root element", offset: discarded + start)
        }
        content = XMLSlice(start: start, count: index - start, needsDecoding: needsDecoding)
        position = index
        return (true, .text)
    }

    private func scanEndTag(from start: Int) throws(XMLError) -> (Bool, XMLTokenKind?) {
        guard let close = find(UInt8(ascii: ">"), from: start + 2) else { return (false, nil) }
        var nameEnd = start + 2
        while nameEnd < close, !isSpace(storage[nameEnd]) { nameEnd += 1 }
        guard isWhitespace(from: nameEnd, to: close), nameEnd > start + 2 else {
            throw XMLError(.malformed, "a malformed end tag", offset: discarded + start)
        }
        setName(start: start + 2, end: nameEnd)
        guard openCount > 0 else {
            throw XMLError(
                .mismatchedTag, "an end tag </\(text(name))> with no open element", offset: discarded + start)
        }
        let openFrom = openCount > 1 ? openNameEnds[openCount - 2] : 0
        let openLength = openNameEnds[openCount - 1] - openFrom
        guard openLength == name.count,
            equalBytes(openNames.bytes.baseAddress! + openFrom, storage + name.start, openLength)
        else {
            throw XMLError(
                .mismatchedTag, "</\(text(name))> closes <\(openElementName())>", offset: discarded + start)
        }
        popOpenName()
        isEmptyElement = false
        position = close + 1
        return (true, .endElement)
    }

    private func scanStartTag(from start: Int) throws(XMLError) -> (Bool, XMLTokenKind?) {
        var index = start + 1
        while index < end, !isSpace(storage[index]), storage[index] != UInt8(ascii: ">"),
            storage[index] != UInt8(ascii: "/")
        {
            index += 1
        }
        guard index < end else { return (false, nil) }
        guard index > start + 1 else { throw XMLError(.malformed, "a tag without a name", offset: discarded + start) }
        let nameEnd = index
        attributeCount = 0
        while true {
            while index < end, isSpace(storage[index]) { index += 1 }
            guard index < end else { return (false, nil) }
            let byte = storage[index]
            if byte == UInt8(ascii: ">") {
                isEmptyElement = false
                break
            }
            if byte == UInt8(ascii: "/") {
                guard index + 1 < end else { return (false, nil) }
                guard storage[index + 1] == UInt8(ascii: ">") else {
                    throw XMLError(.malformed, "'/' not followed by '>' in a tag", offset: discarded + index)
                }
                isEmptyElement = true
                index += 1
                break
            }
            guard let next = try scanAttribute(from: index) else { return (false, nil) }
            index = next
        }
        setName(start: start + 1, end: nameEnd)
        try pushOpenName()
        emptyElementEndPending = isEmptyElement
        position = index + 1
        return (true, .startElement)
    }

    /// Reads `name = "value"` at `start`; returns the index after the closing quote, `nil` if incomplete.
    private func scanAttribute(from start: Int) throws(XMLError) -> Int? {
        var index = start
        var colon = -1
        while index < end {
            let byte = storage[index]
            if byte == UInt8(ascii: "=") || isSpace(byte) { break }
            if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "<")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
            {
                throw XMLError(.malformed, "an attribute without a value", offset: discarded + start)
            }
            if byte == UInt8(ascii: ":") { colon = index }
            index += 1
        }
        let nameEnd = index
        while index < end, isSpace(storage[index]) { index += 1 }
        guard index < end else { return nil }
        guard storage[index] == UInt8(ascii: "=") else {
            throw XMLError(.malformed, "an attribute without '='", offset: discarded + index)
        }
        index += 1
        while index < end, isSpace(storage[index]) { index += 1 }
        guard index < end else { return nil }
        let quote = storage[index]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
            throw XMLError(.malformed, "an attribute value without quotes", offset: discarded + index)
        }
        let valueStart = index + 1
        var close = valueStart
        var needsDecoding = false
        while close < end {
            let byte = storage[close]
            if byte == quote { break }
            if byte == UInt8(ascii: "&") || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                needsDecoding = true
            } else if byte == UInt8(ascii: "<") {
                throw XMLError(.malformed, "'<' inside an attribute value", offset: discarded + close)
            }
            close += 1
        }
        guard close < end else { return nil }
        guard attributeCount < limits.maxAttributes else {
            throw XMLError(
                .limitExceeded,
                "more than \(limits.maxAttributes) attributes on one element (XMLLimits.maxAttributes; "
                    + "\(ReadLimits.hint("xml.maxAttributes")))", offset: discarded + start)
        }
        let localStart = colon >= 0 ? colon + 1 : start
        (attributeStorage + attributeCount).initialize(
            to: XMLAttribute(
                name: XMLSlice(start: start, count: nameEnd - start),
                localName: XMLSlice(start: localStart, count: nameEnd - localStart),
                value: XMLSlice(
                    start: valueStart, count: close - valueStart,
                    needsDecoding: needsDecoding)))
        attributeCount += 1
        return close + 1
    }

    private func scanProcessingInstruction(from start: Int) throws(XMLError) -> (Bool, XMLTokenKind?) {
        guard let close = find(sequence: "?>", from: start + 2) else { return (false, nil) }
        var targetEnd = start + 2
        while targetEnd < close, !isSpace(storage[targetEnd]) { targetEnd += 1 }
        setName(start: start + 2, end: targetEnd)
        content = XMLSlice(start: targetEnd, count: close - targetEnd)
        if text(name) == "xml" { try checkDeclaredEncoding() }
        position = close + 2
        return (true, .processingInstruction)
    }

    /// `<!--`, `<![CDATA[` or `<!DOCTYPE`.
    private func scanBang(from start: Int) throws(XMLError) -> (Bool, XMLTokenKind?) {
        if hasPrefix("<!--", at: start) {
            guard let close = find(sequence: "-->", from: start + 4) else { return (false, nil) }
            content = XMLSlice(start: start + 4, count: close - start - 4)
            position = close + 3
            return (true, .comment)
        }
        if hasPrefix("<![CDATA[", at: start) {
            guard let close = find(sequence: "]]>", from: start + 9) else { return (false, nil) }
            content = XMLSlice(start: start + 9, count: close - start - 9)
            position = close + 3
            return (true, .cdata)
        }
        if hasPrefix("<!DOCTYPE", at: start) {
            guard let close = doctypeEnd(from: start + 9) else { return (false, nil) }
            position = close + 1
            return (true, nil)
        }
        if end - start < 9 && !sourceIsExhausted { return (false, nil) }
        throw XMLError(.malformed, "unknown markup after '<!'", offset: discarded + start)
    }

    /// The `>` that ends a DOCTYPE, stepping over its internal subset and quoted literals; `nil` if not yet read.
    private func doctypeEnd(from start: Int) -> Int? {
        var index = start
        var bracketDepth = 0
        var quote: UInt8 = 0
        while index < end {
            let byte = storage[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "[") {
                bracketDepth += 1
            } else if byte == UInt8(ascii: "]") {
                bracketDepth = max(0, bracketDepth - 1)
            } else if byte == UInt8(ascii: ">") && bracketDepth == 0 {
                return index
            }
            index += 1
        }
        return nil
    }
}

extension XMLTokenizer {
    /// Calls `body` with the raw bytes of a slice of the current token.
    ///
    /// - Complexity: O(1); the pointer is valid only inside `body`.
    @inlinable
    public func withBytes<Result, Failure: Error>(
        _ slice: XMLSlice, _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeBufferPointer(start: storage + slice.start, count: slice.count))
    }

    /// Whether a slice holds exactly the bytes of `literal` (names are compared this way, without allocating).
    @inlinable
    public func matches(_ slice: XMLSlice, _ literal: StaticString) -> Bool {
        guard slice.count == literal.utf8CodeUnitCount else { return false }
        let bytes = storage + slice.start
        let expected = literal.utf8Start
        var index = 0
        while index < slice.count {
            if bytes[index] != expected[index] { return false }
            index += 1
        }
        return true
    }

    /// The value of the attribute with a local name, `nil` when the tag has none.
    public func attribute(_ localName: StaticString) -> XMLSlice? {
        for attribute in attributes where matches(attribute.localName, localName) { return attribute.value }
        return nil
    }
}
