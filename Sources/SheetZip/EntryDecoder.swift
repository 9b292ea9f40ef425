import CZlib
import SheetCore

// Decoding one entry's data (APPNOTE 4.3.8): method 0 copies the stored bytes, method 8 is a raw deflate stream
// (RFC 1951, no zlib or gzip wrapper) inflated with zlib's `inflateInit2(-MAX_WBITS)`.
//
//   archive ──pread 64 KiB──▶ input buffer ──inflate──▶ caller's buffer ──▶ CRC-32, size and limit checks
//
// Output per call is capped at the declared size plus one byte, so an entry that lies about its size is caught
// after at most one extra byte, whatever the caller's buffer size.

/// The state of one entry being read; shared by copies of a ``ZipEntryReader``.
final class EntryDecoder {
    private enum Method {
        case stored
        case deflate(UnsafeMutablePointer<z_stream>)
    }

    /// Compressed input read from the archive per `pread`.
    static let inputChunkSize = 64 << 10

    let entry: ZipEntry
    /// Uncompressed bytes produced so far.
    private(set) var produced: UInt64 = 0

    private let storage: ZipStorage
    private let limits: ZipLimits
    private let method: Method
    private let dataStart: UInt64
    /// Reused compressed-input buffer (empty for stored entries).
    private let input: UnsafeMutableRawBufferPointer
    /// Absolute offset of the next compressed byte to read.
    private var inputOffset: UInt64
    /// Compressed bytes not yet read from the archive.
    private var inputRemaining: UInt64
    private var crc: uLong = 0
    private var finished = false
    /// Set by the first error; every later read throws it again.
    private var failure: ZipError?

    init(storage: ZipStorage, entry: ZipEntry, limits: ZipLimits, dataStart: UInt64) throws(ZipError) {
        self.storage = storage
        self.entry = entry
        self.limits = limits
        self.dataStart = dataStart
        self.inputOffset = dataStart
        self.inputRemaining = entry.compressedSize
        // A deflated entry with no data at all is an empty file to some producers: read it as stored.
        if entry.method == ZipFormat.methodStored || (entry.compressedSize == 0 && entry.uncompressedSize == 0) {
            self.method = .stored
            self.input = UnsafeMutableRawBufferPointer(start: nil, count: 0)
            return
        }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // inflateInit2 is a macro; this is its expansion. Negative window bits: raw deflate, no header.
        let status = inflateInit2_(stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw ZipError(
                .io, "zlib could not start inflating (status \(status)) — the system may be out of memory",
                path: storage.path, entry: entry.name)
        }
        self.method = .deflate(stream)
        let size = Int(min(UInt64(Self.inputChunkSize), max(entry.compressedSize, 1)))
        self.input = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
    }

    deinit {
        if case .deflate(let stream) = method {
            inflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        input.deallocate()
    }

    /// Fills the start of `buffer`; `0` once the entry has been read and verified.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ZipError) -> Int {
        if let failure { throw failure }
        guard !finished, let output = buffer.baseAddress, !buffer.isEmpty else { return 0 }
        do {
            switch method {
            case .stored: return try readStored(into: output, capacity: buffer.count)
            case .deflate(let stream): return try inflate(stream, into: output, capacity: buffer.count)
            }
        } catch {
            failure = error
            throw error
        }
    }

    // MARK: Methods

    private func readStored(into output: UnsafeMutableRawPointer, capacity: Int) throws(ZipError) -> Int {
        let remaining = entry.uncompressedSize - produced  // produced ≤ uncompressedSize, checked in account
        guard remaining > 0 else {
            try finish()
            return 0
        }
        let count = Int(min(UInt64(capacity), remaining))
        try readInput(into: UnsafeMutableRawBufferPointer(start: output, count: count))
        try account(output, count)
        if produced == entry.uncompressedSize { try finish() }
        return count
    }

