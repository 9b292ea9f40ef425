import SheetCore

// The archive being written, as the file system sees it (DESIGN §6: a failed run leaves no half-written file).
//
//   folder/.NAME.tmp-<random>  ◀── pwrite ── [ output buffer, 256 KiB ] ◀── local headers, deflated chunks, directory
//          │ fsync, close, rename (atomic within one folder)
//          ▼
//   folder/NAME
//
// Every write is a `pwrite` at an offset this type tracks, so bytes already written can be patched in place (a local
// header's CRC-32 and sizes) and an entry's data moved (to make room for a ZIP64 extra field) without a seek
// position to keep in step. On any failure the caller discards the file: descriptor closed, temporary name unlinked.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A temporary file beside the destination with an output buffer in front of it.
final class ZipOutputFile {
    /// The destination, named in every error.
    let path: String
    /// The hidden file the archive is written to until ``commit()`` renames it.
    let temporaryPath: String
    /// Bytes buffered before a `pwrite`; also the scratch space of ``moveForward(from:by:)``.
    let bufferCapacity: Int

    private var descriptor: Int32
    /// Whether `temporaryPath` is ours to remove: true from creation until the rename.
    private var ownsTemporaryFile = true
    private let buffer: UnsafeMutablePointer<UInt8>
    /// Bytes waiting in `buffer`.
    private var buffered = 0
    /// Bytes already in the file; `buffer` holds the ones that follow.
    private var flushedOffset: UInt64 = 0

    /// Test hook standing in for a full disk: a write that would take the file past this size fails with ENOSPC.
    var simulatedDiskSize: UInt64?

    /// Size of the archive so far, buffered bytes included: the offset of the next byte appended.
    var offset: UInt64 { flushedOffset + UInt64(buffered) }

    /// Creates `.NAME.tmp-<random>` in the folder of `path`, readable as a normal file once renamed.
    ///
    /// - Throws: `invalidUse` when `path` names no file; `io` when the folder is missing or not writable.
    init(path: String, bufferCapacity: Int = 256 << 10) throws(ZipError) {
        let (folder, name) = try Self.split(path)
        var attempt = 0
        var candidate = ""
        var descriptor: Int32 = -1
        while descriptor < 0 {
            candidate = folder + "." + Self.shortened(name) + ".tmp-" + Self.randomSuffix()
            descriptor = open(candidate, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 { break }
            let code = errno
            attempt += 1
            if (code == EEXIST || code == EINTR) && attempt < 16 { continue }
            let shownFolder = folder.isEmpty ? "." : String(folder.dropLast())
            throw ZipError(
                .io,
                "cannot create a file in the folder \(shownFolder) (\(Self.systemMessage(code))) — check that the "
                    + "folder exists and that you may write to it", path: path)
        }
        self.path = path
        self.temporaryPath = candidate
        self.descriptor = descriptor
        self.bufferCapacity = max(4096, bufferCapacity)
        self.buffer = .allocate(capacity: self.bufferCapacity)
    }

    deinit {
        discard()
        buffer.deallocate()
    }

    // MARK: Appending

    /// Appends bytes at the end of the archive.
    func append(_ bytes: UnsafeRawBufferPointer) throws(ZipError) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        if bytes.count > bufferCapacity - buffered { try flush() }
        if bytes.count >= bufferCapacity {
            try writeAll(base, count: bytes.count, at: flushedOffset)
            flushedOffset += UInt64(bytes.count)
            return
        }
        (buffer + buffered).update(from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        buffered += bytes.count
    }

    /// Appends the bytes held by `bytes`.
    func append(_ bytes: ByteBuffer) throws(ZipError) {
        try append(UnsafeRawBufferPointer(bytes.bytes))
    }

    /// Writes the buffered bytes to the file.
    func flush() throws(ZipError) {
        guard buffered > 0 else { return }
        try writeAll(buffer, count: buffered, at: flushedOffset)
        flushedOffset += UInt64(buffered)
        buffered = 0
    }

    // MARK: Rewriting

    /// Overwrites bytes already appended (in the file, the buffer, or across both).
    func patch(at position: UInt64, with bytes: UnsafeRawBufferPointer) throws(ZipError) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        precondition(position + UInt64(bytes.count) <= offset, "patch beyond the end of the archive")
        var done = 0
        if position < flushedOffset {
            let inFile = Int(min(UInt64(bytes.count), flushedOffset - position))
            try writeAll(base, count: inFile, at: position)
            done = inFile
        }
        if done < bytes.count {
            let start = Int(position + UInt64(done) - flushedOffset)
            (buffer + start).update(
                from: (base + done).assumingMemoryBound(to: UInt8.self), count: bytes.count - done)
        }
    }

