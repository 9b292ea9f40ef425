import SheetCore
import VietText

/// Reads the rows of a located table by the form's kind (DESIGN §3, layout):
///
/// - `units`: a row with a code in the code column starts a unit (`1`, `1.1`…); with a block, the rows after it
///   without a code are its other block rows, told apart by the label in the block column (`Hộ`, `Nhân khẩu`);
/// - `lines`: each row whose code is a line of the form is that line, wherever it is; unknown codes are inserted
///   rows (warning), lines not met are missing (error);
/// - `records`: each non-blank row is a record.
///
/// The signature block (`Người lập biểu`, `Thủ trưởng đơn vị`, `…, ngày … tháng … năm …`) ends the table.
struct TableReader {
    let sheet: Worksheet
    let definition: FormDefinition
    let dataStart: Int
    var reader: CellReader
    var findings: [Finding] = []
    /// The values of the rows read so far, row after row; the sheet row of each; the index in `tableFields` of
    /// each value read from a cell with a formula.
    private var tableFields: [FieldValue?] = []
    private var tableRows: [Int] = []
    private var formulaCells: [Int] = []
    /// What the values of each column (by position) were like, so far.
    private var traits: [ColumnTraits] = []
    /// The values of the rows returned by ``readRows()``.
    private(set) var table: TableValues?

    /// Prepared columns, in definition order, with their sheet column (`nil`: not found).
    private let columns: [CellReader.Column]
    /// Each column's ``CellReader/PlainReading``, beside it: read for every cell, without holding the column.
    private let plainReadings: [CellReader.PlainReading]
    private let positions: [Int?]
    /// Sheet column → index in `columns`, −1 where no column is.
    private let slotOfSheetColumn: [Int]
    private let codeSlot: Int?
    private let blockSlot: Int?
    private let labelSlot: Int?
    /// The leftmost column found: a record row without it is looked at for a signature.
    private let anchorSlot: Int?

    init(sheet: Worksheet, definition: FormDefinition, positions: [Int?], dataStart: Int, reader: CellReader) {
        self.sheet = sheet
        self.definition = definition
        self.dataStart = dataStart
        self.reader = reader
        self.positions = positions
        columns = definition.readingColumns
        plainReadings = columns.map(\.plain)
        var slots = [Int](repeating: -1, count: (positions.compactMap { $0 }.max() ?? -1) + 1)
        for (index, position) in positions.enumerated() {
            if let position, slots[position] < 0 { slots[position] = index }
        }
        slotOfSheetColumn = slots
        func slot(_ key: String?) -> Int? {
            guard let key, let index = definition.columns.firstIndex(where: { $0.key == key }),
                positions[index] != nil
            else { return nil }
            return index
        }
        let code = slot(definition.table.codeColumn)
        let block = slot(definition.table.blockColumn)
        codeSlot = code
        blockSlot = block
        labelSlot = definition.columns.indices.first { index in
            let column = definition.columns[index]
            return column.type == .text && positions[index] != nil && index != code && index != block
        }
        anchorSlot = positions.indices.filter { positions[$0] != nil }.min { positions[$0]! < positions[$1]! }
    }

    private var file: String { reader.origin.document.path }

    mutating func readRows() -> [FormRow] {
        tableFields.reserveCapacity(dataRows.count * columns.count)
        tableRows.reserveCapacity(dataRows.count)
        traits = [ColumnTraits](repeating: [], count: columns.count)
        var rows: [FormRow]
        switch definition.kind {
        case .units: rows = readUnits()
        case .lines: rows = readLines()
        case .records: rows = readRecords()
        }
        // Each row read took the next row of the table (``values(_:row:)``); now the table is whole.
        let table = TableValues(
            columns: definition.columnKeys, fields: tableFields, origin: reader.origin, sheet: sheet,
            sheetColumns: positions, sheetRows: tableRows, formulaCells: formulaCells, traits: traits)
        for index in rows.indices { rows[index].values = RowValues(table, row: index) }
        self.table = table
        return rows
    }

    /// The values of a row not yet given their table.
    private static let pending = RowValues(columns: ColumnKeys([]), values: [])

    // MARK: Row access

    /// Which cell of `row` sits at each column slot, into `cells` (one array reused row after row): the cells
    /// are looked at where they are, not copied.
    private func gather(_ row: Row, into cells: inout SlottedRow) {
        cells.row = row
        if cells.indices.count != columns.count {
            cells.indices = [Int](repeating: -1, count: columns.count)
        } else {
            for index in cells.indices.indices { cells.indices[index] = -1 }
        }
        let slots = slotOfSheetColumn
        row.cells.withUnsafeBufferPointer { rowCells in
            for index in rowCells.indices {
                let column = rowCells[index].address.column
                guard column < slots.count else { break }
                let slot = slots[column]
                if slot >= 0 { cells.indices[slot] = index }
            }
        }
    }

