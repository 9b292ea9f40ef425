/// A mapping file that cannot be used: where (file, line, column) and what to fix, in Vietnamese and English.
public struct MappingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of mistake, stable for tests and scripts.
    public var code: Code
    /// The mapping file.
    public var file: String
    /// The line and column (1-based) the mistake is at, when known.
    public var line: Int?
    public var column: Int?
    /// What is wrong and what to do.
    public var message: LocalizedText

    public init(_ code: Code, file: String, line: Int? = nil, column: Int? = nil, message: LocalizedText) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// The kinds of mistakes a mapping file can hold.
    public enum Code: String, Hashable, Sendable {
        /// The file cannot be read (missing, too large, not UTF-8).
        case unreadable
        /// Not valid YAML.
        case syntax
        /// A key the format does not know (often a typo).
        case unknownKey
        /// A required key is absent.
        case missingKey
        /// A value of the wrong shape or an unknown word (`type: integr`).
        case invalidValue
        /// Two columns, lines, rules or forms with the same key, code or id.
        case duplicate
        /// A formula, rule or link names a field, line or form that does not exist.
        case unknownReference
    }

    /// `Mappings/forms/tt07-bc01.yaml:23:5`.
    public var position: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        return text
    }

    public var description: String { "\(position): \(message.vi) (\(message.en))" }
}
