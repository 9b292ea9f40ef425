import SheetCore

/// Streams the uncompressed bytes of one ZIP entry: stored data copied, deflated data inflated with zlib.
///
/// Compressed input is read from the archive in 64 KiB chunks into one buffer allocated with the reader, and
/// inflated straight into the caller's buffer. While streaming, the reader stops any entry that produces more than
/// it declared or more than ``ZipLimits`` allow; when the data ends it checks the size and the CRC-32 and throws
/// rather than ending quietly. After an error every further call throws the same error.
///
/// Copies of a reader share one position (the stream state is a reference).
///
/// ```swift
/// var reader = try archive.reader(for: sheet)
/// var buffer = [UInt8](repeating: 0, count: 1 << 16)
/// while true {
///     let count = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
///     if count == 0 { break }
///     // use buffer[0 ..< count]
/// }
/// ```
public struct ZipEntryReader: ByteSource {
    private let decoder: EntryDecoder

    /// The entry being read.
    public var entry: ZipEntry { decoder.entry }

    /// Uncompressed bytes handed out so far.
    public var bytesRead: UInt64 { decoder.produced }

    init(storage: ZipStorage, entry: ZipEntry, limits: ZipLimits, dataLimit: UInt64) throws(ZipError) {
        let dataStart = try Self.checkEntry(entry, storage: storage, limits: limits, dataLimit: dataLimit)
        decoder = try EntryDecoder(storage: storage, entry: entry, limits: limits, dataStart: dataStart)
    }

    /// Fills the start of `buffer` with the next uncompressed bytes of the entry.
    ///
    /// - Parameter buffer: where to put the bytes; must not be empty.
    /// - Returns: the number of bytes written, `0` only once the whole entry was read and verified.
    /// - Throws: `ZipError`: `corruptDeflateData`, `sizeMismatch`, `crcMismatch`, `limitExceeded`, `truncated`,
    ///   `io`.
    /// - Complexity: O(*n*) in the bytes produced; no allocation.
    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ZipError) -> Int {
        try decoder.read(into: buffer)
    }

    /// Checks what can be checked before reading any data: encryption, method, declared sizes against the limits,
    /// and the local header (APPNOTE 4.3.7).
    ///
    /// - Returns: the absolute offset of the entry's data.
    private static func checkEntry(_ entry: ZipEntry, storage: ZipStorage, limits: ZipLimits, dataLimit: UInt64)
        throws(ZipError) -> UInt64
    {
        let path = storage.path
        let name = entry.name
        let headerOffset = Int(clamping: entry.localHeaderOffset)
        if entry.isEncrypted {
            throw ZipError(
                .encrypted, "the entry is encrypted — open the file in Excel, remove the password and save it again",
                path: path, entry: name, offset: headerOffset)
        }
        guard entry.method == ZipFormat.methodStored || entry.method == ZipFormat.methodDeflate else {
            throw ZipError(
                .unsupportedCompression,
                "the entry uses compression method \(entry.method) (\(ZipFormat.methodName(entry.method))); only "
                    + "stored (0) and deflate (8) can be read — save the file again from Excel or LibreOffice",
                path: path, entry: name, offset: headerOffset)
        }

        // Declared sizes, before inflating anything.
        let declared = entry.uncompressedSize
        guard declared <= limits.maxEntrySize else {
            throw ZipError(
                .limitExceeded,
                "the entry declares \(declared) bytes uncompressed, more than the limit of \(limits.maxEntrySize) "
                    + "(ZipLimits.maxEntrySize; \(ReadLimits.hint("zip.maxEntrySize"))) — a zip bomb or a file too large to read safely",
                path: path,
                entry: name, offset: headerOffset)
        }
        if declared > limits.compressionRatioThreshold,
            declared > (entry.compressedSize.multiplied(by: limits.maxCompressionRatio) ?? .max)
        {
            throw ZipError(
                .limitExceeded,
                "the entry declares \(declared) bytes from \(entry.compressedSize) compressed, a ratio above the "
                    + "limit of \(limits.maxCompressionRatio) (ZipLimits.maxCompressionRatio; \(ReadLimits.hint("zip.maxCompressionRatio"))) — likely a zip bomb",
                path: path, entry: name, offset: headerOffset)
        }
        guard let total = storage.totalProduced.adding(declared), total <= limits.maxTotalSize else {
            throw ZipError(
                .limitExceeded,
                "reading the entry's \(declared) bytes would take the archive past its limit of "
                    + "\(limits.maxTotalSize) bytes in total (ZipLimits.maxTotalSize; \(ReadLimits.hint("zip.maxTotalSize")))",
                path: path, entry: name,
                offset: headerOffset)
        }
        if entry.method == ZipFormat.methodStored, entry.compressedSize != declared {
            throw ZipError(
                .sizeMismatch,
                "the stored entry records \(entry.compressedSize) bytes in the archive but \(declared) bytes of "
                    + "content; for stored data they must be equal — the file is damaged", path: path, entry: name,
                offset: headerOffset)
        }

        // Local header: signature and its own name and extra lengths, after which the data starts.
        let fixed = ZipFormat.localFileHeaderSize
        guard let headerEnd = entry.localHeaderOffset.adding(UInt64(fixed)), headerEnd <= dataLimit else {
            throw ZipError(
                .corruptLocalHeader,
                "the entry's local header offset lies past the entries' area — the file is "
                    + "damaged", path: path, entry: name, offset: headerOffset)
        }
        let header = try storage.readExactly(
            at: entry.localHeaderOffset, count: fixed, what: "local header", entry: name)
        let lengths: (signature: UInt32, name: UInt16, extra: UInt16)? = header.withUnsafeBytes { raw in
            let reader = ByteReader(raw)
            guard let signature = reader.getUInt32LE(at: 0), let nameLength = reader.getUInt16LE(at: 26),
                let extraLength = reader.getUInt16LE(at: 28)
            else { return nil }
            return (signature, nameLength, extraLength)
        }
        guard let lengths, lengths.signature == ZipFormat.localFileHeader else {
            let found = ZipError.hex(lengths?.signature ?? 0)
            throw ZipError(
                .corruptLocalHeader,
                "no local header where the central directory says (found \(found) instead of "
                    + "504B0304) — the file is damaged", path: path, entry: name, offset: headerOffset)
        }
        let dataStart = headerEnd + UInt64(lengths.name) + UInt64(lengths.extra)  // ≤ dataLimit + 128 KiB
        guard let dataEnd = dataStart.adding(entry.compressedSize), dataEnd <= dataLimit else {
            throw ZipError(
                .corruptLocalHeader,
                "the entry's data (\(entry.compressedSize) bytes from offset \(dataStart)) runs "
                    + "into the central directory — the file is damaged", path: path, entry: name,
                offset: headerOffset)
        }
        return dataStart
    }
}
