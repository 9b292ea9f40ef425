import SheetCore
import SheetXLSX

// The official layout of a form sheet, top to bottom:
//
//   authority (left)                         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM (right)
//   Đơn vị báo cáo: …                        Độc lập - Tự do - Hạnh phúc
//   Mã đơn vị: …                                                      Biểu số 01
//                         TITLE (merged, bold)
//                         Kỳ báo cáo: Năm 2023
//                                                            Đơn vị tính: …
//   header rows (groups, labels), numbering row A, B, (1), (2)…        ← print titles
//   data rows: entered values; derived cells and total rows as formulas with cached values
//   place, date · NGƯỜI LẬP BIỂU · THỦ TRƯỞNG ĐƠN VỊ
//
// A4 landscape, fitted to the page width (or, when that would shrink 12 pt text below 8 pt, printed in parts cut
// between column groups: FormSheetLayout+Printing), the header rows repeated on every page. Column widths and row
// heights come from what is written (FormSheetLayout+Metrics); cached formula results are what a spreadsheet
// computes (Expression+SpreadsheetValue), checked by Tests/Conformance/official_workbook_check.py.

/// Writes a form in its official layout into a workbook.
///
/// ```swift
/// let writer = try XLSXWriter(path: "huyen.xlsx")
/// try FormSheetRenderer.render(content, sheetName: "Biểu 01", into: writer)
/// try writer.close()
/// ```
public enum FormSheetRenderer {
    /// Adds one sheet holding `content`.
    ///
    /// - Throws: ``XLSXError`` when the writer refuses (a name used twice, the output unwritable).
    /// - Returns: where its rows and columns went, for the formulas of sheets that read from it.
    @discardableResult
    public static func render(_ content: FormSheetContent, sheetName: String, into writer: XLSXWriter)
        throws(XLSXError) -> RenderedSheet
    {
        var layout = FormSheetLayout(content)
        let styles = try FormStyles(writer, decimals: Set(content.definition.columns.map(\.decimals)))
        var setup = SheetSetup(columns: layout.columnFormats, page: layout.pageSetup())
        setup.showsGridLines = false
        let sheet = try writer.addSheet(sheetName, setup: setup)
        try layout.writeHeading(sheet, styles: styles)
        try layout.writeTableHeader(sheet, styles: styles)
        let values = try layout.writeRows(sheet, styles: styles)
        try layout.writeSignature(sheet, styles: styles)
        return layout.rendered(name: sheetName, values: values)
    }
}

/// Row and column positions of one rendered form, and the writing of each part.
struct FormSheetLayout {
    let content: FormSheetContent
    let definition: FormDefinition
    let columns: [ColumnDefinition]
    /// The last column of the heading, the title and the signature: the table's last, or the last on the first
    /// page when the form prints in parts.
    var lastColumn: Int = 3
    /// Where the national heading starts (right half).
    var rightStart: Int = 2
    /// The last column of the issuing body's block, top left.
    var leftEnd: Int = 1
    /// The first column of the title, the period, the unit of measure and the preparer's signature: 0, or the first
    /// column after the row labels when the form prints in parts (the row-label columns repeat on every page, and
    /// a title starting in them would print cut on the pages of the other parts).
    var bodyStart: Int = 0
    let hasGroups: Bool
    let headerRows: ClosedRange<Int>
    let numberingRow: Int
    let firstDataRow: Int
    let labelColumn: Int?
    let blockKeys: [String]
    /// The numbers of every table cell, computed before anything is written (they size the columns).
    let values: FormSheetValues
    /// Column widths in characters (``computeWidths()``).
    var widths: [Double] = []
    /// How the form prints when it does not fit one page width readably (``computePrintParts()``).
    var printParts: PrintParts?
    /// The sheet row of each content row's first block row.
    var sheetRows: [Int] = []
    /// The formula of each derived column (by index) cut where its row number goes, made once for all its rows:
    /// `IF(C`, `=0,"",E`, `/C`, `*100)`.
    let formulaTemplates: [Int: [String]]

    /// Stands for the row number in ``formulaTemplates`` (never in a formula's text).
    private static let rowMark: Character = "\u{0}"

    static let titleRow = 4

