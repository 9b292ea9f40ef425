import Dispatch
import Forms
import Foundation
import Poverty
import SheetCore
import Synchronization
import VietText

// Reading the inputs of a consolidation (issue 6): N threads take the next file, read, detect, extract and check
// it, and keep only what consolidation needs of each form, so memory stays flat in the number of inputs:
//
//   file ─read─▶ Workbook ─extract─▶ FormInstance ─validate─▶ findings
//                                          └─▶ ConsolidationInput: unit, period, Contribution (the numbers it
//                                              adds), LinkCheck.Digest (the values the links read)
//   the workbook and the forms are dropped on the worker thread; outcomes are handed over in input order.

/// What consolidation keeps of one form read: where it belongs, the numbers it adds and what the links read.
struct ConsolidationInput: Sendable {
    var definition: FormDefinition
    var sheet: String
    var unitCode: String?
    var period: String?
    /// The period read from `period` (`Năm 2023`, `6 tháng đầu năm 2024`), on the worker's thread.
    var reportingPeriod: ReportingPeriod?
    /// The unit's name as the heading writes it.
    var unitName: String?
    var contribution: Consolidation.Contribution
    var links: LinkCheck.Digest

    init(_ instance: FormInstance, linkCheck: LinkCheck) {
        definition = instance.definition
        sheet = instance.sheet
        unitCode = instance.unitCode
        period = instance.period
        reportingPeriod = instance.period.flatMap(ReportingPeriod.headingTexts.value(of:))
        unitName = instance.header["unit_name"]?.value.text
        contribution = Consolidation.Contribution(instance)
        links = linkCheck.digest(instance)
    }
}

/// What one input file gave consolidation: its forms (already checked against their own rules), the findings,
/// or why it could not be read.
struct FileOutcome: Sendable {
    var path: String
    var sha256: String?
    var inputs: [ConsolidationInput] = []
    var findings: [Finding] = []
    /// Why the file could not be read, in the user's language.
    var failure: String?
}

/// Takes the outcomes of a consolidation's files, one at a time, in input order.
protocol OutcomeReceiver {
    mutating func receive(_ outcome: FileOutcome)
}

/// Keeps every outcome.
struct OutcomeList: OutcomeReceiver, Sendable {
    var outcomes: [FileOutcome] = []
    mutating func receive(_ outcome: FileOutcome) { outcomes.append(outcome) }
}

extension ConsolidationPlan: OutcomeReceiver {
    mutating func receive(_ outcome: FileOutcome) { add(outcome) }
}

