/// A ZIP archive open for reading: its central directory in memory, entry data read on demand.
///
/// Opening reads only the end records and the central directory (APPNOTE 4.3.12–4.3.16), never the whole file.
/// Entries are read whole with ``contents(of:)`` or streamed with ``reader(for:)``; both inflate with zlib, check
/// the CRC-32 and size, and enforce ``ZipLimits`` so that a zip bomb fails fast with `limitExceeded`.
///
/// Not thread-safe: use one archive (and its readers) from one task at a time.
///
/// ```swift
/// let archive = try ZipArchive(path: "book.xlsx")
/// if let workbook = archive.entry(named: "xl/workbook.xml") {
///     let xml = try archive.contents(of: workbook)
///     print(xml.count)
/// }
/// ```
public final class ZipArchive {
    /// The bytes of the archive, shared with the readers handed out.
    let storage: ZipStorage
    /// Absolute offset of the central directory; every entry's data ends before it.
    let centralDirectoryStart: UInt64
    /// Name → index of the first entry with that exact name.
    private let exactIndex: [String: Int]
    /// Lower-cased name without a leading `/` → index of the first such entry.
    private let foldedIndex: [String: Int]

    /// The limits this archive enforces.
    public let limits: ZipLimits
    /// The entries in central-directory order.
    public let entries: [ZipEntry]
    /// The path the archive was opened from; `nil` for an archive in memory.
    public var path: String? { storage.path }

    /// Opens the ZIP archive at `path` and reads its central directory.
    ///
    /// The file stays open (read with `pread`) until the archive and every reader from it are released.
    ///
    /// - Parameters:
    ///   - path: the file to open.
    ///   - limits: bounds on entry count, names and sizes; ``ZipLimits/default`` suits any spreadsheet.
    /// - Throws: `io` (cannot open or read), `notAZip`, `truncated`, `corruptCentralDirectory`, `limitExceeded`.
    /// - Complexity: O(*n* log *n*) in the number of entries; reads at most 64 KiB plus the central directory.
    public convenience init(path: String, limits: ZipLimits = .default) throws(ZipError) {
        try self.init(storage: ZipStorage(path: path), limits: limits)
    }

    /// Reads a ZIP archive held in memory (tests, small inputs, data received over a network).
    ///
    /// - Parameters:
    ///   - bytes: the whole archive.
    ///   - limits: bounds on entry count, names and sizes.
    /// - Throws: `notAZip`, `truncated`, `corruptCentralDirectory`, `limitExceeded`.
    /// - Complexity: O(*n* log *n*) in the number of entries.
    public convenience init(bytes: [UInt8], limits: ZipLimits = .default) throws(ZipError) {
        try self.init(storage: ZipStorage(bytes: bytes), limits: limits)
    }

    private init(storage: ZipStorage, limits: ZipLimits) throws(ZipError) {
        let directory = try CentralDirectory.read(from: storage, limits: limits)
        var exactIndex: [String: Int] = [:]
        var foldedIndex: [String: Int] = [:]
        exactIndex.reserveCapacity(directory.entries.count)
        foldedIndex.reserveCapacity(directory.entries.count)
        for (index, entry) in directory.entries.enumerated() {
            if exactIndex[entry.name] == nil { exactIndex[entry.name] = index }
            let folded = Self.folded(entry.name)
            if foldedIndex[folded] == nil { foldedIndex[folded] = index }
        }
        self.storage = storage
        self.limits = limits
        self.entries = directory.entries
        self.centralDirectoryStart = directory.start
        self.exactIndex = exactIndex
        self.foldedIndex = foldedIndex
    }

    /// The entry called `name`: an exact match first, then one that differs only in case or by a leading `/`
    /// (producers disagree on the case of part names; OPC part names start with `/`).
    ///
    /// When several entries share a name, the first in the central directory wins.
    ///
    /// - Parameter name: the entry name, such as `xl/workbook.xml` or `/xl/workbook.xml`.
    /// - Returns: the entry, or `nil` when none matches.
    /// - Complexity: O(1) on average (two hash look-ups).
    public func entry(named name: String) -> ZipEntry? {
        if let index = exactIndex[name] ?? foldedIndex[Self.folded(name)] {
            return entries[index]
        }
        return nil
    }

    /// The whole uncompressed content of `entry`, its size and CRC-32 checked.
    ///
    /// - Parameter entry: an entry of this archive.
    /// - Returns: exactly ``ZipEntry/uncompressedSize`` bytes.
    /// - Throws: `encrypted`, `unsupportedCompression`, `limitExceeded`, `corruptLocalHeader`, `truncated`,
    ///   `corruptDeflateData`, `sizeMismatch`, `crcMismatch`, `io`.
    /// - Complexity: O(*n*) in the entry's size; one allocation of its declared size.
    public func contents(of entry: ZipEntry) throws(ZipError) -> [UInt8] {
        var reader = try reader(for: entry)
        guard let count = Int(exactly: entry.uncompressedSize), count < Int.max else {
            throw ZipError(
                .limitExceeded, "the entry is too large to hold in memory (\(entry.uncompressedSize) bytes)",
                path: path, entry: entry.name)
        }
        var failure: ZipError?
        // One spare byte lets the reader notice data beyond the declared size.
        let bytes = [UInt8](unsafeUninitializedCapacity: count + 1) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            var filled = 0
            let result = Result { () throws(ZipError) in
                while filled < raw.count {
                    let produced = try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
                    if produced == 0 { break }
                    filled += produced
                }
            }
            if case .failure(let error) = result { failure = error }
            initialized = filled
        }
        if let failure { throw failure }
        guard bytes.count == count else {
            throw ZipError(
                .sizeMismatch,
                "the entry holds \(bytes.count) bytes, the archive records \(count) — the file is "
                    + "damaged", path: path, entry: entry.name)
        }
        return bytes
    }

    /// The whole uncompressed content of the entry called `name` (matched as in ``entry(named:)``).
    ///
    /// - Parameter name: the entry name.
    /// - Returns: the entry's bytes.
    /// - Throws: `entryNotFound`, or any error of ``contents(of:)``.
    public func contents(ofEntryNamed name: String) throws(ZipError) -> [UInt8] {
        guard let entry = entry(named: name) else {
            throw ZipError(
                .entryNotFound, "the archive has no entry of this name — check the spelling, or list the entries",
                path: path, entry: name)
        }
        return try contents(of: entry)
    }

    /// A streaming reader over `entry`'s uncompressed bytes, for parts too large to hold in memory.
    ///
    /// The entry's declared sizes are checked against ``limits`` here, before anything is inflated; the reader
    /// checks what is actually produced as it goes and verifies size and CRC-32 at the end.
    ///
    /// - Parameter entry: an entry of this archive.
    /// - Returns: a reader positioned at the start of the entry.
    /// - Throws: `encrypted`, `unsupportedCompression`, `limitExceeded`, `sizeMismatch`, `corruptLocalHeader`,
    ///   `truncated`, `io`.
    /// - Complexity: O(1); allocates one 64 KiB input buffer for a deflated entry.
    public func reader(for entry: ZipEntry) throws(ZipError) -> ZipEntryReader {
        try ZipEntryReader(storage: storage, entry: entry, limits: limits, dataLimit: centralDirectoryStart)
    }

    /// Case- and slash-insensitive key used by ``entry(named:)``'s fallback.
    private static func folded(_ name: String) -> String {
        var name = Substring(name)
        while name.first == "/" { name = name.dropFirst() }
        return name.lowercased()
    }
}
