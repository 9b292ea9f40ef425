// A worksheet part (ECMA-376 Part 1, §18.3.1.99 `worksheet`), read as a stream of rows:
//
//   <worksheet><dimension ref="A1:N40"/><cols><col min="1" max="2" width="9.5" hidden="1"/></cols>
//     <sheetData>
//       <row r="12" hidden="1"><c r="E12" s="3" t="n"><f>SUM(E13:E15)</f><v>42</v></c>…</row>
//     </sheetData>
//     <mergeCells><mergeCell ref="A1:N1"/></mergeCells>
//   </worksheet>
//
// Cell types (`t`, §18.18.11): n number (the default), s shared-string index, str formula text, inlineStr,
// b boolean, e error, d ISO 8601 date. `r` may be missing on rows and cells: they then follow the previous one.
import SheetCore
import SheetXML

/// Reads one worksheet row by row; memory stays flat however many rows the sheet has.
///
/// ```swift
/// let reader = try XLSXReader(path: "xa.xlsx")
/// let rows = try reader.rows(ofSheet: 0)
/// while let row = try rows.next() {
///     for cell in row.cells { print(cell.address, cell.value) }
/// }
/// ```
public final class WorksheetReader {
    /// The sheet being read.
    public let sheet: SheetInfo
    /// The `dimension` the file declares, once read (it comes before the first row).
    @exclusivity(unchecked) public private(set) var declaredDimension: CellRange?
    /// Column widths and hidden columns (before the first row).
    @exclusivity(unchecked) public private(set) var columns: [ColumnInfo] = []
    /// Merged ranges: complete once ``next()`` has returned `nil` (they follow the cells in the file).
    @exclusivity(unchecked) public private(set) var mergedRanges: [CellRange] = []

    private let xml: XMLTokenizer
    private let part: String
    private let sharedStrings: SharedStrings
    /// For each cell format, the date/time kind its number format shows, `nil` for plain numbers.
    private let temporalKinds: [TemporalKind?]
    private let dateSystem: DateSystem
    @exclusivity(unchecked) private var sharedFormulas: [Int: (text: String, anchor: CellAddress)] = [:]
    @exclusivity(unchecked) private var stringReader = StringItemReader()
    private let valueBytes = ByteBuffer(capacity: 256)
    @exclusivity(unchecked) private var inSheetData = false
    @exclusivity(unchecked) private var finished = false
    @exclusivity(unchecked) private var rowIndex = -1
    @exclusivity(unchecked) private var rowIsHidden = false
    @exclusivity(unchecked) private var cells: [Cell] = []
    @exclusivity(unchecked) private var cellsNeedSorting = false
    /// Most cells the sheet may give (``XLSXLimits/maxCellsPerSheet``), and how many it has given.
    private let maxCells: Int
    @exclusivity(unchecked) private var cellCount = 0

    init(
        sheet: SheetInfo, part: String, xml: XMLTokenizer, sharedStrings: SharedStrings, styles: Styles,
        dateSystem: DateSystem, maxCells: Int = XLSXLimits.default.maxCellsPerSheet
    ) {
        self.maxCells = maxCells
        self.sheet = sheet
        self.part = part
        self.xml = xml
        self.sharedStrings = sharedStrings
        self.dateSystem = dateSystem
        self.temporalKinds = styles.cellFormats.indices.map { index in
            if case .temporal(let kind) = styles.numberFormat(forStyle: index).kind { return kind }
            return nil
        }
    }

    /// The next row that has at least one cell with a value or formula, `nil` after the last.
    ///
    /// - Throws: ``XLSXError`` naming the sheet, part and cell for a damaged part or an unreadable value.
    /// - Complexity: O(bytes of the row).
    public func next() throws(XLSXError) -> Row? {
        do {
            while let row = try nextRow() {
                if !row.cells.isEmpty { return row }
            }
            return nil
        } catch {
            throw XLSXError.wrap(error, part: part, sheet: sheet.name)
        }
    }

    private func nextRow() throws -> Row? {
        guard !finished else { return nil }
        while true {
            switch try xml.next() {
            case .startElement:
                if inSheetData {
                    if xml.matches(xml.localName, "c") {
                        try readCell()
                    } else if xml.matches(xml.localName, "row") {
                        try startRow()
                    } else {
                        try XLSXValue.skipElement(xml)
                    }
                } else {
                    try readSheetElement()
                }
            case .endElement:
                if inSheetData {
                    if xml.matches(xml.localName, "row") { return finishRow() }
                    if xml.matches(xml.localName, "sheetData") { inSheetData = false }
                }
            case .endOfDocument:
                finished = true
                return nil
            default:
                continue
            }
        }
    }

