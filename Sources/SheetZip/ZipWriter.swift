import SheetCore

// Writing a ZIP archive as Excel does (PKWARE APPNOTE.TXT 6.3.x; the layout is drawn in ZipFormat.swift).
//
//   startEntry  ─▶ local header, CRC-32 and sizes zero for now        ┐
//   write…      ─▶ 256 KiB chunks ─▶ CRC-32 + raw deflate (workers)  ├ per entry, streamed to a temporary file
//   finishEntry ─▶ last chunk; pwrite CRC-32 and sizes into the header ┘
//   finish ─▶ central directory ─▶ [ZIP64 end record + locator] ─▶ end record ─▶ fsync ─▶ rename over the path
//
// No data descriptors (flag bit 3): the local headers are patched in place once an entry's sizes are known, as Excel
// writes them, so readers that trust local headers (streaming unzippers) see the true values.
//
// ZIP64 (APPNOTE 4.5.3, 4.3.14–4.3.15). The central directory and end records are written at the end, when every
// size, offset and the entry count are known, so they carry ZIP64 fields exactly when a value does not fit. A local
// header is written before its entry's size is known; a ZIP64 extra field (20 bytes) is reserved in it when the caller
// says the entry may reach 4 GiB (`startEntry(_:mayExceed4GiB: true)`). When an entry without that reservation does
// reach 4 GiB anyway, `finishEntry()` makes room for the field by moving the entry's compressed data 20 bytes
// forward: the result is byte for byte what a reservation would have given, at the cost of rewriting that one entry's
// compressed data (a fraction of a second for a 4 GiB XML part deflated to a few hundred MB). Small archives thus
// look exactly like Excel's, and nothing breaks when a guess about sizes is wrong.

/// Writes a ZIP archive (an `.xlsx` package) entry by entry, deflating each as it streams in.
///
/// The archive goes to a temporary file beside `path` (`.NAME.tmp-<random>` in the same folder) that ``finish()``
/// syncs and renames over `path`; ``cancel()`` (or releasing the writer unfinished) removes it, and so does any
/// error: a failed run leaves no partial file behind.
///
/// Bytes given to ``write(_:)-(UnsafeRawBufferPointer)`` are cut into 256 KiB chunks, each deflated on its own with the
/// previous 32 KiB as its dictionary (as pigz does). With background compression, worker threads (one per core, up
/// to 4) deflate the chunks while the caller produces the next bytes, so generating XML and compressing it use every
/// core; an error on a worker is thrown by the next call. The bytes written do not depend on the number of threads
/// nor on how the caller cut its writes.
///
/// Every entry is stamped with ``timestamp`` (1980-01-01 00:00 unless set), so the same content gives the same bytes.
///
/// Not thread-safe: call it from one task at a time.
///
/// ```swift
/// let zip = try ZipWriter(path: "report.xlsx")
/// try zip.addEntry("[Content_Types].xml", bytes: Array(contentTypes.utf8))
/// try zip.startEntry("xl/worksheets/sheet1.xml")
/// try zip.write(rowsBuffer)          // as many times as needed
/// try zip.finishEntry()
/// try zip.finish()                   // report.xlsx appears only now
/// ```
public final class ZipWriter {
    /// Sizes, offsets and the entry count from which ZIP64 fields are written: the format's limits, lowered by tests
    /// to exercise the ZIP64 paths on small archives.
    struct Zip64Thresholds {
        /// An entry size, offset or central directory size at or above this needs a ZIP64 field. APPNOTE 4.4.1.4
        var size: UInt64 = UInt64(ZipFormat.zip64Sentinel32)
        /// An entry count at or above this needs the ZIP64 end record. APPNOTE 4.4.1.4
        var entryCount: Int = Int(ZipFormat.zip64Sentinel16)
    }

    /// One entry as the central directory will describe it (APPNOTE 4.3.12).
    struct Record {
        var name: [UInt8]
        var flags: UInt16
        var versionNeeded: UInt16
        var timestamp: ZipTimestamp
        var crc: UInt32 = 0
        var compressedSize: UInt64 = 0
        var uncompressedSize: UInt64 = 0
        var localHeaderOffset: UInt64
        /// Whether the local header holds a ZIP64 extra field.
        var localZip64: Bool
    }

    private enum State {
        case writing
        case finished
        case cancelled
        case failed(ZipError)
    }

    /// Uncompressed bytes per independently deflated chunk.
    static let defaultChunkSize = 256 << 10

    /// The path the archive will have once ``finish()`` succeeds.
    public let path: String
    /// The zlib level every entry is deflated at: 1 fastest … 9 smallest, -1 zlib's default (6).
    public let compressionLevel: Int32
    /// Modification time written for entries started from now on. Default ``ZipTimestamp/dosEpoch``.
    public var timestamp = ZipTimestamp.dosEpoch