    private func inflate(_ stream: UnsafeMutablePointer<z_stream>, into output: UnsafeMutableRawPointer, capacity: Int)
        throws(ZipError) -> Int
    {
        // Room for the declared remainder plus one byte: enough to notice an entry that inflates to more.
        let remaining = entry.uncompressedSize - produced
        let room = UInt32(clamping: min(UInt64(capacity), remaining.adding(1) ?? .max))
        stream.pointee.next_out = output.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = room
        var ended = false
        while true {
            if stream.pointee.avail_in == 0, inputRemaining > 0 { try refill(stream) }
            let status = CZlib.inflate(stream, Z_NO_FLUSH)
            if status == Z_STREAM_END {
                ended = true
                break
            }
            if status == Z_OK {
                // Progress was made; go on until the caller's buffer is full (or the input is exhausted and
                // inflate says so with Z_BUF_ERROR).
                if stream.pointee.avail_out == 0 { break }
                continue
            }
            if status == Z_BUF_ERROR, stream.pointee.avail_in == 0 {
                if inputRemaining > 0 { continue }
                if stream.pointee.avail_out < room { break }  // hand out what we have; the next call throws
                throw error(
                    .corruptDeflateData,
                    "the compressed data ends before the deflate stream does — the file is "
                        + "damaged or was cut short", offset: inputOffset)
            }
            let detail = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
            throw error(
                .corruptDeflateData, "the deflate data is invalid (\(detail)) — the file is damaged",
                offset: dataStart + UInt64(stream.pointee.total_in))
        }
        let written = Int(room - stream.pointee.avail_out)
        try account(output, written)
        // Ratio of output to compressed input consumed so far, once past the threshold.
        let consumed = max(UInt64(stream.pointee.total_in), 1)
        if produced > limits.compressionRatioThreshold,
            produced > (consumed.multiplied(by: limits.maxCompressionRatio) ?? .max)
        {
            throw error(
                .limitExceeded,
                "the entry inflates \(consumed) compressed bytes to more than \(produced), a ratio "
                    + "above the limit of \(limits.maxCompressionRatio) (ZipLimits.maxCompressionRatio; \(ReadLimits.hint("zip.maxCompressionRatio"))) — likely a "
                    + "zip bomb", offset: inputOffset)
        }
        if ended { try finish() }
        return written
    }

    /// Reads exactly `buffer.count` bytes of the entry's data from the archive and moves past them.
    private func readInput(into buffer: UnsafeMutableRawBufferPointer) throws(ZipError) {
        let got = try storage.read(at: inputOffset, into: buffer, entry: entry.name)
        guard got == buffer.count else {
            throw error(
                .truncated, "the file ends inside the entry's data — it was cut short; copy or download it again",
                offset: inputOffset + UInt64(got))
        }
        inputOffset += UInt64(buffer.count)
        inputRemaining -= UInt64(buffer.count)
    }

    /// Reads the next chunk of compressed data into the input buffer and hands it to zlib.
    private func refill(_ stream: UnsafeMutablePointer<z_stream>) throws(ZipError) {
        let count = Int(min(UInt64(input.count), inputRemaining))
        try readInput(into: UnsafeMutableRawBufferPointer(rebasing: input[0..<count]))
        stream.pointee.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = uInt(count)
    }

    // MARK: Checks

    /// Counts `count` new bytes at `output`: CRC-32, declared size, entry and archive limits.
    private func account(_ output: UnsafeMutableRawPointer, _ count: Int) throws(ZipError) {
        guard count > 0 else { return }
        crc = crc32(crc, output.assumingMemoryBound(to: Bytef.self), uInt(count))
        produced += UInt64(count)  // ≤ declared + 1, far from overflow
        storage.totalProduced = storage.totalProduced.adding(UInt64(count)) ?? .max
        guard produced <= entry.uncompressedSize else {
            throw error(
                .sizeMismatch,
                "the entry inflates to more than the \(entry.uncompressedSize) bytes the archive "
                    + "records — the file is damaged or built to attack unzip tools", offset: inputOffset)
        }
        guard produced <= limits.maxEntrySize else {
            throw error(
                .limitExceeded,
                "the entry produced more than the limit of \(limits.maxEntrySize) bytes "
                    + "(ZipLimits.maxEntrySize; \(ReadLimits.hint("zip.maxEntrySize")))", offset: inputOffset)
        }
        guard storage.totalProduced <= limits.maxTotalSize else {
            throw error(
                .limitExceeded,
                "the archive produced more than the limit of \(limits.maxTotalSize) bytes in total "
                    + "(ZipLimits.maxTotalSize; \(ReadLimits.hint("zip.maxTotalSize")))", offset: inputOffset)
        }
    }

    /// Verifies size and CRC-32 once the data has ended.
    private func finish() throws(ZipError) {
        finished = true
        guard produced == entry.uncompressedSize else {
            throw error(
                .sizeMismatch,
                "the entry holds \(produced) bytes, the archive records \(entry.uncompressedSize) — "
                    + "the file is damaged", offset: inputOffset)
        }
        let computed = UInt32(truncatingIfNeeded: crc)
        guard computed == entry.crc32 else {
            throw error(
                .crcMismatch,
                "CRC-32 mismatch (stored \(ZipError.hex(entry.crc32)), computed "
                    + "\(ZipError.hex(computed))) — the file is damaged; ask the sender for a fresh copy",
                offset: dataStart)
        }
    }

    private func error(_ code: ZipError.Code, _ message: String, offset: UInt64) -> ZipError {
        ZipError(code, message, path: storage.path, entry: entry.name, offset: Int(clamping: offset))
    }
}
