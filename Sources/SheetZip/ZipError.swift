/// The one error SheetZip throws: what went wrong, what to do about it, and where (archive, entry, byte offset).
///
/// Match on ``code``; show ``description`` to people.
///
/// ```swift
/// do {
///     _ = try ZipArchive(path: "book.xlsx")
/// } catch {
///     if error.code == .notAZip { print("not an .xlsx file: \(error)") }
/// }
/// ```
public struct ZipError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The kind of failure; new codes may be added, so `switch` over it with a `default`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case notAZip, truncated, corruptCentralDirectory, corruptLocalHeader, unsupportedCompression
            case encrypted, crcMismatch, sizeMismatch, limitExceeded, corruptDeflateData, entryNotFound, io
            case invalidUse
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// No end of central directory record: the file is not a ZIP archive (or lost its end).
        public static let notAZip = Code(.notAZip)
        /// The file ends before a structure or an entry's data does.
        public static let truncated = Code(.truncated)
        /// The central directory or its end records are inconsistent: bad signature, offsets out of range,
        /// overlapping entries, missing ZIP64 fields.
        public static let corruptCentralDirectory = Code(.corruptCentralDirectory)
        /// An entry's local header is missing or does not fit in the file.
        public static let corruptLocalHeader = Code(.corruptLocalHeader)
        /// The entry uses a compression method other than stored (0) or deflate (8).
        public static let unsupportedCompression = Code(.unsupportedCompression)
        /// The entry is encrypted.
        public static let encrypted = Code(.encrypted)
        /// The CRC-32 of the bytes read differs from the one recorded in the archive.
        public static let crcMismatch = Code(.crcMismatch)
        /// The entry's data is longer or shorter than its recorded size.
        public static let sizeMismatch = Code(.sizeMismatch)
        /// A ``ZipLimits`` bound was exceeded (entry count, name length, entry size, total size, compression ratio).
        public static let limitExceeded = Code(.limitExceeded)
        /// The deflate stream is invalid or ends before its last block.
        public static let corruptDeflateData = Code(.corruptDeflateData)
        /// No entry has the name asked for.
        public static let entryNotFound = Code(.entryNotFound)
        /// The operating system failed to open, read or write the file (disk full, folder missing or read-only).
        public static let io = Code(.io)
        /// A ``ZipWriter`` was called in a way it does not support: data outside an entry, a call after `finish()` or
        /// `cancel()`, an empty, duplicate or too long entry name, a compression level outside -1...9. Nothing was
        /// written and the writer stays usable.
        public static let invalidUse = Code(.invalidUse)

        /// The code's name, as in `crcMismatch`.
        public var description: String {
            switch base {
            case .notAZip: "notAZip"
            case .truncated: "truncated"
            case .corruptCentralDirectory: "corruptCentralDirectory"
            case .corruptLocalHeader: "corruptLocalHeader"
            case .unsupportedCompression: "unsupportedCompression"
            case .encrypted: "encrypted"
            case .crcMismatch: "crcMismatch"
            case .sizeMismatch: "sizeMismatch"
            case .limitExceeded: "limitExceeded"
            case .corruptDeflateData: "corruptDeflateData"
            case .entryNotFound: "entryNotFound"
            case .io: "io"
            case .invalidUse: "invalidUse"
            }
        }
    }

    /// What kind of failure this is.
    public var code: Code
    /// What happened and what to do about it, in one sentence or two.
    public var message: String
    /// The archive's path, `nil` for an archive read from memory.
    public var path: String?
    /// The entry (package part) concerned, if any.
    public var entry: String?
    /// Byte offset in the archive where the problem was found, if any.
    public var offset: Int?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: the kind of failure.
    ///   - message: what happened and what to do.
    ///   - path: the archive's path.
    ///   - entry: the entry concerned.
    ///   - offset: the byte offset in the archive.
    public init(_ code: Code, _ message: String, path: String? = nil, entry: String? = nil, offset: Int? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.entry = entry
        self.offset = offset
    }

    /// One line: `book.xlsx: xl/worksheets/sheet1.xml: <message> (at byte 1234)`.
    public var description: String {
        var text = ""
        if let path { text += path + ": " }
        if let entry { text += entry + ": " }
        text += message
        if let offset { text += " (at byte \(offset))" }
        return text
    }
}

extension ZipError {
    /// Formats a 32-bit value as eight upper-case hex digits, as CRC-32 values are usually shown.
    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
