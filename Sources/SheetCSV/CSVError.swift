/// The one error SheetCSV's reader throws: what went wrong and where, in the file's own terms.
///
/// Locations are 1-based: `line` counts physical lines (a line break inside a quoted field starts a new line),
/// `column` counts characters (Unicode scalars) from the start of that line, `record` counts records (a record
/// spanning three lines is one record) and `field` is the field's position in its record. `byteOffset` is 0-based,
/// counted in the bytes of the input as stored (before any UTF-16 → UTF-8 transcoding, it is the offset in the
/// transcoded stream; see ``CSVReader``).
///
/// ```swift
/// do { while try reader.nextRecord() { /* … */ } }
/// catch { print(error) }   // "CSV line 7, column 12 (byte 431): invalid UTF-8: byte 0xC3 …"
/// ```
public struct CSVError: Error, CustomStringConvertible, Sendable {
    /// A growable set of error kinds (new ones can be added without breaking callers).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        public var description: String { name }

        /// The bytes are not valid UTF-8 (a stray continuation byte, an overlong or truncated sequence, a surrogate).
        public static let invalidUTF8 = Code(name: "invalidUTF8")
        /// A NUL byte (0x00): not text; often a UTF-16 file without its byte order mark, or a binary file.
        public static let nulByte = Code(name: "nulByte")
        /// A quoted field was still open at the end of the input.
        public static let unterminatedQuote = Code(name: "unterminatedQuote")
        /// A field, a record or the number of fields in a record is over ``CSVLimits``.
        public static let limitExceeded = Code(name: "limitExceeded")
        /// UTF-16 text with an odd number of bytes or an unpaired surrogate.
        public static let invalidUTF16 = Code(name: "invalidUTF16")
        /// The byte source failed (the file could not be opened or read); see ``CSVError/cause``.
        public static let sourceFailed = Code(name: "sourceFailed")
        /// An option is not usable (for example a delimiter that is a quote or a line break).
        public static let invalidOption = Code(name: "invalidOption")
    }

    public var code: Code
    /// What happened and what to do, in a sentence.
    public var message: String
    /// 1-based physical line of the problem (for ``Code/unterminatedQuote``: where the open field started);
    /// `0` when the problem is not in the text (a file that cannot be opened).
    public var line: Int
    /// 1-based character position in `line`; `0` when unknown.
    public var column: Int
    /// 1-based record number; `0` when unknown.
    public var record: Int
    /// 1-based field number in the record; `0` when unknown.
    public var field: Int
    /// 0-based byte offset of the problem in the (UTF-8) stream the reader parses.
    public var byteOffset: Int
    /// The underlying error when the byte source failed.
    public var cause: (any Error)?

    public init(
        _ code: Code, _ message: String, line: Int = 0, column: Int = 0, record: Int = 0, field: Int = 0,
        byteOffset: Int = 0, cause: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.record = record
        self.field = field
        self.byteOffset = byteOffset
        self.cause = cause
    }

    public var description: String {
        var text = "CSV"
        if line > 0 {
            text += " line \(line)"
            if column > 0 { text += ", column \(column)" }
            if field > 0 { text += " (field \(field)" + (record > 0 ? " of record \(record)" : "") + ")" }
            text += ", byte \(byteOffset)"
        }
        text += ": " + message
        if let cause { text += " (\(cause))" }
        return text
    }
}