    /// Elements outside `sheetData`: the dimension, columns, merged ranges.
    private func readSheetElement() throws {
        let name = xml.localName
        if xml.matches(name, "sheetData") {
            inSheetData = !xml.isEmptyElement
        } else if xml.matches(name, "dimension") {
            declaredDimension = try xml.attribute("ref").flatMap { CellRange(try xml.string($0)) }
        } else if xml.matches(name, "col") {
            let first = integerAttribute("min") ?? 1
            let last = integerAttribute("max") ?? first
            guard first >= 1, last >= first, last <= CellAddress.maxColumns else { return }
            let width = xml.attribute("width").flatMap { value in xml.withBytes(value) { XLSXValue.double($0) } }
            let hidden = try xml.attribute("hidden").map { XLSXValue.isTrue(try xml.string($0)) } ?? false
            columns.append(ColumnInfo(firstColumn: first - 1, lastColumn: last - 1, width: width, isHidden: hidden))
        } else if xml.matches(name, "mergeCell") {
            if let range = try xml.attribute("ref").flatMap({ CellRange(try xml.string($0)) }) {
                mergedRanges.append(range)
            }
        }
    }

    private func startRow() throws {
        if let number = integerAttribute("r") {
            guard number >= 1, number <= CellAddress.maxRows, number - 1 > rowIndex || number - 1 == rowIndex else {
                throw invalid("row number \(number) is out of order or outside the sheet", cell: nil)
            }
            rowIndex = number - 1
        } else {
            rowIndex += 1
            guard rowIndex < CellAddress.maxRows else { throw invalid("more rows than a sheet can hold", cell: nil) }
        }
        rowIsHidden = try xml.attribute("hidden").map { XLSXValue.isTrue(try xml.string($0)) } ?? false
        cellsNeedSorting = false
    }

    private func finishRow() -> Row {
        if cellsNeedSorting { cells.sort { $0.address.column < $1.address.column } }
        let row = Row(index: max(rowIndex, 0), cells: cells, isHidden: rowIsHidden)
        cells = []
        cells.reserveCapacity(row.cells.count)
        return row
    }

    // MARK: Cells

    private enum CellType {
        case number, sharedString, formulaString, inlineString, boolean, error, date
    }

    private func readCell() throws {
        if rowIndex < 0 { rowIndex = 0 }  // a cell outside any <row>: treat as row 1
        // One pass over the attributes: r (reference), s (style), t (type).
        var reference: XMLSlice?
        var styleSlice: XMLSlice?
        var typeSlice: XMLSlice?
        for attribute in xml.attributes where attribute.localName.count == 1 {
            switch xml.withBytes(attribute.localName, { $0[0] }) {
            case UInt8(ascii: "r"): reference = attribute.value
            case UInt8(ascii: "s"): styleSlice = attribute.value
            case UInt8(ascii: "t"): typeSlice = attribute.value
            default: continue
            }
        }
        let address = try cellAddress(reference)
        let style = styleSlice.flatMap { slice in xml.withBytes(slice) { XLSXValue.integer($0) } } ?? 0
        let type = try typeSlice.map { (slice) throws in try cellType(slice, at: address) } ?? .number
        var formula: String?
        var inlineValue: CellValue?
        var hasValue = false
        valueBytes.removeAll()
        if !xml.isEmptyElement {
            let depth = xml.depth
            while true {
                let kind = try xml.next()
                if kind == .endElement && xml.depth < depth { break }
                guard kind == .startElement else {
                    if kind == .endOfDocument { break }
                    continue
                }
                if xml.matches(xml.localName, "v") {
                    hasValue = true
                    try XLSXValue.appendText(of: xml, to: valueBytes)
                } else if xml.matches(xml.localName, "f") {
                    formula = try readFormula(at: address)
                } else if xml.matches(xml.localName, "is") {
                    inlineValue = try stringReader.read(xml)
                } else {
                    try XLSXValue.skipElement(xml)
                }
            }
        } else {
            try xml.next()  // the synthesized end of <c/>
        }
        let value: CellValue
        if let inlineValue, type == .inlineString || !hasValue {
            value = inlineValue
        } else if hasValue {
            value = try convert(type: type, style: style, at: address)
        } else {
            value = .empty
        }
        guard !value.isEmpty || formula != nil else { return }
        if let last = cells.last, last.address.column >= address.column {
            if last.address.column == address.column { cells.removeLast() } else { cellsNeedSorting = true }
        }
        cellCount += 1
        guard cellCount <= maxCells else {
            throw XLSXError(
                .limitExceeded,
                "the sheet has more than \(maxCells) cells (XLSXLimits.maxCellsPerSheet; "
                    + "\(ReadLimits.hint("xlsx.maxCellsPerSheet")))", part: part, sheet: sheet.name,
                cell: address.a1, offset: xml.tokenOffset)
        }
        // Cells out of order repeat columns only so often: a row holds at most one cell per column.
        guard cells.count < CellAddress.maxColumns else {
            throw invalid("more cells in one row than a row has columns (\(CellAddress.maxColumns))", cell: address.a1)
        }
        cells.append(Cell(address: address, value: value, formula: formula, styleIndex: style))
    }

