// The units CSV format (Mappings/units/README.md):
//
//   # comment lines start with '#', blank lines are skipped
//   code,name,level,parent_code,valid_from,valid_to,successor_code      <- header, columns in any order
//   62,Tỉnh Kon Tum,province,,,2025-06-30,51
//   23537,Xã Ia Dom,commune,618,,2025-06-30,23538
//
// UTF-8 (a byte order mark is allowed), comma-separated, one record per line (CRLF or LF). A field may be quoted
// with '"' ("" is a quote inside); a quoted field may not span lines. Optional columns: `kind` (xã, phường, …)
// and `note`, which are kept out of the model. Any other column is an error, so a misspelt header never passes.

/// A strict reader of the units CSV format: records with their line numbers.
struct UnitsCSV {
    /// One data record: the fields by column name, and the 1-based line.
    struct Record {
        let line: Int
        let fields: [String: String]
    }

    static let requiredColumns = ["code", "name", "level", "parent_code", "valid_from", "valid_to", "successor_code"]
    static let optionalColumns = ["kind", "note"]

    /// Parses `text`, naming it `file` in errors.
    static func parse(_ text: String, file: String) throws(PovertyError) -> [Record] {
        var header: [String]?
        var records: [Record] = []
        var lineNumber = 0
        // "\r\n" is one Character in Swift: split on it as on "\n" and a lone "\r".
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for rawLine in lines {
            lineNumber += 1
            var line = rawLine
            if lineNumber == 1, line.first == "\u{FEFF}" { line.removeFirst() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.first == "#" { continue }
            let fields = try splitFields(line, file: file, line: lineNumber)
            guard let columns = header else {
                header = try checkHeader(fields, file: file, line: lineNumber)
                continue
            }
            guard fields.count == columns.count else {
                throw PovertyError(
                    .csvSyntax, vi: "Dòng có \(fields.count) trường, tiêu đề có \(columns.count) cột.",
                    en: "The line has \(fields.count) fields; the header has \(columns.count) columns.",
                    file: file, line: lineNumber)
            }
            var values: [String: String] = [:]
            for (column, field) in zip(columns, fields) { values[column] = field.trimmingSpaces }
            records.append(Record(line: lineNumber, fields: values))
        }
        guard header != nil else {
            throw PovertyError(
                .csvSyntax, vi: "Tệp không có dòng tiêu đề (code,name,level,…).",
                en: "The file has no header line (code,name,level,…).", file: file)
        }
        return records
    }

    private static func checkHeader(_ fields: [String], file: String, line: Int) throws(PovertyError) -> [String] {
        let columns = fields.map { $0.trimmingSpaces.lowercased() }
        var seen: Set<String> = []
        for column in columns {
            guard requiredColumns.contains(column) || optionalColumns.contains(column) else {
                let known = (requiredColumns + optionalColumns).joined(separator: ", ")
                throw PovertyError(
                    .csvSyntax, vi: "Cột “\(column)” không hợp lệ; các cột: \(known).",
                    en: "Unknown column “\(column)”; the columns are: \(known).", file: file, line: line)
            }
            guard seen.insert(column).inserted else {
                throw PovertyError(
                    .csvSyntax, vi: "Cột “\(column)” lặp lại.", en: "Column “\(column)” is repeated.", file: file,
                    line: line)
            }
        }
        let missing = requiredColumns.filter { !seen.contains($0) }
        guard missing.isEmpty else {
            throw PovertyError(
                .csvSyntax, vi: "Tiêu đề thiếu cột: \(missing.joined(separator: ", ")).",
                en: "The header lacks columns: \(missing.joined(separator: ", ")).", file: file, line: line)
        }
        return columns
    }

    /// Splits one line at commas, honouring quotes.
    static func splitFields(_ line: Substring, file: String, line lineNumber: Int) throws(PovertyError) -> [String] {
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var fieldStarted = false  // a quote is only an opening quote at the start of a field
        var afterClosingQuote = false
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if inQuotes {
                if character == "\"" {
                    let next = line.index(after: index)
                    if next < line.endIndex, line[next] == "\"" {
                        current.append("\"")
                        index = next
                    } else {
                        inQuotes = false
                        afterClosingQuote = true
                    }
                } else {
                    current.append(character)
                }
            } else if character == "," {
                fields.append(current)
                current = ""
                fieldStarted = false
                afterClosingQuote = false
            } else if afterClosingQuote {
                throw PovertyError(
                    .csvSyntax, vi: "Có ký tự sau dấu ngoặc kép đóng ở trường \(fields.count + 1).",
                    en: "Characters after a closing quote in field \(fields.count + 1).", file: file,
                    line: lineNumber)
            } else if character == "\"" {
                guard !fieldStarted else {
                    throw PovertyError(
                        .csvSyntax,
                        vi: "Dấu ngoặc kép giữa trường \(fields.count + 1); hãy đặt cả trường trong ngoặc kép.",
                        en: "A quote inside unquoted field \(fields.count + 1); quote the whole field.", file: file,
                        line: lineNumber)
                }
                inQuotes = true
                fieldStarted = true
            } else {
                current.append(character)
                fieldStarted = true
            }
            index = line.index(after: index)
        }
        guard !inQuotes else {
            throw PovertyError(
                .csvSyntax,
                vi: "Dấu ngoặc kép chưa đóng ở trường \(fields.count + 1) (một trường không được xuống dòng).",
                en: "Unterminated quote in field \(fields.count + 1) (a field may not span lines).", file: file,
                line: lineNumber)
        }
        fields.append(current)
        return fields
    }
}
