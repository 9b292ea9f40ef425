import SheetCore

/// How a ``CSVReader`` reads: delimiter, encoding handling and limits.
///
/// ```swift
/// var options = CSVOptions()
/// options.delimiter = UInt8(ascii: ";")       // skip sniffing
/// options.invalidUTF8 = .replace               // U+FFFD instead of an error
/// let reader = try CSVReader(path: "xa-ia-dal.csv", options: options)
/// ```
public struct CSVOptions: Sendable {
    /// What the reader does with bytes that are not valid UTF-8.
    public enum InvalidUTF8Handling: Sendable {
        /// Throw ``CSVError/Code/invalidUTF8`` naming the line, column and byte (the default: nothing is guessed).
        case error
        /// Replace each maximal invalid subsequence by U+FFFD (Unicode §3.9, "U+FFFD Substitution of Maximal
        /// Subparts"), as browsers do, and count the replacements in ``CSVReader/replacementCount``. Byte offsets
        /// reported afterwards are offsets in the repaired text.
        case replace
    }

    /// The field separator; `nil` (the default) sniffs one of `,` `;` TAB `|` from the start of the input.
    public var delimiter: UInt8?
    /// Bytes looked at when sniffing the delimiter (the buffer holds at least this many at the start).
    public var sniffLength: Int
    /// What to do with invalid UTF-8.
    public var invalidUTF8: InvalidUTF8Handling
    /// Bounds on what the input may ask of the reader.
    public var limits: CSVLimits
    /// How many ragged records (field count different from the first record's) are kept in
    /// ``CSVReader/raggedRecords``; all are counted in ``CSVReader/raggedRecordCount``.
    public var raggedRecordsKept: Int
    /// Bytes read from the source at a time; the buffer doubles past it for a longer record.
    public var bufferSize: Int
    /// Split the work over two threads: a second thread reads, checks UTF-8 and splits records, the caller's
    /// thread makes strings, cells and numbers (`CSVReader+Pipeline.swift`). Records, errors and counts are the
    /// same as on one thread; memory grows by about 3 MiB.
    public var usesSecondThread: Bool

    public init(
        delimiter: UInt8? = nil, sniffLength: Int = 16 << 10, invalidUTF8: InvalidUTF8Handling = .error,
        limits: CSVLimits = .default, raggedRecordsKept: Int = 100, bufferSize: Int = 1 << 20,
        usesSecondThread: Bool = false
    ) {
        self.bufferSize = bufferSize
        self.usesSecondThread = usesSecondThread
        self.delimiter = delimiter
        self.sniffLength = sniffLength
        self.invalidUTF8 = invalidUTF8
        self.limits = limits
        self.raggedRecordsKept = raggedRecordsKept
    }
}

/// Bounds on untrusted input (DESIGN §6): the reader's memory never grows past them.
///
/// The reader holds one record at a time, so its memory is about `max(bufferSize, longest record)` plus 16 bytes
/// per field of the widest record.
public struct CSVLimits: Sendable {
    /// Largest single field, in bytes as stored (quotes included).
    public var maxFieldSize: Int
    /// Largest record (all its fields and delimiters), in bytes.
    public var maxRecordSize: Int
    /// Most fields in one record.
    public var maxFieldCount: Int

    /// Limits for one reader: 16 MiB fields, 64 MiB records, 100,000 fields by default.
    ///
    /// ```swift
    /// let options = CSVOptions(limits: CSVLimits(maxFieldSize: 256 << 20, maxRecordSize: 256 << 20))
    /// ```
    public init(maxFieldSize: Int = 16 << 20, maxRecordSize: Int = 64 << 20, maxFieldCount: Int = 100_000) {
        self.maxFieldSize = maxFieldSize
        self.maxRecordSize = maxRecordSize
        self.maxFieldCount = maxFieldCount
    }

    /// The documented values (LIMITS.md) with the overrides of `BIEUMAU_LIMITS` (``ReadLimits``) applied.
    public static let `default` = CSVLimits(
        maxFieldSize: ReadLimits.value("csv.maxFieldSize", default: 16 << 20),
        maxRecordSize: ReadLimits.value("csv.maxRecordSize", default: 64 << 20),
        maxFieldCount: ReadLimits.value("csv.maxFieldCount", default: 100_000))
}