    /// The rows from `dataStart` on.
    private var dataRows: ArraySlice<Row> {
        var low = 0
        var high = sheet.rows.count
        while low < high {
            let middle = (low + high) / 2
            if sheet.rows[middle].index < dataStart { low = middle + 1 } else { high = middle }
        }
        return sheet.rows[low...]
    }

    /// Whether a cell holds something: text other than white space, a number, a flag, a date, an error.
    static func hasContent(_ value: CellValue) -> Bool {
        switch value {
        case .empty: return false
        case .string(let text): return !CellReader.trimmed(text).isEmpty
        case .richText(let rich): return !CellReader.trimmed(rich.text).isEmpty
        default: return true
        }
    }

    /// The code in a cell: trimmed text, a whole number's digits, a number's shortest text.
    private static func code(_ cell: Cell?) -> String? {
        guard let cell else { return nil }
        switch cell.value {
        case .number(let double): return CellReader.integerText(double) ?? NumberText.text(double)
        case .string, .richText:
            let text = CellReader.trimmed(cell.value.text ?? "")
            return text.isEmpty ? nil : VietText.nfc(text)
        default: return nil
        }
    }

    /// Whether a code looks like a row code (`1`, `1.1`, `I`, `a`, `-`, `1.2.3`) rather than text.
    private static func isCodeLike(_ code: String) -> Bool {
        code.utf8.count <= 12 && !code.utf8.contains(UInt8(ascii: " "))
    }

    /// Whether the row holds a number in a numeric column (a row of figures).
    private func hasFigures(_ cells: SlottedRow) -> Bool {
        for index in cells.indices.indices where columns[index].definition.isNumeric {
            let cell = cells[index]
            guard let cell else { continue }
            switch cell.value {
            case .number: return true
            case .string, .richText:
                let text = CellReader.trimmed(cell.value.text ?? "")
                if let first = text.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") { return true }
            default: continue
            }
        }
        return false
    }

    private func label(_ cells: SlottedRow) -> String? {
        guard let labelSlot, let text = cells[labelSlot]?.value.text else { return nil }
        let trimmed = CellReader.trimmed(text)
        return trimmed.isEmpty ? nil : VietText.nfc(trimmed)
    }

    /// Reads the values of a row, the next row of the table, into `tableFields`; columns not found are missing
    /// without provenance. Every row read this way is kept, in order: ``readRows()`` gives it its values.
    private mutating func values(_ cells: SlottedRow, row: Int) -> RowValues {
        // The cells are read where they lie in the row, not copied out of it; the columns are held once for the
        // row rather than retained for each cell.
        let (columns, positions, plainReadings) = (self.columns, self.positions, self.plainReadings)
        cells.row.cells.withUnsafeBufferPointer { rowCells in
            for index in columns.indices {
                guard let position = positions[index] else {
                    tableFields.append(.missing)
                    continue
                }
                let address = CellAddress(row: row, column: position)
                let cellIndex = cells.indices[index]
                guard cellIndex >= 0 else {
                    let value = reader.value(nil, at: address, column: columns[index])
                    if !value.isMissing { traits[index].insert(.typed) }
                    tableFields.append(value)
                    continue
                }
                let formula = rowCells[cellIndex].formula
                if formula != nil { formulaCells.append(tableFields.count) }
                let value =
                    CellReader.plainValue(rowCells[cellIndex].value, plainReadings[index])
                    ?? reader.value(
                        rowCells[cellIndex].value, formula: formula, style: rowCells[cellIndex].styleIndex,
                        at: address, column: columns[index])
                if formula != nil {
                    traits[index].insert(.formulas)
                } else if !value.isMissing {
                    traits[index].insert(.typed)
                }
                switch value {
                case .number(let number):
                    if number.significand < 0 { traits[index].insert(.negative) }
                    if number.exponent < 0 { traits[index].insert(.fraction) }
                case .invalid:
                    traits[index].insert(.invalid)
                default:
                    break
                }
                tableFields.append(value)
            }
        }
        tableRows.append(row)
        return Self.pending
    }

    // MARK: Units

