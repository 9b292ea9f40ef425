import CZlib
// Deflating an entry's chunks (ChunkDeflater.swift) on worker threads while the caller produces the next bytes, and
// writing them to the archive in order; the same Monitor (mutex + condition) ring as ReadAheadByteSource in SheetCore.
//
//   caller: write ─copy─▶ chunk n   ─hand over─▶  workers: CRC-32 + deflate chunk n, n+1, … (any order)
//                         chunk n+1                         │
//                         …                                 ▼
//                                                 committer: append chunk n, n+1, … in order, combine CRC-32
//
// Chunks are numbered across the archive (`sequence`) and live in a ring of `2 × workers + 2` slots; the caller refills
// the slot of chunk n only once chunk n − slots was written, so memory is bounded. The committer is whichever worker
// finds the next chunk in order compressed and no other committer at work; while it appends (outside the lock) other
// workers go on deflating. The archive file and the entry's totals belong to the committer while chunks are in flight
// and to the caller once `finishEntry()` has seen every chunk written: the monitor orders the two.
//
// With no workers (`backgroundCompression: false`) the caller deflates and writes each chunk itself when it fills;
// the bytes are the same either way. Threads start at the first full chunk, so archives of small parts never start
// one. An error on a worker stops further work (later chunks are skipped, never left to block the caller) and is
// thrown by the caller's next call.
import SheetCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The chunk ring, worker threads and in-order writer behind ``ZipWriter``.
final class CompressionPipeline: @unchecked Sendable {
    /// The CRC-32 and sizes of a finished entry.
    struct Totals {
        var crc: UInt32 = 0
        var uncompressedSize: UInt64 = 0
        var compressedSize: UInt64 = 0
    }

