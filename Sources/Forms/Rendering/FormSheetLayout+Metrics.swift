import SheetCore

// Column widths and row heights of a form sheet, from what is written in it.
//
//   width of a column   = the widest of: its widest header word, its widest value as displayed (`#,##0.00`),
//                         a minimum by type (a blank template still takes a seven-figure count)
//   label column        = its widest unit name (units), 40 and wrapped (lines), 18–28 (records)
//   flag columns (0/1)  = 5, the header label turned upright on two lines
//   height of a row     = its most wrapped cell, estimated by TextMetrics
//
// Narrow columns matter: the sheet prints fitted to the width of an A4 landscape page, so every character of width
// that a column does not need makes the whole form print smaller.

extension FormSheetLayout {
    static let headerPoints = 10.0
    static let bodyPoints = 12.0
    static let titlePoints = 14.0
    /// Width of a 0/1 flag column: two upright lines of header text.
    static let flagWidth = 5.0

    /// A 0/1 column (the twelve deprivations of a household list).
    func isFlag(_ column: ColumnDefinition) -> Bool {
        column.type == .boolean
            || (column.type == .integer && column.minimum == DecimalNumber(0) && column.maximum == DecimalNumber(1))
    }

    func computeWidths() -> [Double] {
        columns.enumerated().map { index, column in
            if isFlag(column) { return Self.flagWidth }
            let header = TextMetrics.columnWidth(
                holding: TextMetrics.longestWord(column.label.vi, points: Self.headerPoints, bold: true))
            let values = TextMetrics.columnWidth(holding: widestValue(index))
            if index == labelColumn {
                switch definition.kind {
                case .units: return min(max(values, header, 16), 30)
                case .lines: return 32
                case .records: return min(max(values, header, 18), 28)
                }
            }
            if column.key == definition.table.codeColumn { return max(values, header, 4.5) }
            if column.key == definition.table.blockColumn { return max(values, header, 8) }
            let minimum: Double
            switch column.type {
            case .percent, .integer, .money: minimum = 7
            case .decimal: minimum = 8
            case .date: minimum = 11
            case .code: minimum = 8
            case .text, .boolean: minimum = 10
            }
            let widthOfValues = column.isNumeric || column.type == .code ? values : min(values, 20)
            return max(minimum, header, widthOfValues)
        }
    }

    /// The widths grown, half a character at a time, while the table still fits the page width at 100 %: a table
    /// narrower than the page gets wider number columns (up to 12) and unit names (up to 30), so that its header
    /// labels wrap to fewer lines.
    func filledWidths(_ widths: [Double]) -> [Double] {
        var widths = widths
        let room = Self.printableWidth * 0.97
        func cap(_ index: Int) -> Double {
            let column = columns[index]
            if index == labelColumn { return definition.kind == .units ? 30 : widths[index] }
            if isFlag(column) || column.key == definition.table.codeColumn { return widths[index] }
            if column.key == definition.table.blockColumn { return widths[index] }
            return column.isNumeric ? 12 : 20
        }
        let caps = widths.indices.map(cap)
        while true {
            let total = widths.map(Self.printedWidth).reduce(0, +)
            let growing = widths.indices.filter { widths[$0] < caps[$0] }
            guard !growing.isEmpty, total + Double(growing.count) * 0.5 * Self.pointsPerCharacter <= room else { break }
            for index in growing { widths[index] += 0.5 }
        }
        return widths
    }

    /// The width in pixels of the widest value of a column. A number column is measured by its largest magnitude
    /// (in bold, as on a total row), one string per column rather than per cell: a country's form has 10,000 rows.
    private func widestValue(_ index: Int) -> Double {
        let column = columns[index]
        if column.isNumeric && column.formulaForm == nil {
            var largest = 0.0
            var negative = false
            for row in content.rows.indices {
                for block in blockKeys {
                    guard let value = values.cellValue(column.key, row: row, block: block) else { continue }
                    largest = max(largest, abs(value))
                    negative = negative || value < 0
                }
            }
            let text = (negative ? "-" : "") + Self.displayed(largest, decimals: column.decimals)
            return TextMetrics.width(text, points: Self.bodyPoints, bold: true)
        }
        var widest = 0.0
        for row in content.rows.indices {
            for block in blockKeys.indices {
                let text = displayedText(index, row: row, blockIndex: block)
                guard !text.isEmpty else { continue }
                widest = max(
                    widest, TextMetrics.width(text, points: Self.bodyPoints, bold: content.rows[row].isTotal))
            }
        }
        return widest
    }

