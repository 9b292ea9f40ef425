import CZlib

// Deflating an entry as a run of independent chunks (the scheme of pigz), so that several threads can deflate one
// entry and the bytes do not depend on how many did:
//
//   entry bytes:   [ chunk 0 (256 KiB) ][ chunk 1 ][ chunk 2 ] … [ last, possibly empty ]
//   dictionary:      none                └32 KiB┘   └32 KiB┘       └32 KiB┘  the previous chunk's tail
//   raw deflate:   [ blocks … sync ]     [ … sync ] [ … sync ] … [ … final block ]
//
// Each chunk is deflated by a fresh stream (`deflateReset`) primed with the last 32 KiB of the chunk before it
// (`deflateSetDictionary`: the whole window of raw deflate, RFC 1951 §2.2), so matches reach back across chunk
// boundaries as they would in one stream. A chunk that is not the last ends with Z_SYNC_FLUSH: its last block is not
// final and an empty stored block aligns it to a byte, so the chunks' outputs concatenate into one valid deflate
// stream (RFC 1951 §3.2.4); the last chunk ends with Z_FINISH. The CRC-32 of each chunk is combined in order with
// `crc32_combine`. On worksheet XML this costs under 0.1 % of size against one stream.

/// A chunk of an entry: its uncompressed bytes preceded by its dictionary, and its deflated bytes once compressed.
///
/// Memory: `[ dictionary (≤ 32 KiB, right-aligned) | input (≤ chunkSize) ]`, then a separate, growable output.
final class DeflateChunk {
    /// Bytes reserved for the dictionary: the raw deflate window.
    static let dictionaryCapacity = 32 << 10

    let inputCapacity: Int
    private let storage: UnsafeMutableRawPointer
    /// Bytes of dictionary, ending where the input starts.
    var dictionaryCount = 0
    /// Bytes of input.
    var inputCount = 0

    private(set) var output: UnsafeMutableRawPointer
    private(set) var outputCapacity: Int
    /// Deflated bytes in `output`.
    var outputCount = 0
    /// CRC-32 of the input.
    var crc: UInt32 = 0
    /// Set (under the pipeline's lock) once the chunk is deflated and waits to be written.
    var isCompressed = false

    init(inputCapacity: Int) {
        self.inputCapacity = inputCapacity
        storage = .allocate(byteCount: Self.dictionaryCapacity + inputCapacity, alignment: 16)
        // Room for worst-case deflate expansion (stored blocks: 5 bytes per 64 KiB) and the flush markers.
        outputCapacity = inputCapacity + inputCapacity / 64 + 1024
        output = .allocate(byteCount: outputCapacity, alignment: 16)
    }

    deinit {
        storage.deallocate()
        output.deallocate()
    }

    /// Where the input starts; the caller copies bytes here.
    var input: UnsafeMutableRawPointer { storage + Self.dictionaryCapacity }

    /// The dictionary bytes, just before the input.
    var dictionary: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: input - dictionaryCount, count: dictionaryCount)
    }

    /// Makes the last ≤ 32 KiB of `previous`'s input this chunk's dictionary and empties the input.
    func start(after previous: DeflateChunk?) {
        inputCount = 0
        guard let previous else {
            dictionaryCount = 0
            return
        }
        // The previous chunk's own dictionary continues into its input, so a short previous chunk still gives a full
        // window: take the 32 KiB ending where its input ends.
        let available = previous.dictionaryCount + previous.inputCount
        dictionaryCount = min(Self.dictionaryCapacity, available)
        let source = previous.input + previous.inputCount - dictionaryCount
        (input - dictionaryCount).copyMemory(from: source, byteCount: dictionaryCount)
    }

    /// Makes sure `needed` more bytes fit after `outputCount`.
    func reserveOutput(_ needed: Int) {
        guard outputCapacity - outputCount < needed else { return }
        let capacity = max(outputCapacity * 2, outputCount + needed)
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        bigger.copyMemory(from: output, byteCount: outputCount)
        output.deallocate()
        output = bigger
        outputCapacity = capacity
    }
}

/// One zlib raw-deflate stream, reused chunk after chunk by one thread.
final class ChunkDeflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private let path: String

    /// Starts a raw deflate stream at `level` (0–9, or -1 for zlib's default, 6), memLevel 8.
    ///
    /// - Throws: `io` when zlib cannot allocate its state.
    init(level: Int32, path: String) throws(ZipError) {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // deflateInit2 is a macro; this is its expansion. Negative window bits: raw deflate, no zlib header (APPNOTE
        // 4.4.5 method 8 is RFC 1951 data as such).
        let status = deflateInit2_(
            stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw ZipError(
                .io, "zlib could not start deflating (status \(status)) — the system may be out of memory", path: path)
        }
        self.stream = stream
        self.path = path
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Deflates `chunk`'s input into its output and computes its CRC-32.
    ///
    /// - Parameters:
    ///   - chunk: the chunk, with its dictionary set.
    ///   - isLast: end the deflate stream (final block) rather than sync-flushing.
    /// - Complexity: O(*n*) in the chunk's size; allocates only if the output outgrows its buffer.
    func compress(_ chunk: DeflateChunk, isLast: Bool) throws(ZipError) {
        var status = deflateReset(stream)
        guard status == Z_OK else { throw zlibError(status) }
        if chunk.dictionaryCount > 0 {
            let dictionary = chunk.dictionary
            status = deflateSetDictionary(
                stream, dictionary.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(dictionary.count))
            guard status == Z_OK else { throw zlibError(status) }
        }
        let input = chunk.input.assumingMemoryBound(to: Bytef.self)
        chunk.crc = UInt32(truncatingIfNeeded: crc32(0, input, uInt(chunk.inputCount)))
        stream.pointee.next_in = input
        stream.pointee.avail_in = uInt(chunk.inputCount)
        chunk.outputCount = 0
        let flush = isLast ? Z_FINISH : Z_SYNC_FLUSH
        while true {
            chunk.reserveOutput(4096)
            let room = chunk.outputCapacity - chunk.outputCount
            stream.pointee.next_out = (chunk.output + chunk.outputCount).assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(room)
            status = deflate(stream, flush)
            chunk.outputCount += room - Int(stream.pointee.avail_out)
            guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else { throw zlibError(status) }
            // Done when the stream ended (Z_FINISH), or when a sync flush left output space unused (zlib's rule:
            // avail_out == 0 means "call again with the same flush").
            if isLast ? status == Z_STREAM_END : stream.pointee.avail_out > 0 && stream.pointee.avail_in == 0 {
                break
            }
        }
    }

    private func zlibError(_ status: Int32) -> ZipError {
        let detail = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
        return ZipError(.io, "zlib failed while deflating (\(detail))", path: path)
    }
}
