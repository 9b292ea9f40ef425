// Ctrl-C during a bulk run (issue 7): the first SIGINT or SIGTERM sets a flag and writes a byte to a pipe, which
// wakes the runner's poll(2); the runner then asks its workers to stop (SIGTERM), and each worker abandons its file
// at the next row, its temporary output deleted. A second Ctrl-C is the default action again: the process dies, and
// the next run sweeps what it left.
#if canImport(Glibc)
    import Glibc
#endif

/// The process-wide "stop" request of a bulk run, set from a signal handler.
enum StopSignal {
    /// Set by the handler; read anywhere.
    nonisolated(unsafe) static var requested: sig_atomic_t = 0
    /// The pipe the handler writes to, so that a thread blocked in poll(2) wakes up: read end, write end.
    nonisolated(unsafe) static var wakeDescriptors: (Int32, Int32) = (-1, -1)

    /// Catches SIGINT and SIGTERM once in the runner: the next one kills as usual.
    static func installInRunner() {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for end in ends {
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
                _ = fcntl(end, F_SETFL, O_NONBLOCK)
            }
            wakeDescriptors = (ends[0], ends[1])
        }
        let handler: @convention(c) (Int32) -> Void = { signal in
            StopSignal.requested = 1
            let descriptor = StopSignal.wakeDescriptors.1
            if descriptor >= 0 {
                var byte: UInt8 = 1
                _ = write(descriptor, &byte, 1)
            }
            Glibc.signal(signal, SIG_DFL)
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        signal(SIGPIPE, SIG_IGN)
        unblock()
    }

    /// A process may start with the signals blocked by whoever started it (a test runner, a service manager).
    private static func unblock() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &signals, nil)
    }

    /// In a worker: Ctrl-C is for the runner (the terminal sends it to the whole process group), SIGTERM is the
    /// runner's request to stop.
    static func installInWorker() {
        signal(SIGINT, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        let handler: @convention(c) (Int32) -> Void = { _ in StopSignal.requested = 1 }
        signal(SIGTERM, handler)
        unblock()
    }

    static var isRequested: Bool { requested != 0 }
}