    /// The text a table cell shows (numbers as `#,##0.00` would), for its width and the wrapping of its row.
    func displayedText(_ index: Int, row: Int, blockIndex: Int) -> String {
        let column = columns[index]
        let contentRow = content.rows[row]
        if column.key == definition.table.codeColumn { return blockIndex == 0 ? contentRow.code : "" }
        if column.key == definition.table.blockColumn { return definition.table.block[blockIndex].label }
        if index == labelColumn { return blockIndex == 0 ? contentRow.label : "" }
        let block = blockKeys[blockIndex]
        if column.isNumeric {
            if column.formulaForm != nil { return Self.displayed(100, decimals: column.decimals) }
            return values.cellValue(column.key, row: row, block: block).map {
                Self.displayed($0, decimals: column.decimals)
            } ?? ""
        }
        switch contentRow.values[column.key]?[block] {
        case .text(let text)?: return text
        case .date?: return "00/00/0000"
        default: return ""
        }
    }

    /// `1234567.891` with 2 decimals → `1,234,567.89`: the characters `#,##0.00` shows (separators vary by locale,
    /// their count does not).
    static func displayed(_ value: Double, decimals: Int) -> String {
        let scale = (0..<decimals).reduce(1.0) { value, _ in value * 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 1e17 else { return "#################" }
        let units = UInt64(scaled)
        let whole = String(units / UInt64(scale))
        var grouped = ""
        for (offset, digit) in whole.enumerated() {
            if offset > 0, (whole.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        if decimals > 0 {
            let fraction = String(units % UInt64(scale))
            grouped += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return (value < 0 && scaled > 0 ? "-" : "") + grouped
    }

    /// The heights of the header rows: the group row (when there is one) and the label row, in points.
    func headerHeights() -> (group: Double, labels: Double) {
        let points = Self.headerPoints
        var group = 0.0
        var labels = TextMetrics.height(lines: 1, points: points)
        var spanning = 0.0
        var index = 0
        while index < columns.count {
            let column = columns[index]
            if isFlag(column) {
                labels = max(labels, uprightHeight(column.label.vi, width: widths[index]))
            } else {
                let lines = TextMetrics.lines(column.label.vi, points: points, bold: true, columnWidth: widths[index])
                let height = TextMetrics.height(lines: lines, points: points)
                if hasGroups && column.group == nil {
                    spanning = max(spanning, height)
                } else {
                    labels = max(labels, height)
                }
            }
            if hasGroups, let name = column.group {
                var end = index
                while end + 1 < columns.count, columns[end + 1].group == name { end += 1 }
                let room = (index...end).map { TextMetrics.pixels(columnWidth: widths[$0]) }.reduce(0, +)
                let lines = TextMetrics.lines(name, points: points, bold: true, pixels: room - TextMetrics.cellMargin)
                group = max(group, TextMetrics.height(lines: lines, points: points))
            }
            index += 1
        }
        if hasGroups { labels = max(labels, spanning - group) }
        return (group, labels)
    }

    /// The height in points that a label turned upright needs in a column `width` characters wide.
    private func uprightHeight(_ text: String, width: Double) -> Double {
        let points = Self.headerPoints
        let linePixels = points * 1.25 * 96 / 72
        let across = max(1, Int((TextMetrics.pixels(columnWidth: width) - 4) / linePixels))
        var room = max(TextMetrics.longestWord(text, points: points, bold: true), 20)
        while TextMetrics.lines(text, points: points, bold: true, pixels: room) > across { room += 4 }
        return ((room + TextMetrics.cellMargin) * 72 / 96 + 4).rounded(.up)
    }

    /// The height of the title row: the title wraps across the merged width of the table.
    func titleHeight() -> Double {
        let room =
            widths[bodyStart...min(lastColumn, widths.count - 1)].map(TextMetrics.pixels(columnWidth:)).reduce(0, +)
            - TextMetrics.cellMargin
        let lines = TextMetrics.lines(definition.title.vi, points: Self.titlePoints, bold: true, pixels: room)
        return max(TextMetrics.height(lines: lines, points: Self.titlePoints), 24)
    }

    /// The height of a table row whose text wraps to more than one line; `nil` for the default height.
    func dataRowHeight(row: Int, blockIndex: Int) -> Double? {
        var lines = 1
        for index in columns.indices where index == labelColumn || !columns[index].isNumeric {
            if columns[index].key == definition.table.codeColumn { continue }
            let text = displayedText(index, row: row, blockIndex: blockIndex)
            guard !text.isEmpty else { continue }
            lines = max(
                lines,
                TextMetrics.lines(
                    text, points: Self.bodyPoints, bold: content.rows[row].isTotal, columnWidth: widths[index]))
        }
        return lines > 1 ? TextMetrics.height(lines: lines, points: Self.bodyPoints) : nil
    }
}
