// A worksheet substream ([MS-XLS] 2.1.7.20.5): BOF (dt = worksheet) … EOF, holding
//
//   COLINFO* DIMENSION ROW* cell records (NUMBER RK MULRK LABELSST LABEL RSTRING BOOLERR FORMULA [STRING]
//   BLANK MULBLANK) … MERGEDCELLS* EOF
//
// with nested BOF … EOF blocks for embedded charts, which are skipped whole.
import SheetCore

/// The rows of one sheet of an `.xls` workbook, in row order.
///
/// ```swift
/// let reader = try XLSReader(path: "bao-cao.xls")
/// let rows = try reader.rows(ofSheet: 0)
/// while let row = try rows.next() { print(row.index, row.cells.count) }
/// ```
public final class XLSSheetReader {
    /// The sheet read.
    public let sheet: SheetInfo
    /// The DIMENSION record's range, when it names one.
    public private(set) var declaredDimension: CellRange?
    /// COLINFO widths and hidden columns.
    public private(set) var columns: [ColumnInfo] = []
    /// MERGEDCELLS ranges.
    public private(set) var mergedRanges: [CellRange] = []

    private let file: String?
    private let streamName: String
    private var parser: SheetSubstreamParser
    /// The cell records still to read, while streaming; `nil` once done (or when the rows were materialised).
    private var records: BIFFRecordReader?
    /// All rows, when cells came out of order and had to be sorted.
    private var materialized: [Row]?
    private var nextRow = 0

    /// Reads the sheet's layout records (dimension, columns, merges, hidden rows) and checks that its cells come in
    /// row order; they are then streamed by ``next()``, or sorted here first when they do not.
    init(
        sheet: SheetInfo, stream: ByteReader, position: Int, globals: WorkbookGlobals, file: String? = nil,
        streamName: String = "Workbook"
    ) throws(XLSError) {
        self.sheet = sheet
        self.file = file
        self.streamName = streamName
        self.parser = SheetSubstreamParser(stream: stream, globals: globals)
        do throws(XLSError) {
            guard let start = try parser.open(from: position) else { return }
            var layout = start
            try parser.run(&layout, pass: .layout)
            declaredDimension = parser.dimension
            columns = parser.columns
            mergedRanges = parser.merged
            if parser.isOrdered {
                records = start
            } else {
                var cells = start
                try parser.run(&cells, pass: .cells)
                materialized = parser.rows()
            }
        } catch {
            throw locate(error)
        }
    }

    private func locate(_ error: XLSError) -> XLSError {
        var located = error
        if located.sheet == nil { located.sheet = sheet.name }
        if located.file == nil { located.file = file }
        if located.stream == nil { located.stream = streamName }
        return located
    }

    /// The next row that holds at least one value, or `nil` after the last.
    ///
    /// - Throws: ``XLSError`` when a cell record is damaged (a shared-string index outside the table, a record
    ///   too short for its fields).
    /// - Complexity: amortised O(cells in the row); rows are not kept once returned (unless the sheet's cells were
    ///   out of order, which makes the reader sort them all first).
    public func next() throws(XLSError) -> Row? {
        if let materialized {
            guard nextRow < materialized.count else { return nil }
            defer { nextRow += 1 }
            return materialized[nextRow]
        }
        guard var reader = records else { return nil }
        do throws(XLSError) {
            while true {
                if let row = parser.takeFinishedRow() {
                    records = reader
                    return row
                }
                guard let record = try reader.next(), try parser.feed(record, pass: .cells) else { break }
            }
        } catch {
            records = nil
            throw locate(error)
        }
        records = nil
        return parser.takeLastRow()
    }
}

/// Parses the records of one worksheet substream into cells.
struct SheetSubstreamParser {
    let stream: ByteReader
    let globals: WorkbookGlobals
    private let temporalKinds: [TemporalKind?]

    var dimension: CellRange?
    var columns: [ColumnInfo] = []
    var merged: [CellRange] = []
    /// Rows finished so far, while cells arrive in row-then-column order (as writers nearly always put them).
    private var finishedRows: [Row] = []
    private var currentCells: [Cell] = []
    /// Every cell, once one arrived out of order; sorted at the end.
    private var unorderedCells: [Cell] = []
    private(set) var isOrdered = true
    /// The last cell position seen by the layout pass, to tell whether cells come in order.
    private var lastRow = -1
    private var lastColumn = -1
    /// Nesting of BOF … EOF blocks (embedded charts) inside the sheet.
    private var depth = 0