    init(_ content: FormSheetContent) {
        self.content = content
        definition = content.definition
        columns = definition.columns
        hasGroups = columns.contains { $0.group != nil }
        headerRows = 7...(hasGroups ? 8 : 7)
        numberingRow = headerRows.upperBound + 1
        firstDataRow = numberingRow + 1
        let reserved = Set([definition.table.codeColumn, definition.table.blockColumn].compactMap { $0 })
        labelColumn = columns.firstIndex { $0.type == .text && !reserved.contains($0.key) }
        blockKeys = definition.table.block.isEmpty ? [""] : definition.table.block.map(\.key)
        values = FormSheetValues(content: content, blockKeys: blockKeys)
        var templates: [Int: [String]] = [:]
        for (index, column) in columns.enumerated() where column.formulaForm == nil {
            guard let formula = column.formula else { continue }
            let keys = columns.map(\.key)
            let text = formula.excelFormula { key in
                CellAddress.columnName(keys.firstIndex(of: key) ?? 0) + String(FormSheetLayout.rowMark)
            }
            templates[index] = text.split(separator: FormSheetLayout.rowMark, omittingEmptySubsequences: false)
                .map(String.init)
        }
        formulaTemplates = templates
        widths = filledWidths(computeWidths())
        printParts = computePrintParts()
        if let parts = printParts, let label = labelColumn, let first = parts.breaks.first {
            lastColumn = first - 1
            bodyStart = label + 1
            leftEnd = label
            rightStart = bodyStart + (lastColumn - bodyStart + 1) / 2
        } else {
            lastColumn = max(columns.count - 1, 3)
            rightStart = max(2, (lastColumn + 1) / 2)
            leftEnd = rightStart - 1
        }
    }

    var columnFormats: [ColumnFormat] {
        widths.enumerated().map { ColumnFormat($0, width: $1) }
    }

    private func headerText(_ key: String, value: String) -> String? {
        guard let field = definition.header.first(where: { $0.key == key }), let label = field.labels.first else {
            return nil
        }
        return "\(label): \(value)"
    }

    private func merged(
        _ sheet: SheetWriter, row: Int, from first: Int, to last: Int, _ text: String, _ style: StyleID
    ) throws(XLSXError) -> WriteCell {
        if last > first {
            try sheet.merge(CellRange(CellAddress(row: row, column: first), CellAddress(row: row, column: last)))
        }
        return WriteCell(column: first, value: .string(text), style: style)
    }

    func writeHeading(_ sheet: SheetWriter, styles: FormStyles) throws(XLSXError) {
        try sheet.writeRow(
            [
                try merged(sheet, row: 0, from: 0, to: leftEnd, content.authority.uppercased(), styles.heading),
                try merged(
                    sheet, row: 0, from: rightStart, to: lastColumn, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                    styles.heading),
            ], at: 0)
        var second = [
            try merged(
                sheet, row: 1, from: rightStart, to: lastColumn, "Độc lập - Tự do - Hạnh phúc", styles.headingUnderlined
            )
        ]
        if let unit = headerText("unit_name", value: content.unitName) {
            second.insert(try merged(sheet, row: 1, from: 0, to: leftEnd, unit, styles.plain), at: 0)
        }
        try sheet.writeRow(second, at: 1)
        var third: [WriteCell] = []
        if let code = headerText("unit_code", value: content.unitCode) {
            third.append(try merged(sheet, row: 2, from: 0, to: leftEnd, code, styles.plain))
        }
        third.append(
            try merged(sheet, row: 2, from: rightStart, to: lastColumn, definition.formNumber, styles.formNumber))
        try sheet.writeRow(third, at: 2)
        try sheet.writeRow(
            [try merged(sheet, row: Self.titleRow, from: bodyStart, to: lastColumn, definition.title.vi, styles.title)],
            at: Self.titleRow, format: RowFormat(height: titleHeight()))
        let period = headerText("period", value: content.period) ?? content.period
        try sheet.writeRow(
            [try merged(sheet, row: 5, from: bodyStart, to: lastColumn, period, styles.periodLine)], at: 5)
        if let unit = definition.unitOfMeasure {
            try sheet.writeRow(
                [
                    try merged(
                        sheet, row: 6, from: bodyStart, to: lastColumn, "Đơn vị tính: \(unit)", styles.italicRight)
                ], at: 6)
        }
    }

    func writeTableHeader(_ sheet: SheetWriter, styles: FormStyles) throws(XLSXError) {
        let top = headerRows.lowerBound
        var groupCells: [WriteCell] = []
        var labelCells: [WriteCell] = []
        var index = 0
        while index < columns.count {
            let column = columns[index]
            guard hasGroups, let group = column.group else {
                if hasGroups {
                    try sheet.merge(
                        CellRange(CellAddress(row: top, column: index), CellAddress(row: top + 1, column: index)))
                    groupCells.append(
                        WriteCell(column: index, value: .string(column.label.vi), style: styles.tableHeader))
                    labelCells.append(WriteCell(column: index, value: .empty, style: styles.tableHeader))
                } else {
                    labelCells.append(
                        WriteCell(
                            column: index, value: .string(column.label.vi),
                            style: isFlag(column) ? styles.uprightHeader : styles.tableHeader))
                }
                index += 1
                continue
            }
            var end = index
            while end + 1 < columns.count, columns[end + 1].group == group { end += 1 }
            groupCells.append(try merged(sheet, row: top, from: index, to: end, group, styles.tableHeader))
            for member in index...end {
                if member > index {
                    groupCells.append(WriteCell(column: member, value: .empty, style: styles.tableHeader))
                }
                labelCells.append(
                    WriteCell(
                        column: member, value: .string(columns[member].label.vi),
                        style: isFlag(columns[member]) ? styles.uprightHeader : styles.tableHeader))
            }
            index = end + 1
        }
        let heights = headerHeights()
        if hasGroups { try sheet.writeRow(groupCells, at: top, format: RowFormat(height: heights.group)) }
        try sheet.writeRow(labelCells, at: headerRows.upperBound, format: RowFormat(height: heights.labels))
        let numbers = columns.enumerated().map { index, column in
            WriteCell(column: index, value: .string(Self.numberingText(column.number ?? "")), style: styles.numbering)
        }
        try sheet.writeRow(numbers, at: numberingRow)
    }