    private mutating func readUnits() -> [FormRow] {
        guard let codeSlot, let codePosition = positions[codeSlot] else { return [] }
        let blocks = definition.table.block
        let blockLabels = blocks.map { MatchText($0.label) }
        var rows: [FormRow] = []
        var seen: [String: CellAddress] = [:]
        // The unit being read: its code, label, first row and the block rows met.
        var unit: (code: String, label: String?, address: CellAddress, blocks: [Bool])?
        var lastBlock = -1
        let (fileName, sheetName) = (file, sheet.name)

        func closeUnit() -> [Finding] {
            guard let current = unit else { return [] }
            unit = nil
            return current.blocks.indices.filter { !current.blocks[$0] }.map { index in
                ReadingFindings.missingBlockRow(
                    code: current.code, block: blocks[index], at: current.address, file: fileName, sheet: sheetName)
            }
        }

        var cells = SlottedRow()
        for row in dataRows {
            gather(row, into: &cells)
            let codeText = Self.code(cells[codeSlot])
            let codeAddress = CellAddress(row: row.index, column: codePosition)
            if codeText == nil || !Self.isCodeLike(codeText!), !hasFigures(cells), isSignatureRow(row) { break }
            guard cells.indices.indices.contains(where: cells.hasContent) else { continue }
            if blocks.isEmpty {
                guard let code = codeText, Self.isCodeLike(code) else {
                    if hasFigures(cells) {
                        findings.append(
                            ReadingFindings.unexpectedRow(code: nil, at: codeAddress, file: file, sheet: sheet.name))
                    }
                    continue
                }
                if let first = seen[code] {
                    findings.append(
                        ReadingFindings.duplicateRow(
                            code: code, at: codeAddress, first: first, file: file, sheet: sheet.name))
                    continue
                }
                seen[code] = codeAddress
                rows.append(
                    FormRow(code: code, label: label(cells), sheetRow: row.index, values: values(cells, row: row.index))
                )
                continue
            }
            // Blocks: which block row is this?
            var blockIndex: Int?
            if let blockSlot, let text = cells[blockSlot]?.value.text {
                let label = MatchText(text)
                blockIndex = blockLabels.firstIndex { label == $0 } ?? blockLabels.firstIndex { label.hasPrefix($0) }
            }
            if let code = codeText, Self.isCodeLike(code) {
                findings += closeUnit()
                unit = (code, label(cells), codeAddress, Array(repeating: false, count: blocks.count))
                blockIndex = blockIndex ?? 0
            } else if unit != nil {
                blockIndex = blockIndex ?? (lastBlock + 1)
            } else {
                if hasFigures(cells) {
                    findings.append(
                        ReadingFindings.unexpectedRow(code: nil, at: codeAddress, file: file, sheet: sheet.name))
                }
                continue
            }
            guard let index = blockIndex, index < blocks.count, let current = unit else {
                if hasFigures(cells) {
                    findings.append(
                        ReadingFindings.unexpectedRow(code: codeText, at: codeAddress, file: file, sheet: sheet.name))
                }
                continue
            }
            let key = current.code + "\u{0}" + blocks[index].key
            if current.blocks[index] || seen[key] != nil {
                findings.append(
                    ReadingFindings.duplicateRow(
                        code: "\(current.code) / \(blocks[index].label)", at: codeAddress,
                        first: seen[key] ?? current.address, file: file, sheet: sheet.name))
                continue
            }
            seen[key] = codeAddress
            unit?.blocks[index] = true
            lastBlock = index
            rows.append(
                FormRow(
                    code: current.code, label: current.label, block: blocks[index].key, sheetRow: row.index,
                    values: values(cells, row: row.index)))
        }
        findings += closeUnit()
        if rows.isEmpty {
            findings.append(ReadingFindings.noDataRows(file: file, sheet: sheet.name, severity: .error))
        }
        return rows
    }

    // MARK: Lines

