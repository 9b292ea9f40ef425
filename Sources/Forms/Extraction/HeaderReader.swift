import SheetCore
import VietText

/// Reads the heading values above a table (DESIGN §3 header block): the value follows its label and a colon in
/// the same cell (`Mã ĐVHC: 23535`), or stands in the next non-empty cell to the right (`Mã ĐVHC:` | `23535`).
enum HeaderReader {
    static func read(
        _ definition: FormDefinition, sheet: Worksheet, heading: SheetHeading, above headerTop: Int?,
        reader: inout CellReader, findings: inout [Finding]
    ) -> [String: ExtractedValue] {
        let searchRows = definition.fingerprint.searchRows
        let cells = heading.cells.filter { cell in
            if let headerTop { return cell.address.row < headerTop }
            return cell.rank < searchRows
        }
        var values: [String: ExtractedValue] = [:]
        for (field, labels) in zip(definition.header, definition.headerLabelTexts) {
            var found: ExtractedValue?
            search: for cell in cells {
                for label in labels {
                    guard let value = value(after: label, in: cell, sheet: sheet, field: field, reader: &reader) else {
                        continue
                    }
                    found = value
                    break search
                }
            }
            if let found, !found.value.isMissing {
                values[field.key] = found
            } else if field.required {
                findings.append(
                    ReadingFindings.missingHeaderField(field, file: reader.origin.document.path, sheet: sheet.name))
            }
        }
        return values
    }

    /// The value introduced by `label` in `cell`: `nil` when the cell does not start a label there.
    private static func value(
        after label: MatchText, in cell: SheetHeading.Cell, sheet: Worksheet, field: HeaderField,
        reader: inout CellReader
    ) -> ExtractedValue? {
        var searchFrom = 0
        while searchFrom < cell.text.bytes.count {
            guard let range = cell.text.firstRange(of: label, from: searchFrom) else { return nil }
            searchFrom = range.lowerBound + 1
            // At the start of a word.
            if range.lowerBound > 0, !isBoundary(cell.text.bytes[range.lowerBound - 1]) { continue }
            var index = range.upperBound
            let bytes = cell.text.bytes
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
            if index == bytes.count {
                return nextCellRight(of: cell.address, sheet: sheet, field: field, reader: &reader)
            }
            guard bytes[index] == UInt8(ascii: ":") else { continue }
            // The value: the raw text after the same colon (colons survive normalisation one for one).
            let colonOrdinal = bytes[..<index].filter { $0 == UInt8(ascii: ":") }.count
            let text = rawText(afterColon: colonOrdinal, in: cell.raw)
            if CellReader.trimmed(text).isEmpty {
                return nextCellRight(of: cell.address, sheet: sheet, field: field, reader: &reader)
            }
            let column = CellReader.Column(
                ColumnDefinition(
                    key: field.key, label: LocalizedText(vi: field.labels.first ?? field.key), type: field.type))
            let sheetCell = Cell(address: cell.address, value: .string(text))
            var value = reader.read(sheetCell, at: cell.address, column: column)
            value.provenance?.raw = cell.raw
            return value
        }
        return nil
    }

    private static func isBoundary(_ byte: UInt8) -> Bool {
        byte < 0x80 && !(byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            && !(byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// The text after the `ordinal`-th colon (0-based) of `raw`.
    private static func rawText(afterColon ordinal: Int, in raw: String) -> String {
        var seen = 0
        let utf8 = raw.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex {
            if utf8[index] == UInt8(ascii: ":") {
                if seen == ordinal { return String(raw[raw.index(after: index)...]) }
                seen += 1
            }
            index = utf8.index(after: index)
        }
        return ""
    }

    private static func nextCellRight(
        of address: CellAddress, sheet: Worksheet, field: HeaderField, reader: inout CellReader
    ) -> ExtractedValue? {
        guard let row = sheet.rows.first(where: { $0.index == address.row }) else { return nil }
        guard
            let cell = row.cells.first(where: {
                $0.address.column > address.column && !$0.value.isEmpty
                    && !CellReader.trimmed($0.value.text ?? "x").isEmpty
            })
        else { return nil }
        let column = CellReader.Column(
            ColumnDefinition(
                key: field.key, label: LocalizedText(vi: field.labels.first ?? field.key), type: field.type))
        return reader.read(cell, at: cell.address, column: column)
    }
}