    /// Where ZIP64 starts; internal so that tests can lower it.
    var zip64Thresholds = Zip64Thresholds()
    /// The temporary file (internal for tests: its name, and a simulated full disk).
    let output: ZipOutputFile

    private let pipeline: CompressionPipeline
    var records: [Record] = []
    private var names: Set<String> = []
    private var open: Record?
    private var state = State.writing
    /// Scratch space for headers.
    let scratch = ByteBuffer(capacity: 512)

    /// Creates the temporary file beside `path` and prepares to write entries.
    ///
    /// - Parameters:
    ///   - path: where the finished archive goes; an existing file there is replaced by ``finish()``, not before.
    ///   - compressionLevel: zlib level: 1 is fastest, 6 the usual balance, 9 smallest; -1 means 6.
    ///   - backgroundCompression: deflate on worker threads while the caller produces the next bytes; the archive's
    ///     bytes are the same either way.
    /// - Throws: `io` when the folder is missing or not writable (nothing is created); `invalidUse` for a level
    ///   outside -1...9 or a path that names no file.
    public convenience init(path: String, compressionLevel: Int32 = 6, backgroundCompression: Bool = true)
        throws(ZipError)
    {
        try self.init(
            path: path, compressionLevel: compressionLevel, chunkSize: Self.defaultChunkSize,
            workers: backgroundCompression ? CompressionPipeline.defaultWorkerCount : 0)
    }

    /// The designated initialiser, with the chunk size and worker count for tests.
    init(path: String, compressionLevel: Int32, chunkSize: Int, workers: Int) throws(ZipError) {
        guard (-1...9).contains(compressionLevel) else {
            throw ZipError(
                .invalidUse, "compression level \(compressionLevel) does not exist — use 1 (fastest) to 9 (smallest)",
                path: path)
        }
        let output = try ZipOutputFile(path: path)
        do {
            pipeline = try CompressionPipeline(
                output: output, level: compressionLevel, chunkSize: chunkSize, workers: workers)
        } catch {
            output.discard()
            throw error
        }
        self.path = path
        self.compressionLevel = compressionLevel
        self.output = output
    }

    deinit {
        cancel()
    }

    /// Size of the archive so far, in bytes: headers and compressed data written or about to be. While workers
    /// compress, this lags behind by the chunks they have not finished; after ``finishEntry()`` it is exact.
    public var bytesWritten: UInt64 {
        if case .writing = state { return pipeline.bytesWritten }
        return output.offset
    }

    // MARK: Entries

    /// Begins a deflated entry; an entry still open is finished first.
    ///
    /// The name is stored as UTF-8, with flag bit 11 set when it is not plain ASCII (APPNOTE 4.4.4, Appendix D).
    ///
    /// - Parameter name: the entry (package part) name, such as `xl/worksheets/sheet1.xml`; no leading `/`.
    /// - Throws: `invalidUse` for an empty or duplicate name or one longer than 65,535 bytes; `io` on a write error.
    public func startEntry(_ name: String) throws(ZipError) {
        try startEntry(name, mayExceed4GiB: false)
    }

    /// Begins a deflated entry, saying whether it may reach 4 GiB (compressed or not).
    ///
    /// With `mayExceed4GiB`, the local header reserves a ZIP64 extra field (APPNOTE 4.5.3) and the entry is
    /// finished without extra work whatever its size. Without it, an entry that does reach 4 GiB is still written
    /// correctly, by moving its compressed data 20 bytes forward in ``finishEntry()``.
    ///
    /// - Parameters:
    ///   - name: the entry name.
    ///   - mayExceed4GiB: reserve the ZIP64 field in the local header now.
    /// - Throws: `invalidUse` for an empty, duplicate or too long name; `io` on a write error.
    public func startEntry(_ name: String, mayExceed4GiB: Bool) throws(ZipError) {
        try perform { () throws(ZipError) in
            if open != nil { try finishOpenEntry() }
            let nameBytes = Array(name.utf8)
            guard !nameBytes.isEmpty, nameBytes.count <= Int(UInt16.max) else {
                throw ZipError(
                    .invalidUse, "an entry name must have 1 to 65,535 bytes, this one has \(nameBytes.count)",
                    path: path, entry: name)
            }
            guard !names.contains(name) else {
                throw ZipError(
                    .invalidUse, "the archive already has an entry of this name — each part is written once",
                    path: path, entry: name)
            }
            let headerOffset = output.offset
            var flags = ZipFormat.deflateOptionFlags(level: compressionLevel == -1 ? 6 : compressionLevel)
            if nameBytes.contains(where: { $0 >= 0x80 }) { flags |= ZipFormat.flagUTF8 }
            let usesZip64 = mayExceed4GiB || headerOffset >= zip64Thresholds.size
            let record = Record(
                name: nameBytes, flags: flags,
                versionNeeded: usesZip64 ? ZipFormat.versionZip64 : ZipFormat.versionDeflate,
                timestamp: timestamp, localHeaderOffset: headerOffset, localZip64: mayExceed4GiB)
            encodeLocalHeader(record)
            try output.append(scratch)
            pipeline.beginEntry()
            names.insert(name)
            open = record
        }
    }

