// One worksheet part (ECMA-376 Part 1, §18.3.1.99 `worksheet`), streamed row by row:
//
//   head   sheetPr · dimension · sheetViews · sheetFormatPr · cols · <sheetData>      (written when known)
//   rows   <row r spans …><c r s t><f/><v/></c>…</row>                               (streamed)
//   tail   </sheetData> · mergeCells · printOptions · pageMargins · pageSetup · headerFooter
//
// Rows are held sixteen at a time, because Excel's `spans` attribute gives the columns used by the block of sixteen
// rows a row belongs to. Finished blocks go to a 256 KiB buffer; full buffers go to the ZIP entry when the used
// range was declared up front, else to a temporary file that is copied into the entry, after the head, once the
// sheet ends. Memory stays flat whatever the row count.
import SheetCore
import SheetZip

/// Writes the rows of one sheet, in increasing order; get one from ``XLSXWriter/addSheet(_:setup:)``.
///
/// ```swift
/// let sheet = try workbook.addSheet("Biểu 01")
/// try sheet.writeRow([WriteCell(column: 0, value: .string("TT")), WriteCell(column: 1, value: .string("Đơn vị"))])
/// try sheet.writeRow([WriteCell(column: 0, value: .number(1)), WriteCell(column: 1, value: .string("Xã Ia Đal"))])
/// try sheet.merge(CellRange("A5:B5")!)
/// ```
public final class SheetWriter {
    /// The sheet's name as shown on its tab.
    public let name: String
    /// The sheet's zero-based position.
    public let index: Int
    /// The zero-based row that ``writeRow(_:at:format:)`` writes when not told where.
    @exclusivity(unchecked) public private(set) var nextRow = 0

    let setup: SheetSetup
    let state: WorkbookState
    /// `xl/worksheets/sheetN.xml`.
    let part: String
    @exclusivity(unchecked) private(set) var isFinished = false
    private(set) var merges: [CellRange] = []

    // The used range: rows written (with cells or a format), columns of cells written. Per-row state below is
    // touched on one thread only, without overlapping access: exclusivity checks are off for it.
    @exclusivity(unchecked) private var firstRow = Int.max
    @exclusivity(unchecked) private var lastRow = -1
    @exclusivity(unchecked) private var firstColumn = Int.max
    @exclusivity(unchecked) private var lastColumn = -1

    // The block of sixteen rows being gathered: their cells' markup and where each row's cells are in it.
    private struct PendingRow {
        var row: Int
        var format: RowFormat
        var cellsStart: Int
        var cellsEnd: Int
    }
    @exclusivity(unchecked) private var blockNumber = -1
    let block = ByteBuffer(capacity: 64 << 10)
    @exclusivity(unchecked) private var pendingRows: [PendingRow] = []
    @exclusivity(unchecked) private var blockFirstColumn = Int.max
    @exclusivity(unchecked) private var blockLastColumn = -1

    /// Finished rows waiting to be flushed.
    private let body = ByteBuffer(capacity: SheetWriter.flushSize + (64 << 10))
    private var spill: SpillFile?
    /// The current row's number in decimal, reused for every cell reference of the row.
    let rowLabel = ByteBuffer(capacity: 16)

    /// Bytes gathered before they are handed on to the ZIP entry or the temporary file.
    static let flushSize = 256 << 10

    init(name: String, index: Int, setup: SheetSetup, state: WorkbookState) throws(XLSXError) {
        self.name = name
        self.index = index
        self.setup = setup
        self.state = state
        self.part = "xl/worksheets/sheet\(index + 1).xml"
        for range in setup.mergedRanges { try addMerge(range) }
        if let dimension = setup.dimension {
            try state.zip(part) { zip throws(ZipError) in try zip.startEntry(part) }
            writeHead(to: body, dimension: dimension.a1, hasRows: true)
        }
    }

