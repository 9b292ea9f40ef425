import Yams

/// A YAML node of a mapping file, read strictly: each accessor says what it expected and where, and a mapping's
/// unknown keys are refused (a typo such as `colums` must not be silently ignored).
struct YAMLObject {
    let node: Node
    let file: String
    /// Where the node is, in keys and indices (`columns[3].formula`), for messages.
    let path: String
    let budget: YAMLBudget

    init(_ node: Node, file: String, path: String, budget: YAMLBudget) {
        self.node = node
        self.file = file
        self.path = path
        self.budget = budget
    }

    func error(_ code: MappingError.Code, vi: String, en: String, at node: Node? = nil) -> MappingError {
        let mark = (node ?? self.node).mark
        return MappingError(
            code, file: file, line: mark?.line, column: mark?.column, message: LocalizedText(vi: vi, en: en))
    }

    /// The entries of a mapping, after checking every key is one of `allowed`.
    func entries(allowed: Set<String>) throws(MappingError) -> [String: (key: Node, value: Node)] {
        guard let mapping = node.mapping else {
            throw error(
                .invalidValue, vi: "\(path) phải là một bảng khóa: giá trị",
                en: "\(path) must be a mapping of keys to values")
        }
        var entries: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard let name = key.string else {
                throw error(
                    .invalidValue, vi: "khóa không phải chữ trong \(path)", en: "a key in \(path) is not text", at: key)
            }
            guard allowed.contains(name) else {
                let known = allowed.sorted().joined(separator: ", ")
                throw error(
                    .unknownKey, vi: "khóa lạ \"\(name)\" trong \(path); các khóa hợp lệ: \(known)",
                    en: "unknown key \"\(name)\" in \(path); valid keys: \(known)", at: key)
            }
            entries[name] = (key, value)
        }
        return entries
    }

    func child(_ node: Node, _ name: String) -> YAMLObject {
        YAMLObject(node, file: file, path: path.isEmpty ? name : "\(path).\(name)", budget: budget)
    }

    /// The items of a sequence (a single value counts as a one-item list).
    ///
    /// - Throws: when the file, through aliases, asks for more items than any form needs (``YAMLBudget``).
    func items() throws(MappingError) -> [YAMLObject] {
        guard let sequence = node.sequence else { return [self] }
        guard budget.spend(sequence.count) else {
            throw error(
                .invalidValue,
                vi: "tệp ánh xạ có quá nhiều mục (quá \(YAMLBudget.maximumItems), có thể do bí danh lồng nhau)",
                en:
                    "the mapping file holds too many items (over \(YAMLBudget.maximumItems), perhaps through nested aliases)"
            )
        }
        return sequence.enumerated().map { YAMLObject($1, file: file, path: "\(path)[\($0)]", budget: budget) }
    }

    /// The text of a scalar.
    func string() throws(MappingError) -> String {
        guard let scalar = node.scalar else {
            throw error(.invalidValue, vi: "\(path) phải là một giá trị chữ", en: "\(path) must be a single text value")
        }
        return scalar.string
    }

    /// A list of texts, or one text.
    func strings() throws(MappingError) -> [String] {
        var result: [String] = []
        for item in try items() { result.append(try item.string()) }
        return result
    }

    func int() throws(MappingError) -> Int {
        guard let value = Int(try string()) else {
            throw error(.invalidValue, vi: "\(path) phải là một số nguyên", en: "\(path) must be a whole number")
        }
        return value
    }

    func bool() throws(MappingError) -> Bool {
        switch try string().lowercased() {
        case "true", "yes", "có": return true
        case "false", "no", "không": return false
        default:
            throw error(.invalidValue, vi: "\(path) phải là true hoặc false", en: "\(path) must be true or false")
        }
    }

    /// One of a set of words, named in the message when it is not.
    func word<Value: RawRepresentable & CaseIterable>(_: Value.Type) throws(MappingError) -> Value
    where Value.RawValue == String {
        let text = try string()
        guard let value = Value(rawValue: text) else {
            let known = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(
                .invalidValue, vi: "\(path): \"\(text)\" không hợp lệ; chọn một trong: \(known)",
                en: "\(path): \"\(text)\" is not valid; use one of: \(known)")
        }
        return value
    }
}

/// The entries of one mapping, with typed accessors that know the file and the path.
struct YAMLFields {
    let object: YAMLObject
    let entries: [String: (key: Node, value: Node)]

    init(_ object: YAMLObject, allowed: Set<String>) throws(MappingError) {
        self.object = object
        self.entries = try object.entries(allowed: allowed)
    }

    func has(_ key: String) -> Bool { entries[key] != nil }

    func optional(_ key: String) -> YAMLObject? {
        entries[key].map { object.child($0.value, key) }
    }

    func required(_ key: String) throws(MappingError) -> YAMLObject {
        guard let value = optional(key) else {
            throw object.error(
                .missingKey, vi: "\(object.path) thiếu khóa bắt buộc \"\(key)\"",
                en: "\(object.path) lacks the required key \"\(key)\"")
        }
        return value
    }

    func string(_ key: String) throws(MappingError) -> String { try required(key).string() }
    func optionalString(_ key: String) throws(MappingError) -> String? { try optional(key)?.string() }
    func strings(_ key: String) throws(MappingError) -> [String] { try optional(key)?.strings() ?? [] }

    /// Where a key stands, for errors found after reading.
    func node(_ key: String) -> Node? { entries[key]?.key }
}

/// How many list items one mapping file may ask for in all. YAML aliases can make a small file expand
/// exponentially (the "billion laughs"); no form needs more than a few hundred items. One per file read, shared by
/// every reader of its nodes (the forms' and the Poverty module's).
public final class YAMLBudget {
    public static let maximumItems = 100_000
    var itemsLeft = YAMLBudget.maximumItems

    public init() {}

    /// Takes `count` items from the budget; `false` once the file has asked for more than ``maximumItems``.
    public func spend(_ count: Int) -> Bool {
        itemsLeft -= count
        return itemsLeft >= 0
    }
}
