// One registry of the bounds every reader enforces on untrusted input (DESIGN §6; the table with defaults is
// LIMITS.md). Each module keeps its own limits type (ZipLimits, XMLLimits, XLSXLimits, XLSLimits, CSVLimits), whose
// `.default` starts from the documented values and applies the overrides named here, so that a user can raise a
// bound for one run without a new build:
//
//   BIEUMAU_LIMITS="zip.maxEntrySize=2GiB,xlsx.maxCellsPerSheet=200000000" bieumau convert big.xlsx --to csv
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Overrides of the reader limits from the `BIEUMAU_LIMITS` environment variable, and the wording errors use to
/// say how to raise a limit.
///
/// ```swift
/// // BIEUMAU_LIMITS="xml.maxDepth=512"
/// let depth = ReadLimits.value("xml.maxDepth", default: 256)   // 512
/// ```
public enum ReadLimits {
    /// The environment variable read once, at the first use of any limits type's `.default`.
    public static let environmentVariable = "BIEUMAU_LIMITS"

    /// Every limit that can be overridden, by its name in `BIEUMAU_LIMITS` (`module.property`).
    public static let names: Set<String> = [
        "zip.maxEntryCount", "zip.maxEntrySize", "zip.maxTotalSize", "zip.maxCompressionRatio",
        "zip.compressionRatioThreshold", "zip.maxNameLength",
        "xml.maxDepth", "xml.maxTokenSize", "xml.maxAttributes",
        "xlsx.maxSharedStrings", "xlsx.maxSharedStringBytes", "xlsx.maxSheets", "xlsx.maxCellsPerSheet",
        "xls.maxFileSize", "xls.maxSharedStrings", "xls.maxSharedStringBytes", "xls.maxSheets",
        "xls.maxCellsPerSheet", "xls.maxSectorsVisited", "xls.maxRecordLength",
        "csv.maxFieldSize", "csv.maxRecordSize", "csv.maxFieldCount",
    ]

    /// The overrides found in the environment, by name. What cannot be understood is said once on standard error
    /// (a mistyped limit name must not pass silently) and left out.
    public static let overrides: [String: UInt64] = {
        guard let raw = getenv(environmentVariable) else { return [:] }
        let parsed = parse(String(cString: raw))
        for problem in parsed.problems {
            var line = problem + "\n"
            line.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
        }
        return parsed.values
    }()

    /// What could not be understood in the environment variable (unknown names, values that are not sizes), for a
    /// command to report; the rest of the overrides still apply.
    public static let problems: [String] = {
        guard let raw = getenv(environmentVariable) else { return [] }
        return parse(String(cString: raw)).problems
    }()

    /// Parses `name=value` pairs separated by commas or spaces; values are integers with an optional binary suffix
    /// (`K`/`KiB`, `M`/`MiB`, `G`/`GiB`, ×1024 each) and `_` as a digit separator.
    ///
    /// - Returns: the values by name, and one sentence per pair that could not be used.
    public static func parse(_ text: String) -> (values: [String: UInt64], problems: [String]) {
        var values: [String: UInt64] = [:]
        var problems: [String] = []
        for pair in text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }) {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, names.contains(parts[0]) else {
                problems.append("\(environmentVariable): \"\(pair)\" names no limit (see LIMITS.md)")
                continue
            }
            guard let value = size(parts[1]) else {
                problems.append("\(environmentVariable): \"\(parts[1])\" is not a size for \(parts[0])")
                continue
            }
            values[parts[0]] = value
        }
        return (values, problems)
    }

    /// `1_000`, `64K`, `2GiB` → bytes or a count; `nil` when not a number.
    static func size(_ text: String) -> UInt64? {
        var digits = Substring(text.filter { $0 != "_" })
        var multiplier: UInt64 = 1
        for (suffix, shift) in [("KiB", 10), ("MiB", 20), ("GiB", 30), ("K", 10), ("M", 20), ("G", 30)]
        where digits.hasSuffix(suffix) {
            digits = digits.dropLast(suffix.count)
            multiplier = 1 << UInt64(shift)
            break
        }
        guard let number = UInt64(digits) else { return nil }
        let (product, overflow) = number.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : product
    }

    /// The override of limit `name`, or `defaultValue`.
    public static func value(_ name: String, default defaultValue: Int) -> Int {
        guard let value = overrides[name] else { return defaultValue }
        return Int(clamping: value)
    }

    /// The override of limit `name`, or `defaultValue`.
    public static func value(_ name: String, default defaultValue: UInt64) -> UInt64 {
        overrides[name] ?? defaultValue
    }

    /// How to raise limit `name`, for the end of a `limitExceeded` message.
    ///
    /// ```swift
    /// ReadLimits.hint("xml.maxDepth")   // "to raise it, set BIEUMAU_LIMITS=xml.maxDepth=N (LIMITS.md)"
    /// ```
    public static func hint(_ name: String) -> String {
        "to raise it, set \(environmentVariable)=\(name)=N (LIMITS.md)"
    }
}