    /// The two passes over a sheet: layout records first, then the cells (streamed when in order).
    enum Pass {
        case layout, cells
    }
    private var hiddenRows = Set<Int>()
    /// Whether the last cell was a FORMULA whose cached string follows in a STRING record.
    private var pendingString = false
    /// Cells appended so far, against ``XLSLimits/maxCellsPerSheet``.
    private var cellCount = 0

    init(stream: ByteReader, globals: WorkbookGlobals) {
        self.stream = stream
        self.globals = globals
        let styles = globals.styles
        self.temporalKinds = styles.cellFormats.indices.map { index in
            if case .temporal(let kind) = styles.numberFormat(forStyle: index).kind { return kind }
            return nil
        }
    }

    /// Checks the sheet's BOF; returns the records after it, or `nil` for a chart or macro sheet (no cells).
    func open(from position: Int) throws(XLSError) -> BIFFRecordReader? {
        var records = BIFFRecordReader(
            stream: stream, start: position, maxRecordLength: globals.limits.maxRecordLength)
        guard let bof = try records.next() else {
            throw XLSError(.invalidRecord, "the sheet's position (byte \(position)) is at the end of the stream")
        }
        guard bof.type == BIFFRecord.bof || bof.type == BIFFRecord.bofBIFF3 || bof.type == BIFFRecord.bofBIFF4 else {
            throw XLSError(
                .invalidRecord,
                "the sheet's position (byte \(position)) does not hold a BOF record but \(BIFFRecord.name(bof.type))",
                offset: position)
        }
        guard stream.getU16(at: bof.data.lowerBound + 2) == BIFFRecord.substreamWorksheet else { return nil }
        return records
    }

    /// Reads records to the sheet's EOF (or the stream's end) in one pass.
    mutating func run(_ records: inout BIFFRecordReader, pass: Pass) throws(XLSError) {
        depth = 0
        while let record = try records.next(), try feed(record, pass: pass) {}
    }

    /// Handles one record of a pass; returns `false` at the sheet's own EOF.
    mutating func feed(_ record: BIFFRecordFrame, pass: Pass) throws(XLSError) -> Bool {
        if record.type == BIFFRecord.bof {
            depth += 1
            return true
        }
        if record.type == BIFFRecord.eof {
            if depth == 0 { return false }
            depth -= 1
            return true
        }
        if depth > 0 { return true }
        do throws(XLSError) {
            let isCell = Self.isCellRecord(record.type)
            switch pass {
            case .layout:
                if isCell {
                    checkOrder(record)
                } else if record.type != BIFFRecord.string {
                    try handle(record)
                }
            case .cells:
                if isCell || record.type == BIFFRecord.string { try handle(record) }
            }
        } catch {
            var located = error
            if located.record == nil { located.record = BIFFRecord.name(record.type) }
            if located.offset == nil { located.offset = record.offset }
            if located.cell == nil, let row = stream.getU16(at: record.data.lowerBound),
                let column = stream.getU16(at: record.data.lowerBound + 2), Self.isCellRecord(record.type)
            {
                located.cell = CellAddress(row: Int(row), column: Int(column)).a1
            }
            throw located
        }
        return true
    }

    /// Notes whether a cell record keeps the row-then-column order that lets rows stream.
    private mutating func checkOrder(_ record: BIFFRecordFrame) {
        guard let row16 = stream.getU16(at: record.data.lowerBound),
            let column16 = stream.getU16(at: record.data.lowerBound + 2)
        else { return }
        let row = Int(row16)
        let first = Int(column16)
        var last = first
        if record.type == BIFFRecord.mulRK { last = first + max(0, (record.length - 6) / 6 - 1) }
        if row < lastRow || (row == lastRow && first <= lastColumn) { isOrdered = false }
        lastRow = row
        lastColumn = last
    }

    /// A row completed while streaming, with its hidden flag.
    mutating func takeFinishedRow() -> Row? {
        guard !finishedRows.isEmpty else { return nil }
        var row = finishedRows.removeFirst()
        if hiddenRows.contains(row.index) { row.isHidden = true }
        return row
    }

