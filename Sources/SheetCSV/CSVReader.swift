// RFC 4180 CSV over bytes, one record at a time, in constant memory.
//
//   file     = [BOM] record *(line-break record) [line-break]
//   record   = field *(delimiter field)
//   field    = quoted / plain
//   quoted   = DQUOTE *(any byte but DQUOTE / DQUOTE DQUOTE) DQUOTE      ; may hold delimiters, CR and LF
//   plain    = *(any byte but delimiter, CR, LF)                          ; a DQUOTE inside is an ordinary byte
//   line-break = CRLF / LF / CR
//
// Beyond RFC 4180: the delimiter may be `;`, TAB or `|` (sniffed), a lone CR or LF ends a record, a last record
// without a line break counts, and bytes after a closing quote are kept as Excel keeps them (`"ab"c` reads `abc`).
//
// How it works: one buffer holds the current record (and what follows it, up to the buffer's size). `parseRecord`
// scans it and notes each field as a byte range, without copying; a quoted field is unescaped in place when first
// asked for. When a record runs past the bytes read so far, the record is moved to the front of the buffer (which
// doubles if the record fills it, up to ``CSVLimits/maxRecordSize``), more bytes are read, and the record is
// scanned again from its start. Bytes are checked as UTF-8 as they arrive (`CSVReader+UTF8.swift`); the scanner
// never looks past the last valid byte, so a problem is reported when the record holding it is read, with its
// line, column and field.
import SheetCore

/// Reads CSV records from bytes: RFC 4180 quoting, `,` `;` TAB or `|` delimiters, UTF-8 with or without BOM,
/// UTF-16 with BOM, in memory bounded by the longest record.
///
/// ```swift
/// let reader = try CSVReader(path: "ia-hdrai.csv")
/// while try reader.nextRecord() {
///     let commune = reader.string(at: 0)
///     let households = reader.withField(1) { bytes in bytes.count }
///     print(commune, households)
/// }
/// ```
public final class CSVReader {
    /// The text encoding found at the start of the input.
    public enum Encoding: Sendable, Hashable {
        /// UTF-8 without a byte order mark (also plain ASCII).
        case utf8
        /// UTF-8 after the byte order mark `EF BB BF` (what Excel on Windows writes as "CSV UTF-8").
        case utf8WithBOM
        /// UTF-16 little endian after the BOM `FF FE` (Excel's "Unicode Text"), transcoded to UTF-8.
        case utf16LittleEndian
        /// UTF-16 big endian after the BOM `FE FF`, transcoded to UTF-8.
        case utf16BigEndian
    }

    /// A record whose field count differs from the first record's.
    public struct RaggedRecord: Hashable, Sendable {
        /// 1-based record number.
        public var record: Int
        /// 1-based line where the record starts.
        public var line: Int
        public var fieldCount: Int
    }

    @exclusivity(unchecked) var source: any ByteSource
    let options: CSVOptions

    /// The field separator in use: the one given in ``CSVOptions/delimiter`` or the one sniffed.
    @exclusivity(unchecked) public internal(set) var delimiter: UInt8
    /// The encoding found from the byte order mark.
    @exclusivity(unchecked) public internal(set) var encoding: Encoding = .utf8

    // The buffer: bytes [0, dataEnd) read, [0, validEnd) checked as UTF-8. `bufferBase` is the stream offset of
    // byte 0.
    @exclusivity(unchecked) var buffer: UnsafeMutablePointer<UInt8>
    /// Bytes allocated past `capacity`, so that 16 bytes can be loaded from any field's start (short strings are
    /// interned by their bytes as two words, `CSVReader+Interning.swift`).
    static let padding = 16
    @exclusivity(unchecked) var capacity: Int
    @exclusivity(unchecked) var dataEnd = 0
    @exclusivity(unchecked) var validEnd = 0
    @exclusivity(unchecked) var bufferBase = 0
    @exclusivity(unchecked) var sourceEnded = false
    /// The first UTF-8 problem found in the buffer, at `validEnd`; thrown when the scanner reaches it.
    @exclusivity(unchecked) var pendingProblem: UTF8Problem?

