import SheetCore

// Where a form's table is on a sheet:
//
//   title, heading fields (Đơn vị: …, Mã ĐVHC: …)        ← header fields are read above `headerTop`
//   ┌────┬────────┬────────┬─────────────────────┐        ← headerTop: first row of the table header
//   │ TT │ Đơn vị │ Số hộ  │      Hộ nghèo       │
//   │    │        │        │ Số hộ  │ Tỷ lệ (%)  │        ← column labels (fallback, and records tables)
//   ├────┼────────┼────────┼────────┼────────────┤
//   │ A  │   B    │   1    │   3    │ 4=3/1x100  │        ← numbering row: columns found by their number
//   ├────┼────────┼────────┼────────┼────────────┤
//   │ 1  │ Huyện  │ …      │        │            │        ← dataStart
//
// A records table is found by its header row (the first row holding all `table.header_labels`), which may span
// several rows through merged cells and be followed by a numbering row.

/// The columns and rows of a form's table on one sheet.
struct TableLocation {
    /// Sheet column of each definition column (same order), `nil` when not found.
    var positions: [Int?]
    /// The first sheet row that may hold data; `nil` when the table was not found.
    var dataStart: Int?
    /// The first row of the table header: heading values are read above it.
    var headerTop: Int?
    /// The numbering row, when columns were found through it.
    var numberingRow: Int?
}

enum TableLocator {
    /// The token of a numbering cell: `(1)` → `1`, ` 4 = 3/1x100` → `4`, `a` → `A`, `Cột 2` → `2`; `nil` for
    /// text that is no column number.
    static func numberingToken(_ text: String) -> String? {
        numberingKey(text).map(NumberingKey.text)
    }

    /// The numbering token of a cell: text as above, a whole number as its digits.
    static func numberingToken(_ cell: Cell) -> String? {
        switch cell.value {
        case .number(let double): return CellReader.integerText(double)
        case .string, .richText: return numberingToken(cell.value.text ?? "")
        default: return nil
        }
    }

    /// A numbering token packed in an integer, one byte per character: a token has at most six characters, all
    /// ASCII and none zero, so equal keys are equal tokens. Comparing keys needs no text and no hashing.
    enum NumberingKey {
        static let maximumLength = 6

        static func text(_ key: UInt64) -> String {
            var bytes: [UInt8] = []
            var rest = key
            while rest != 0 {
                bytes.append(UInt8(truncatingIfNeeded: rest))
                rest >>= 8
            }
            return String(decoding: bytes.reversed(), as: UTF8.self)
        }
    }

    private static let numberingPrefixes = ["cột", "Cột", "CỘT"].map { Array($0.utf8) }

    /// The key of ``numberingToken(_:)-(String)``, read from the text's UTF-8.
    static func numberingKey(_ text: String) -> UInt64? {
        return text.withUTF8Bytes { bytes -> UInt64? in
            var index = 0
            // `Cột 2`, `cột 2`, `CỘT 2`, compared as bytes (NFC)
            for prefix in numberingPrefixes where bytes.count >= prefix.count {
                if prefix.indices.allSatisfy({ bytes[$0] == prefix[$0] }) {
                    index = prefix.count
                    break
                }
            }
            var key: UInt64 = 0
            var length = 0
            while index < bytes.count {
                let (value, size) = UTF8Encoding.scalar(in: bytes, at: index)
                index += size
                // A scalar of several bytes: only white space may stand among the characters of a token.
                if size > 1 {
                    guard MatchText.isSpace(value) else { return nil }
                    continue
                }
                let byte: UInt64
                switch UInt8(value) {
                case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"):
                    continue
                case UInt8(ascii: "="):
                    return length == 0 ? nil : key
                case UInt8(ascii: "a")...UInt8(ascii: "z"):
                    byte = UInt64(value) - 32
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."):
                    byte = UInt64(value)
                default:
                    guard MatchText.isSpace(value) else { return nil }
                    continue
                }
                length += 1
                if length > NumberingKey.maximumLength { return nil }
                key = key << 8 | byte
            }
            return length == 0 ? nil : key
        }
    }

    /// The key of ``numberingToken(_:)-(Cell)``, or `nil` for a number no column can be numbered with (negative,
    /// or of more digits than a token has).
    static func numberingKey(_ cell: Cell) -> UInt64? {
        switch cell.value {
        case .number(let double):
            guard CellReader.isWhole(double), double >= 0, double < 1_000_000 else { return nil }
            let number = Int(double)
            var power = 1
            while power * 10 <= number { power *= 10 }
            var key: UInt64 = 0
            while power > 0 {
                key = key << 8 | UInt64(0x30 + number / power % 10)
                power /= 10
            }
            return key
        case .string, .richText: return numberingKey(cell.value.text ?? "")
        default: return nil
        }
    }