    /// Workers used for background compression: one per core, at most 4 (each holds about 1 MiB).
    static var defaultWorkerCount: Int { max(1, min(4, sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    private let output: ZipOutputFile
    private let level: Int32
    private let chunkSize: Int
    private let workerCount: Int
    private let slots: [DeflateChunk]
    /// Deflates on the caller's thread: chunks when there are no workers, and the last chunk of every entry.
    private let callerDeflater: ChunkDeflater

    // The caller's side only.
    private var fillSequence = 0  // the chunk being filled
    private var fillReady = false  // its slot is free and has its dictionary
    private var chunksInEntry = 0  // chunks of the open entry handed over so far
    private var threads: [pthread_t] = []
    private var threadsStarted = false

    // Guarded by `monitor`.
    private var handedSequence = 0  // chunks below this were handed over
    private var takeSequence = 0  // the next chunk a worker takes
    private var commitSequence = 0  // the next chunk to be written
    private var committing = false
    private var failure: ZipError?
    private var stopping = false
    private var cancelled = false
    private var publishedOffset: UInt64 = 0  // archive size after the last chunk written by a committer

    /// The open entry's totals: the committer's while chunks are in flight, the caller's when idle.
    private var totals = Totals()

    private let monitor = Monitor()

    /// Creates the ring; no thread runs yet.
    ///
    /// - Parameters:
    ///   - output: the archive file.
    ///   - level: zlib level.
    ///   - chunkSize: uncompressed bytes per chunk; it fixes the output bytes, so it stays the same for all writers
    ///     that must give identical archives.
    ///   - workers: compression threads; 0 deflates on the caller's thread.
    /// - Throws: `io` when zlib cannot allocate its state.
    init(output: ZipOutputFile, level: Int32, chunkSize: Int, workers: Int) throws(ZipError) {
        self.output = output
        self.level = level
        self.chunkSize = max(1, chunkSize)
        self.workerCount = max(0, workers)
        let slotCount = 2 * workerCount + 2
        slots = (0..<slotCount).map { _ in DeflateChunk(inputCapacity: max(1, chunkSize)) }
        callerDeflater = try ChunkDeflater(level: level, path: output.path)
    }

    /// The archive's size as far as the caller can know it without waiting.
    var bytesWritten: UInt64 {
        monitor.lock()
        defer { monitor.unlock() }
        return isIdle ? output.offset : publishedOffset
    }

    // MARK: Caller

    /// Starts an entry: its first chunk has no dictionary, its totals start at zero. Call only when idle.
    func beginEntry() {
        totals = Totals()
        chunksInEntry = 0
        fillReady = false
    }

    /// Copies `bytes` into the ring, handing over each chunk that fills.
    ///
    /// - Throws: the error a worker met, if any.
    /// - Complexity: O(*n*) copying; blocks while every slot waits for the workers.
    func write(_ bytes: UnsafeRawBufferPointer) throws(ZipError) {
        try checkFailure()
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            if !fillReady { try prepareFillSlot() }
            let chunk = slot(fillSequence)
            let count = min(chunkSize - chunk.inputCount, bytes.count - done)
            (chunk.input + chunk.inputCount).copyMemory(from: base + done, byteCount: count)
            chunk.inputCount += count
            done += count
            if chunk.inputCount == chunkSize { try handOver() }
        }
    }

    /// Waits for every chunk handed over to be written, deflates the last (partly filled, maybe empty) chunk with the
    /// final block, and returns the entry's totals. Afterwards the caller owns the archive file until it next writes.
    ///
    /// - Throws: the error a worker met, if any; `io` on a write error.
    func finishEntry() throws(ZipError) -> Totals {
        monitor.lock()
        while !isIdle { monitor.wait() }
        let failure = self.failure
        monitor.unlock()
        if let failure { throw failure }
        if !fillReady { try prepareFillSlot() }
        let chunk = slot(fillSequence)
        try callerDeflater.compress(chunk, isLast: true)
        try commit(chunk)
        // The last chunk counts as handed over, taken and written, so that every sequence keeps naming one slot.
        monitor.lock()
        handedSequence += 1
        takeSequence += 1
        commitSequence += 1
        monitor.unlock()
        fillSequence += 1
        fillReady = false
        return totals
    }

    /// Stops and joins the workers. With `cancel`, chunks still pending are dropped rather than compressed.
    func stop(cancel: Bool) {
        monitor.lock()
        stopping = true
        if cancel { cancelled = true }
        monitor.broadcast()
        monitor.unlock()
        for thread in threads { pthread_join(thread, nil) }
        threads = []
    }

    /// Throws the error a worker met, if any.
    func checkFailure() throws(ZipError) {
        monitor.lock()
        let failure = self.failure
        monitor.unlock()
        if let failure { throw failure }
    }

    /// Every chunk handed over is written and no committer is at work. Call with the lock held.
    private var isIdle: Bool { commitSequence == handedSequence && !committing }

    private func slot(_ sequence: Int) -> DeflateChunk { slots[sequence % slots.count] }

    /// Waits until the slot of `fillSequence` is free (its previous chunk written), then gives it its dictionary.
    private func prepareFillSlot() throws(ZipError) {
        if workerCount > 0 && threadsStarted {
            monitor.lock()
            while fillSequence - slots.count >= commitSequence && failure == nil {
                monitor.wait()
            }
            let failure = self.failure
            monitor.unlock()
            if let failure { throw failure }
        }
        // The previous chunk's slot is only ever refilled by this thread, slots − 1 chunks from now.
        slot(fillSequence).start(after: chunksInEntry > 0 ? slot(fillSequence - 1) : nil)
        fillReady = true
    }

    /// Hands the full chunk at `fillSequence` to the workers, or deflates and writes it here without workers.
    private func handOver() throws(ZipError) {
        let chunk = slot(fillSequence)
        if workerCount > 0 && !threadsStarted { startWorkers() }
        if threads.isEmpty {
            try callerDeflater.compress(chunk, isLast: false)
            try commit(chunk)
            monitor.lock()
            handedSequence += 1
            takeSequence += 1
            commitSequence += 1
            monitor.unlock()
        } else {
            monitor.lock()
            if isIdle { publishedOffset = output.offset }
            chunk.isCompressed = false
            handedSequence += 1
            monitor.broadcast()
            monitor.unlock()
        }
        fillSequence += 1
        fillReady = false
        chunksInEntry += 1
    }

    private func startWorkers() {
        threadsStarted = true
        for _ in 0..<workerCount {
            if let handle = WorkerThread.start({ self.work() }) { threads.append(handle) }
        }
    }

    // MARK: Workers

    /// A worker's loop: take the next chunk, deflate it, write whatever is ready in order; until stopped.
    private func work() {
        var deflater: ChunkDeflater?
        var setupError: ZipError?
        do {
            deflater = try ChunkDeflater(level: level, path: output.path)
        } catch {
            setupError = error
        }
        monitor.lock()
        while true {
            while takeSequence == handedSequence && !stopping { monitor.wait() }
            if takeSequence == handedSequence { break }
            let chunk = slot(takeSequence)
            takeSequence += 1
            if let setupError, failure == nil { failure = setupError }
            let skip = failure != nil || cancelled
            monitor.unlock()

            var error: ZipError?
            if !skip, let deflater {
                do {
                    try deflater.compress(chunk, isLast: false)
                } catch let failed {
                    error = failed
                }
            }

            monitor.lock()
            if let error, failure == nil { failure = error }
            chunk.isCompressed = true
            commitReadyChunks()
        }
        monitor.unlock()
    }

    /// Writes compressed chunks in order for as long as the next one is ready, unless another thread is at it.
    /// Called with the lock held; releases it while writing.
    private func commitReadyChunks() {
        guard !committing else { return }
        committing = true
        while commitSequence < takeSequence, slot(commitSequence).isCompressed {
            let chunk = slot(commitSequence)
            let skip = failure != nil || cancelled
            monitor.unlock()
            var error: ZipError?
            if !skip {
                do {
                    try commit(chunk)
                } catch let failed {
                    error = failed
                }
            }
            let offset = output.offset
            monitor.lock()
            if let error, failure == nil { failure = error }
            chunk.isCompressed = false
            commitSequence += 1
            publishedOffset = offset
            monitor.broadcast()
        }
        committing = false
        monitor.broadcast()
    }

    /// Appends a compressed chunk to the archive and adds it to the entry's totals.
    private func commit(_ chunk: DeflateChunk) throws(ZipError) {
        try output.append(UnsafeRawBufferPointer(start: chunk.output, count: chunk.outputCount))
        totals.crc = UInt32(
            truncatingIfNeeded: crc32_combine(uLong(totals.crc), uLong(chunk.crc), off_t(chunk.inputCount)))
        totals.uncompressedSize += UInt64(chunk.inputCount)
        totals.compressedSize += UInt64(chunk.outputCount)
    }
}
