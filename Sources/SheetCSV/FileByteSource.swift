import SheetCore

// Reading a file through read(2) into the caller's buffer: no copy beyond the kernel's, no Foundation.
#if canImport(Glibc)
    import Glibc
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    import Darwin
    private let systemRead = Darwin.read
#endif

/// A `ByteSource` over a file, read sequentially with `read(2)`; the descriptor is closed when the source is
/// released.
///
/// ```swift
/// let source = try FileByteSource(path: "Benchmarks/data/bench.csv")
/// let reader = try CSVReader(source: source)
/// ```
public final class FileByteSource: ByteSource {
    private let fileDescriptor: Int32
    private let path: String

    /// Opens `path` for reading.
    ///
    /// - Throws: ``CSVError/Code/sourceFailed`` when the file cannot be opened (missing, a folder, no permission).
    public init(path: String) throws(CSVError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            throw CSVError(
                .sourceFailed, "cannot open \(path): \(String(cString: strerror(code)))",
                cause: FileByteSource.Failure(errno: code, path: path))
        }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw CSVError(
                .sourceFailed, "cannot read \(path): it is a folder",
                cause: FileByteSource.Failure(errno: EISDIR, path: path))
        }
        #if canImport(Glibc)
            _ = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        #endif
        fileDescriptor = descriptor
        self.path = path
    }

    deinit { close(fileDescriptor) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = systemRead(fileDescriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw Failure(errno: errno, path: path)
        }
    }

    /// Why the file could not be opened or read: its `errno`.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var errno: Int32
        public var path: String
        public var description: String { "\(path): \(String(cString: strerror(errno)))" }
    }
}
