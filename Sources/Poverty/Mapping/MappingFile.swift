// Reading the YAML mapping files of Mappings/standards and Mappings/programmes.
//
// A file is composed into a Yams `Node` tree (which keeps each node's line), then read through `MappingValue`:
// every mapping is checked against the keys its reader knows (an unknown key is an error naming its line, so a
// typo never passes silently), and scalars are read from their text as written (`1500000` is parsed as an exact
// decimal from its digits, never through a binary floating-point number).
import Forms
import Foundation
import SheetCore
import Yams

/// A YAML node with the file it came from: the one way this module reads mapping files.
struct MappingValue {
    let node: Node
    let file: String
    /// The items the whole file may ask for: aliases can make a small file expand exponentially.
    let budget: YAMLBudget

    /// 1-based line of the node, `0` when unknown.
    var line: Int { node.mark?.line ?? 0 }

    /// Reads and composes `path`.
    static func load(path: String) throws(PovertyError) -> MappingValue {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw PovertyError(
                .fileUnreadable, vi: "Không đọc được tệp (phải là văn bản UTF-8).",
                en: "The file cannot be read (it must be UTF-8 text).", file: path, cause: error)
        }
        return try parse(text, file: path)
    }

    /// Composes YAML `text`, naming it `file` in errors.
    static func parse(_ text: String, file: String) throws(PovertyError) -> MappingValue {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic)  // scalars are read from their text: no tags resolved
        } catch {
            var line = 0
            if let yaml = error as? YamlError {
                switch yaml {
                case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
                    line = mark.line
                default: break
                }
            }
            throw PovertyError(
                .yamlSyntax, vi: "Tệp YAML không đúng cú pháp: \(error)", en: "The YAML is not well-formed: \(error)",
                file: file, line: line, cause: error)
        }
        guard let root else {
            throw PovertyError(.missingKey, vi: "Tệp rỗng.", en: "The file is empty.", file: file)
        }
        return MappingValue(node: root, file: file, budget: YAMLBudget())
    }

    func error(_ code: PovertyError.Code, vi: String, en: String) -> PovertyError {
        PovertyError(code, vi: vi, en: en, file: file, line: line)
    }

    /// Takes `count` items from the file's budget.
    private func spend(_ count: Int) throws(PovertyError) {
        guard budget.spend(count) else {
            throw error(
                .invalidValue,
                vi: "Tệp có quá nhiều mục (quá \(YAMLBudget.maximumItems), có thể do bí danh lồng nhau).",
                en: "The file holds too many items (over \(YAMLBudget.maximumItems), perhaps through nested aliases).")
        }
    }

    /// This node as a mapping whose keys are all in `known`.
    func object(_ what: String, keys known: Set<String>) throws(PovertyError) -> MappingObject {
        guard let mapping = node.mapping else {
            throw error(
                .invalidValue, vi: "“\(what)” phải là một bảng khóa: giá trị.", en: "“\(what)” must be a mapping.")
        }
        try spend(mapping.count)
        var values: [String: MappingValue] = [:]
        for (keyNode, valueNode) in mapping {
            let keyValue = MappingValue(node: keyNode, file: file, budget: budget)
            guard let key = keyNode.scalar?.string else {
                throw keyValue.error(.invalidValue, vi: "Khóa phải là chữ.", en: "A key must be text.")
            }
            guard known.contains(key) else {
                let list = known.sorted().joined(separator: ", ")
                throw keyValue.error(
                    .unknownKey, vi: "Khóa “\(key)” không có trong “\(what)”; các khóa hợp lệ: \(list).",
                    en: "Unknown key “\(key)” in “\(what)”; known keys: \(list).")
            }
            guard values[key] == nil else {
                throw keyValue.error(
                    .duplicate, vi: "Khóa “\(key)” xuất hiện hai lần.", en: "Key “\(key)” appears twice.")
            }
            values[key] = MappingValue(node: valueNode, file: file, budget: budget)
        }
        return MappingObject(what: what, values: values, owner: self)
    }

    /// This node as a list (a single scalar is not a list).
    func list(_ what: String) throws(PovertyError) -> [MappingValue] {
        guard let sequence = node.sequence else {
            throw error(.invalidValue, vi: "“\(what)” phải là một danh sách.", en: "“\(what)” must be a list.")
        }
        try spend(sequence.count)
        return sequence.map { MappingValue(node: $0, file: file, budget: budget) }
    }

    /// The scalar text as written.
    func text(_ what: String) throws(PovertyError) -> String {
        guard let scalar = node.scalar else {
            throw error(
                .invalidValue, vi: "“\(what)” phải là một giá trị đơn.", en: "“\(what)” must be a single value.")
        }
        return scalar.string
    }

    /// The scalar as an exact decimal (canonical text: `1500000`, `49.7`; no grouping).
    func decimal(_ what: String) throws(PovertyError) -> DecimalNumber {
        let text = try text(what)
        guard let value = DecimalNumber(text.trimmingSpaces) else {
            throw error(
                .invalidValue,
                vi:
                    "“\(what)” = “\(text)” không phải là số (viết không dấu phân cách nghìn, dấu chấm thập phân: 1500000, 49.7).",
                en:
                    "“\(what)” = “\(text)” is not a number (write it without grouping, with a decimal point: 1500000, 49.7)."
            )
        }
        return value
    }

    /// The scalar as an integer.
    func integer(_ what: String) throws(PovertyError) -> Int {
        let text = try text(what)
        guard let value = Int(text.trimmingSpaces) else {
            throw error(
                .invalidValue, vi: "“\(what)” = “\(text)” không phải là số nguyên.",
                en: "“\(what)” = “\(text)” is not an integer.")
        }
        return value
    }

    /// The scalar as a `YYYY-MM-DD` date.
    func date(_ what: String) throws(PovertyError) -> CalendarDate {
        let text = try text(what)
        guard let value = CalendarDate(text.trimmingSpaces) else {
            throw error(
                .invalidValue, vi: "“\(what)” = “\(text)” không phải là ngày dạng YYYY-MM-DD.",
                en: "“\(what)” = “\(text)” is not a YYYY-MM-DD date.")
        }
        return value
    }
}

