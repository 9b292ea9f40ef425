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

/// A temporary file beside the destination (SheetCore's `OutputFile`) with an output buffer in front of it.
final class ZipOutputFile {
    /// The destination, named in every error.
    var path: String { file.path }
    /// The hidden file the archive is written to until ``commit()`` renames it.
    var temporaryPath: String { file.temporaryPath }
    /// Bytes buffered before a `pwrite`; also the scratch space of ``moveForward(from:by:)``.
    let bufferCapacity: Int

    private let file: OutputFile
    private var descriptor: Int32 { file.fileDescriptor }
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
        do {
            file = try OutputFile(path: path)
        } catch {
            throw ZipOutputFile.zipError(error)
        }
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
        do {
            try file.commit(replacing: true)
        } catch {
            throw ZipOutputFile.zipError(error)
        }
    }

    /// Closes the descriptor and removes the temporary file; safe to call more than once, and after ``commit()``
    /// (which leaves nothing to remove).
    func discard() {
        file.discard()
    }

    /// A file error in the words of the ZIP writer: what failed, why, and what to do.
    private static func zipError(_ error: FileError) -> ZipError {
        guard error.code != .notWritable else {
            let reason = error.errno.map { " (\(systemMessage($0)))" } ?? ""
            return ZipError(
                error.errno == nil ? .invalidUse : .io,
                "\(error.message)\(reason) — check that the folder exists and that you may write to it",
                path: error.path)
        }
        let code = error.errno ?? EIO
        let advice =
            code == ENOSPC || code == EDQUOT
            ? "free some disk space or choose another folder" : "check the disk and the folder, then try again"
        return ZipError(
            .io, "\(error.message) (\(systemMessage(code))); nothing was saved — \(advice)", path: error.path)
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

    private static func systemMessage(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
