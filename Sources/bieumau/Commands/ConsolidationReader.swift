import Dispatch
import Forms
import Foundation
import SheetCore
import Synchronization

/// What one input file gave consolidation: its forms (already checked against their own rules), the findings,
/// or why it could not be read.
struct FileOutcome: Sendable {
    var path: String
    var sha256: String?
    var instances: [FormInstance] = []
    var findings: [Finding] = []
    /// Why the file could not be read, in the user's language.
    var failure: String?
}

/// Reads and checks the inputs of a consolidation on several cores, keeping their order; shows progress on a
/// terminal.
enum ConsolidationReader {
    static func read(_ paths: [String], reading: FormReading, validator: Validator, jobs: Int) -> [FileOutcome] {
        let state = Mutex(
            State(outcomes: Array(repeating: nil, count: paths.count), progress: .init(total: paths.count)))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, paths.count))) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < paths.count else { return }
                let outcome = readOne(paths[index], reading: reading, validator: validator)
                state.withLock { state in
                    state.outcomes[index] = outcome
                    state.progress.count(outcome.failure == nil ? .ok : .failed)
                    state.progress.tick(current: paths[index])
                }
            }
        }
        return state.withLock { state in
            state.progress.finish()
            return state.outcomes.map { $0! }
        }
    }

    private struct State: ~Copyable {
        var outcomes: [FileOutcome?]
        var progress: ProgressDisplay
    }

    private static func readOne(_ path: String, reading: FormReading, validator: Validator) -> FileOutcome {
        do {
            let result = try reading.read(path)
            var outcome = FileOutcome(path: path, sha256: result.file.sha256, instances: result.instances)
            outcome.findings = result.findings
            for instance in result.instances { outcome.findings += validator.validate(instance) }
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
}