/// A YAML mapping whose keys were checked: required and optional reads, each error naming the line.
struct MappingObject {
    let what: String
    let values: [String: MappingValue]
    let owner: MappingValue

    var line: Int { owner.line }
    var file: String { owner.file }

    func optional(_ key: String) -> MappingValue? {
        guard let value = values[key] else { return nil }
        if case .scalar(let scalar) = value.node, scalar.style == .plain,
            ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        {
            return nil
        }
        return value
    }

    func required(_ key: String) throws(PovertyError) -> MappingValue {
        guard let value = optional(key) else {
            throw owner.error(
                .missingKey, vi: "Thiếu khóa “\(key)” trong “\(what)”.", en: "“\(what)” lacks the key “\(key)”.")
        }
        return value
    }

    func text(_ key: String) throws(PovertyError) -> String { try required(key).text(key) }
    func optionalText(_ key: String) throws(PovertyError) -> String? { try optional(key)?.text(key) }
    func decimal(_ key: String) throws(PovertyError) -> DecimalNumber { try required(key).decimal(key) }
    func integer(_ key: String) throws(PovertyError) -> Int { try required(key).integer(key) }
    func date(_ key: String) throws(PovertyError) -> CalendarDate { try required(key).date(key) }
    func optionalDate(_ key: String) throws(PovertyError) -> CalendarDate? { try optional(key)?.date(key) }

    func list(_ key: String) throws(PovertyError) -> [MappingValue] { try required(key).list(key) }
    func optionalList(_ key: String) throws(PovertyError) -> [MappingValue] { try optional(key)?.list(key) ?? [] }

    /// A list of plain strings.
    func textList(_ key: String) throws(PovertyError) -> [String] {
        var result: [String] = []
        for item in try optionalList(key) { result.append(try item.text(key)) }
        return result
    }

    /// A stable key: lowercase ASCII letters, digits, `-` and `.`; not empty.
    func key(_ key: String) throws(PovertyError) -> String {
        let value = try required(key)
        let text = try value.text(key)
        let allowed = text.utf8.allSatisfy {
            ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
                || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
        }
        guard !text.isEmpty, allowed else {
            throw value.error(
                .invalidValue, vi: "Khóa “\(text)” chỉ được gồm chữ thường không dấu, chữ số, “-” và “.”.",
                en: "Key “\(text)” may hold only lowercase ASCII letters, digits, “-” and “.”.")
        }
        return text
    }
}

/// The `*.yaml` files of `folder`, sorted by name, with a clear error when the folder cannot be listed.
func yamlFiles(in folder: String) throws(PovertyError) -> [String] {
    try files(in: folder, extensions: ["yaml", "yml"])
}

/// The files of `folder` with one of `extensions` (lowercased), sorted by name.
func files(in folder: String, extensions: Set<String>) throws(PovertyError) -> [String] {
    let names: [String]
    do {
        names = try FileManager.default.contentsOfDirectory(atPath: folder)
    } catch {
        throw PovertyError(
            .fileUnreadable, vi: "Không đọc được thư mục.", en: "The folder cannot be read.", file: folder, cause: error
        )
    }
    let base = folder.hasSuffix("/") ? folder : folder + "/"
    return names.filter { name in
        guard !name.hasPrefix("."), let dot = name.lastIndex(of: ".") else { return false }
        return extensions.contains(name[name.index(after: dot)...].lowercased())
    }.sorted().map { base + $0 }
}

/// `mappingsFolder/subfolder`.
func mappingsSubfolder(_ mappingsFolder: String, _ subfolder: String) -> String {
    (mappingsFolder.hasSuffix("/") ? mappingsFolder : mappingsFolder + "/") + subfolder
}