    private mutating func readLines() -> [FormRow] {
        guard let codeSlot, let codePosition = positions[codeSlot] else { return [] }
        var lineOfCode: [String: Int] = [:]
        var lineOfFoldedCode: [MatchText: Int] = [:]
        for (index, line) in definition.lines.enumerated() {
            let code = Self.lineCode(line.code)
            if lineOfCode[code] == nil { lineOfCode[code] = index }
            let folded = MatchText(code)
            if lineOfFoldedCode[folded] == nil { lineOfFoldedCode[folded] = index }
        }
        var found = [CellAddress?](repeating: nil, count: definition.lines.count)
        var rows: [FormRow] = []
        var cells = SlottedRow()
        for row in dataRows {
            gather(row, into: &cells)
            let codeText = Self.code(cells[codeSlot])
            let codeAddress = CellAddress(row: row.index, column: codePosition)
            guard let code = codeText, Self.isCodeLike(code) else {
                let figures = hasFigures(cells)
                if !figures, isSignatureRow(row) { break }
                if figures {
                    findings.append(
                        ReadingFindings.unexpectedRow(code: nil, at: codeAddress, file: file, sheet: sheet.name))
                }
                continue
            }
            let normalized = Self.lineCode(code)
            guard let index = lineOfCode[normalized] ?? lineOfFoldedCode[MatchText(normalized)] else {
                findings.append(
                    ReadingFindings.unexpectedRow(code: code, at: codeAddress, file: file, sheet: sheet.name))
                continue
            }
            if let first = found[index] {
                findings.append(
                    ReadingFindings.duplicateRow(
                        code: code, at: codeAddress, first: first, file: file, sheet: sheet.name))
                continue
            }
            found[index] = codeAddress
            rows.append(
                FormRow(
                    code: code, label: label(cells), line: definition.lines[index].key, sheetRow: row.index,
                    values: values(cells, row: row.index)))
        }
        if rows.isEmpty {
            findings.append(ReadingFindings.noDataRows(file: file, sheet: sheet.name, severity: .error))
        } else {
            for (index, line) in definition.lines.enumerated() where found[index] == nil {
                findings.append(ReadingFindings.missingLine(line, file: file, sheet: sheet.name))
            }
        }
        return rows
    }

    /// A line code compared: trimmed, without a trailing `.` (`1.` is `1`).
    private static func lineCode(_ code: String) -> String {
        var text = CellReader.trimmed(code)
        while text.count > 1, text.hasSuffix(".") { text.removeLast() }
        return text
    }

    // MARK: Records

    private mutating func readRecords() -> [FormRow] {
        var rows: [FormRow] = []
        var cells = SlottedRow()
        for row in dataRows {
            gather(row, into: &cells)
            let filled = cells.indices.indices.reduce(0) { $0 + (cells.hasContent($1) ? 1 : 0) }
            guard filled > 0 else { continue }
            if anchorSlot.map({ !cells.hasContent($0) }) ?? true || filled <= 3 {
                if isSignatureRow(row) { break }
                if isTotalRow(row) { continue }
            }
            rows.append(FormRow(sheetRow: row.index, values: values(cells, row: row.index)))
        }
        if rows.isEmpty {
            findings.append(ReadingFindings.noDataRows(file: file, sheet: sheet.name, severity: .info))
        }
        return rows
    }

    // MARK: Signature block

    /// Whether a row belongs to the signature block under the table.
    private func isSignatureRow(_ row: Row) -> Bool {
        for cell in row.cells {
            guard let text = cell.value.text else { continue }
            if SignatureBlock.isMarker(MatchText(text)) { return true }
        }
        return false
    }

    private func isTotalRow(_ row: Row) -> Bool {
        row.cells.contains { cell in
            guard let text = cell.value.text else { return false }
            let normalized = MatchText(text)
            return SignatureBlock.totals.contains { normalized.hasPrefix($0) }
        }
    }
}

/// The texts that end a table: the people who sign, the place and date line, notes.
enum SignatureBlock {
    static let markers: [MatchText] = [
        "người lập biểu", "người lập", "lập biểu", "thủ trưởng", "kế toán trưởng", "lãnh đạo đơn vị", "xác nhận",
        "ghi chú:", "nơi nhận", "(ký", "ký tên", "ký, ghi rõ", "chủ tịch", "trưởng phòng",
    ].map { MatchText($0) }
    static let day = MatchText("ngày")
    static let month = MatchText("tháng")
    static let totals: [MatchText] = ["tổng cộng", "tổng số", "cộng"].map { MatchText($0) }

    static func isMarker(_ text: MatchText) -> Bool {
        if markers.contains(where: { text.contains($0) }) { return true }
        // `Ia H'Drai, ngày 15 tháng 01 năm 2025`
        return text.contains(day) && text.contains(month)
    }
}

/// A sheet row seen through a form's columns: the index in ``Row/cells`` of the cell at each column slot (−1:
/// none), so that reading a row does not copy its cells.
struct SlottedRow {
    var row = Row(index: 0, cells: [])
    var indices: [Int] = []

    /// Whether the cell at a column slot holds something, looked at where it lies in the row.
    func hasContent(_ slot: Int) -> Bool {
        let index = indices[slot]
        return index >= 0 && TableReader.hasContent(row.cells[index].value)
    }

    /// The cell at a column slot.
    subscript(slot: Int) -> Cell? {
        let index = indices[slot]
        return index < 0 ? nil : row.cells[index]
    }
}
