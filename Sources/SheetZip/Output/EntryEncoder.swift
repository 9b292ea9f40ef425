import CZlib

// Encoding one entry's data (APPNOTE 4.3.8), the counterpart of EntryDecoder: a raw deflate stream (RFC 1951, no
// zlib or gzip wrapper) from zlib's `deflateInit2(-MAX_WBITS, memLevel 8)`, and the CRC-32 of the uncompressed bytes.
//
//   caller's bytes ──crc32──▶ CRC-32 ─┐
//                  ──deflate(Z_NO_FLUSH)──▶ output buffer ──pwrite──▶ temporary file
//   finish: deflate(Z_FINISH) ────────┴──▶ CRC-32, compressed and uncompressed sizes for the headers
//
// One z_stream serves every entry of an archive: `deflateReset` between entries keeps its 256 KiB of state.

/// The deflate stream and checksums of the entry being written.
///
/// Used by one thread at a time: the caller's, or the compression thread of a ``CompressionPipeline``.
final class EntryEncoder {
    /// Largest piece handed to zlib at once: its length fields (`uInt`) are 32 bits wide.
    private static let maximumPiece = 1 << 30
    /// Free output space below which the buffer is flushed before deflating more.
    private static let minimumOutputSpace = 16 << 10

    private let stream: UnsafeMutablePointer<z_stream>
    private let output: ZipOutputFile

    /// CRC-32 of the uncompressed bytes so far.
    private(set) var crc: UInt32 = 0
    /// Uncompressed bytes taken so far.
    private(set) var uncompressedSize: UInt64 = 0
    /// Deflated bytes produced so far.
    private(set) var compressedSize: UInt64 = 0

    /// Starts a raw deflate stream at `level` (0–9, or -1 for zlib's default, 6).
    ///
    /// - Throws: `io` when zlib cannot allocate its state.
    init(level: Int32, output: ZipOutputFile) throws(ZipError) {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // deflateInit2 is a macro; this is its expansion. Negative window bits: raw deflate, no header (APPNOTE 4.4.5
        // method 8 is RFC 1951 data as such).
        let status = deflateInit2_(
            stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw ZipError(
                .io, "zlib could not start deflating (status \(status)) — the system may be out of memory",
                path: output.path)
        }
        self.stream = stream
        self.output = output
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Starts a new entry: fresh stream, CRC-32 and counts.
    func reset() throws(ZipError) {
        let status = deflateReset(stream)
        guard status == Z_OK else { throw zlibError(status) }
        crc = 0
        uncompressedSize = 0
        compressedSize = 0
    }

    /// Checksums and deflates `bytes`, appending whatever zlib emits to the output.
    ///
    /// - Complexity: O(*n*); no allocation.
    func compress(_ bytes: UnsafeRawBufferPointer) throws(ZipError) {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: Bytef.self), !bytes.isEmpty else { return }
        var done = 0
        while done < bytes.count {
            let count = min(bytes.count - done, Self.maximumPiece)
            let piece = base + done
            crc = UInt32(truncatingIfNeeded: crc32(uLong(crc), piece, uInt(count)))
            stream.pointee.next_in = UnsafeMutablePointer(mutating: piece)
            stream.pointee.avail_in = uInt(count)
            while stream.pointee.avail_in > 0 {
                _ = try run(Z_NO_FLUSH)
            }
            done += count
        }
        uncompressedSize += UInt64(bytes.count)
    }

    /// Ends the deflate stream, appending its last blocks to the output.
    func finish() throws(ZipError) {
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        while try run(Z_FINISH) != Z_STREAM_END {}
    }

    /// One call to `deflate` into the output buffer's free space; returns zlib's status.
    private func run(_ flush: Int32) throws(ZipError) -> Int32 {
        let space = try output.freeSpace(minimum: Self.minimumOutputSpace)
        let room = uInt(min(space.count, Self.maximumPiece))
        stream.pointee.next_out = space.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = room
        let status = deflate(stream, flush)
        let produced = Int(room - stream.pointee.avail_out)
        output.commit(produced)
        compressedSize += UInt64(produced)
        // Z_BUF_ERROR only says no progress was possible this time; with output space given, the next call makes some.
        guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else { throw zlibError(status) }
        return status
    }

    private func zlibError(_ status: Int32) -> ZipError {
        let detail = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
        return ZipError(.io, "zlib failed while deflating (\(detail))", path: output.path)
    }
}
