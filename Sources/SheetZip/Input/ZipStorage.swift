#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes of an archive, read at offsets: a file through `pread`, or an array in memory.
///
/// Shared by a ``ZipArchive`` and the ``ZipEntryReader``s it hands out, so a reader keeps the file open after the
/// archive object is gone; the descriptor is closed when the last of them is released. It also counts the bytes
/// produced from the archive, for ``ZipLimits/maxTotalSize``.
final class ZipStorage {
    private enum Backing {
        case file(descriptor: Int32)
        case memory([UInt8])
    }

    private let backing: Backing
    /// The archive's path, for error messages; `nil` in memory.
    let path: String?
    /// Size of the file or array, in bytes.
    let size: UInt64
    /// Uncompressed bytes produced so far by all readers of this archive.
    var totalProduced: UInt64 = 0

    /// Opens `path` read-only. The file is not read here.
    ///
    /// - Throws: `io` when the file cannot be opened or is not a regular file.
    init(path: String) throws(ZipError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ZipError(.io, "cannot open the file: \(Self.systemMessage(errno))", path: path)
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw ZipError(.io, "cannot read the file's size: \(Self.systemMessage(code))", path: path)
        }
        guard (status.st_mode & S_IFMT) == S_IFREG, status.st_size >= 0 else {
            close(descriptor)
            throw ZipError(.io, "not a regular file — give the path of an .xlsx or .zip file", path: path)
        }
        self.backing = .file(descriptor: descriptor)
        self.path = path
        self.size = UInt64(status.st_size)
    }

    /// Wraps bytes already in memory.
    init(bytes: [UInt8]) {
        self.backing = .memory(bytes)
        self.path = nil
        self.size = UInt64(bytes.count)
    }

    deinit {
        if case .file(let descriptor) = backing {
            close(descriptor)
        }
    }

    /// Fills `buffer` with the bytes at `offset`, stopping early only at the end of the archive.
    ///
    /// - Returns: the number of bytes read; less than `buffer.count` only when the archive ends first.
    /// - Throws: `io` when the system read fails.
    func read(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer, entry: String? = nil) throws(ZipError)
        -> Int
    {
        guard offset < size, let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
        let wanted = Int(min(UInt64(buffer.count), size - offset))
        switch backing {
        case .memory(let bytes):
            return bytes.withUnsafeBytes { source in
                // offset < size == bytes.count, so the conversion is exact and the source is not empty.
                guard let start = source.baseAddress else { return 0 }
                base.copyMemory(from: start + Int(offset), byteCount: wanted)
                return wanted
            }
        case .file(let descriptor):
            var done = 0
            while done < wanted {
                let position = offset + UInt64(done)  // < size ≤ Int64.max
                let count = pread(descriptor, base + done, wanted - done, off_t(position))
                if count > 0 {
                    done += count
                } else if count == 0 {
                    break  // the file shrank under us: report what we have, the caller says "truncated"
                } else if errno != EINTR {
                    throw ZipError(
                        .io, "cannot read the file: \(Self.systemMessage(errno))", path: path, entry: entry,
                        offset: Int(position))
                }
            }
            return done
        }
    }

    /// Reads exactly `count` bytes at `offset` into a new array.
    ///
    /// - Throws: `truncated` when the archive ends first (with `what` naming the structure), `io` on a failed read.
    func readExactly(at offset: UInt64, count: Int, what: String, entry: String? = nil) throws(ZipError) -> [UInt8] {
        var failure: ZipError?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            let result = Result { () throws(ZipError) in
                try read(at: offset, into: UnsafeMutableRawBufferPointer(buffer), entry: entry)
            }
            switch result {
            case .success(let count): initialized = count
            case .failure(let error): (initialized, failure) = (0, error)
            }
        }
        if let failure { throw failure }
        guard bytes.count == count else {
            throw ZipError(
                .truncated, "the file ends inside the \(what) — it was cut short; copy or download it again",
                path: path, entry: entry, offset: Int(clamping: offset))
        }
        return bytes
    }

    private static func systemMessage(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
