#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Work done on a second thread while the caller goes on, and its result once the caller needs it.
///
/// ```swift
/// let links = BackgroundWork { check(digests) }
/// writeForms()
/// writeFindings(links.result())
/// ```
///
/// Dropped without its result asked for, it waits for the work to end: nothing the work uses is freed under it.
public final class BackgroundWork<Value>: @unchecked Sendable {
    /// Where the worker leaves the value. The worker holds it, not this object, so that dropping this object
    /// waits for the worker (in `deinit`) instead of leaving the worker to free it.
    private final class Slot: @unchecked Sendable {
        // Written by the worker before it ends, read after `pthread_join`: the join orders the two.
        var value: Value?
    }

    private let slot = Slot()
    private var thread: pthread_t?

    /// Starts `body` on a new thread, or runs it here when the system gives none.
    public init(_ body: @escaping () -> Value) {
        let slot = self.slot
        thread = WorkerThread.start { slot.value = body() }
        if thread == nil { slot.value = body() }
    }

    deinit {
        if let thread { pthread_join(thread, nil) }
    }

    /// What the work gave, waiting for it to end.
    public func result() -> Value {
        if let thread {
            pthread_join(thread, nil)
            self.thread = nil
        }
        return slot.value!
    }
}
