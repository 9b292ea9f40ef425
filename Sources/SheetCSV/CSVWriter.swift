import SheetCore

// RFC 4180 CSV out: fields separated by commas, records by line feeds (LF, as Unix tools expect), a field
// quoted only when it holds the delimiter, a quote, CR or LF, with quotes doubled inside.
//
// Options (CSVWriter.Options): a UTF-8 byte order mark first (Excel on Windows reads a CSV without one in the
// ANSI code page, so Vietnamese shows as mojibake), CRLF record ends (RFC 4180's own), another delimiter, and
// neutralising of formula-like text (OWASP "CSV injection", DESIGN §6): a text field starting with `=`, `+`, `-`,
// `@`, TAB or CR gets a leading `'`, so a spreadsheet shows it as text instead of running it. Only text is
// changed: a `.number(-5)` is written `-5`.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes CSV records to a file descriptor through one reused buffer.
///
/// ```swift
/// let csv = CSVWriter(fileDescriptor: STDOUT_FILENO)
/// try csv.writeRecord([.string("Ia Đal"), .number(300)])
/// try csv.flush()
/// ```
public final class CSVWriter {
    /// The error of a failed write: the descriptor's `errno`.
    public struct WriteError: Error, CustomStringConvertible, Sendable {
        public var errno: Int32
        public var description: String { "cannot write the output: \(String(cString: strerror(errno)))" }
    }

    /// How records are written.
    ///
    /// ```swift
    /// var options = CSVWriter.Options()
    /// options.byteOrderMark = true          // for Excel on Windows
    /// options.neutralizesFormulas = true    // cells from untrusted files
    /// options.lineEnding = .crlf
    /// ```
    public struct Options: Sendable {
        /// How records end.
        public enum LineEnding: Sendable {
            /// `\n`, as Unix tools expect (the default).
            case lf
            /// `\r\n`, as RFC 4180 and Windows programs expect.
            case crlf
        }

        /// Start the output with the UTF-8 byte order mark `EF BB BF`, which Excel on Windows needs to read the
        /// file as UTF-8 (without it, `Hộ nghèo` shows as `Há»™ nghÃ¨o`).
        public var byteOrderMark: Bool
        /// Prefix `'` to text fields that start with `=`, `+`, `-`, `@`, TAB or CR, so that a spreadsheet opening
        /// the file shows them as text and never evaluates them as formulas. Numbers, dates, booleans and errors
        /// are written unchanged (`.number(-5)` stays `-5`); the text `-5` becomes `'-5`.
        public var neutralizesFormulas: Bool
        /// How records end.
        public var lineEnding: LineEnding
        /// The field separator: `,` by default; `;` is what Excel in a Vietnamese locale expects. Must be ASCII and
        /// not a quote, CR or LF.
        public var delimiter: UInt8

        public init(
            byteOrderMark: Bool = false, neutralizesFormulas: Bool = false, lineEnding: LineEnding = .lf,
            delimiter: UInt8 = UInt8(ascii: ",")
        ) {
            precondition(
                delimiter < 0x80 && delimiter != UInt8(ascii: "\"") && delimiter != 0x0A && delimiter != 0x0D,
                "a CSV delimiter must be ASCII and not a quote, CR or LF")
            self.byteOrderMark = byteOrderMark
            self.neutralizesFormulas = neutralizesFormulas
            self.lineEnding = lineEnding
            self.delimiter = delimiter
        }
    }

    private let fileDescriptor: Int32
    private let buffer: ByteBuffer
    private let field = ByteBuffer(capacity: 256)
    private let flushThreshold: Int
    private let options: Options
    private let delimiter: UInt8

    /// - Parameters:
    ///   - fileDescriptor: where records go; not closed by the writer.
    ///   - bufferSize: bytes gathered before each `write(2)`.
    ///   - options: BOM, formula neutralising, line ends, delimiter; the defaults write plain RFC 4180 with LF.
    public init(fileDescriptor: Int32, bufferSize: Int = 256 << 10, options: Options = Options()) {
        self.fileDescriptor = fileDescriptor
        self.flushThreshold = bufferSize
        self.options = options
        delimiter = options.delimiter
        buffer = ByteBuffer(capacity: bufferSize + 4096)
        if options.byteOrderMark { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    }

    /// Writes one record; `values[i]` is field `i`, padded with empty fields up to `width`.
    ///
    /// - Throws: ``WriteError`` when the output cannot be written.
    public func writeRecord(_ values: some Sequence<CellValue>, width: Int = 0) throws {
        var count = 0
        for value in values {
            if count > 0 { buffer.append(delimiter) }
            appendField(value)
            count += 1
        }
        appendEmptyFields(count: width - count, after: count > 0)
        try endRecord()
    }

    /// Writes one row of cells at their columns, padded with empty fields up to `width`.
    public func writeRow(_ cells: [Cell], width: Int) throws {
        var column = 0
        for cell in cells {
            while column < cell.address.column {
                if column > 0 { buffer.append(delimiter) }
                column += 1
            }
            if column > 0 { buffer.append(delimiter) }
            appendField(cell.value)
            column += 1
        }
        appendEmptyFields(count: width - column, after: column > 0)
        try endRecord()
    }

    /// Writes a record of `width` empty fields (a blank row).
    public func writeEmptyRecord(width: Int) throws {
        appendEmptyFields(count: width, after: false)
        try endRecord()
    }

    /// Sends what is buffered.
    public func flush() throws {
        let bytes = buffer.bytes
        var offset = 0
        while offset < bytes.count {
            let written = write(fileDescriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteError(errno: errno)
            }
            offset += written
        }
        buffer.removeAll()
    }

    private func appendEmptyFields(count: Int, after hasFields: Bool) {
        guard count > 0 else { return }
        for index in 0..<count where hasFields || index > 0 { buffer.append(delimiter) }
    }

    private func endRecord() throws {
        if options.lineEnding == .crlf { buffer.append(0x0D) }
        buffer.append(0x0A)
        if buffer.count >= flushThreshold { try flush() }
    }

    private func appendField(_ value: CellValue) {
        switch value {
        case .empty: return
        case .string(var text):
            text.withUTF8 { appendText($0) }
        case .richText:
            field.removeAll()
            value.appendCanonicalText(to: field)
            appendText(field.bytes)
        case .number, .boolean, .error, .dateTime:
            // Typed values are written as they are, never neutralised: `-5` is a number, not a formula.
            field.removeAll()
            value.appendCanonicalText(to: field)
            appendQuotedIfNeeded(field.bytes, prefix: nil)
        }
    }

    /// Text, with a `'` in front when it could be taken for a formula and neutralising is on.
    private func appendText(_ bytes: UnsafeBufferPointer<UInt8>) {
        if options.neutralizesFormulas, let first = bytes.first, CSVWriter.startsFormula(first) {
            appendQuotedIfNeeded(bytes, prefix: UInt8(ascii: "'"))
        } else {
            appendQuotedIfNeeded(bytes, prefix: nil)
        }
    }

    /// The first bytes that make a spreadsheet read a field as a formula (OWASP, "CSV Injection").
    static func startsFormula(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
            || byte == 0x09 || byte == 0x0D
    }

    private func appendQuotedIfNeeded(_ bytes: UnsafeBufferPointer<UInt8>, prefix: UInt8?) {
        var needsQuotes = false
        for byte in bytes where byte == delimiter || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        guard needsQuotes else {
            if let prefix { buffer.append(prefix) }
            buffer.append(bytes)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        if let prefix { buffer.append(prefix) }
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
            buffer.append(byte)
        }
        buffer.append(UInt8(ascii: "\""))
    }
}