    /// Finds the table of `definition` on `sheet`.
    static func locate(
        _ sheet: Worksheet, definition: FormDefinition, heading: SheetHeading, file: String,
        findings: inout [Finding]
    ) -> TableLocation {
        let columns = definition.columns
        var location = TableLocation(positions: Array(repeating: nil, count: columns.count))
        let labels = definition.columnLabelTexts
        let tokens = definition.columnNumberingKeys
        let lastHeadingRow = heading.rowIndices.last ?? -1

        var labelRanks: ClosedRange<Int>?
        switch definition.kind {
        case .records:
            guard let headerRank = recordsHeaderRank(heading, definition: definition, labels: labels) else {
                findings.append(
                    ReadingFindings.noHeaderRow(
                        definition.table.headerLabels.isEmpty
                            ? columns.map(\.label.vi) : definition.table.headerLabels, file: file, sheet: sheet.name))
                return location
            }
            let headerRow = heading.rowIndex(ofRank: headerRank)
            var headerEnd = mergedExtent(sheet, rows: headerRow...headerRow)
            location.headerTop = headerRow
            if tokens.contains(where: { $0 != nil }),
                let numbering = findNumberingRow(sheet, tokens: tokens, in: (headerRow + 1)...(headerEnd + 3))
            {
                location.numberingRow = numbering.row
                for (index, column) in numbering.positions { location.positions[index] = column }
                headerEnd = max(headerEnd, numbering.row)
            }
            let endRank = heading.rowIndices.lastIndex { $0 <= headerEnd } ?? headerRank
            labelRanks = headerRank...max(headerRank, endRank)
            location.dataStart = headerEnd + 1
        case .units, .lines:
            if tokens.contains(where: { $0 != nil }),
                let numbering = findNumberingRow(sheet, tokens: tokens, in: 0...max(0, lastHeadingRow))
            {
                location.numberingRow = numbering.row
                for (index, column) in numbering.positions { location.positions[index] = column }
                let rank = heading.rowIndices.firstIndex { $0 >= numbering.row } ?? heading.rowIndices.count
                labelRanks = rank > 0 ? max(0, rank - 6)...(rank - 1) : nil
                location.dataStart = numbering.row + 1
            } else {
                if definition.table.numberingRow, tokens.contains(where: { $0 != nil }) {
                    findings.append(ReadingFindings.noNumberingRow(file: file, sheet: sheet.name))
                }
                guard let bestRank = bestLabelRank(heading, labels: labels) else { return location }
                let bestRow = heading.rowIndex(ofRank: bestRank)
                let firstRank = max(0, bestRank - 2)
                let headerEnd = mergedExtent(sheet, rows: heading.rowIndex(ofRank: firstRank)...bestRow)
                var dataStart = headerEnd + 1
                // A numbering row the mapping does not declare: skip it.
                if let next = sheet.rows.first(where: {
                    $0.index >= dataStart && $0.cells.contains { !$0.value.isEmpty }
                }),
                    isNumberingLike(next)
                {
                    dataStart = next.index + 1
                }
                labelRanks = firstRank...bestRank
                location.dataStart = dataStart
            }
        }

        // Columns without a number, or whose number the numbering row lacks: by label.
        if let labelRanks {
            let cells = heading.cells.filter { labelRanks.contains($0.rank) }
            let found = assignByLabels(cells, labels: labels, positions: &location.positions)
            if definition.kind != .records {
                location.headerTop = found ?? location.numberingRow.map { max(0, $0 - 1) }
            }
        }
        return location
    }

    /// The rank of the first heading row holding every `table.header_labels` (or, without them, the row with the
    /// most column labels).
    private static func recordsHeaderRank(_ heading: SheetHeading, definition: FormDefinition, labels: [[MatchText]])
        -> Int?
    {
        let wanted = definition.table.headerLabels.map { MatchText($0) }.filter { !$0.isEmpty }
        guard !wanted.isEmpty else { return bestLabelRank(heading, labels: labels) }
        var start = 0
        while start < heading.cells.count {
            let rank = heading.cells[start].rank
            var end = start
            while end < heading.cells.count, heading.cells[end].rank == rank { end += 1 }
            let row = heading.cells[start..<end]
            if wanted.allSatisfy({ label in row.contains { $0.text.contains(label) } }) { return rank }
            start = end
        }
        return nil
    }