    /// `A`, `B` stay letters; numbers are written `(1)`, `(2)`… as on the official forms.
    static func numberingText(_ number: String) -> String {
        guard let first = number.first, first.isNumber else { return number }
        return "(\(number))"
    }

    func rendered(name: String, values: FormSheetValues) -> RenderedSheet {
        var rowOfCode: [String: Int] = [:]
        var cached: [String: Double] = [:]
        for (index, row) in content.rows.enumerated() where !row.code.isEmpty {
            rowOfCode[row.code] = sheetRows[index]
            for block in blockKeys {
                for column in columns where column.isNumeric && column.formulaForm == nil {
                    if let value = values.cellValue(column.key, row: index, block: block) {
                        cached[RenderedSheet.key(row.code, block, column.key)] = value
                    }
                }
            }
        }
        return RenderedSheet(
            name: name, rowOfCode: rowOfCode,
            blockIndex: Dictionary(uniqueKeysWithValues: blockKeys.enumerated().map { ($1, $0) }),
            columnOfKey: Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.key, $0) }), values: cached)
    }

    mutating func writeRows(_ sheet: SheetWriter, styles: FormStyles) throws(XLSXError) -> FormSheetValues {
        var row = firstDataRow
        sheetRows = content.rows.map { _ in
            defer { row += blockKeys.count }
            return row
        }
        for (index, contentRow) in content.rows.enumerated() {
            for (blockIndex, block) in blockKeys.enumerated() {
                let sheetRow = sheetRows[index] + blockIndex
                var cells: [WriteCell] = []
                for (columnIndex, column) in columns.enumerated() {
                    let style =
                        columnIndex == labelColumn
                        ? styles.label(isTotal: contentRow.isTotal, level: contentRow.level)
                        : styles.cell(for: column, isTotal: contentRow.isTotal)
                    cells.append(
                        cell(
                            column, at: columnIndex, row: index, block: block, blockIndex: blockIndex,
                            sheetRow: sheetRow, values: values, style: style))
                }
                let height = dataRowHeight(row: index, blockIndex: blockIndex)
                try sheet.writeRow(cells, at: sheetRow, format: height.map { RowFormat(height: $0) } ?? .default)
            }
        }
        row = sheetRows.last.map { $0 + blockKeys.count } ?? firstDataRow
        for _ in 0..<content.blankRecordRows {
            let cells = columns.enumerated().map { columnIndex, column in
                var cell = WriteCell(
                    column: columnIndex, value: .empty, style: styles.cell(for: column, isTotal: false))
                if let formula = column.formula {
                    // Blank while nothing is entered on the row: a list row holding only a computed 0 would be
                    // read back as a household with every required field missing.
                    let inner = formula.excelFormula { reference(column: $0, sheetRow: row) }
                    let entered = enteredCells(sheetRow: row)
                    cell.formula = entered.isEmpty ? inner : "IF(COUNTA(\(entered))=0,\"\",\(inner))"
                    cell.value = .string("")
                }
                return cell
            }
            try sheet.writeRow(cells, at: row)
            row += 1
        }
        return values
    }

    /// The cells of a row that are entered rather than computed, as ranges: `A12:U12,W12`.
    private func enteredCells(sheetRow: Int) -> String {
        var ranges: [String] = []
        var index = 0
        while index < columns.count {
            guard columns[index].formula == nil else {
                index += 1
                continue
            }
            var end = index
            while end + 1 < columns.count, columns[end + 1].formula == nil { end += 1 }
            let first = CellAddress(row: sheetRow, column: index).a1
            ranges.append(end > index ? first + ":" + CellAddress(row: sheetRow, column: end).a1 : first)
            index = end + 1
        }
        return ranges.joined(separator: ",")
    }

    private func reference(column key: String, sheetRow: Int) -> String {
        let index = columns.firstIndex { $0.key == key } ?? 0
        return CellAddress(row: sheetRow, column: index).a1
    }

    private func cell(
        _ column: ColumnDefinition, at columnIndex: Int, row index: Int, block: String, blockIndex: Int, sheetRow: Int,
        values: FormSheetValues, style: StyleID
    ) -> WriteCell {
        let contentRow = content.rows[index]
        var cell = WriteCell(column: columnIndex, value: .empty, style: style)
        if column.key == definition.table.codeColumn {
            if blockIndex == 0 { cell.value = .string(contentRow.code) }
            return cell
        }
        if column.key == definition.table.blockColumn {
            cell.value = .string(definition.table.block[blockIndex].label)
            return cell
        }
        if columnIndex == labelColumn {
            if blockIndex == 0 { cell.value = .string(contentRow.label) }
            return cell
        }
        if let sourceID = column.formulaForm, let formula = column.formula {
            // Computed from another form's sheet on the same unit's row; as entered when that sheet is absent.
            if let source = content.sources[sourceID],
                formula.fields.allSatisfy({ source.hasCell(code: contentRow.code, field: $0) })
            {
                cell.formula = formula.excelFormula {
                    source.reference(code: contentRow.code, block: block, field: $0) ?? "0"
                }
                let value = formula.spreadsheetValue {
                    source.value(code: contentRow.code, block: block, field: $0) ?? 0
                }
                cell.value = value.map { .number($0) } ?? .string("")
                return cell
            }
        } else if column.formula != nil, let template = formulaTemplates[columnIndex] {
            cell.formula = template.joined(separator: String(sheetRow + 1))
            cell.value = values.cellValue(column.key, row: index, block: block).map { .number($0) } ?? .string("")
            return cell
        }
        if contentRow.isTotal, column.aggregate == .sum {
            let parts = contentRow.totalOf.map { CellAddress(row: sheetRows[$0] + blockIndex, column: columnIndex).a1 }
            cell.formula = Self.sumFormula(parts)
            cell.value = .number((values.number(column.key, row: index, block: block) ?? .zero).doubleValue)
            return cell
        }
        switch contentRow.values[column.key]?[block] {
        case .number(let value)?: cell.value = .number(value.doubleValue)
        case .text(let text)?: cell.value = .string(text)
        case .boolean(let flag)?: cell.value = .number(flag ? 1 : 0)
        case .date(let date)?: cell.value = .dateTime(date)
        case .missing?, .invalid?, nil: break
        }
        return cell
    }

    /// `SUM(C10:C12)` for adjacent parts, `SUM(C10,C14,C18)` otherwise.
    static func sumFormula(_ parts: [String]) -> String {
        guard let first = parts.first, let last = parts.last else { return "0" }
        let addresses = parts.compactMap { CellAddress($0) }
        let adjacent =
            addresses.count == parts.count
            && zip(addresses, addresses.dropFirst()).allSatisfy { $1.row == $0.row + 1 && $1.column == $0.column }
        if adjacent { return parts.count == 1 ? "SUM(\(first))" : "SUM(\(first):\(last))" }
        return "SUM(\(parts.joined(separator: ",")))"
    }

    func writeSignature(_ sheet: SheetWriter, styles: FormStyles) throws(XLSXError) {
        let contentEnd = (sheetRows.last.map { $0 + blockKeys.count } ?? firstDataRow) + content.blankRecordRows
        let dateRow = contentEnd + 1
        let date: String
        if let signed = content.signedOn {
            date = "ngày \(signed.day) tháng \(signed.month) năm \(signed.year)"
        } else {
            date = "ngày ….. tháng ….. năm ……"
        }
        let place = content.place.isEmpty ? "" : "\(content.place), "
        let preparerEnd = rightStart - 1
        try sheet.writeRow(
            [try merged(sheet, row: dateRow, from: rightStart, to: lastColumn, place + date, styles.italic)],
            at: dateRow)
        try sheet.writeRow(
            [
                try merged(
                    sheet, row: dateRow + 1, from: bodyStart, to: preparerEnd, "NGƯỜI LẬP BIỂU", styles.signatureTitle),
                try merged(
                    sheet, row: dateRow + 1, from: rightStart, to: lastColumn, "THỦ TRƯỞNG ĐƠN VỊ",
                    styles.signatureTitle),
            ], at: dateRow + 1)
        try sheet.writeRow(
            [
                try merged(
                    sheet, row: dateRow + 2, from: bodyStart, to: preparerEnd, "(Ký, ghi rõ họ tên)",
                    styles.signatureNote),
                try merged(
                    sheet, row: dateRow + 2, from: rightStart, to: lastColumn, "(Ký tên, đóng dấu)",
                    styles.signatureNote),
            ], at: dateRow + 2)
    }
}