    private func cellAddress(_ reference: XMLSlice?) throws -> CellAddress {
        if let reference {
            guard let address = xml.withBytes(reference, { CellAddress.parse($0) }) else {
                let text = try xml.string(reference)
                throw invalid("the cell reference \"\(text)\" is not valid", cell: text)
            }
            if address.row != rowIndex { rowIndex = address.row }
            return address
        }
        let column = (cells.last?.address.column ?? -1) + 1
        guard column < CellAddress.maxColumns else {
            throw invalid("more columns than a sheet can hold", cell: nil)
        }
        return CellAddress(row: rowIndex, column: column)
    }

    private func cellType(_ type: XMLSlice, at address: CellAddress) throws -> CellType {
        let known: CellType? = xml.withBytes(type) { bytes in
            switch bytes.count {
            case 1:
                switch bytes[0] {
                case UInt8(ascii: "n"): .number
                case UInt8(ascii: "s"): .sharedString
                case UInt8(ascii: "b"): .boolean
                case UInt8(ascii: "e"): .error
                case UInt8(ascii: "d"): .date
                default: nil
                }
            case 3: xml.matches(type, "str") ? .formulaString : nil
            case 9: xml.matches(type, "inlineStr") ? .inlineString : nil
            default: nil
            }
        }
        guard let known else {
            let name = try xml.string(type)
            throw invalid("the cell type \"\(name)\" is not one of n, s, str, inlineStr, b, e, d", cell: address.a1)
        }
        return known
    }

    /// Reads `<f>`: plain, array, or shared (the master stores its text; the others derive theirs from it).
    private func readFormula(at address: CellAddress) throws -> String? {
        let isShared = try xml.attribute("t").map { try xml.string($0) } == "shared"
        let sharedIndex = isShared ? integerAttribute("si") : nil
        let text = try XLSXValue.text(of: xml)
        guard let sharedIndex else { return text.isEmpty ? nil : text }
        if !text.isEmpty {
            sharedFormulas[sharedIndex] = (text, address)
            return text
        }
        guard let master = sharedFormulas[sharedIndex] else { return nil }
        return FormulaShifter.shift(
            master.text, rows: address.row - master.anchor.row, columns: address.column - master.anchor.column)
    }

    private func convert(type: CellType, style: Int, at address: CellAddress) throws -> CellValue {
        let bytes = valueBytes.bytes
        switch type {
        case .number:
            guard let number = XLSXValue.double(bytes) else {
                if bytes.isEmpty { return .empty }
                throw invalidValue("the number \"\(text(bytes))\" is not valid", at: address)
            }
            if style >= 0, style < temporalKinds.count, let kind = temporalKinds[style] {
                return .dateTime(ExcelDateTime(serial: number, system: dateSystem, kind: kind.holding(number)))
            }
            return .number(number)
        case .sharedString:
            guard let index = XLSXValue.integer(bytes), let value = sharedStrings[index] else {
                throw invalidValue(
                    "the shared string index \"\(text(bytes))\" is outside the table of \(sharedStrings.count)",
                    at: address)
            }
            return value
        case .formulaString, .inlineString:
            return .string(XLSXValue.xstring(bytes))
        case .boolean:
            switch text(bytes) {
            case "1", "true": return .boolean(true)
            case "0", "false": return .boolean(false)
            default: throw invalidValue("the boolean \"\(text(bytes))\" is not 0 or 1", at: address)
            }
        case .error:
            return CellError(text: text(bytes)).map(CellValue.error) ?? .string(text(bytes))
        case .date:
            guard let date = ISODate.parse(text(bytes), system: dateSystem) else {
                throw invalidValue("the date \"\(text(bytes))\" is not ISO 8601", at: address)
            }
            return .dateTime(date)
        }
    }

    // MARK: Helpers

    private func integerAttribute(_ name: StaticString) -> Int? {
        xml.attribute(name).flatMap { value in xml.withBytes(value) { XLSXValue.integer($0) } }
    }

    private func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes.prefix(64), as: UTF8.self)
    }

    private func invalid(_ message: String, cell: String?) -> XLSXError {
        XLSXError(.invalidContent, message, part: part, sheet: sheet.name, cell: cell, offset: xml.tokenOffset)
    }

    private func invalidValue(_ message: String, at address: CellAddress) -> XLSXError {
        XLSXError(.invalidValue, message, part: part, sheet: sheet.name, cell: address.a1, offset: xml.tokenOffset)
    }
}
