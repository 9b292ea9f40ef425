/// The JSON rendering, a stable schema documented in `Docs/findings-json.md` (`"schema": "bieumau-findings"`,
/// `"version": 1`). Keys always come in the same order; numbers are exact decimals with `.`.
extension FindingsReport {
    /// The schema version written in every document; it changes only when a key changes meaning or goes away.
    public static let jsonSchemaVersion = 1

    public func json(in language: Language) -> String {
        var out = "{\n"
        out += "  \"schema\": \"bieumau-findings\",\n"
        out += "  \"version\": \(FindingsReport.jsonSchemaVersion),\n"
        out += "  \"language\": \(JSONText.string(language.rawValue)),\n"
        out +=
            "  \"summary\": {\"errors\": \(count(.error)), \"warnings\": \(count(.warning)), \"info\": \(count(.info))},\n"
        out += "  \"files\": ["
        for (index, file) in files.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out +=
                "    {\"path\": \(JSONText.string(file.path)), \"sha256\": \(file.sha256.map(JSONText.string) ?? "null")"
            out += ", \"previous\": \(file.isPrevious), \"sheets\": ["
            out += file.sheets.map { sheet in
                var fields = ["\"name\": \(JSONText.string(sheet.name))"]
                fields.append("\"form\": \(sheet.form.map(JSONText.string) ?? "null")")
                fields.append("\"version\": \(sheet.version.map(JSONText.string) ?? "null")")
                fields.append("\"unit_code\": \(sheet.unitCode.map(JSONText.string) ?? "null")")
                fields.append("\"period\": \(sheet.period.map(JSONText.string) ?? "null")")
                return "{" + fields.joined(separator: ", ") + "}"
            }.joined(separator: ", ")
            out += "]}"
        }
        out += files.isEmpty ? "],\n" : "\n  ],\n"
        out += "  \"findings\": ["
        for (index, finding) in findings.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {"
            var fields: [String] = []
            fields.append("\"rule\": \(JSONText.string(finding.rule))")
            fields.append("\"severity\": \(JSONText.string(finding.severity.rawValue))")
            fields.append(contentsOf: JSONText.location(finding.location))
            if let expected = finding.expected { fields.append("\"expected\": \(JSONText.value(expected))") }
            if let actual = finding.actual { fields.append("\"actual\": \(JSONText.value(actual))") }
            fields.append("\"message\": \(JSONText.string(finding.message.text(in: language)))")
            if !finding.related.isEmpty {
                let related = finding.related.map { "{" + JSONText.location($0).joined(separator: ", ") + "}" }
                fields.append("\"related\": [" + related.joined(separator: ", ") + "]")
            }
            out += fields.joined(separator: ", ") + "}"
        }
        out += findings.isEmpty ? "]\n" : "\n  ]\n"
        out += "}\n"
        return out
    }
}

/// JSON text for strings and values (RFC 8259 §7: `"`, `\` and controls escaped; everything else as UTF-8).
enum JSONText {
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A number as its exact decimal (`7.93`), text as a string, a blank cell as `null`.
    static func value(_ value: FindingValue) -> String {
        switch value {
        case .number(let number): number.description
        case .text(let text): string(text)
        case .blank: "null"
        }
    }

    static func location(_ location: FindingLocation) -> [String] {
        [
            "\"file\": \(string(location.file))",
            "\"sheet\": \(location.sheet.map(string) ?? "null")",
            "\"cell\": \(location.cell.map(string) ?? "null")",
        ]
    }
}