    /// The row still being built when the sheet's records end.
    mutating func takeLastRow() -> Row? {
        if let row = takeFinishedRow() { return row }
        guard let last = currentCells.last else { return nil }
        let row = Row(index: last.address.row, cells: currentCells, isHidden: hiddenRows.contains(last.address.row))
        currentCells = []
        return row
    }

    static func isCellRecord(_ type: UInt16) -> Bool {
        switch type {
        case BIFFRecord.number, BIFFRecord.rk, BIFFRecord.mulRK, BIFFRecord.labelSST, BIFFRecord.label,
            BIFFRecord.rString, BIFFRecord.boolErr, BIFFRecord.formula, BIFFRecord.formulaBIFF3,
            BIFFRecord.formulaBIFF4:
            return true
        default:
            return false
        }
    }

    private mutating func handle(_ record: BIFFRecordFrame) throws(XLSError) {
        let at = record.data.lowerBound
        let length = record.length
        // SHRFMLA, ARRAY and TABLE may sit between a FORMULA and its STRING; the next cell ends the wait.
        if Self.isCellRecord(record.type) { pendingString = false }
        switch record.type {
        case BIFFRecord.number:
            try need(14, record)
            try add(at: at, value: number(stream.getF64(at: at + 6)!, style: style(at)))
        case BIFFRecord.rk:
            try need(10, record)
            try add(at: at, value: number(Self.decodeRK(stream.getU32(at: at + 6)!), style: style(at)))
        case BIFFRecord.mulRK:
            try need(6, record)
            let row = Int(stream.getU16(at: at)!)
            let first = Int(stream.getU16(at: at + 2)!)
            let count = (length - 6) / 6
            for index in 0..<count {
                let item = at + 4 + 6 * index
                let xf = Int(stream.getU16(at: item)!)
                let value = number(Self.decodeRK(stream.getU32(at: item + 2)!), style: xf)
                try append(Cell(address: CellAddress(row: row, column: first + index), value: value, styleIndex: xf))
            }
        case BIFFRecord.labelSST:
            try need(10, record)
            let index = Int(stream.getU32(at: at + 6)!)
            guard index < globals.sharedStrings.count else {
                throw XLSError(
                    .invalidRecord,
                    "the cell uses shared string \(index), outside the table of \(globals.sharedStrings.count)")
            }
            try add(at: at, value: globals.sharedStrings[index])
        case BIFFRecord.label:
            try need(6, record)
            var cursor = BIFFStringCursor(stream: stream, record: record, skipping: 6)
            try add(at: at, value: .string(String(biffUnits: try cursor.readString(globals.text, shortLength: false))))
        case BIFFRecord.rString:
            try need(6, record)
            var cursor = BIFFStringCursor(stream: stream, record: record, skipping: 6)
            let units = try cursor.readString(globals.text, shortLength: false)
            var runs: [(Int, Int)] = []
            if !cursor.isAtEnd {
                // BIFF8 runs are (u16, u16) after a u16 count; BIFF5 runs are (u8, u8) after a u8 count.
                let wide = globals.text.isBIFF8
                let count = wide ? Int(try cursor.readU16("RSTRING's run count")) : Int(try cursor.readU8())
                for _ in 0..<count {
                    let start = wide ? Int(try cursor.readU16("a rich-text run")) : Int(try cursor.readU8())
                    runs.append((start, wide ? Int(try cursor.readU16("a rich-text run")) : Int(try cursor.readU8())))
                }
            }
            try add(at: at, value: RichTextAssembly.value(units: units, runs: runs, fonts: globals.styles.fonts))
        case BIFFRecord.boolErr:
            try need(8, record)
            let byte = stream.getU8(at: at + 6)!
            if stream.getU8(at: at + 7)! == 0 {
                try add(at: at, value: .boolean(byte != 0))
            } else {
                try add(at: at, value: Self.errorValue(byte))
            }
        case BIFFRecord.formula, BIFFRecord.formulaBIFF3, BIFFRecord.formulaBIFF4:
            try need(record.type == BIFFRecord.formula ? 20 : 14, record)
            if stream.getU16(at: at + 12) == 0xFFFF {
                let kind = stream.getU8(at: at + 6)!
                let byte = stream.getU8(at: at + 8)!
                switch kind {
                case 0:
                    try add(at: at, value: .string(""))
                    pendingString = true
                case 1: try add(at: at, value: .boolean(byte != 0))
                case 2: try add(at: at, value: Self.errorValue(byte))
                case 3: try add(at: at, value: .string(""))
                default:
                    throw XLSError(.invalidRecord, "the formula's cached value has unknown type \(kind)")
                }
            } else {
                try add(at: at, value: number(stream.getF64(at: at + 6)!, style: style(at)))
            }
        case BIFFRecord.string:
            // The cached string of the formula just before; a STRING elsewhere belongs to no cell.
            guard pendingString else { return }
            var cursor = BIFFStringCursor(stream: stream, record: record)
            let value = CellValue.string(String(biffUnits: try cursor.readString(globals.text, shortLength: false)))
            if isOrdered, !currentCells.isEmpty {
                currentCells[currentCells.count - 1].value = value
            } else if !unorderedCells.isEmpty {
                unorderedCells[unorderedCells.count - 1].value = value
            }
            pendingString = false
        case BIFFRecord.row:
            try need(16, record)
            if stream.getU16(at: at + 12)! & 0x0020 != 0 { hiddenRows.insert(Int(stream.getU16(at: at)!)) }
        case BIFFRecord.dimension:
            // BIFF8 rows are u32 ([MS-XLS] 2.4.90); BIFF5 rows are u16.
            let wide = globals.text.isBIFF8
            try need(wide ? 12 : 8, record)
            let firstRow = Int(wide ? stream.getU32(at: at)! : UInt32(stream.getU16(at: at)!))
            let endRow = Int(wide ? stream.getU32(at: at + 4)! : UInt32(stream.getU16(at: at + 2)!))
            let firstColumn = Int(stream.getU16(at: at + (wide ? 8 : 4))!)
            let endColumn = Int(stream.getU16(at: at + (wide ? 10 : 6))!)
            if endRow > firstRow, endColumn > firstColumn {
                dimension = CellRange(
                    CellAddress(row: firstRow, column: firstColumn), CellAddress(row: endRow - 1, column: endColumn - 1)
                )
            }
        case BIFFRecord.colInfo:
            try need(10, record)
            let first = Int(stream.getU16(at: at)!)
            let last = Int(stream.getU16(at: at + 2)!)
            let width = Double(stream.getU16(at: at + 4)!) / 256
            let hidden = stream.getU16(at: at + 8)! & 0x0001 != 0
            if first <= last, first < 256 {
                columns.append(
                    ColumnInfo(firstColumn: first, lastColumn: min(last, 255), width: width, isHidden: hidden))
            }
        case BIFFRecord.mergedCells:
            try need(2, record)
            let count = Int(stream.getU16(at: at)!)
            for index in 0..<min(count, (length - 2) / 8) {
                let ref = at + 2 + 8 * index
                let firstRow = Int(stream.getU16(at: ref)!)
                let lastRow = Int(stream.getU16(at: ref + 2)!)
                let firstColumn = Int(stream.getU16(at: ref + 4)!)
                let lastColumn = Int(stream.getU16(at: ref + 6)!)
                merged.append(
                    CellRange(
                        CellAddress(row: firstRow, column: firstColumn), CellAddress(row: lastRow, column: lastColumn)))
            }
        case BIFFRecord.filePass:
            throw XLSError(.encrypted, "the workbook is password-protected (encrypted)")
        default:
            break  // BLANK, MULBLANK, SHRFMLA, ARRAY and the rest carry no values we keep.
        }
    }

