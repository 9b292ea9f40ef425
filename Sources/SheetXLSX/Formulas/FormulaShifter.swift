// Shared formulas (ECMA-376 Part 1, §18.3.1.40 `f` with t="shared"): the master cell holds the text, the other
// cells of its range hold only `si`, and each one's formula is the master's with every relative reference moved
// by the distance between the two cells. `$` marks the absolute parts, which stay.
import SheetCore

enum FormulaShifter {
    /// The master's formula as it reads in a cell `rows` below and `columns` right of the master.
    ///
    /// References inside string literals and quoted sheet names are left alone; a reference that would leave the
    /// grid becomes `#REF!`, as Excel shows it.
    static func shift(_ formula: String, rows: Int, columns: Int) -> String {
        if rows == 0 && columns == 0 { return formula }
        let bytes = Array(formula.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                let stop = closingQuote(bytes, from: index)
                output.append(contentsOf: bytes[index..<stop])
                index = stop
                continue
            }
            if byte == UInt8(ascii: "[") {
                // A structured reference (`Table1[Col1]`) or an external book index (`[1]Sheet1!A1`): not cells.
                var stop = index + 1
                var depth = 1
                while stop < bytes.count, depth > 0 {
                    if bytes[stop] == UInt8(ascii: "[") { depth += 1 }
                    if bytes[stop] == UInt8(ascii: "]") { depth -= 1 }
                    stop += 1
                }
                output.append(contentsOf: bytes[index..<stop])
                index = stop
                continue
            }
            if isReferenceStart(bytes, at: index), let whole = parseWholeLineRange(bytes, at: index) {
                output.append(contentsOf: shifted(whole, rows: rows, columns: columns))
                index = whole.end
                continue
            }
            if isReferenceStart(bytes, at: index), let reference = parseReference(bytes, at: index) {
                output.append(contentsOf: shifted(reference, rows: rows, columns: columns))
                index = reference.end
                continue
            }
            // Copy a whole word (a function or defined name) so that its tail is not taken for a reference.
            if isWordByte(byte) {
                var stop = index
                while stop < bytes.count, isWordByte(bytes[stop]) { stop += 1 }
                output.append(contentsOf: bytes[index..<stop])
                index = stop
                continue
            }
            output.append(byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private struct Reference {
        var columnAbsolute: Bool
        var column: Int
        var rowAbsolute: Bool
        var row: Int
        var end: Int
    }

    private static func closingQuote(_ bytes: [UInt8], from start: Int) -> Int {
        let quote = bytes[start]
        var index = start + 1
        while index < bytes.count {
            if bytes[index] == quote {
                if index + 1 < bytes.count, bytes[index + 1] == quote {  // doubled quote inside the literal
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        return bytes.count
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ".") || byte >= 0x80
    }

    private static func isReferenceStart(_ bytes: [UInt8], at index: Int) -> Bool {
        index == 0 || !isWordByte(bytes[index - 1])
    }

    /// `$A$1`, `B7`, … followed by something that cannot continue a name or start a call.
    private static func parseReference(_ bytes: [UInt8], at start: Int) -> Reference? {
        var index = start
        let columnAbsolute = index < bytes.count && bytes[index] == UInt8(ascii: "$")
        if columnAbsolute { index += 1 }
        var column = 0
        var letters = 0
        while index < bytes.count, letters <= 3 {
            var byte = bytes[index]
            if byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") { byte -= 32 }
            guard byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
            letters += 1
            index += 1
        }
        guard letters >= 1, letters <= 3, column <= CellAddress.maxColumns else { return nil }
        let rowAbsolute = index < bytes.count && bytes[index] == UInt8(ascii: "$")
        if rowAbsolute { index += 1 }
        var row = 0
        var digits = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9"), digits < 8 {
            row = row * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            digits += 1
            index += 1
        }
        guard digits > 0, row >= 1, row <= CellAddress.maxRows else { return nil }
        if index < bytes.count, isWordByte(bytes[index]) || bytes[index] == UInt8(ascii: "(") { return nil }
        return Reference(
            columnAbsolute: columnAbsolute, column: column - 1, rowAbsolute: rowAbsolute, row: row - 1, end: index)
    }

    /// A range of whole columns (`A:C`, `$A:A`) or whole rows (`1:3`, `$1:$1`).
    private struct WholeLineRange {
        var isColumns: Bool
        var first: (absolute: Bool, index: Int)
        var last: (absolute: Bool, index: Int)
        var end: Int
    }

    private static func parseWholeLineRange(_ bytes: [UInt8], at start: Int) -> WholeLineRange? {
        guard let first = parseLine(bytes, at: start), first.end < bytes.count, bytes[first.end] == UInt8(ascii: ":"),
            let last = parseLine(bytes, at: first.end + 1), last.isColumn == first.isColumn
        else { return nil }
        if last.end < bytes.count {
            let next = bytes[last.end]
            // `Jan:Mar!B2` is a 3-D reference: the two ends are sheet names, not columns.
            if isWordByte(next) || next == UInt8(ascii: "(") || next == UInt8(ascii: "!") { return nil }
        }
        return WholeLineRange(
            isColumns: first.isColumn, first: (first.absolute, first.index), last: (last.absolute, last.index),
            end: last.end)
    }

    /// One end of a whole-line range: `$`? then letters only (a column) or digits only (a row).
    private static func parseLine(_ bytes: [UInt8], at start: Int) -> (
        isColumn: Bool, absolute: Bool, index: Int, end: Int
    )? {
        var index = start
        let absolute = index < bytes.count && bytes[index] == UInt8(ascii: "$")
        if absolute { index += 1 }
        var value = 0
        var count = 0
        var isColumn: Bool?
        while index < bytes.count, count < 8 {
            var byte = bytes[index]
            if byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") { byte -= 32 }
            if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z"), isColumn != false {
                isColumn = true
                value = value * 26 + Int(byte - UInt8(ascii: "A")) + 1
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), isColumn != true {
                isColumn = false
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            } else {
                break
            }
            count += 1
            index += 1
        }
        guard let isColumn, value >= 1, value <= (isColumn ? CellAddress.maxColumns : CellAddress.maxRows),
            !isColumn || count <= 3
        else { return nil }
        return (isColumn, absolute, value - 1, index)
    }

    private static func shifted(_ range: WholeLineRange, rows: Int, columns: Int) -> [UInt8] {
        let offset = range.isColumns ? columns : rows
        let limit = range.isColumns ? CellAddress.maxColumns : CellAddress.maxRows
        var text = ""
        for (position, end) in [range.first, range.last].enumerated() {
            let index = end.absolute ? end.index : end.index + offset
            guard index >= 0, index < limit else { return Array("#REF!".utf8) }
            if position == 1 { text += ":" }
            if end.absolute { text += "$" }
            text += range.isColumns ? CellAddress.columnName(index) : String(index + 1)
        }
        return Array(text.utf8)
    }

    private static func shifted(_ reference: Reference, rows: Int, columns: Int) -> [UInt8] {
        let column = reference.columnAbsolute ? reference.column : reference.column + columns
        let row = reference.rowAbsolute ? reference.row : reference.row + rows
        guard column >= 0, column < CellAddress.maxColumns, row >= 0, row < CellAddress.maxRows else {
            return Array("#REF!".utf8)
        }
        var text = reference.columnAbsolute ? "$" : ""
        text += CellAddress.columnName(column)
        text += reference.rowAbsolute ? "$" : ""
        text += String(row + 1)
        return Array(text.utf8)
    }
}