    /// Writes one row of cells.
    ///
    /// Rows come in increasing order and cells in increasing column order; a row need not follow the previous one
    /// (skipped rows stay empty). An unstyled `.empty` cell writes nothing; a styled one keeps its style (the blank
    /// cells of a merged range).
    ///
    /// - Parameters:
    ///   - cells: The row's cells, by increasing column.
    ///   - row: The zero-based row; `nil` for ``nextRow``.
    ///   - format: The row's height, visibility and style.
    /// - Throws: ``XLSXError`` `.invalidUse` for a row or column out of order or outside Excel's grid,
    ///   `.unwritableValue` for a value Excel cannot hold (nothing of the row is written then), `.output` when the
    ///   output cannot be written.
    /// - Complexity: O(cells); memory does not grow with the number of rows.
    public func writeRow(_ cells: [WriteCell], at row: Int? = nil, format: RowFormat = .default) throws(XLSXError) {
        try checkUsable()
        let row = row ?? nextRow
        guard row >= nextRow, row < CellAddress.maxRows else {
            throw XLSXError(
                .invalidUse,
                row < nextRow
                    ? "row \(row + 1) comes after row \(nextRow): rows must be written in increasing order"
                    : "row \(row + 1) is past Excel's last row, \(CellAddress.maxRows)",
                part: part, sheet: name)
        }
        if row >> 4 != blockNumber { try flushBlock() }
        blockNumber = row >> 4
        rowLabel.removeAll()
        rowLabel.appendDecimal(row + 1)
        let start = block.count
        var previous = -1
        var first = Int.max
        var last = -1
        do throws(XLSXError) {
            for cell in cells {
                guard cell.column > previous, cell.column < CellAddress.maxColumns else {
                    throw XLSXError(
                        .invalidUse,
                        cell.column <= previous
                            ? "cells must come in increasing column order" : "the column is past Excel's last, XFD",
                        part: part, sheet: name, cell: CellAddress(row: row, column: max(0, cell.column)).a1)
                }
                previous = cell.column
                if try appendCell(cell, row: row) {
                    if first == Int.max { first = cell.column }
                    last = cell.column
                }
            }
            if let dimension = setup.dimension, last >= 0 || !format.isDefault {
                let rowInside = row >= dimension.first.row && row <= dimension.last.row
                let columnsInside = last < 0 || (first >= dimension.first.column && last <= dimension.last.column)
                guard rowInside, columnsInside else {
                    throw XLSXError(
                        .invalidUse, "row \(row + 1) reaches outside the declared dimension \(dimension.a1)",
                        part: part, sheet: name)
                }
            }
        } catch {
            block.removeLast(block.count - start)
            throw error
        }
        nextRow = row + 1
        guard last >= 0 || !format.isDefault else { return }
        pendingRows.append(PendingRow(row: row, format: format, cellsStart: start, cellsEnd: block.count))
        firstRow = min(firstRow, row)
        lastRow = row
        if last >= 0 {
            blockFirstColumn = min(blockFirstColumn, first)
            blockLastColumn = max(blockLastColumn, last)
            firstColumn = min(firstColumn, first)
            lastColumn = max(lastColumn, last)
        }
    }

    /// Writes values into consecutive columns of one row, all with one style; `.empty` values are skipped.
    ///
    /// - Parameters:
    ///   - values: The values, the first in `column`.
    ///   - row: The zero-based row; `nil` for ``nextRow``.
    ///   - column: The zero-based column of the first value.
    ///   - style: The style of every cell.
    ///   - format: The row's height, visibility and style.
    /// - Throws: As ``writeRow(_:at:format:)``.
    public func writeRow(
        values: [CellValue], at row: Int? = nil, startingAt column: Int = 0, style: StyleID = .default,
        format: RowFormat = .default
    ) throws(XLSXError) {
        var cells: [WriteCell] = []
        cells.reserveCapacity(values.count)
        for (offset, value) in values.enumerated() where !value.isEmpty || style != .default {
            cells.append(WriteCell(column: column + offset, value: value, style: style))
        }
        try writeRow(cells, at: row, format: format)
    }

    /// Merges a range of cells; write its top-left cell's value and give the others the same style, blank.
    ///
    /// - Parameter range: The range, at least two cells, overlapping no other merge.
    /// - Throws: ``XLSXError`` `.invalidUse` for a single cell or an overlap (which Excel would repair away).
    /// - Complexity: O(merges so far).
    public func merge(_ range: CellRange) throws(XLSXError) {
        try checkUsable()
        try addMerge(range)
    }

    private func addMerge(_ range: CellRange) throws(XLSXError) {
        guard range.first != range.last else {
            throw XLSXError(
                .invalidUse, "a merged range needs two cells or more", part: part, sheet: name, cell: range.a1)
        }
        guard range.last.row < CellAddress.maxRows, range.last.column < CellAddress.maxColumns,
            range.first.row >= 0, range.first.column >= 0
        else {
            throw XLSXError(.invalidUse, "the merged range is outside Excel's grid", part: part, sheet: name)
        }
        if let other = merges.first(where: { Self.overlap($0, range) }) {
            throw XLSXError(
                .invalidUse, "the merged range \(range.a1) overlaps \(other.a1)", part: part, sheet: name,
                cell: range.a1)
        }
        merges.append(range)
    }

