// Reading a sheet's rows on a second thread while the caller uses them (writes CSV, validates): on 2 cores the
// parsing of the file and the work on its rows overlap (`Benchmarks/run.py`, `Benchmarks/xls_run.py`).
//
//   worker:  base.next() → [batch of 256 rows] → [batch] → … (at most 4 batches waiting)
//   caller:  next() takes rows from the oldest batch; an error reaches it after the rows that came before it
//
// The wrapped reader is used only by the worker from the start; what the caller may ask of it (the declared
// dimension, merged ranges, columns) is copied under the lock with each batch.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A sheet's rows read ahead on a second thread, in batches, in constant memory.
///
/// ```swift
/// let rows = PrefetchingRows(try reader.sheetRows(at: 0))
/// while let row = try rows.next() { … }
/// ```
public final class PrefetchingRows: SheetRowReading {
    private let queue: RowBatchQueue
    private var batch: [Row] = []
    private var position = 0
    private var layout: RowBatchQueue.Layout

    public let sheet: SheetInfo
    public var declaredDimension: CellRange? { layout.declaredDimension }
    public var mergedRanges: [CellRange] { layout.mergedRanges }
    public var columns: [ColumnInfo] { layout.columns }

    /// - Parameters:
    ///   - base: the rows to read ahead; from now on only the worker thread uses it.
    ///   - batchSize: rows handed over at a time.
    ///   - batchCount: batches that may wait for the caller.
    public init(_ base: any SheetRowReading, batchSize: Int = 256, batchCount: Int = 4) {
        sheet = base.sheet
        layout = RowBatchQueue.Layout(base)
        queue = RowBatchQueue(base: base, batchSize: max(1, batchSize), batchCount: max(1, batchCount))
        queue.start()
    }

    deinit { queue.stop() }

    public func next() throws -> Row? {
        if position == batch.count {
            guard let (rows, layout) = try queue.take() else { return nil }
            batch = rows
            position = 0
            self.layout = layout
            if batch.isEmpty { return nil }
        }
        position += 1
        return batch[position - 1]
    }
}

/// The batches between the worker and the caller.
private final class RowBatchQueue: @unchecked Sendable {
    /// What the caller may ask of the sheet besides its rows.
    struct Layout {
        var declaredDimension: CellRange?
        var mergedRanges: [CellRange]
        var columns: [ColumnInfo]

        init(_ rows: any SheetRowReading) {
            declaredDimension = rows.declaredDimension
            mergedRanges = rows.mergedRanges
            columns = rows.columns
        }
    }

    private let base: any SheetRowReading
    private let batchSize: Int
    private let batchCount: Int

    // Guarded by `monitor`.
    private var ready: [([Row], Layout)] = []
    private var finished = false
    private var failure: (any Error)?
    private var stopping = false

    private let monitor = Monitor()
    private var thread: pthread_t?
    /// No thread could be started: the caller reads the base itself.
    private var readsDirectly = false

    init(base: any SheetRowReading, batchSize: Int, batchCount: Int) {
        self.base = base
        self.batchSize = batchSize
        self.batchCount = batchCount
    }

    func start() {
        thread = WorkerThread.start { self.produce() }
        readsDirectly = thread == nil
    }

    /// Stops and joins the worker, wherever it is.
    func stop() {
        monitor.lock()
        stopping = true
        monitor.broadcast()
        monitor.unlock()
        if let thread {
            pthread_join(thread, nil)
            self.thread = nil
        }
    }

    /// The next batch and the layout as of its last row; `nil` after the last; the base's error in its turn.
    func take() throws -> ([Row], Layout)? {
        if readsDirectly {
            guard let row = try base.next() else { return nil }
            return ([row], Layout(base))
        }
        monitor.lock()
        while ready.isEmpty && !finished { monitor.wait() }
        if ready.isEmpty {
            let error = failure
            monitor.unlock()
            if let error { throw error }
            return nil
        }
        let batch = ready.removeFirst()
        monitor.broadcast()
        monitor.unlock()
        return batch
    }

    /// The worker: read batches until the sheet ends, fails, or the caller stops.
    private func produce() {
        while true {
            var rows: [Row] = []
            rows.reserveCapacity(batchSize)
            var error: (any Error)?
            var ended = false
            do {
                while rows.count < batchSize {
                    guard let row = try base.next() else {
                        ended = true
                        break
                    }
                    rows.append(row)
                }
            } catch let failed {
                error = failed
            }
            let layout = Layout(base)
            monitor.lock()
            while ready.count >= batchCount && !stopping { monitor.wait() }
            if stopping {
                monitor.unlock()
                return
            }
            if !rows.isEmpty { ready.append((rows, layout)) }
            if ended || error != nil {
                // The layout after the end (merged ranges come last in a worksheet part) rides on an empty batch.
                if error == nil { ready.append(([], layout)) }
                finished = true
                failure = error
            }
            monitor.broadcast()
            monitor.unlock()
            if ended || error != nil { return }
        }
    }
}
