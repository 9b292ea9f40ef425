/// A JSON document built in order, so that `--json` output has stable key order.
indirect enum JSONValue {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case null
    case array([JSONValue])
    case object(KeyValuePairs<String, JSONValue>)
    case orderedObject([(String, JSONValue)])

    /// Optional text, `null` when absent.
    static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    /// Pretty-printed JSON text with two-space indentation.
    func rendered(indent: Int = 0) -> String {
        let padding = String(repeating: "  ", count: indent + 1)
        let closing = String(repeating: "  ", count: indent)
        switch self {
        case .string(let text): return JSONValue.quoted(text)
        case .integer(let number): return String(number)
        case .boolean(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { padding + $0.rendered(indent: indent + 1) }.joined(separator: ",\n")
                + "\n\(closing)]"
        case .object(let pairs):
            return JSONValue.orderedObject(pairs.map { ($0.key, $0.value) }).rendered(indent: indent)
        case .orderedObject(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n"
                + pairs.map { padding + JSONValue.quoted($0.0) + ": " + $0.1.rendered(indent: indent + 1) }
                .joined(separator: ",\n") + "\n\(closing)}"
        }
    }

    private static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