    private static func overlap(_ a: CellRange, _ b: CellRange) -> Bool {
        a.first.row <= b.last.row && b.first.row <= a.last.row && a.first.column <= b.last.column
            && b.first.column <= a.last.column
    }

    private func checkUsable() throws(XLSXError) {
        if isFinished {
            throw XLSXError(
                .invalidUse, "the sheet is finished: a later sheet was added or the workbook closed", part: part,
                sheet: name)
        }
        if let failure = state.failure { throw failure }
    }

    // MARK: - Output

    /// Moves the gathered block of rows into the body, giving each row the block's `spans`.
    private func flushBlock() throws(XLSXError) {
        guard !pendingRows.isEmpty else { return }
        let hasCells = blockLastColumn >= 0
        for pending in pendingRows {
            body.append("<row r=\"")
            body.appendDecimal(pending.row + 1)
            body.append("\"")
            if hasCells {
                body.append(" spans=\"")
                body.appendDecimal(blockFirstColumn + 1)
                body.append(UInt8(ascii: ":"))
                body.appendDecimal(blockLastColumn + 1)
                body.append("\"")
            }
            let format = pending.format
            if let style = format.style, style.index != 0 {
                body.attribute("s", style.index)
                body.append(" customFormat=\"1\"")
            }
            if let height = format.height { body.attribute("ht", height) }
            if format.isHidden { body.append(" hidden=\"1\"") }
            if format.height != nil { body.append(" customHeight=\"1\"") }
            if pending.cellsEnd > pending.cellsStart {
                body.append(">")
                body.append(UnsafeBufferPointer(rebasing: block.bytes[pending.cellsStart..<pending.cellsEnd]))
                body.append("</row>")
            } else {
                body.append("/>")
            }
        }
        pendingRows.removeAll(keepingCapacity: true)
        block.removeAll()
        blockFirstColumn = Int.max
        blockLastColumn = -1
        if body.count >= Self.flushSize { try flushBody() }
    }

    /// Hands the body on: to the ZIP entry when it is open, else to the temporary file.
    private func flushBody() throws(XLSXError) {
        guard !body.isEmpty else { return }
        if setup.dimension != nil {
            try state.zip(part) { zip throws(ZipError) in try zip.write(body) }
        } else {
            if spill == nil {
                do {
                    spill = try SpillFile(directory: state.directory)
                } catch {
                    state.fail(error)
                    throw error
                }
            }
            do {
                try spill!.append(body.bytes)
            } catch {
                state.fail(error)
                throw error
            }
        }
        body.removeAll()
    }

    /// Ends the sheet: writes its head (now that the used range is known), rows and tail into its ZIP entry.
    func finish() throws(XLSXError) {
        guard !isFinished else { return }
        isFinished = true
        if let failure = state.failure { throw failure }
        try flushBlock()
        let hasRows = lastRow >= 0
        if setup.dimension == nil {
            let head = ByteBuffer(capacity: 4096)
            writeHead(to: head, dimension: usedRange, hasRows: hasRows)
            try state.zip(part) { zip throws(ZipError) in
                try zip.startEntry(part)
                try zip.write(head)
            }
            if let spill {
                let zip = state.zipWriter
                try spill.readAll(chunkSize: Self.flushSize) { chunk throws(XLSXError) in
                    do throws(ZipError) {
                        try zip.write(chunk)
                    } catch {
                        let wrapped = XLSXError.output(error, part: part)
                        state.fail(wrapped)
                        throw wrapped
                    }
                }
                spill.close()
                self.spill = nil
            }
        }
        writeTail(to: body, hasRows: hasRows || setup.dimension != nil)
        try state.zip(part) { zip throws(ZipError) in
            try zip.write(body)
            try zip.finishEntry()
        }
        body.removeAll()
    }

    /// The used range in A1 notation, `A1` for an empty sheet: the rows written, the columns of their cells and
    /// the columns given a style in the setup (Excel counts those too).
    private var usedRange: String {
        var first = firstColumn
        var last = lastColumn
        for format in setup.columns where (format.style?.index ?? 0) != 0 {
            first = min(first, format.columns.lowerBound)
            last = max(last, format.columns.upperBound)
        }
        let rows = lastRow >= 0 ? (firstRow, lastRow) : (0, 0)
        guard lastRow >= 0 || last >= 0 else { return "A1" }
        let columns = last >= 0 ? (first, last) : (0, 0)
        return CellRange(CellAddress(row: rows.0, column: columns.0), CellAddress(row: rows.1, column: columns.1)).a1
    }
}