    /// The heading row with the most cells equal to (or starting with) a column label; at least two, or one
    /// when the form labels a single column.
    private static func bestLabelRank(_ heading: SheetHeading, labels: [[MatchText]]) -> Int? {
        var counts: [Int: Int] = [:]
        for cell in heading.cells {
            if labels.contains(where: { $0.contains { cell.text == $0 || cell.text.hasPrefix($0) } }) {
                counts[cell.rank, default: 0] += 1
            }
        }
        let needed = min(2, labels.filter { !$0.isEmpty }.count)
        guard needed > 0,
            let best = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }),
            best.value >= needed
        else { return nil }
        return best.key
    }

    /// The first row in `rows` whose cells number the columns: at least half the numbered columns (and two)
    /// found, in the definition's order. A token that numbers no column is passed over.
    private static func findNumberingRow(_ sheet: Worksheet, tokens: [UInt64?], in rows: ClosedRange<Int>)
        -> (row: Int, positions: [(Int, Int)])?
    {
        let numbered = tokens.compactMap { $0 }.count
        let needed = max(min(2, numbered), (numbered + 1) / 2)
        // The first sheet column holding each column's token, -1 when not met in the row.
        var columnOfToken = [Int](repeating: -1, count: tokens.count)
        for row in sheet.rows where rows.contains(row.index) {
            for index in columnOfToken.indices { columnOfToken[index] = -1 }
            var met = 0
            for cell in row.cells {
                guard let key = numberingKey(cell) else { continue }
                for (index, token) in tokens.enumerated() where token == key && columnOfToken[index] < 0 {
                    columnOfToken[index] = cell.address.column
                    met += 1
                }
            }
            guard met >= needed else { continue }
            var positions: [(Int, Int)] = []
            var last = -1
            for index in tokens.indices {
                let column = columnOfToken[index]
                guard column > last else { continue }
                positions.append((index, column))
                last = column
            }
            if positions.count >= needed { return (row.index, positions) }
        }
        return nil
    }

    /// Whether a row looks like a numbering row: three or more cells, all column-number tokens.
    private static func isNumberingLike(_ row: Row) -> Bool {
        var count = 0
        for cell in row.cells where !cell.value.isEmpty {
            guard numberingToken(cell) != nil else { return false }
            count += 1
        }
        return count >= 3
    }

    /// The last row covered by merged ranges starting in `rows` (the table header's depth).
    private static func mergedExtent(_ sheet: Worksheet, rows: ClosedRange<Int>) -> Int {
        var end = rows.upperBound
        for range in sheet.mergedRanges where rows.contains(range.first.row) {
            end = max(end, range.last.row)
        }
        return end
    }

    /// Places unplaced columns on the label cells: an equal text first, then one starting with the label, then one
    /// containing it; among equals the leftmost to the right of the previous column. Returns the top row of the
    /// cells matched.
    @discardableResult
    private static func assignByLabels(
        _ cells: [SheetHeading.Cell], labels: [[MatchText]], positions: inout [Int?]
    ) -> Int? {
        var used = Set(positions.compactMap { $0 })
        var top: Int?
        var last = -1
        for index in positions.indices {
            if let placed = positions[index] {
                last = placed
                // Still note where the header starts.
                if let cell = labelCell(cells, labels[index], inColumn: placed) {
                    top = min(top ?? cell.address.row, cell.address.row)
                }
                continue
            }
            guard !labels[index].isEmpty,
                let cell = bestCell(cells, labels[index], after: last, used: used)
            else { continue }
            positions[index] = cell.address.column
            used.insert(cell.address.column)
            last = cell.address.column
            top = min(top ?? cell.address.row, cell.address.row)
        }
        return top
    }

    /// How well a cell's text matches a column's labels: 3 equal, 2 starting with one, 1 containing one, 0 not.
    private static func quality(_ cell: SheetHeading.Cell, _ labels: [MatchText]) -> Int {
        var quality = 0
        for label in labels {
            if cell.text == label { return 3 }
            if cell.text.hasPrefix(label) {
                quality = 2
            } else if quality == 0, cell.text.contains(label) {
                quality = 1
            }
        }
        return quality
    }

    /// The label cell of a column already placed at `column`: what ``bestCell(_:_:after:used:)`` finds from the
    /// column on, when it is in that column. It is the first cell of the column with the column's best quality,
    /// unless a cell elsewhere matches better; so when a cell of the column is equal to a label, no other cell is
    /// looked at.
    private static func labelCell(_ cells: [SheetHeading.Cell], _ labels: [MatchText], inColumn column: Int)
        -> SheetHeading.Cell?
    {
        var best: (quality: Int, cell: SheetHeading.Cell)?
        for cell in cells where cell.address.column == column {
            let quality = quality(cell, labels)
            if quality > (best?.quality ?? 0) { best = (quality, cell) }
        }
        guard let best else { return nil }
        if best.quality < 3 {
            for cell in cells where cell.address.column != column && quality(cell, labels) > best.quality {
                return nil
            }
        }
        return best.cell
    }

    private static func bestCell(_ cells: [SheetHeading.Cell], _ labels: [MatchText], after last: Int, used: Set<Int>)
        -> SheetHeading.Cell?
    {
        var best: (quality: Int, rightOfLast: Bool, cell: SheetHeading.Cell)?
        for cell in cells where !used.contains(cell.address.column) {
            let quality = quality(cell, labels)
            guard quality > 0 else { continue }
            let right = cell.address.column > last
            // Nothing beats an equal label just right of the previous column (the usual case): stop there.
            if quality == 3, cell.address.column == last + 1 { return cell }
            let better: Bool
            if let current = best {
                if quality != current.quality {
                    better = quality > current.quality
                } else if right != current.rightOfLast {
                    better = right
                } else {
                    better = cell.address.column < current.cell.address.column
                }
            } else {
                better = true
            }
            if better { best = (quality, right, cell) }
        }
        return best?.cell
    }
}
