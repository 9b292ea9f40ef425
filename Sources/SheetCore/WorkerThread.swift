// The one place that starts system threads. The readers and writers that use a second core (read-ahead of inflated
// parts, CSV record splitting, chunked deflate) each run a loop on a thread started here and join it themselves.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Starting a loop on a new system thread.
public enum WorkerThread {
    private final class Work {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// Runs `body` on a new thread, which keeps what `body` captures alive until it returns.
    ///
    /// - Returns: the thread, to join with `pthread_join`; `nil` when the system gives none (the caller then does
    ///   the work on its own thread).
    public static func start(_ body: @escaping () -> Void) -> pthread_t? {
        let context = Unmanaged.passRetained(Work(body)).toOpaque()
        var handle = pthread_t()
        let started = pthread_create(
            &handle, nil,
            { context in
                Unmanaged<Work>.fromOpaque(context!).takeRetainedValue().body()
                return nil
            }, context)
        guard started == 0 else {
            Unmanaged<Work>.fromOpaque(context).release()
            return nil
        }
        return handle
    }
}