    private func need(_ bytes: Int, _ record: BIFFRecordFrame) throws(XLSError) {
        guard record.length >= bytes else {
            throw XLSError(.truncated, "the record holds \(record.length) bytes, fewer than the \(bytes) it needs")
        }
    }

    private func style(_ at: Int) -> Int { Int(stream.getU16(at: at + 4)!) }

    private mutating func add(at: Int, value: CellValue) throws(XLSError) {
        let row = Int(stream.getU16(at: at)!)
        let column = Int(stream.getU16(at: at + 2)!)
        try append(Cell(address: CellAddress(row: row, column: column), value: value, styleIndex: style(at)))
    }

    /// Adds a cell to the row being built, or, once cells come out of order, to the pile sorted at the end.
    private mutating func append(_ cell: Cell) throws(XLSError) {
        // BIFF8 rows are 16-bit, always inside Excel's grid; columns are 16-bit too, and may not be.
        guard cell.address.column < CellAddress.maxColumns else {
            throw XLSError(
                .invalidRecord,
                "a cell in column \(cell.address.column + 1), past the \(CellAddress.maxColumns) columns a sheet has")
        }
        cellCount += 1
        guard cellCount <= globals.limits.maxCellsPerSheet else {
            throw XLSError(
                .limitExceeded,
                "the sheet has more than \(globals.limits.maxCellsPerSheet) cells (\(XLSLimits.hint("maxCellsPerSheet")))"
            )
        }
        if isOrdered {
            if let last = currentCells.last {
                if cell.address.row == last.address.row, cell.address.column > last.address.column {
                    currentCells.append(cell)
                    return
                }
                if cell.address.row > last.address.row {
                    finishedRows.append(Row(index: last.address.row, cells: currentCells))
                    currentCells = [cell]
                    return
                }
            } else if finishedRows.last.map({ cell.address.row > $0.index }) ?? true {
                currentCells.append(cell)
                return
            }
            isOrdered = false
            for row in finishedRows { unorderedCells.append(contentsOf: row.cells) }
            unorderedCells.append(contentsOf: currentCells)
            finishedRows = []
            currentCells = []
        }
        unorderedCells.append(cell)
    }