/// Reads and checks the inputs of a consolidation on several cores; shows progress on a terminal.
enum ConsolidationReader {
    /// Reads every path on `jobs` threads and hands each outcome to `receiver` in the order of `paths`, on
    /// whichever thread finished it. An outcome finished early waits for those before it, so the result does not
    /// depend on the threads' timing; at most about `jobs` outcomes wait at a time.
    ///
    /// One thread at a time delivers (the one that finds the next outcome ready), outside the lock the others take
    /// to leave their outcome: a thread never waits for another's delivery to go on reading.
    static func read<Receiver: OutcomeReceiver & Sendable>(
        _ paths: [String], reading: FormReading, validator: Validator, linkCheck: LinkCheck, jobs: Int,
        into receiver: inout Receiver
    ) {
        let state = Mutex(State(progress: .init(total: paths.count)))
        let delivery = Mutex(receiver)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, paths.count))) { _ in
            let memo = MatchTextMemo()  // this thread's
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < paths.count else { return }
                let outcome = readOne(
                    paths[index], reading: reading, validator: validator, linkCheck: linkCheck, memo: memo)
                var ready = state.withLock { state in
                    state.progress.count(outcome.failure == nil ? .ok : .failed)
                    state.progress.tick(current: paths[index])
                    state.waiting[index] = outcome
                    guard !state.delivering else { return [FileOutcome]() }
                    let ready = state.takeReady()
                    state.delivering = !ready.isEmpty
                    return ready
                }
                while !ready.isEmpty {
                    delivery.withLock { receiver in
                        for outcome in ready { receiver.receive(outcome) }
                    }
                    ready = state.withLock { state in
                        let ready = state.takeReady()
                        state.delivering = !ready.isEmpty
                        return ready
                    }
                }
            }
        }
        state.withLock { $0.progress.finish() }
        receiver = delivery.withLock { $0 }
    }

    /// Reads every path and keeps every outcome, in order.
    static func read(_ paths: [String], reading: FormReading, validator: Validator, linkCheck: LinkCheck, jobs: Int)
        -> [FileOutcome]
    {
        var outcomes = OutcomeList()
        read(paths, reading: reading, validator: validator, linkCheck: linkCheck, jobs: jobs, into: &outcomes)
        return outcomes.outcomes
    }

    private struct State: ~Copyable {
        var progress: ProgressDisplay
        var waiting: [Int: FileOutcome] = [:]
        /// Outcomes handed to the receiver (or being handed).
        var delivered = 0
        /// Whether a thread is handing outcomes to the receiver.
        var delivering = false

        /// The outcomes next in order that are finished, taken from `waiting`.
        mutating func takeReady() -> [FileOutcome] {
            var ready: [FileOutcome] = []
            while let outcome = waiting.removeValue(forKey: delivered) {
                ready.append(outcome)
                delivered += 1
            }
            return ready
        }
    }

    private struct Progress: ~Copyable {
        var progress: ProgressDisplay
    }

    static func readOne(
        _ path: String, reading: FormReading, validator: Validator, linkCheck: LinkCheck, memo: MatchTextMemo? = nil
    ) -> FileOutcome {
        do {
            let result = try reading.read(path, memo: memo)
            var outcome = FileOutcome(path: path, sha256: result.file.sha256)
            outcome.findings = result.findings
            for instance in result.instances {
                outcome.findings += validator.validate(instance)
                outcome.inputs.append(ConsolidationInput(instance, linkCheck: linkCheck))
            }
            return outcome
        } catch {
            return FileOutcome(
                path: path, sha256: nil,
                findings: [
                    Finding(
                        rule: "read/unreadable", severity: .error, location: FindingLocation(file: path),
                        message: LocalizedText(vi: error.reason, en: error.reason))
                ], failure: error.reason)
        }
    }

    /// Only reads every path, as `read` does before detecting forms: the file opened by its content, its SHA-256
    /// taken, every worksheet's rows read with legacy text converted; nothing kept. The baseline of
    /// `Benchmarks/consolidate_run.py` ("the time to read the same files", issue 6). Returns the files read.
    static func readOnly(_ paths: [String], encoding: TextEncodingOption, jobs: Int) -> Int {
        let state = Mutex(Progress(progress: .init(total: paths.count)))
        let next = Atomic<Int>(0)
        let cells = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, paths.count))) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < paths.count else { return }
                var ok = true
                do {
                    let reader = try WorkbookOpener.open(paths[index], encoding: encoding)
                    _ = try SHA256.hexDigest(ofFileAt: paths[index])
                    let policy = encoding.policy(for: reader)
                    var count = 0
                    for info in reader.sheets where info.isWorksheet {
                        let rows = LegacyTextRows(
                            try reader.sheetRows(at: info.index), styles: reader.styles, policy: policy)
                        var all: [Row] = []
                        while let row = try rows.next() { all.append(row) }
                        count += all.reduce(0) { $0 + $1.cells.count }
                    }
                    cells.add(count, ordering: .relaxed)
                } catch {
                    ok = false
                }
                state.withLock { state in
                    state.progress.count(ok ? .ok : .failed)
                    state.progress.tick(current: paths[index])
                }
            }
        }
        state.withLock { $0.progress.finish() }
        return cells.load(ordering: .relaxed)
    }
}
