import SheetCore

/// The text cells at the top of a sheet, each normalised once for matching: what detection and the reading of
/// headers and column labels look at.
///
/// Rows are counted without blank ones, so blank rows inserted above or inside the heading do not push the title
/// or the header out of reach.
struct SheetHeading: Sendable {
    /// One text cell of the heading.
    struct Cell: Sendable {
        var address: CellAddress
        /// The cell's text as written (NFC is not applied: this is the raw text).
        var raw: String
        var text: MatchText
        /// The ordinal of its row among the non-blank rows of the sheet (0 is the first non-blank row).
        var rank: Int
    }

    /// Text cells of the first `limit` non-blank rows, in row then column order.
    var cells: [Cell]
    /// Sheet row index of each non-blank row read, by rank.
    var rowIndices: [Int]

    /// Reads the text cells of the first `limit` non-blank rows of `sheet`.
    ///
    /// - Parameter memo: texts normalised before, on this thread.
    /// - Complexity: O(cells in those rows); each text is normalised once (once per thread with a memo).
    init(sheet: Worksheet, nonBlankRows limit: Int, memo: MatchTextMemo? = nil) {
        cells = []
        rowIndices = []
        for row in sheet.rows {
            guard rowIndices.count < limit else { break }
            var blank = true
            for cell in row.cells {
                let raw: String
                switch cell.value {  // the text taken straight from the value, not through a copy of it
                case .string(let text): raw = text
                case .richText(let rich): raw = rich.text
                case .empty: continue
                default:
                    blank = false
                    continue
                }
                let text = memo?.text(raw) ?? MatchText(raw)
                guard !text.isEmpty else { continue }
                blank = false
                cells.append(Cell(address: cell.address, raw: raw, text: text, rank: rowIndices.count))
            }
            if !blank { rowIndices.append(row.index) }
        }
    }

    /// The sheet row index of the `rank`-th non-blank row, or the row after the last one read.
    func rowIndex(ofRank rank: Int) -> Int {
        if rank < rowIndices.count { return rowIndices[rank] }
        return (rowIndices.last ?? -1) + 1
    }
}