    /// Streams uncompressed bytes into the open entry.
    ///
    /// - Parameter bytes: the next bytes of the entry; they may be reused as soon as the call returns.
    /// - Throws: `invalidUse` when no entry is open; `io` on a write error, here or on a compression thread.
    /// - Complexity: O(*n*): a copy into the current chunk; CRC-32 and deflate of each chunk that fills, here or on
    ///   a worker.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(ZipError) {
        try perform { () throws(ZipError) in
            guard open != nil else {
                throw ZipError(.invalidUse, "write() was called with no entry open — call startEntry first", path: path)
            }
            try pipeline.write(bytes)
        }
    }

    /// Streams the bytes held by `buffer` into the open entry; the buffer may be cleared as soon as this returns.
    ///
    /// - Parameter buffer: the bytes to write.
    /// - Throws: as ``write(_:)-(UnsafeRawBufferPointer)``.
    public func write(_ buffer: ByteBuffer) throws(ZipError) {
        try write(UnsafeRawBufferPointer(buffer.bytes))
    }

    /// Ends the open entry: the last deflate blocks, then its CRC-32 and sizes patched into its local header.
    ///
    /// - Throws: `invalidUse` when no entry is open; `io` on a write error.
    public func finishEntry() throws(ZipError) {
        try perform { () throws(ZipError) in
            guard open != nil else {
                throw ZipError(.invalidUse, "finishEntry() was called with no entry open", path: path)
            }
            try finishOpenEntry()
        }
    }

    /// Writes a whole entry: ``startEntry(_:)``, ``write(_:)-(UnsafeRawBufferPointer)``, ``finishEntry()``.
    ///
    /// - Parameters:
    ///   - name: the entry name.
    ///   - bytes: its uncompressed content.
    /// - Throws: as those three.
    public func addEntry(_ name: String, bytes: [UInt8]) throws(ZipError) {
        try startEntry(name)
        let result = bytes.withUnsafeBytes { raw in Result { () throws(ZipError) in try write(raw) } }
        try result.get()
        try finishEntry()
    }

    // MARK: Ending

    /// Finishes the open entry if any, writes the central directory (with ZIP64 records when a count, size or offset
    /// needs them), syncs the file to disk and renames it over ``path``.
    ///
    /// - Throws: `io` on a write, sync or rename error (the temporary file is removed; `path` is left as it was);
    ///   `invalidUse` after ``cancel()`` or a previous `finish()`.
    public func finish() throws(ZipError) {
        try perform { () throws(ZipError) in
            if open != nil { try finishOpenEntry() }
            pipeline.stop(cancel: false)
            try writeCentralDirectory()
            try output.commit()
            state = .finished
        }
    }

    /// Abandons the archive: stops the compression thread, closes and deletes the temporary file. `path` is not
    /// touched. Does nothing after ``finish()`` or a previous `cancel()`; releasing an unfinished writer does the same.
    public func cancel() {
        guard case .writing = state else { return }
        pipeline.stop(cancel: true)
        output.discard()
        state = .cancelled
    }

    // MARK: Internals

    /// Runs `body` if the writer is usable; an error other than `invalidUse` fails the writer and removes the file.
    private func perform(_ body: () throws(ZipError) -> Void) throws(ZipError) {
        switch state {
        case .writing: break
        case .failed(let error): throw error
        case .finished, .cancelled:
            throw ZipError(.invalidUse, "the archive was already finished or cancelled", path: path)
        }
        do {
            try body()
        } catch {
            if error.code != .invalidUse {
                pipeline.stop(cancel: true)
                output.discard()
                state = .failed(error)
            }
            throw error
        }
    }

    /// Completes the open entry's data and local header and records it for the central directory.
    private func finishOpenEntry() throws(ZipError) {
        guard var record = open else { return }
        let totals = try pipeline.finishEntry()
        record.crc = totals.crc
        record.compressedSize = totals.compressedSize
        record.uncompressedSize = totals.uncompressedSize
        let needsZip64 =
            record.compressedSize >= zip64Thresholds.size || record.uncompressedSize >= zip64Thresholds.size
        if needsZip64 && !record.localZip64 {
            // The header has no room for the 64-bit sizes: move the data to make some (see the comment at the top).
            let dataStart = record.localHeaderOffset + UInt64(ZipFormat.localFileHeaderSize + record.name.count)
            try output.moveForward(from: dataStart, by: ZipFormat.localZip64ExtraSize)
            record.localZip64 = true
            record.versionNeeded = ZipFormat.versionZip64
            encodeLocalHeader(record)
            try output.patch(at: record.localHeaderOffset, with: UnsafeRawBufferPointer(scratch.bytes))
        } else {
            try patchLocalHeader(record)
        }
        records.append(record)
        open = nil
    }
}
