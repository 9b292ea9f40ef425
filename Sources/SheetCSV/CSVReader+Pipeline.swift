import SheetCore

// Two threads for one CSV (CSVOptions.usesSecondThread): a second thread runs an ordinary CSVReader — reading,
// checking UTF-8, splitting records, unescaping quoted fields — and hands over records in batches; the caller's
// thread makes strings, cells and numbers from them through the same accessors as a one-thread reader.
//
//   second thread:  CSVReader.nextRecord ─▶ [batch: record bytes, field bounds, lines] ─▶ ring of 3 batches
//   caller:         nextRecord() takes the next record of the current batch; field(i) points into the batch
//
// Memory stays bounded: three batches of about 1 MiB (a batch grows only to hold one record longer than that,
// which the reader's limits bound). Records, errors and the end arrive in order: an error is thrown after the
// records before it. Releasing the reader stops and joins the thread.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Records split on the second thread, waiting for the caller. Raw memory throughout: the batch is filled on one
/// thread and read on the other, never both at once, and the hot loops want no reference counting or exclusivity
/// checks.
final class RecordBatch {
    static let byteCapacity = 1 << 20

    struct Record {
        var firstField: Int
        var fieldCount: Int
        var line: Int
        var byteOffset: Int
    }

    /// Record bytes, unescaped, with ``CSVReader/padding`` bytes after the capacity.
    @exclusivity(unchecked) var bytes: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) var capacity: Int
    @exclusivity(unchecked) var byteCount = 0
    /// Per field: start and end in `bytes`; and the reader's field state (0 plain, 2 quoted and unescaped).
    @exclusivity(unchecked) var bounds: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) var states: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) var fieldCount = 0
    @exclusivity(unchecked) var fieldCapacity: Int
    @exclusivity(unchecked) var records: UnsafeMutablePointer<Record>
    @exclusivity(unchecked) var recordCount = 0
    @exclusivity(unchecked) var recordCapacity: Int
    /// Set on the last batch: the reader's error, or `nil` at the end of the input.
    @exclusivity(unchecked) var isLast = false
    @exclusivity(unchecked) var error: CSVError?
    @exclusivity(unchecked) var replacementCount = 0

    init() {
        capacity = RecordBatch.byteCapacity
        bytes = .allocate(capacity: capacity + CSVReader.padding)
        fieldCapacity = 1 << 16
        bounds = .allocate(capacity: 2 * fieldCapacity)
        states = .allocate(capacity: fieldCapacity)
        recordCapacity = 1 << 13
        records = .allocate(capacity: recordCapacity)
    }

    deinit {
        bytes.deallocate()
        bounds.deallocate()
        states.deallocate()
        records.deallocate()
    }

    func reset() {
        byteCount = 0
        fieldCount = 0
        recordCount = 0
        isLast = false
        error = nil
    }

    /// Appends the current record of `reader` (its quoted fields unescaped first); `false` when it does not fit
    /// and the batch already holds records.
    func append(from reader: CSVReader) -> Bool {
        let count = reader.fieldCount
        for index in 0..<count where reader.fieldState[index] == 1 { _ = reader.field(index) }
        let start = reader.recordStart
        let length = reader.cursor - start
        if byteCount + length > capacity || fieldCount + count > fieldCapacity || recordCount == recordCapacity {
            guard recordCount == 0 else { return false }
            if length > capacity {
                bytes.deallocate()
                capacity = length
                bytes = .allocate(capacity: capacity + CSVReader.padding)
            }
            if count > fieldCapacity {
                bounds.deallocate()
                states.deallocate()
                fieldCapacity = count
                bounds = .allocate(capacity: 2 * fieldCapacity)
                states = .allocate(capacity: fieldCapacity)
            }
        }
        (bytes + byteCount).update(from: reader.buffer + start, count: length)
        let shift = byteCount &- start
        records[recordCount] = Record(
            firstField: fieldCount, fieldCount: count, line: reader.lineNumber, byteOffset: reader.recordByteOffset)
        recordCount &+= 1
        let from = reader.fieldBounds
        let to = bounds + 2 &* fieldCount
        for index in 0..<(2 &* count) { to[index] = from[index] &+ shift }
        (states + fieldCount).update(from: reader.fieldState, count: count)
        fieldCount &+= count
        byteCount &+= length
        return true
    }
}

