import Foundation
import Testing
import VietText

/// TCVN3 decoding speed, opt-in: `BIEUMAU_VIET_BENCH=1 swift test -c release --filter VietTextBenchmark`.
/// Prints MB/s of input and asserts nothing (the figure depends on the machine).
@Suite("VietTextBenchmark")
struct VietTextBenchmark {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["BIEUMAU_VIET_BENCH"] == "1"))
    func tcvn3DecodingThroughput() {
        // A register line in TCVN3, repeated to 64 MiB.
        let line = "Hä vµ tªn: NguyÔn V¨n An, th«n 3, x· Ia §al, hé nghÌo n¨m 2024; thu nhËp b×nh qu©n 450.000 ®ång\n"
        let unit = line.unicodeScalars.map { UInt8($0.value) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 << 20)
        while bytes.count < 64 << 20 { bytes.append(contentsOf: unit) }
        var best = Double.infinity
        var length = 0
        for _ in 0..<5 {
            let start = ContinuousClock.now
            let text = bytes.withUnsafeBufferPointer { VietText.decode($0, from: .tcvn3) }
            let elapsed = ContinuousClock.now - start
            length = text.utf8.count
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            best = min(best, seconds)
        }
        print("VietText TCVN3 decode: \(bytes.count >> 20) MiB in \(best) s = \(Double(bytes.count) / best / 1e6) MB/s (output \(length) bytes)")
    }
}