    /// Moves every byte from `start` to the end of the archive `distance` bytes further on, leaving a gap (with the
    /// old bytes in it) to be overwritten; copies back to front, one buffer at a time.
    ///
    /// - Complexity: O(*n*) in the bytes moved: reads and writes them once.
    func moveForward(from start: UInt64, by distance: Int) throws(ZipError) {
        try flush()
        precondition(start <= flushedOffset && distance >= 0)
        var end = flushedOffset
        while end > start {
            let count = Int(min(UInt64(bufferCapacity), end - start))
            end -= UInt64(count)
            try readAll(into: buffer, count: count, at: end)
            try writeAll(buffer, count: count, at: end + UInt64(distance))
        }
        flushedOffset += UInt64(distance)
    }

    // MARK: Ending

    /// Flushes, syncs to disk, closes and renames the temporary file over ``path``; the file is complete only now.
    ///
    /// - Throws: `io` for a failed write, sync, close or rename (the temporary file is then removed by ``discard()``).
    func commit() throws(ZipError) {
        try flush()
        if fsync(descriptor) != 0 {
            throw ioError("cannot save the file to disk", errno)
        }
        let closed = close(descriptor)
        let closeError = errno
        descriptor = -1
        if closed != 0 && closeError != EINTR {
            throw ioError("cannot save the file to disk", closeError)
        }
        if rename(temporaryPath, path) != 0 {
            throw ioError("cannot put the finished file in place of its temporary copy", errno)
        }
        ownsTemporaryFile = false
        // Make the rename itself durable; failing here changes nothing about the file, so it is not an error.
        let folder = (try? Self.split(path).folder) ?? "./"
        let directory = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            _ = fsync(directory)
            close(directory)
        }
    }

    /// Closes the descriptor and removes the temporary file; safe to call more than once, and after ``commit()``
    /// (which leaves nothing to remove).
    func discard() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        if ownsTemporaryFile {
            unlink(temporaryPath)
            ownsTemporaryFile = false
        }
    }

    // MARK: System calls

    private func writeAll(_ base: UnsafeRawPointer, count: Int, at position: UInt64) throws(ZipError) {
        if let limit = simulatedDiskSize, position + UInt64(count) > limit {
            throw ioError("cannot write the file", ENOSPC)
        }
        var done = 0
        while done < count {
            let written = pwrite(descriptor, base + done, count - done, off_t(position + UInt64(done)))
            if written > 0 {
                done += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                throw ioError("cannot write the file", written == 0 ? EIO : errno)
            }
        }
    }

    private func readAll(into base: UnsafeMutableRawPointer, count: Int, at position: UInt64) throws(ZipError) {
        var done = 0
        while done < count {
            let read = pread(descriptor, base + done, count - done, off_t(position + UInt64(done)))
            if read > 0 {
                done += read
            } else if read < 0 && errno == EINTR {
                continue
            } else {
                throw ioError("cannot read back the file being written", read == 0 ? EIO : errno)
            }
        }
    }

    private func ioError(_ what: String, _ code: Int32) -> ZipError {
        let advice =
            code == ENOSPC || code == EDQUOT
            ? "free some disk space or choose another folder" : "check the disk and the folder, then try again"
        return ZipError(
            .io, "\(what) (\(Self.systemMessage(code))); nothing was saved — \(advice)", path: path,
            offset: Int(clamping: offset))
    }

    // MARK: Names

    /// The folder part of `path` with its trailing `/` (empty for a bare name) and the file name.
    private static func split(_ path: String) throws(ZipError) -> (folder: String, name: String) {
        let bytes = Array(path.utf8)
        guard let last = bytes.last, last != UInt8(ascii: "/") else {
            throw ZipError(.invalidUse, "the path names no file — give a file name such as report.xlsx", path: path)
        }
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return ("", path) }
        return (
            String(decoding: bytes[...slash], as: UTF8.self), String(decoding: bytes[(slash + 1)...], as: UTF8.self)
        )
    }

    /// `name` cut to at most 200 UTF-8 bytes on a character boundary, so that the temporary name (19 bytes longer)
    /// stays within the usual 255-byte limit of a file name.
    private static func shortened(_ name: String) -> String {
        guard name.utf8.count > 200 else { return name }
        var result = ""
        for character in name {
            if result.utf8.count + character.utf8.count > 200 { break }
            result.append(character)
        }
        return result
    }

    private static func randomSuffix() -> String {
        let digits = String(UInt64.random(in: 0...UInt64.max) & 0xFFFF_FFFF_FFFF, radix: 16)
        return String(repeating: "0", count: 12 - digits.count) + digits
    }

    private static func systemMessage(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
