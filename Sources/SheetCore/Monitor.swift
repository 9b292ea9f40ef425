// A mutex with one condition variable: the lock every producer/consumer ring of the project uses (read-ahead of
// inflated parts, rows read ahead, CSV records split on a second thread, chunked deflate).
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A lock and a condition to wait on under it.
///
/// ```swift
/// monitor.lock()
/// while queue.isEmpty { monitor.wait() }
/// let item = queue.removeFirst()
/// monitor.broadcast()
/// monitor.unlock()
/// ```
public final class Monitor: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()

    public init() {
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&condition, nil)
    }

    deinit {
        pthread_cond_destroy(&condition)
        pthread_mutex_destroy(&mutex)
    }

    public func lock() { pthread_mutex_lock(&mutex) }

    public func unlock() { pthread_mutex_unlock(&mutex) }

    /// Releases the lock until another thread broadcasts, then takes it again. Call with the lock held, in a loop
    /// that re-checks what it waits for.
    public func wait() { pthread_cond_wait(&condition, &mutex) }

    /// Wakes every thread waiting.
    public func broadcast() { pthread_cond_broadcast(&condition) }
}