/// The ring of batches between the second thread and the caller.
final class RecordPipeline: @unchecked Sendable {
    private let reader: CSVReader
    private var free: [RecordBatch]
    private var ready: [RecordBatch] = []
    private var producerDone = false
    private var cancelled = false
    private let monitor = Monitor()
    private var thread: pthread_t?
    /// A batch taken from `free` whose last record did not fit (it starts the next batch).
    private var pendingRecord = false

    init(reader: CSVReader, batches: Int = 3) {
        self.reader = reader
        free = (0..<batches).map { _ in RecordBatch() }
    }

    /// Starts the second thread; without one, batches are made on the caller's thread when asked for.
    func start() {
        thread = WorkerThread.start { self.produce() }
    }

    /// Stops and joins the second thread.
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

    /// The next batch, in order; waits for the second thread.
    func next(returning done: RecordBatch?) -> RecordBatch {
        monitor.lock()
        if let done {
            free.append(done)
            monitor.broadcast()
        }
        if thread == nil {
            // No second thread: make the batch here.
            let batch = free.removeLast()
            monitor.unlock()
            fill(batch)
            return batch
        }
        while ready.isEmpty { monitor.wait() }
        let batch = ready.removeFirst()
        monitor.unlock()
        return batch
    }

    /// The second thread's loop: fill free batches until the input ends, fails, or the caller goes away.
    private func produce() {
        while true {
            monitor.lock()
            while free.isEmpty && !cancelled { monitor.wait() }
            if cancelled || producerDone {
                monitor.unlock()
                return
            }
            let batch = free.removeLast()
            monitor.unlock()
            fill(batch)
            monitor.lock()
            ready.append(batch)
            if batch.isLast { producerDone = true }
            monitor.broadcast()
            monitor.unlock()
            if batch.isLast { return }
        }
    }

    /// Fills a batch with the reader's next records.
    private func fill(_ batch: RecordBatch) {
        batch.reset()
        if pendingRecord {
            _ = batch.append(from: reader)
            pendingRecord = false
        }
        do {
            while try reader.nextRecord() {
                if !batch.append(from: reader) {
                    pendingRecord = true
                    break
                }
            }
            if !pendingRecord { batch.isLast = true }
        } catch {
            batch.isLast = true
            batch.error = error
        }
        batch.replacementCount = reader.replacementCount
    }
}

extension CSVReader {
    /// Takes the next record from the pipeline into the reader's field table; `false` at the end.
    func nextPipelinedRecord(_ pipeline: RecordPipeline) throws(CSVError) -> Bool {
        while true {
            if let batch = currentBatch, batchRecord < batch.recordCount {
                let record = batch.records[batchRecord]
                batchRecord += 1
                let count = record.fieldCount
                while count > fieldCapacity {
                    guard growFields() else { break }
                }
                buffer = batch.bytes
                fieldBounds.update(from: batch.bounds + 2 * record.firstField, count: 2 * count)
                fieldState.update(from: batch.states + record.firstField, count: count)
                fieldCount = count
                recordNumber += 1
                lineNumber = record.line
                recordStart = 0
                bufferBase = record.byteOffset
                utf8ReplacementCount = batch.replacementCount
                if expectedFieldCount != count { noteFieldCount() }
                return true
            }
            if let batch = currentBatch, batch.isLast {
                fieldCount = 0
                if let error = batch.error { throw error }
                return false
            }
            currentBatch = pipeline.next(returning: currentBatch)
            batchRecord = 0
        }
    }
}
