// A worksheet's rows held back until its used range is known: an unnamed temporary file beside the output,
// removed from the folder as soon as it is made (so nothing is left behind, even if the process dies) and read
// back once when the sheet is finished.
import SheetCore
import SheetZip

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An append-then-read-once temporary file.
final class SpillFile {
    private var descriptor: Int32
    /// Bytes written so far.
    private(set) var size = 0

    /// Creates the file in `directory` and unlinks it at once.
    ///
    /// - Throws: ``XLSXError`` `.output` when the folder cannot hold a new file.
    init(directory: String) throws(XLSXError) {
        var template = Array((directory + "/.bieumau-rows-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw XLSXError(.output, "cannot create a temporary file in \(directory): \(Self.lastError())")
        }
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        descriptor = fd
    }

    deinit { close() }

    /// Appends bytes at the end of the file.
    func append(_ bytes: UnsafeBufferPointer<UInt8>) throws(XLSXError) {
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(descriptor, base, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw XLSXError(.output, "cannot write the temporary file of a sheet: \(Self.lastError())")
            }
            remaining -= written
            base += written
            size += written
        }
    }

    /// Reads the whole file from its start in chunks of at most `chunkSize` bytes.
    func readAll(
        chunkSize: Int, _ body: (UnsafeRawBufferPointer) throws(XLSXError) -> Void
    ) throws(XLSXError) {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        var offset = 0
        while offset < size {
            let read = pread(descriptor, chunk.baseAddress!, min(chunkSize, size - offset), off_t(offset))
            if read < 0 {
                if errno == EINTR { continue }
                throw XLSXError(.output, "cannot read back the temporary file of a sheet: \(Self.lastError())")
            }
            guard read > 0 else { throw XLSXError(.output, "the temporary file of a sheet ended early") }
            try body(UnsafeRawBufferPointer(rebasing: chunk[0..<read]))
            offset += read
        }
    }

    /// Closes the file, which frees its space.
    func close() {
        if descriptor >= 0 {
            closeDescriptor(descriptor)
            descriptor = -1
        }
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}

/// The system's `close`, out of reach of ``SpillFile/close()``'s name.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
