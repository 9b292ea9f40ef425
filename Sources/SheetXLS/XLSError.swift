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

/// Bounds on what a file may ask of the reader.
public struct XLSLimits: Sendable {
    /// Largest file read (it is read into memory whole): 512 MiB by default.
    public var maxFileSize: Int
    /// Most entries in the shared-strings table.
    public var maxSharedStrings: Int
    /// Most sheets in a workbook.
    public var maxSheets: Int

    /// Bounds for one reader.
    ///
    /// ```swift
    /// let reader = try XLSReader(path: "xa.xls", limits: XLSLimits(maxFileSize: 64 << 20))
    /// ```
    public init(maxFileSize: Int = 512 << 20, maxSharedStrings: Int = 16 << 20, maxSheets: Int = 4096) {
        self.maxFileSize = maxFileSize
        self.maxSharedStrings = maxSharedStrings
        self.maxSheets = maxSheets
    }

    /// 512 MiB files, 16 Mi shared strings, 4,096 sheets.
    public static let `default` = XLSLimits()
}
