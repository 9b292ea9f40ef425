/// What happened to one input of `bieumau convert`: a line of the report, and what a worker process sends back.
struct ConversionRecord: Sendable {
    enum Status: String, Sendable {
        /// Converted now.
        case ok
        /// Its outputs were already complete and newer than it (an earlier run made them).
        case skipped
        /// Not converted; `reason` says why.
        case failed
    }

    /// The input as named on the command line or found in a folder.
    var path: String
    /// Its size in bytes, `nil` when it cannot be read.
    var size: Int?
    /// The SHA-256 of its contents (FIPS 180-4), 64 hexadecimal digits; `nil` when it cannot be read.
    var sha256: String?
    /// `xlsx`, `xls`, `csv`, or `nil` when the file is no spreadsheet we read.
    var format: String?
    /// Worksheets read.
    var sheets: Int = 0
    /// Non-empty cells read.
    var cells: Int = 0
    /// Legacy encodings found, with the font that betrays each: `TCVN3 (.VnTime)`, `VNI (VNI-Times)`, `cp1258`.
    var legacyFound: [String] = []
    /// Texts (cells and rich-text runs) converted from a legacy encoding to Unicode.
    var legacyConverted: Int = 0
    /// The files written (or found complete, when skipped).
    var outputs: [String] = []
    var status: Status
    /// Why it failed, in the user's language; notes (an encoding detected, numbers kept as text) for the others.
    var reason: String?
    /// Seconds spent on it by the worker.
    var seconds: Double = 0
    /// A worker stopped by Ctrl-C before finishing it: not done, not failed (the next run does it).
    var interrupted = false

    init(path: String, status: Status = .failed) {
        self.path = path
        self.status = status
    }
}
