// Progress of a bulk run on stderr (DESIGN §5: progress bars only on a terminal).
//
//   terminal:  [██████████░░░░░░░░░░] 512/1000 · 85,3 tệp/s · còn 6 s · 2019/huyen-03/bao-cao-0512.xls
//   otherwise: bieumau: 512/1000 tệp (files), 85.3/s, ETA 6 s          (a line every 5 seconds)
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The progress bar or log lines of a bulk run, and the lines printed on stdout in between.
struct ProgressDisplay {
    private let total: Int
    private let started = BulkClock.now()
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
    private var done = 0
    private var failed = 0
    private var lastDrawn = 0.0
    private var barShown = false

    init(total: Int) { self.total = total }

    /// Seconds since the run started.
    var elapsed: Double { BulkClock.now() - started }

    /// Counts a finished input.
    mutating func count(_ status: ConversionRecord.Status) {
        done += 1
        if status == .failed { failed += 1 }
    }

    /// A data line on stdout (the bar is cleared first when both go to the terminal).
    mutating func printLine(_ line: String) {
        if barShown && stdoutIsTerminal { clearBar() }
        ProgressDisplay.write(line + "\n", to: STDOUT_FILENO)
    }

    /// A diagnostic line on stderr.
    mutating func note(_ line: String) {
        if barShown { clearBar() }
        ProgressDisplay.write(line + "\n", to: STDERR_FILENO)
    }

    /// Redraws the bar (a terminal, at most 10 times a second) or writes a log line (every 5 seconds).
    mutating func tick(current: String?) {
        let now = BulkClock.now()
        if isTerminal {
            guard now - lastDrawn >= 0.1 else { return }
            lastDrawn = now
            drawBar(current: current)
        } else {
            if lastDrawn == 0 { lastDrawn = now }
            guard now - lastDrawn >= 5 else { return }
            lastDrawn = now
            ProgressDisplay.write("bieumau: " + status(english: Language.current == .english) + "\n", to: STDERR_FILENO)
        }
    }

    /// Removes the bar at the end.
    mutating func finish() {
        if barShown { clearBar() }
    }

    private mutating func drawBar(current: String?) {
        let width = 24
        let filled = total == 0 ? width : min(width, done * width / total)
        var line = "\r[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "] "
        line += status(english: Language.current == .english)
        if let current {
            let shown = current.count > 40 ? "…" + String(current.suffix(39)) : current
            line += " · " + shown
        }
        ProgressDisplay.write(line + "\u{1B}[K", to: STDERR_FILENO)
        barShown = true
    }

    private func status(english: Bool) -> String {
        let seconds = max(elapsed, 0.001)
        let rate = Double(done) / seconds
        var text = "\(done)/\(total)"
        text +=
            english
            ? " files · \(ProgressDisplay.decimal(rate, english: true))/s"
            : " tệp · "
                + ProgressDisplay.decimal(rate, english: false) + " tệp/s"
        if done > 0 && done < total {
            let remaining = Double(total - done) / rate
            text +=
                english
                ? " · ETA \(ProgressDisplay.seconds(remaining)) s"
                : " · còn \(ProgressDisplay.seconds(remaining, english: false)) s"
        }
        if failed > 0 { text += english ? " · \(failed) failed" : " · \(failed) lỗi" }
        return text
    }

    private mutating func clearBar() {
        ProgressDisplay.write("\r\u{1B}[K", to: STDERR_FILENO)
        barShown = false
        lastDrawn = 0
    }

    /// One decimal under 10 s, whole seconds from there; a decimal comma in Vietnamese.
    static func seconds(_ value: Double, english: Bool = true) -> String {
        value < 10 ? decimal(value, english: english) : String(Int(value.rounded()))
    }
    /// One decimal, with a comma in Vietnamese.
    static func decimal(_ value: Double, english: Bool) -> String {
        let text = String(Double((value * 10).rounded()) / 10)
        return english ? text : text.replacingOccurrences(of: ".", with: ",")
    }

    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes {
                Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}
