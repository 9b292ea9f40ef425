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
public final class BackgroundWork<Value>: @unchecked Sendable {
    // Written by the worker before it ends, read after `pthread_join`: the join orders the two.
    private var value: Value?
    private var thread: pthread_t?

    /// Starts `body` on a new thread, or runs it here when the system gives none.
    public init(_ body: @escaping () -> Value) {
        thread = WorkerThread.start { self.value = body() }
        if thread == nil { value = body() }
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
        return value!
    }
}
