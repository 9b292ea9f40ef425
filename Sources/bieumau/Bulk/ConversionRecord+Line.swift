// A record as one line between a worker and the runner: fields separated by TAB, lists by US (0x1F), and `\`, TAB,
// LF, CR and US escaped inside fields. Cheaper than JSON per file, and a line never spans two reads' worth of
// meaning: the runner splits on LF.
//
//   status ⇥ size ⇥ sha256 ⇥ format ⇥ sheets ⇥ cells ⇥ legacyFound ⇥ legacyConverted ⇥ outputs ⇥ reason ⇥ seconds ⇥ interrupted
extension ConversionRecord {
    /// The record as one line, without the path (the runner knows which input it sent).
    var line: String {
        let fields = [
            status.rawValue, size.map(String.init) ?? "", sha256 ?? "", format ?? "", String(sheets), String(cells),
            legacyFound.map(LineFields.escaped).joined(separator: "\u{1F}"), String(legacyConverted),
            outputs.map(LineFields.escaped).joined(separator: "\u{1F}"), reason.map(LineFields.escaped) ?? "\u{0}",
            String(seconds), interrupted ? "1" : "0",
        ]
        return fields.joined(separator: "\t")
    }

    /// A record from its line, for the input at `path`; `nil` when the line is not one.
    init?(line: String, path: String) {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 12, let status = Status(rawValue: fields[0]), let sheets = Int(fields[4]),
            let cells = Int(fields[5]), let converted = Int(fields[7]), let seconds = Double(fields[10])
        else { return nil }
        self.init(path: path, status: status)
        size = Int(fields[1])
        sha256 = fields[2].isEmpty ? nil : fields[2]
        format = fields[3].isEmpty ? nil : fields[3]
        self.sheets = sheets
        self.cells = cells
        legacyFound = LineFields.list(fields[6])
        legacyConverted = converted
        outputs = LineFields.list(fields[8])
        reason = fields[9] == "\u{0}" ? nil : LineFields.unescaped(fields[9])
        self.seconds = seconds
        interrupted = fields[11] == "1"
    }
}

/// Escaping of the fields of a worker's lines.
enum LineFields {
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { "\\\t\n\r\u{1F}\u{0}".unicodeScalars.contains($0) }) else {
            return text
        }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\u{1F}": result += "\\u"
            case "\u{0}": result += "\\0"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func unescaped(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var result = ""
        var escaping = false
        for scalar in text.unicodeScalars {
            if escaping {
                switch scalar {
                case "t": result += "\t"
                case "n": result += "\n"
                case "r": result += "\r"
                case "u": result += "\u{1F}"
                case "0": result += "\u{0}"
                default: result.unicodeScalars.append(scalar)
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func list(_ field: String) -> [String] {
        field.isEmpty
            ? [] : field.split(separator: "\u{1F}", omittingEmptySubsequences: false).map { unescaped(String($0)) }
    }
}
