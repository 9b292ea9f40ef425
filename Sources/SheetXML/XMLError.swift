import SheetCore

/// The one error SheetXML throws: what went wrong and at which byte of the part.
///
/// ```swift
/// do { _ = try tokenizer.next() } catch { print(error) }   // "invalid XML at byte 1234: …"
/// ```
public struct XMLError: Error, CustomStringConvertible, Sendable {
    /// A growable set of error kinds (new ones can be added without breaking callers).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        public var description: String { name }

        /// The bytes are not well-formed XML.
        public static let malformed = Code(name: "malformed")
        /// The document ended inside a token or with elements still open.
        public static let unexpectedEnd = Code(name: "unexpectedEnd")
        /// An end tag does not match the open element.
        public static let mismatchedTag = Code(name: "mismatchedTag")
        /// An entity reference other than the five predefined ones or a character reference.
        public static let undefinedEntity = Code(name: "undefinedEntity")
        /// The document is not UTF-8.
        public static let unsupportedEncoding = Code(name: "unsupportedEncoding")
        /// Nesting depth, token size or attribute count above ``XMLLimits``.
        public static let limitExceeded = Code(name: "limitExceeded")
        /// The byte source failed (for example a damaged ZIP entry); see ``XMLError/cause``.
        public static let sourceFailed = Code(name: "sourceFailed")
    }

    public var code: Code
    /// What happened, in a sentence.
    public var message: String
    /// Byte offset from the start of the document where the problem was found.
    public var offset: Int
    /// The underlying error when the byte source failed.
    public var cause: (any Error)?

    public init(_ code: Code, _ message: String, offset: Int, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
        self.cause = cause
    }

    public var description: String {
        if let cause { return "\(cause)" }
        return "invalid XML at byte \(offset): \(message)"
    }
}

/// Bounds on what a document may ask of the tokenizer (DESIGN §6): nothing untrusted grows without limit.
public struct XMLLimits: Sendable {
    /// Deepest element nesting allowed.
    public var maxDepth: Int
    /// Largest single token (a start tag with its attributes, a text run, a comment) in bytes.
    public var maxTokenSize: Int
    /// Most attributes on one element.
    public var maxAttributes: Int

    public init(maxDepth: Int = 256, maxTokenSize: Int = 32 << 20, maxAttributes: Int = 512) {
        self.maxDepth = maxDepth
        self.maxTokenSize = maxTokenSize
        self.maxAttributes = maxAttributes
    }

    /// 256 levels, 32 MiB tokens, 512 attributes (LIMITS.md), with the overrides of `BIEUMAU_LIMITS` applied.
    public static let `default` = XMLLimits(
        maxDepth: ReadLimits.value("xml.maxDepth", default: 256),
        maxTokenSize: ReadLimits.value("xml.maxTokenSize", default: 32 << 20),
        maxAttributes: ReadLimits.value("xml.maxAttributes", default: 512))
}