    // The current record: [recordStart, cursor) in the buffer; fields as (start, end) pairs in `fieldBounds`.
    @exclusivity(unchecked) var recordStart = 0
    @exclusivity(unchecked) var cursor = 0
    @exclusivity(unchecked) var fieldBounds: UnsafeMutablePointer<Int>
    /// Per field: 0 plain, 1 quoted and not yet unescaped, 2 quoted and unescaped in place.
    @exclusivity(unchecked) var fieldState: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) var fieldCapacity: Int
    @exclusivity(unchecked) var nextLine = 1
    let interner = StringInterner()
    /// The second thread's records, under ``CSVOptions/usesSecondThread`` (`CSVReader+Pipeline.swift`).
    var pipeline: RecordPipeline?
    @exclusivity(unchecked) var currentBatch: RecordBatch?
    @exclusivity(unchecked) var batchRecord = 0
    /// The buffer this reader allocated (in pipeline mode `buffer` points into a batch).
    var ownBuffer: UnsafeMutablePointer<UInt8>?
    let typedState = TypedReadingState()

    /// Number of fields in the current record.
    @exclusivity(unchecked) public internal(set) var fieldCount = 0
    /// 1-based number of the current record (`0` before the first).
    @exclusivity(unchecked) public internal(set) var recordNumber = 0
    /// 1-based line where the current record starts (records with quoted line breaks span several lines).
    @exclusivity(unchecked) public internal(set) var lineNumber = 0
    /// The field count of the first record that is not a blank line (the header, usually); `nil` until one is read.
    @exclusivity(unchecked) public private(set) var expectedFieldCount: Int?
    /// How many records so far have a field count different from ``expectedFieldCount`` (blank lines excepted).
    @exclusivity(unchecked) public private(set) var raggedRecordCount = 0
    /// The first ``CSVOptions/raggedRecordsKept`` ragged records.
    public private(set) var raggedRecords: [RaggedRecord] = []
    /// Ill-formed input replaced by U+FFFD under ``CSVOptions/InvalidUTF8Handling/replace``: invalid UTF-8
    /// sequences, and unpaired surrogates or an odd last byte of UTF-16 input.
    public var replacementCount: Int {
        utf8ReplacementCount + ((source as? UTF16ByteSource)?.replacementCount ?? 0)
    }
    /// Invalid UTF-8 sequences replaced (in pipeline mode: everything the second thread's reader replaced).
    @exclusivity(unchecked) var utf8ReplacementCount = 0

    /// Opens a reader over `source`, detecting the encoding from a byte order mark and sniffing the delimiter
    /// unless ``CSVOptions/delimiter`` is set.
    ///
    /// - Parameters:
    ///   - source: the bytes; read in chunks of up to ``CSVOptions/bufferSize`` bytes.
    ///   - options: delimiter, UTF-8 handling, limits.
    /// - Throws: ``CSVError`` when the source fails or the delimiter given is a quote, CR or LF.
    public init(source: some ByteSource, options: CSVOptions = CSVOptions()) throws(CSVError) {
        self.source = source
        self.options = options
        // Under usesSecondThread the inner reader on the second thread has the real buffer.
        capacity = options.usesSecondThread ? 16 : max(16, options.bufferSize)
        buffer = .allocate(capacity: capacity + CSVReader.padding)
        fieldCapacity = 64
        fieldBounds = .allocate(capacity: 2 * fieldCapacity)
        fieldState = .allocate(capacity: fieldCapacity)
        delimiter = options.delimiter ?? UInt8(ascii: ",")
        if let given = options.delimiter,
            given == UInt8(ascii: "\"") || given == 0x0A || given == 0x0D || given >= 0x80 || given == 0
        {
            throw CSVError(.invalidOption, "the delimiter must be an ASCII character other than a quote, CR or LF")
        }
        if options.usesSecondThread {
            var inner = options
            inner.usesSecondThread = false
            let reader = try CSVReader(source: source, options: inner)
            delimiter = reader.delimiter
            encoding = reader.encoding
            let pipeline = RecordPipeline(reader: reader)
            self.pipeline = pipeline
            ownBuffer = buffer
            pipeline.start()
            return
        }
        try fill()
        try detectEncoding()
        validateNewBytes()
        if options.delimiter == nil {
            // Sniff the same bytes whatever the buffer size.
            let wanted = cursor + max(1, options.sniffLength)
            if capacity < wanted, !sourceEnded {
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: wanted + CSVReader.padding)
                bigger.update(from: buffer, count: dataEnd)
                buffer.deallocate()
                buffer = bigger
                capacity = wanted
                try fill()
                validateNewBytes()
            }
            delimiter = sniffDelimiter()
        }
    }

    /// Opens the file at `path` (see ``init(source:options:)``).
    ///
    /// - Throws: ``CSVError`` with ``CSVError/Code/sourceFailed`` when the file cannot be opened.
    public convenience init(path: String, options: CSVOptions = CSVOptions()) throws(CSVError) {
        try self.init(source: try FileByteSource(path: path), options: options)
    }

    deinit {
        pipeline?.stop()
        (ownBuffer ?? buffer).deallocate()
        fieldBounds.deallocate()
        fieldState.deallocate()
    }

    /// Stream offset of the current record's first byte (in the UTF-8 the reader parses).
    public var recordByteOffset: Int { bufferBase + recordStart }

    /// Whether the current record's field count differs from ``expectedFieldCount``.
    public var isRagged: Bool {
        guard let expected = expectedFieldCount else { return false }
        return fieldCount != expected && !isBlankLine
    }

    /// Whether the current record is an empty line (one empty, unquoted field).
    public var isBlankLine: Bool {
        fieldCount == 1 && fieldState[0] == 0 && fieldBounds[0] == fieldBounds[1]
    }

    /// Moves to the next record.
    ///
    /// - Returns: `false` at the end of the input.
    /// - Throws: ``CSVError`` for invalid UTF-8, a NUL byte, an unterminated quote, a field or record over the
    ///   limits, or a failing source; the error names the line, column, record, field and byte.
    /// - Complexity: O(record length), amortised; no allocation unless the record is longer than any before.
    public func nextRecord() throws(CSVError) -> Bool {
        if let pipeline { return try nextPipelinedRecord(pipeline) }
        while true {
            switch parseRecord() {
            case .record(let next, let count, let lineBreaks):
                recordStart = cursor
                cursor = next
                fieldCount = count
                recordNumber += 1
                lineNumber = nextLine
                nextLine += lineBreaks + 1
                if expectedFieldCount != count { noteFieldCount() }
                return true
            case .endOfInput:
                fieldCount = 0
                return false
            case .needMore(let fieldStart, let position, let fieldIndex):
                try refill(fieldStart: fieldStart, position: position, fieldIndex: fieldIndex)
            case .unterminatedQuote(let fieldStart, let fieldIndex):
                let place = locate(fieldStart)
                throw CSVError(
                    .unterminatedQuote,
                    "a quoted field opened on line \(place.line) is not closed before the end of the file; "
                        + "close it with a \" or remove the stray quote",
                    line: place.line, column: place.column, record: recordNumber + 1, field: fieldIndex + 1,
                    byteOffset: bufferBase + fieldStart)
            case .fieldTooLarge(let fieldStart, let fieldIndex):
                throw limitError(
                    "a field is larger than the limit of \(options.limits.maxFieldSize) bytes (CSVLimits.maxFieldSize; "
                        + "\(ReadLimits.hint("csv.maxFieldSize")))",
                    at: fieldStart, fieldIndex: fieldIndex)
            case .tooManyFields(let position):
                throw limitError(
                    "a record has more than the limit of \(options.limits.maxFieldCount) fields (CSVLimits.maxFieldCount; "
                        + "\(ReadLimits.hint("csv.maxFieldCount")))",
                    at: position, fieldIndex: options.limits.maxFieldCount)
            }
        }
    }

    /// Calls `body` with the bytes of field `index` of the current record, unescaped (quotes removed, `""` → `"`).
    ///
    /// The bytes are valid UTF-8 and stay valid until the next call to ``nextRecord()``.
    ///
    /// - Complexity: O(1) for a plain field; O(field length) the first time a quoted field is asked for.
    public func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(field(index))
    }

    /// The bytes of field `index` (see ``withField(_:_:)``), valid until the next call to ``nextRecord()``.
    public func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(index >= 0 && index < fieldCount, "field index \(index) out of range 0..<\(fieldCount)")
        if fieldState[index] == 1 { unescape(index) }
        let start = fieldBounds[2 &* index]
        return UnsafeBufferPointer(start: buffer + start, count: fieldBounds[2 &* index &+ 1] &- start)
    }

    /// Whether field `index` was quoted in the file (a quoted `"007"` is usually meant as text).
    public func isQuoted(at index: Int) -> Bool {
        precondition(index >= 0 && index < fieldCount, "field index \(index) out of range 0..<\(fieldCount)")
        return fieldState[index] != 0
    }

    /// Field `index` of the current record as a string; repeated values in a column share one string.
    public func string(at index: Int) -> String {
        interner.string(field(index), column: index)
    }

    /// Every field of the current record as strings.
    public var strings: [String] {
        (0..<fieldCount).map { string(at: $0) }
    }

    // MARK: - Ragged records

    func noteFieldCount() {
        if isBlankLine { return }
        guard expectedFieldCount != nil else {
            expectedFieldCount = fieldCount
            return
        }
        raggedRecordCount += 1
        if raggedRecords.count < options.raggedRecordsKept {
            raggedRecords.append(RaggedRecord(record: recordNumber, line: lineNumber, fieldCount: fieldCount))
        }
    }

    // MARK: - Unescaping

    /// Removes the quotes of a quoted field in place: a `"` toggles quoting and is dropped, `""` inside quotes
    /// is one `"`.
    func unescape(_ index: Int) {
        let start = fieldBounds[2 * index]
        let end = fieldBounds[2 * index + 1]
        let quote = UInt8(ascii: "\"")
        var read = start
        var write = start
        var inQuotes = false
        while read < end {
            let byte = buffer[read]
            if byte == quote {
                if inQuotes, read + 1 < end, buffer[read + 1] == quote {
                    buffer[write] = quote
                    write += 1
                    read += 2
                    continue
                }
                inQuotes.toggle()
                read += 1
                continue
            }
            buffer[write] = byte
            write += 1
            read += 1
        }
        fieldBounds[2 * index + 1] = write
        fieldState[index] = 2
    }

    // MARK: - Errors

    func limitError(_ message: String, at position: Int, fieldIndex: Int) -> CSVError {
        let place = locate(position)
        return CSVError(
            .limitExceeded, message,
            line: place.line, column: place.column, record: recordNumber + 1, field: fieldIndex + 1,
            byteOffset: bufferBase + position)
    }

    /// Line and column of a buffer position inside the record being read (which starts at `cursor`).
    func locate(_ position: Int) -> (line: Int, column: Int) {
        var line = nextLine
        var column = 1
        var index = cursor
        while index < position {
            let byte = buffer[index]
            if byte == 0x0A || (byte == 0x0D && (index + 1 >= dataEnd || buffer[index + 1] != 0x0A)) {
                line += 1
                column = 1
            } else if byte != 0x0D, byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }
}
