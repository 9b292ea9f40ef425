// The report of a bulk conversion (`--report FILE`): one entry per input, as CSV (RFC 4180, UTF-8, a header line)
// or JSON (`{"inputs": [...]}`), written under a temporary name and renamed like every output.
import SheetCore

/// Renders the records of a run as CSV or JSON.
struct ConversionReport {
    var records: [ConversionRecord]

    /// The CSV columns, in order.
    static let columns = [
        "path", "size", "sha256", "format", "sheets", "cells", "legacy_found", "legacy_converted", "outputs",
        "status", "reason", "seconds",
    ]

    /// Writes the report; JSON when the name ends in `.json`, CSV otherwise.
    func write(to path: String) throws(FileError) {
        let text = path.lowercased().hasSuffix(".json") ? json() : csv()
        let file = try OutputFile(path: path)
        try file.write(Array(text.utf8))
        try file.commit(replacing: true)
    }

    func csv() -> String {
        var text = Self.columns.joined(separator: ",") + "\r\n"
        for record in records {
            let fields = [
                record.path, record.size.map(String.init) ?? "", record.sha256 ?? "", record.format ?? "",
                String(record.sheets), String(record.cells), record.legacyFound.joined(separator: "; "),
                String(record.legacyConverted), record.outputs.joined(separator: "; "), record.status.rawValue,
                record.reason ?? "", ProgressDisplay.decimal(record.seconds, english: true),
            ]
            text += fields.map(Self.quoted).joined(separator: ",") + "\r\n"
        }
        return text
    }

    func json() -> String {
        let entries = records.map { record -> JSONValue in
            .orderedObject([
                ("path", .string(record.path)),
                ("size", record.size.map(JSONValue.integer) ?? .null),
                ("sha256", .optional(record.sha256)),
                ("format", .optional(record.format)),
                ("sheets", .integer(record.sheets)),
                ("cells", .integer(record.cells)),
                ("legacyFound", .array(record.legacyFound.map(JSONValue.string))),
                ("legacyConverted", .integer(record.legacyConverted)),
                ("outputs", .array(record.outputs.map(JSONValue.string))),
                ("status", .string(record.status.rawValue)),
                ("reason", .optional(record.reason)),
            ])
        }
        return JSONValue.orderedObject([("inputs", .array(entries))]).rendered() + "\n"
    }

    private static func quoted(_ field: String) -> String {
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return field
        }
        return "\"" + field.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
