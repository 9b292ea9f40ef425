// The parent of a bulk conversion: hands inputs to N worker processes one at a time, collects a record per input,
// shows progress, enforces the per-file time limit and stops cleanly on Ctrl-C.
//
//   [inputs] ─next─▶ idle worker ──job line──▶ … ──record line──▶ poll(2) ─▶ stdout "ok|skipped|failed\tpath\t…"
//                     ▲ a worker over --timeout-per-file is killed and replaced; one that dies is replaced
//   Ctrl-C ─▶ stop handing out; SIGTERM to the busy workers, which abandon their file (temporary output deleted)
//
// Memory is bounded by the workers: each holds one input at a time; the runner keeps one small record per input.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a conversion over many inputs with worker processes.
final class BulkRunner {
    /// The exit status of a run stopped by Ctrl-C (128 + SIGINT, as shells report it).
    static let interruptedStatus: Int32 = 130

    /// The cores this process may run on.
    static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// What a run gives back.
    struct Outcome {
        /// One record per input handled, in the order of the inputs.
        var records: [ConversionRecord]
        /// Whether Ctrl-C stopped it before every input was handled.
        var interrupted: Bool
        /// The closing line for stderr.
        var summary: String
    }

    private let inputs: [InputFile]
    private let jobs: Int
    private let workerArguments: [String]
    private let timeoutPerFile: Double
    private let options: ConversionOptions
    private var records: [ConversionRecord?]
    private var workers: [WorkerProcess?]
    private var nextInput = 0
    /// Workers in a row that died before taking their job.
    private var lostStarts = 0
    private var progress: ProgressDisplay
    private let executable: String

    init(
        inputs: [InputFile], jobs: Int, workerArguments: [String], timeoutPerFile: Double, options: ConversionOptions
    ) {
        self.inputs = inputs
        self.jobs = max(1, jobs)
        self.workerArguments = workerArguments
        self.timeoutPerFile = timeoutPerFile
        self.options = options
        records = Array(repeating: nil, count: inputs.count)
        workers = Array(repeating: nil, count: max(1, jobs))
        progress = ProgressDisplay(total: inputs.count)
        executable = BulkRunner.executablePath()
    }

    func run() -> Outcome {
        StopSignal.installInRunner()
        TemporaryFiles.sweepTree(options.outputFolder)
        var interrupted = false
        while true {
            if StopSignal.isRequested {
                interrupted = true
                break
            }
            dispatch()
            let busy = workers.compactMap { $0 }.filter { $0.current != nil }
            if busy.isEmpty && nextInput >= inputs.count { break }
            waitForRecords(busy)
            enforceTimeLimit()
            progress.tick(current: busy.first.flatMap { $0.current.map { inputs[$0.index].path } })
        }
        if interrupted { stopWorkers() }
        for worker in workers.compactMap({ $0 }) {
            worker.finishInput()
            if worker.waitForExit(seconds: 10) == nil { worker.killNow() }
        }
        workers = []
        let handled = records.compactMap { $0 }
        progress.finish()
        return Outcome(records: handled, interrupted: interrupted, summary: summary(handled, interrupted: interrupted))
    }

    /// Gives every idle worker the next input, starting workers as needed.
    private func dispatch() {
        for slot in workers.indices where nextInput < inputs.count {
            if workers[slot] == nil {
                do {
                    workers[slot] = try WorkerProcess(executable: executable, arguments: workerArguments)
                } catch {
                    // No worker at all can be started: every input left fails with the reason; otherwise the
                    // workers running go on with fewer.
                    guard workers.allSatisfy({ $0 == nil }) else { continue }
                    let reason = (error as? UsageFailure)?.message ?? "\(error)"
                    while nextInput < inputs.count {
                        fail(nextInput, reason: reason)
                        nextInput += 1
                    }
                    return
                }
            }
            guard let worker = workers[slot], worker.current == nil else { continue }
            let index = nextInput
            nextInput += 1
            let job = WorkerJob(input: inputs[index])
            guard worker.send(Array(job.line.utf8) + [0x0A]) else {
                // The worker died before its job: start another, a few times, then give the input up.
                workers[slot] = nil
                lostStarts += 1
                if lostStarts <= 8 {
                    nextInput -= 1
                } else {
                    fail(
                        index, vietnamese: "không chạy được tiến trình chuyển đổi",
                        english: "the converter process stops as soon as it starts")
                }
                continue
            }
            lostStarts = 0
            worker.current = (index, BulkClock.now())
        }
    }

    /// Waits until a worker has written, a signal came, a time limit passes or the progress wants redrawing.
    private func waitForRecords(_ busy: [WorkerProcess]) {
        var descriptors = busy.map { pollfd(fd: $0.recordDescriptor, events: Int16(POLLIN), revents: 0) }
        if StopSignal.wakeDescriptors.0 >= 0 {
            descriptors.append(pollfd(fd: StopSignal.wakeDescriptors.0, events: Int16(POLLIN), revents: 0))
        }
        let now = BulkClock.now()
        var wait = 0.25
        for worker in busy {
            if let started = worker.current?.started { wait = min(wait, max(0, started + timeoutPerFile - now)) }
        }
        _ = poll(&descriptors, nfds_t(descriptors.count), Int32((wait * 1000).rounded(.up)))
        for slot in workers.indices {
            guard let worker = workers[slot], let current = worker.current else { continue }
            switch worker.read() {
            case .lines(let lines):
                for line in lines {
                    let path = inputs[current.index].path
                    guard let record = ConversionRecord(line: String(decoding: line, as: UTF8.self), path: path) else {
                        continue
                    }
                    finish(current.index, record)
                    worker.current = nil
                }
            case .ended:
                let how = worker.waitForExit(seconds: 2) ?? "no answer"
                workers[slot] = nil
                TemporaryFiles.sweep(folder: outputFolder(of: current.index), stem: inputs[current.index].stem)
                fail(
                    current.index,
                    vietnamese: "trình chuyển đổi dừng đột ngột khi đọc tệp này (\(how))",
                    english: "the converter stopped while reading this file (\(how))")
            }
        }
    }

