import Synchronization
import Testing

@testable import SheetCore

@Suite("Work on a second thread")
struct BackgroundWorkTests {
    /// The result is what the work gave, asked for once or more; the work ran once.
    @Test func resultIsWhatTheWorkGave() {
        let runs = Atomic<Int>(0)
        let work = BackgroundWork { () -> [Int] in
            runs.add(1, ordering: .relaxed)
            return (1...1000).map { $0 * $0 }
        }
        #expect(work.result().reduce(0, +) == 333_833_500)
        #expect(work.result().count == 1000)
        let count = runs.load(ordering: .relaxed)
        #expect(count == 1)
    }

    /// Work whose result is never asked for is waited for when it is dropped: what it touches outlives it.
    @Test func droppedWorkIsWaitedFor() {
        let done = Atomic<Bool>(false)
        do {
            _ = BackgroundWork {
                var total = 0
                for value in 0..<200_000 { total &+= value }
                done.store(true, ordering: .relaxed)
                return total
            }
        }
        let finished = done.load(ordering: .relaxed)
        #expect(finished)
    }
}
