/// The one error the Poverty module throws: what went wrong, where (file and line of a mapping file or unit list),
/// and what to do, in Vietnamese and English.
///
/// ```swift
/// do { _ = try UnitHierarchy.load(csvFiles: ["units.csv"]) }
/// catch { print(error) }   // "units.csv:7: unknownParent: parent 619 of unit 23535 is not in the list …"
/// ```
public struct PovertyError: Error, CustomStringConvertible, Sendable {
    /// A growable set of error kinds (new ones can be added without breaking callers).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The stable name, as printed (`unknownParent`).
        public let name: String
        public var description: String { name }

        /// A file or folder could not be read.
        public static let fileUnreadable = Code(name: "fileUnreadable")
        /// A YAML mapping file is not well-formed YAML.
        public static let yamlSyntax = Code(name: "yamlSyntax")
        /// A mapping file has a key this module does not know (often a typo).
        public static let unknownKey = Code(name: "unknownKey")
        /// A mapping file lacks a required key.
        public static let missingKey = Code(name: "missingKey")
        /// A value has the wrong shape (not a number, not a date, out of range, …).
        public static let invalidValue = Code(name: "invalidValue")
        /// Two entries use the same key or code where it must be unique.
        public static let duplicate = Code(name: "duplicate")
        /// A units CSV line is malformed (field count, quotes, header).
        public static let csvSyntax = Code(name: "csvSyntax")
        /// A unit names a parent that does not exist for the unit's validity.
        public static let unknownParent = Code(name: "unknownParent")
        /// A unit names a successor that does not exist when the unit ends.
        public static let unknownSuccessor = Code(name: "unknownSuccessor")
        /// Parent links (or successor links) loop.
        public static let cycle = Code(name: "cycle")
        /// A reference (indicator, component, unit, programme) names nothing known.
        public static let unknownReference = Code(name: "unknownReference")
        /// The standard's classification rule for this period is not modelled (no verified source).
        public static let notModelled = Code(name: "notModelled")
        /// Text that is not a reporting period (`2024`, `2024-H1`, `2024-9T`, `2024-RS`).
        public static let invalidPeriod = Code(name: "invalidPeriod")
    }

    /// What kind of problem this is.
    public var code: Code
    /// What happened and what to do, in Vietnamese.
    public var vietnameseMessage: String
    /// What happened and what to do, in English.
    public var englishMessage: String
    /// The file the problem is in (as given to the loader), `nil` when not about a file.
    public var file: String?
    /// 1-based line in ``file``; `0` when unknown.
    public var line: Int
    /// The underlying error (a YAML parser error, a file-system error).
    public var cause: (any Error)?

    /// An error of kind `code` with both messages and an optional location.
    ///
    /// - Parameters:
    ///   - code: the kind of problem.
    ///   - vi: the message in Vietnamese.
    ///   - en: the message in English.
    ///   - file: the file it is in.
    ///   - line: the 1-based line, `0` when unknown.
    ///   - cause: an underlying error.
    public init(
        _ code: Code, vi: String, en: String, file: String? = nil, line: Int = 0, cause: (any Error)? = nil
    ) {
        self.code = code
        self.vietnameseMessage = vi
        self.englishMessage = en
        self.file = file
        self.line = line
        self.cause = cause
    }

    /// `file:line`, `file`, or empty.
    public var location: String {
        guard let file else { return line > 0 ? "line \(line)" : "" }
        return line > 0 ? "\(file):\(line)" : file
    }

    /// The error in one language: `"file:line: message"`.
    ///
    /// - Parameter vietnamese: `true` for the Vietnamese message, `false` for English.
    public func rendered(vietnamese: Bool) -> String {
        let message = vietnamese ? vietnameseMessage : englishMessage
        return location.isEmpty ? message : "\(location): \(message)"
    }

    /// `file:line: code: English message (cause)`.
    public var description: String {
        var text = location.isEmpty ? "" : location + ": "
        text += "\(code): \(englishMessage)"
        if let cause { text += " (\(cause))" }
        return text
    }
}
