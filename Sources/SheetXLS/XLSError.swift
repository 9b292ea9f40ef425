import SheetCore

/// The one error SheetXLS throws: what could not be read, and where, in the workbook's own terms.
///
/// ```swift
/// do { _ = try XLSReader(path: "xa.xls") } catch { print(error) }
/// // xa.xls: stream "Workbook", record SST (0x00FC) at byte 4120: the string runs past its CONTINUE records
/// ```
public struct XLSError: Error, CustomStringConvertible, Sendable {
    /// A growable set of error kinds.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        public var description: String { name }

        /// The file cannot be read from disk.
        public static let io = Code(name: "io")
        /// The file is not a Compound File (no D0 CF 11 E0 A1 B1 1A E1 signature): not an `.xls`.
        public static let notCompoundFile = Code(name: "notCompoundFile")
        /// The Compound File's header, sector chains or directory are damaged (a loop, a sector past the end).
        public static let container = Code(name: "container")
        /// The Compound File has no `Workbook` (or `Book`) stream.
        public static let missingStream = Code(name: "missingStream")
        /// A stream or record ends before the data it announces.
        public static let truncated = Code(name: "truncated")
        /// A record says something impossible (a sheet position outside the stream, a string index out of range).
        public static let invalidRecord = Code(name: "invalidRecord")
        /// The workbook is password-protected (FILEPASS).
        public static let encrypted = Code(name: "encrypted")
        /// A BIFF version or feature we cannot read (BIFF2–4, a double-byte code page in a BIFF5 file).
        public static let unsupported = Code(name: "unsupported")
        /// The caller asked for a sheet the workbook does not have.
        public static let noSuchSheet = Code(name: "noSuchSheet")
        /// A size or count above ``XLSLimits``.
        public static let limitExceeded = Code(name: "limitExceeded")
    }

    /// The kind of problem, for callers that react to some (an encrypted file, a BIFF version not read).
    public var code: Code
    /// What happened, in a sentence.
    public var message: String
    /// The file read, when known.
    public var file: String?
    /// The Compound File stream, `Workbook`.
    public var stream: String?
    /// The sheet's name, when the problem is in a sheet.
    public var sheet: String?
    /// The cell, `E12`, when the problem is in a cell.
    public var cell: String?
    /// The BIFF record's name and type, `SST (0x00FC)`.
    public var record: String?
    /// The byte offset inside the stream (or the file, for container errors).
    public var offset: Int?

    /// Creates an error; the location fields are filled in as it travels up.
    public init(
        _ code: Code, _ message: String, stream: String? = nil, sheet: String? = nil, cell: String? = nil,
        record: String? = nil, offset: Int? = nil
    ) {
        self.code = code
        self.message = message
        self.stream = stream
        self.sheet = sheet
        self.cell = cell
        self.record = record
        self.offset = offset
    }

    /// One line naming the file, stream, sheet, cell, record and offset that apply.
    public var description: String {
        var place: [String] = []
        if let file { place.append(file) }
        if let stream { place.append("stream \"\(stream)\"") }
        if let sheet { place.append("sheet \"\(sheet)\"") }
        if let cell { place.append("cell \(cell)") }
        if let record { place.append("record \(record)") }
        if let offset { place.append(stream == nil ? "file offset \(offset)" : "byte \(offset)") }
        let location = place.joined(separator: ", ")
        return location.isEmpty ? message : "\(location): \(message)"
    }
}

/// Bounds on what a file may ask of the reader (LIMITS.md lists them all, with their `BIEUMAU_LIMITS` names).
public struct XLSLimits: Sendable {
    /// Largest file read (it is read into memory whole): 512 MiB by default.
    public var maxFileSize: Int
    /// Most entries in the shared-strings table. Default 16 Mi.
    public var maxSharedStrings: Int
    /// Most UTF-16 code units of shared-string text, all strings together. Default 512 Mi.
    public var maxSharedStringBytes: Int
    /// Most sheets in a workbook. Default 4,096.
    public var maxSheets: Int
    /// Most cell records one sheet may hold (a sheet is parsed whole when its cells come out of order).
    /// Default 100 M.
    public var maxCellsPerSheet: Int
    /// Most sectors followed through the Compound File's chains (DIFAT, FAT, directory, mini FAT, streams) while
    /// opening it, and again for each stream read. Default 4 Mi (2 GiB of 512-byte sectors).
    public var maxSectorsVisited: Int
    /// Longest BIFF record, in bytes after its 4-byte header: [MS-XLS] 2.1.4 allows 8,224 (BIFF8); longer data
    /// goes into CONTINUE records. Default 8,224.
    public var maxRecordLength: Int

    /// Bounds for one reader; every parameter defaults to the documented value.
    ///
    /// ```swift
    /// let reader = try XLSReader(path: "xa.xls", limits: XLSLimits(maxFileSize: 64 << 20))
    /// ```
    public init(
        maxFileSize: Int = 512 << 20, maxSharedStrings: Int = 16 << 20, maxSheets: Int = 4096,
        maxSharedStringBytes: Int = 512 << 20, maxCellsPerSheet: Int = 100_000_000, maxSectorsVisited: Int = 4 << 20,
        maxRecordLength: Int = 8_224
    ) {
        self.maxFileSize = maxFileSize
        self.maxSharedStrings = maxSharedStrings
        self.maxSheets = maxSheets
        self.maxSharedStringBytes = maxSharedStringBytes
        self.maxCellsPerSheet = maxCellsPerSheet
        self.maxSectorsVisited = maxSectorsVisited
        self.maxRecordLength = maxRecordLength
    }

    /// The documented values (LIMITS.md) with the overrides of `BIEUMAU_LIMITS` (``ReadLimits``) applied.
    public static let `default` = XLSLimits(
        maxFileSize: ReadLimits.value("xls.maxFileSize", default: 512 << 20),
        maxSharedStrings: ReadLimits.value("xls.maxSharedStrings", default: 16 << 20),
        maxSheets: ReadLimits.value("xls.maxSheets", default: 4096),
        maxSharedStringBytes: ReadLimits.value("xls.maxSharedStringBytes", default: 512 << 20),
        maxCellsPerSheet: ReadLimits.value("xls.maxCellsPerSheet", default: 100_000_000),
        maxSectorsVisited: ReadLimits.value("xls.maxSectorsVisited", default: 4 << 20),
        maxRecordLength: ReadLimits.value("xls.maxRecordLength", default: 8_224))

    /// The end of a `limitExceeded` message naming limit `property` and how to raise it.
    static func hint(_ property: String) -> String {
        "XLSLimits.\(property); \(ReadLimits.hint("xls." + property))"
    }
}
