// Writing an output file so that a failed run leaves nothing half-written (DESIGN §6): the bytes go to a temporary
// file in the same folder (same file system, so the final rename is atomic), which is renamed over the real name
// only when everything was written and flushed to disk.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The error of creating, writing or committing an output file.
public struct FileError: Error, CustomStringConvertible, Sendable {
    /// A growable set of error kinds.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        public var description: String { name }

        /// The output exists and replacing it was not asked for.
        public static let exists = Code(name: "exists")
        /// The folder cannot be written (missing, read-only, no permission).
        public static let notWritable = Code(name: "notWritable")
        /// A write or flush failed (disk full, I/O error).
        public static let io = Code(name: "io")
    }

    public var code: Code
    /// The file the error is about.
    public var path: String
    /// The system's error number, when there is one.
    public var errno: Int32?
    /// What happened, in a sentence.
    public var message: String

    public init(_ code: Code, path: String, errno: Int32? = nil, _ message: String) {
        self.code = code
        self.path = path
        self.errno = errno
        self.message = message
    }

    public var description: String {
        let reason = errno.map { " (\(String(cString: strerror($0))))" } ?? ""
        return "\(path): \(message)\(reason)"
    }
}

/// A file being written under a temporary name, made visible under its real name by ``commit(replacing:)``.
///
/// ```swift
/// let output = try OutputFile(path: "out/xa.csv")
/// try output.write(bytes)
/// try output.commit(replacing: false)   // or nothing at all: deinit deletes the temporary file
/// ```
public final class OutputFile {
    /// The name the file gets when committed.
    public let path: String
    /// The temporary file's name, beside `path`.
    public let temporaryPath: String
    /// The open descriptor of the temporary file, for writers that write themselves (`pwrite`, a CSV writer).
    public private(set) var fileDescriptor: Int32
    private var finished = false

    /// Creates the temporary file `.NAME.tmp-XXXXXX` in the folder of `path`.
    ///
    /// - Throws: ``FileError`` with code `notWritable` when the folder cannot take a new file.
    public init(path: String) throws(FileError) {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(folder).\(name).tmp-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw FileError(.notWritable, path: path, errno: errno, "cannot create a file in this folder")
        }
        fileDescriptor = descriptor
        temporaryPath = String(cString: template)
        fchmod(descriptor, 0o644)
    }

    deinit { discard() }

    /// Appends bytes at the end of the file.
    ///
    /// - Throws: ``FileError`` with code `io` (a full disk, an I/O error).
    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileError) {
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(fileDescriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw FileError(.io, path: path, errno: errno, "cannot write the output")
            }
            offset += written
        }
    }

    /// Appends bytes at the end of the file.
    public func write(_ bytes: [UInt8]) throws(FileError) {
        let failure = bytes.withUnsafeBytes { buffer -> FileError? in
            do throws(FileError) {
                try write(buffer)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    /// Flushes the file to disk and gives it its real name.
    ///
    /// - Parameter replacing: whether an existing file at `path` may be replaced; when not, an existing file is left
    ///   untouched and the call throws `exists`.
    /// - Throws: ``FileError``; the temporary file is deleted whatever happens.
    public func commit(replacing: Bool) throws(FileError) {
        guard !finished else { return }
        defer { discard() }
        guard fsync(fileDescriptor) == 0 else {
            throw FileError(.io, path: path, errno: errno, "cannot flush the output to disk")
        }
        close(fileDescriptor)
        fileDescriptor = -1
        if replacing {
            guard rename(temporaryPath, path) == 0 else {
                throw FileError(.io, path: path, errno: errno, "cannot give the output its name")
            }
        } else {
            // link(2) fails with EEXIST instead of replacing: an existing file is never overwritten, even by a race.
            guard link(temporaryPath, path) == 0 else {
                let error = errno
                if error == EEXIST {
                    throw FileError(.exists, path: path, "the output already exists; use --force to replace it")
                }
                throw FileError(.io, path: path, errno: error, "cannot give the output its name")
            }
        }
        finished = true
    }

    /// Closes and deletes the temporary file, if it is still there.
    public func discard() {
        if fileDescriptor >= 0 {
            close(fileDescriptor)
            fileDescriptor = -1
        }
        unlink(temporaryPath)
        finished = true
    }
}

/// `write(2)`, under a name that the method `OutputFile.write` does not hide.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
