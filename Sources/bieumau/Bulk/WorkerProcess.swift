// One worker of a bulk run: a child `bieumau convert --worker …` that reads one input per line on its standard
// input and answers with one JSON `ConversionRecord` per line on its standard output. A process, not a thread, so
// that a file that hangs can be given up (SIGKILL) at its time limit, a file that crashes a reader takes only its
// worker down, and each file's memory goes back to the system when its worker is replaced.
//
//   runner ──"{path, relativeFolder, stem}\n"──▶ stdin ┐
//                                                      worker: convert one input, commit its outputs
//   runner ◀──"{ConversionRecord}\n"────────── stdout ┘
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A running worker process and the pipes to it.
final class WorkerProcess {
    let pid: pid_t
    /// Where jobs are written (the worker's standard input).
    private(set) var jobDescriptor: Int32
    /// Where records are read (the worker's standard output), non-blocking.
    let recordDescriptor: Int32
    private var pending: [UInt8] = []
    /// The job being worked on: its index among the inputs and when it was sent.
    var current: (index: Int, started: Double)?
    private var exited = false

    /// Starts `executable arguments…` with pipes for its standard input and output; its standard error is ours.
    init(executable: String, arguments: [String]) throws {
        var toWorker: [Int32] = [-1, -1]
        var fromWorker: [Int32] = [-1, -1]
        guard pipe(&toWorker) == 0, pipe(&fromWorker) == 0 else {
            throw WorkerProcess.failure("cannot create a pipe")
        }
        // Close-on-exec: a worker inherits only its own two ends (dup2 onto 0 and 1 clears the flag there).
        for end in toWorker + fromWorker { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toWorker[0], STDIN_FILENO)
        posix_spawn_file_actions_adddup2(&actions, fromWorker[1], STDOUT_FILENO)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The runner catches SIGINT and SIGTERM; the worker starts with the default actions and sets its own.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let environment = WorkerProcess.environment().map { strdup($0) } + [nil]
        defer { for pointer in environment { free(pointer) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, environment)
        close(toWorker[0])
        close(fromWorker[1])
        guard status == 0 else {
            close(toWorker[1])
            close(fromWorker[0])
            throw WorkerProcess.failure("cannot start \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
        jobDescriptor = toWorker[1]
        recordDescriptor = fromWorker[0]
        _ = fcntl(recordDescriptor, F_SETFL, fcntl(recordDescriptor, F_GETFL) | O_NONBLOCK)
    }

    /// Ours, plus malloc settings for a process that handles file after file: the large buffers each file
    /// allocates and frees (ZIP output, deflate chunks, rows) stay in the heap instead of being mapped and unmapped
    /// each time, so they cost no page faults after the first file.
    private static func environment() -> [String] {
        var entries = ProcessInfo.processInfo.environment.map { $0.key + "=" + $0.value }
        if ProcessInfo.processInfo.environment["GLIBC_TUNABLES"] == nil {
            entries.append("GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=134217728")
        }
        return entries
    }

    deinit {
        if jobDescriptor >= 0 { close(jobDescriptor) }
        close(recordDescriptor)
        if !exited {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }

    /// Sends one job line; `false` when the worker is gone.
    func send(_ line: [UInt8]) -> Bool {
        var offset = 0
        while offset < line.count {
            let written = line.withUnsafeBytes { write(jobDescriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// What reading the worker's output gave.
    enum Reading {
        /// Complete lines (possibly none yet).
        case lines([[UInt8]])
        /// The worker closed its output: it exited or died.
        case ended
    }

    /// Reads what the worker has written so far, without blocking.
    func read() -> Reading {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var ended = false
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(recordDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                pending.append(contentsOf: chunk[0..<count])
                continue
            }
            if count == 0 { ended = true }
            if count < 0 && errno == EINTR { continue }
            break
        }
        var lines: [[UInt8]] = []
        while let newline = pending.firstIndex(of: 0x0A) {
            lines.append(Array(pending[..<newline]))
            pending.removeSubrange(...newline)
        }
        if ended && lines.isEmpty { return .ended }
        return .lines(lines)
    }

    /// Closes the worker's input: it finishes its job, if any, and exits.
    func finishInput() {
        if jobDescriptor >= 0 {
            close(jobDescriptor)
            jobDescriptor = -1
        }
    }

    /// Sends a signal.
    func signal(_ number: Int32) { kill(pid, number) }

    /// Waits for the worker to exit, up to `seconds`; returns a description of how it ended, `nil` on time-out.
    func waitForExit(seconds: Double) -> String? {
        let deadline = BulkClock.now() + seconds
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                exited = true
                let signal = status & 0x7F
                return signal != 0 ? "signal \(signal)" : "exit status \((status >> 8) & 0xFF)"
            }
            if result < 0 {
                exited = true
                return "gone"
            }
            if BulkClock.now() >= deadline { return nil }
            usleep(5_000)
        }
    }

    /// Kills the worker at once and reaps it.
    func killNow() {
        kill(pid, SIGKILL)
        _ = waitForExit(seconds: 5)
    }

    private static func failure(_ english: String) -> UsageFailure {
        UsageFailure(vietnamese: "không chạy được tiến trình chuyển đổi", english: english)
    }
}

/// Monotonic seconds.
enum BulkClock {
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
