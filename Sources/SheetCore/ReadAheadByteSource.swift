// Reading ahead on a second thread: while the caller parses one chunk, the wrapped source (typically a ZIP entry
// being inflated and CRC-checked) fills the next ones. On the 100,000-row benchmark workbook, inflating is about
// a sixth of the work of `bieumau cat`; this takes it off the parsing thread (`Benchmarks/run.py`).
//
//   producer thread:  source.read → [chunk 0][chunk 1][chunk 2] (ring) → consumer: read(into:)
//
// Memory is bounded by `chunkCount × chunkSize`. An error from the source is handed to the consumer in order,
// after the bytes that preceded it.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A `ByteSource` that reads its source ahead on a background thread.
///
/// Releasing it stops and joins the thread, wherever the consumer stopped reading.
///
/// ```swift
/// var source = ReadAheadByteSource(wrapping: try archive.reader(for: entry))
/// ```
public final class ReadAheadByteSource: ByteSource {
    private let ring: ReadAheadRing

    /// Starts reading `source` ahead.
    ///
    /// - Parameters:
    ///   - source: the source to read; from now on only the background thread uses it.
    ///   - chunkSize: bytes per read of the source.
    ///   - chunkCount: how many chunks may wait for the consumer.
    public init(wrapping source: some ByteSource, chunkSize: Int = 256 << 10, chunkCount: Int = 4) {
        ring = ReadAheadRing(source: source, chunkSize: chunkSize, chunkCount: chunkCount)
        ring.start()
    }

    deinit { ring.stop() }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try ring.read(into: buffer)
    }
}

/// The state shared by the consumer and the producer thread, which keeps it alive while it runs.
private final class ReadAheadRing: @unchecked Sendable {
    private struct Chunk {
        var bytes: UnsafeMutableRawBufferPointer
        var count = 0
    }

    // Guarded by `monitor`.
    private var chunks: [Chunk]
    private var filled = 0  // chunks ready for the consumer
    private var readIndex = 0  // next chunk the consumer takes
    private var writeIndex = 0  // next chunk the producer fills
    private var finished = false  // the source reached its end or failed
    private var failure: (any Error)?
    private var cancelled = false

    // The consumer's position in the chunk at `readIndex`.
    private var offsetInChunk = 0

    private let monitor = Monitor()
    private var thread: pthread_t?
    /// No thread could be started: the consumer reads the source itself.
    private var readsDirectly = false
    private var source: any ByteSource

    init(source: some ByteSource, chunkSize: Int, chunkCount: Int) {
        self.source = source
        chunks = (0..<max(2, chunkCount)).map { _ in
            Chunk(bytes: .allocate(byteCount: max(4096, chunkSize), alignment: 16))
        }
    }

    func start() {
        thread = WorkerThread.start { self.produce() }
        readsDirectly = thread == nil
    }

    deinit {
        for chunk in chunks { chunk.bytes.deallocate() }
    }

    /// Stops and joins the background thread; the consumer is done (at the end, or giving up early).
    func stop() {
        monitor.lock()
        cancelled = true
        monitor.broadcast()
        monitor.unlock()
        if let thread {
            pthread_join(thread, nil)
            self.thread = nil
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if readsDirectly { return try source.read(into: buffer) }
        monitor.lock()
        while filled == 0 && !finished {
            monitor.wait()
        }
        if filled == 0 {
            let error = failure
            monitor.unlock()
            stop()
            if let error { throw error }
            return 0
        }
        let chunk = chunks[readIndex]
        monitor.unlock()

        let count = min(buffer.count, chunk.count - offsetInChunk)
        buffer.baseAddress!.copyMemory(from: chunk.bytes.baseAddress! + offsetInChunk, byteCount: count)
        offsetInChunk += count
        if offsetInChunk == chunk.count {
            offsetInChunk = 0
            monitor.lock()
            readIndex = (readIndex + 1) % chunks.count
            filled -= 1
            monitor.broadcast()
            monitor.unlock()
        }
        return count
    }

    /// The background loop: fill free chunks until the source ends, fails, or the consumer cancels.
    private func produce() {
        while true {
            monitor.lock()
            while filled == chunks.count && !cancelled {
                monitor.wait()
            }
            if cancelled {
                monitor.unlock()
                return
            }
            let target = chunks[writeIndex].bytes
            monitor.unlock()

            var count = 0
            var error: (any Error)?
            do {
                count = try source.read(into: target)
            } catch let failed {
                error = failed
            }

            monitor.lock()
            if count > 0 {
                chunks[writeIndex].count = count
                writeIndex = (writeIndex + 1) % chunks.count
                filled += 1
            } else {
                finished = true
                failure = error
            }
            monitor.broadcast()
            monitor.unlock()
            if count == 0 { return }
        }
    }
}