    private func number(_ value: Double, style: Int) -> CellValue {
        if style >= 0, style < temporalKinds.count, let kind = temporalKinds[style] {
            return .dateTime(ExcelDateTime(serial: value, system: globals.dateSystem, kind: kind.holding(value)))
        }
        return .number(value)
    }

    /// An RK number ([MS-XLS] 2.5.217): bit 0 divides by 100, bit 1 marks a 30-bit integer, else the high 30
    /// bits of an IEEE double.
    static func decodeRK(_ rk: UInt32) -> Double {
        var value: Double
        if rk & 0x02 != 0 {
            value = Double(Int32(bitPattern: rk) >> 2)
        } else {
            value = Double(bitPattern: UInt64(rk & 0xFFFF_FFFC) << 32)
        }
        if rk & 0x01 != 0 { value /= 100 }
        return value
    }

    /// A BErr byte ([MS-XLS] 2.5.10) as a cell error.
    static func errorValue(_ byte: UInt8) -> CellValue {
        switch byte {
        case 0x00: return .error(.null)
        case 0x07: return .error(.divisionByZero)
        case 0x0F: return .error(.value)
        case 0x17: return .error(.reference)
        case 0x1D: return .error(.name)
        case 0x24: return .error(.number)
        case 0x2A: return .error(.notAvailable)
        case 0x2B: return .error(.gettingData)
        default: return .error(.unknown)
        }
    }

    /// The cells grouped into rows, in row then column order; of two records for one cell the later wins.
    func rows() -> [Row] {
        var rows: [Row]
        if isOrdered {
            rows = finishedRows
            if let last = currentCells.last { rows.append(Row(index: last.address.row, cells: currentCells)) }
        } else {
            // Stable, so that of two records for one cell the later wins below.
            let sorted = unorderedCells.enumerated().sorted { a, b in
                a.element.address == b.element.address ? a.offset < b.offset : a.element.address < b.element.address
            }
            rows = []
            var current: [Cell] = []
            for (_, cell) in sorted {
                if let last = current.last, last.address.row != cell.address.row {
                    rows.append(Row(index: last.address.row, cells: current))
                    current.removeAll(keepingCapacity: true)
                }
                if let last = current.last, last.address == cell.address {
                    current[current.count - 1] = cell
                } else {
                    current.append(cell)
                }
            }
            if let last = current.last { rows.append(Row(index: last.address.row, cells: current)) }
        }
        if !hiddenRows.isEmpty {
            for index in rows.indices where hiddenRows.contains(rows[index].index) { rows[index].isHidden = true }
        }
        return rows
    }
}
