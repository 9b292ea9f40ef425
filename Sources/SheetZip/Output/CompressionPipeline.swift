// Compressing on a second thread, so that generating XML (the caller) and deflating it overlap on two cores; the
// reverse of ReadAheadByteSource in SheetCore, with the same ring and the same mutex + condition variable.
//
//   caller: write(bytes) ─copy─▶ [chunk 0][chunk 1][chunk 2][chunk 3] (ring) ─▶ thread: CRC-32, deflate, pwrite
//
// The caller fills one chunk at a time and hands it over when full; the thread compresses chunks in order. Memory is
// bounded by `chunkCount × chunkSize`. The encoder and output file belong to the thread while any chunk is pending
// and to the caller once `drain()` has seen the ring empty: the mutex orders the two. The thread is started at the
// first full chunk, so archives of small parts never start one. An error on the thread stops further compression
// (later chunks are skipped, never left to block the caller) and is thrown by the caller's next call.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A ring of chunks between the caller of ``ZipWriter/write(_:)-(UnsafeRawBufferPointer)`` and a compression thread.
final class CompressionPipeline: @unchecked Sendable {
    private let encoder: EntryEncoder
    private let output: ZipOutputFile
    private let chunkSize: Int
    private let chunks: [UnsafeMutableRawPointer]

    // The caller's side only.
    private var fillIndex = 0
    private var fillCount = 0
    private var thread: pthread_t?
    /// No thread could be started: full chunks are compressed on the caller's thread.
    private var compressesInline = false

    // Guarded by `mutex`.
    private var pending = 0  // chunks handed over and not yet done (the one being compressed included)
    private var takeIndex = 0  // the chunk the thread compresses next
    private var failure: ZipError?
    private var stopping = false
    private var cancelled = false
    private var publishedOffset: UInt64 = 0  // the archive's size after the last chunk the thread finished

    private var mutex = pthread_mutex_t()
    private var changed = pthread_cond_t()

    /// Creates the ring; no thread runs yet.
    init(encoder: EntryEncoder, output: ZipOutputFile, chunkSize: Int, chunkCount: Int) {
        self.encoder = encoder
        self.output = output
        self.chunkSize = max(1, chunkSize)
        self.chunks = (0..<max(2, chunkCount)).map { _ in
            UnsafeMutableRawPointer.allocate(byteCount: max(1, chunkSize), alignment: 16)
        }
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&changed, nil)
    }

    deinit {
        for chunk in chunks { chunk.deallocate() }
        pthread_cond_destroy(&changed)
        pthread_mutex_destroy(&mutex)
    }

    /// The archive's size as far as the caller can know it without waiting.
    var bytesWritten: UInt64 {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return pending == 0 ? output.offset : publishedOffset
    }

    /// Copies `bytes` into the ring, handing over each chunk that fills.
    ///
    /// - Throws: the error the thread met, if any.
    /// - Complexity: O(*n*) copying; blocks while every chunk waits for the thread.
    func write(_ bytes: UnsafeRawBufferPointer) throws(ZipError) {
        try checkFailure()
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let count = min(chunkSize - fillCount, bytes.count - done)
            (chunks[fillIndex] + fillCount).copyMemory(from: base + done, byteCount: count)
            fillCount += count
            done += count
            if fillCount == chunkSize { try handOver() }
        }
    }

    /// Waits until the thread has compressed every chunk handed over, then compresses the partly filled chunk on the
    /// caller's thread. Afterwards the caller owns the encoder and the output until it next writes.
    ///
    /// - Throws: the error the thread met, if any.
    func drain() throws(ZipError) {
        pthread_mutex_lock(&mutex)
        while pending > 0 { pthread_cond_wait(&changed, &mutex) }
        let failure = self.failure
        pthread_mutex_unlock(&mutex)
        if let failure { throw failure }
        let count = fillCount
        fillCount = 0
        try encoder.compress(UnsafeRawBufferPointer(start: chunks[fillIndex], count: count))
    }

    /// Stops and joins the thread. With `cancel`, chunks still pending are dropped rather than compressed.
    func stop(cancel: Bool) {
        pthread_mutex_lock(&mutex)
        stopping = true
        if cancel { cancelled = true }
        pthread_cond_broadcast(&changed)
        pthread_mutex_unlock(&mutex)
        if let thread {
            pthread_join(thread, nil)
            self.thread = nil
        }
        fillCount = 0
    }

    /// Throws the thread's error, if it met one.
    func checkFailure() throws(ZipError) {
        pthread_mutex_lock(&mutex)
        let failure = self.failure
        pthread_mutex_unlock(&mutex)
        if let failure { throw failure }
    }

    // MARK: Caller

    /// Hands the full chunk at `fillIndex` to the thread and waits for a free one.
    private func handOver() throws(ZipError) {
        if thread == nil && !compressesInline { start() }
        if compressesInline {
            fillCount = 0
            try encoder.compress(UnsafeRawBufferPointer(start: chunks[fillIndex], count: chunkSize))
            return
        }
        pthread_mutex_lock(&mutex)
        if pending == 0 { publishedOffset = output.offset }  // the thread is idle: reading the output is safe
        pending += 1
        pthread_cond_broadcast(&changed)
        fillIndex = (fillIndex + 1) % chunks.count
        fillCount = 0
        while pending == chunks.count && failure == nil { pthread_cond_wait(&changed, &mutex) }
        let failure = self.failure
        pthread_mutex_unlock(&mutex)
        if let failure { throw failure }
    }

    private func start() {
        let context = Unmanaged.passRetained(self).toOpaque()
        var handle = pthread_t()
        let started = pthread_create(
            &handle, nil,
            { context in
                let pipeline = Unmanaged<CompressionPipeline>.fromOpaque(context!).takeRetainedValue()
                pipeline.compressChunks()
                return nil
            }, context)
        if started == 0 {
            thread = handle
        } else {
            Unmanaged<CompressionPipeline>.fromOpaque(context).release()
            compressesInline = true
        }
    }

    // MARK: Thread

    /// The thread's loop: compress chunks in order until stopped with none pending.
    private func compressChunks() {
        pthread_mutex_lock(&mutex)
        while true {
            while pending == 0 && !stopping { pthread_cond_wait(&changed, &mutex) }
            if pending == 0 { break }
            let chunk = chunks[takeIndex]
            let skip = failure != nil || cancelled
            pthread_mutex_unlock(&mutex)

            var error: ZipError?
            if !skip {
                do {
                    try encoder.compress(UnsafeRawBufferPointer(start: chunk, count: chunkSize))
                } catch let failed {
                    error = failed
                }
            }
            let offset = output.offset

            pthread_mutex_lock(&mutex)
            if let error, failure == nil { failure = error }
            publishedOffset = offset
            takeIndex = (takeIndex + 1) % chunks.count
            pending -= 1
            pthread_cond_broadcast(&changed)
        }
        pthread_mutex_unlock(&mutex)
    }
}
