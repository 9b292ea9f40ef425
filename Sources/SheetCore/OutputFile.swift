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
    /// The temporary file's name, `.NAME.tmp-<random>` beside `path`.
    public let temporaryPath: String
    /// The open descriptor of the temporary file (read and write), for writers that write themselves (`pwrite`, a
    /// CSV writer); `-1` once committed or discarded.
    public private(set) var fileDescriptor: Int32
    /// Whether `temporaryPath` is ours to remove: true from creation until the rename.
    private var ownsTemporaryFile = true

    /// Creates the temporary file in the folder of `path`.
    ///
    /// - Throws: ``FileError`` with code `notWritable` when `path` names no file or its folder cannot take a new
    ///   file (missing, read-only, no permission).
    public init(path: String) throws(FileError) {
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
            throw FileError(.notWritable, path: path, errno: code, "cannot create a file in the folder \(shownFolder)")
        }
        self.path = path
        self.temporaryPath = candidate
        self.fileDescriptor = descriptor
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

    /// Flushes the file to disk and gives it its real name; the file is complete only now.
    ///
    /// - Parameter replacing: whether an existing file at `path` may be replaced; when not, an existing file is left
    ///   untouched and the call throws `exists`.
    /// - Throws: ``FileError``; the temporary file is deleted whatever happens.
    public func commit(replacing: Bool) throws(FileError) {
        guard fileDescriptor >= 0 else { return }
        defer { discard() }
        guard fsync(fileDescriptor) == 0 else {
            throw FileError(.io, path: path, errno: errno, "cannot save the file to disk")
        }
        let closed = close(fileDescriptor)
        let closeError = errno
        fileDescriptor = -1
        if closed != 0 && closeError != EINTR {
            throw FileError(.io, path: path, errno: closeError, "cannot save the file to disk")
        }
        if replacing {
            guard rename(temporaryPath, path) == 0 else {
                throw FileError(
                    .io, path: path, errno: errno, "cannot put the finished file in place of its temporary copy")
            }
            ownsTemporaryFile = false
        } else {
            // link(2) fails with EEXIST instead of replacing: an existing file is never overwritten, even by a race.
            guard link(temporaryPath, path) == 0 else {
                let error = errno
                if error == EEXIST {
                    throw FileError(.exists, path: path, "the output already exists; use --force to replace it")
                }
                throw FileError(
                    .io, path: path, errno: error, "cannot put the finished file in place of its temporary copy")
            }
        }
        // Make the new name durable; failing here changes nothing about the file, so it is not an error.
        let folder = (try? Self.split(path).folder) ?? ""
        let directory = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            _ = fsync(directory)
            close(directory)
        }
    }

    /// Closes the descriptor and removes the temporary file; safe to call more than once, and after
    /// ``commit(replacing:)``.
    public func discard() {
        if fileDescriptor >= 0 {
            close(fileDescriptor)
            fileDescriptor = -1
        }
        if ownsTemporaryFile {
            unlink(temporaryPath)
            ownsTemporaryFile = false
        }
    }

    // MARK: Names

    /// The folder part of `path` with its trailing `/` (empty for a bare name) and the file name.
    private static func split(_ path: String) throws(FileError) -> (folder: String, name: String) {
        let bytes = Array(path.utf8)
        guard let last = bytes.last, last != UInt8(ascii: "/") else {
            throw FileError(.notWritable, path: path, "the path names no file")
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
}

/// `write(2)`, under a name that the method `OutputFile.write` does not hide.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