    /// Kills the workers whose file has run past the time limit, and reports those files.
    private func enforceTimeLimit() {
        let now = BulkClock.now()
        for slot in workers.indices {
            guard let worker = workers[slot], let current = worker.current,
                now - current.started >= timeoutPerFile
            else { continue }
            worker.killNow()
            workers[slot] = nil
            TemporaryFiles.sweep(folder: outputFolder(of: current.index), stem: inputs[current.index].stem)
            let limit = ProgressDisplay.seconds(timeoutPerFile)
            fail(
                current.index,
                vietnamese: "quá thời gian cho phép mỗi tệp (\(limit) s, --timeout-per-file)",
                english: "took longer than the limit per file (\(limit) s, --timeout-per-file)")
        }
    }

    /// After Ctrl-C: busy workers are asked to stop (they delete their temporary output), then killed if slow.
    private func stopWorkers() {
        let busy = workers.compactMap { $0 }.filter { $0.current != nil }
        for worker in busy { worker.signal(SIGTERM) }
        let deadline = BulkClock.now() + 3
        for worker in busy {
            guard let current = worker.current else { continue }
            while BulkClock.now() < deadline {
                if case .lines(let lines) = worker.read(), let line = lines.first,
                    let record = ConversionRecord(
                        line: String(decoding: line, as: UTF8.self), path: inputs[current.index].path)
                {
                    if !record.interrupted { finish(current.index, record) }
                    break
                }
                usleep(10_000)
            }
            worker.killNow()
            TemporaryFiles.sweep(folder: outputFolder(of: current.index), stem: inputs[current.index].stem)
            worker.current = nil
        }
    }

    private func outputFolder(of index: Int) -> String {
        var folder = options.outputFolder.hasSuffix("/") ? options.outputFolder : options.outputFolder + "/"
        if !inputs[index].relativeFolder.isEmpty { folder += inputs[index].relativeFolder + "/" }
        return folder
    }

    private func fail(_ index: Int, vietnamese: String, english: String) {
        fail(index, reason: ErrorMessages.bilingual(vietnamese: vietnamese, english: english))
    }

    private func fail(_ index: Int, reason: String) {
        var record = ConversionRecord(path: inputs[index].path)
        record.reason = reason
        finish(index, record)
    }

    /// Keeps a record, prints its line on stdout and counts it in the progress.
    private func finish(_ index: Int, _ record: ConversionRecord) {
        records[index] = record
        var line = record.status.rawValue + "\t" + record.path
        switch record.status {
        case .failed: line += "\t" + (record.reason ?? "")
        case .ok, .skipped: line += record.outputs.map { "\t" + $0 }.joined()
        }
        progress.printLine(line)
        if record.status != .failed, let note = record.reason {
            progress.note("bieumau: \(record.path): \(note)")
        }
        progress.count(record.status)
    }

    private func summary(_ handled: [ConversionRecord], interrupted: Bool) -> String {
        let ok = handled.filter { $0.status == .ok }.count
        let skipped = handled.filter { $0.status == .skipped }.count
        let failed = handled.filter { $0.status == .failed }.count
        let legacy = handled.reduce(0) { $0 + $1.legacyConverted }
        let seconds = ProgressDisplay.seconds(progress.elapsed)
        let secondsVietnamese = ProgressDisplay.seconds(progress.elapsed, english: false)
        let english =
            "\(ok) converted, \(skipped) skipped (already done), \(failed) failed of \(inputs.count) inputs"
            + (legacy > 0 ? "; \(legacy) legacy texts converted to Unicode" : "") + "; \(seconds) s with \(jobs) jobs"
            + (interrupted ? "; interrupted: run the same command again to finish" : "")
        let vietnamese =
            "đã chuyển \(ok), bỏ qua \(skipped) (đã xong), lỗi \(failed) trong \(inputs.count) tệp"
            + (legacy > 0 ? "; \(legacy) đoạn chữ mã cũ đổi sang Unicode" : "")
            + "; \(secondsVietnamese) giây, \(jobs) luồng"
            + (interrupted ? "; đã dừng: chạy lại đúng lệnh này để làm tiếp" : "")
        return "bieumau: " + ErrorMessages.bilingual(vietnamese: vietnamese, english: english)
    }

    /// This program's own file, to start workers from.
    private static func executablePath() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if count > 0 { return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return CommandLine.arguments[0]
    }
}

/// One input as sent to a worker.
struct WorkerJob {
    var path: String
    var relativeFolder: String
    var stem: String

    init(input: InputFile) {
        path = input.path
        relativeFolder = input.relativeFolder
        stem = input.stem
    }

    var input: InputFile { InputFile(path: path, relativeFolder: relativeFolder, stem: stem) }

    /// The job as one line: path, relative folder and stem, separated by TAB.
    var line: String { [path, relativeFolder, stem].map(LineFields.escaped).joined(separator: "\t") }

    init?(line: String) {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
            LineFields.unescaped(String($0))
        }
        guard fields.count == 3 else { return nil }
        path = fields[0]
        relativeFolder = fields[1]
        stem = fields[2]
    }
}
