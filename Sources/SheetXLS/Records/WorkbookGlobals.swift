// The workbook globals substream ([MS-XLS] 2.1.7.20.1): BOF (dt = globals) … EOF, holding
//
//   FILEPASS? CODEPAGE DATEMODE FONT* FORMAT* XF* BOUNDSHEET8* SST(+CONTINUE*) …
//
// then one substream per sheet, each starting at the BOF a BOUNDSHEET8 points to.
import SheetCore

/// What the globals substream says: sheets and their positions, date system, fonts, formats, XFs and strings.
struct WorkbookGlobals {
    var sheets: [SheetInfo] = []
    /// Stream offset of each sheet's BOF, in the order of ``sheets``.
    var sheetPositions: [Int] = []
    var dateSystem: DateSystem = .from1900
    /// The CODEPAGE record's value (1200 = UTF-16 in BIFF8), when present.
    var codePage: Int?
    var styles = Styles()
    var sharedStrings: [CellValue] = []
    /// BIFF8 Unicode text, or BIFF5 text in the CODEPAGE record's code page.
    var text: BIFFText = .biff8
    /// The bounds the workbook was opened with; sheets are parsed under them too.
    var limits = XLSLimits.default

    /// Reads the globals substream that opens `stream`.
    ///
    /// - Throws: ``XLSError`` `.unsupported` for BIFF2–5, `.encrypted` for FILEPASS, `.invalidRecord` / `.truncated`
    ///   for damaged records.
    init(stream: ByteReader, limits: XLSLimits) throws(XLSError) {
        self.limits = limits
        var records = BIFFRecordReader(stream: stream, maxRecordLength: limits.maxRecordLength)
        guard let bof = try records.next() else {
            throw XLSError(.truncated, "the workbook stream is empty", offset: 0)
        }
        if bof.type == BIFFRecord.bofBIFF3 || bof.type == BIFFRecord.bofBIFF4 {
            // A bare BIFF3/BIFF4 worksheet: one sheet whose records follow its own BOF, text in a code page. The
            // reader renames the sheet after its file, as Excel does.
            text = .biff5(.windows1252)
            sheets = [SheetInfo(index: 0, name: "Sheet1")]
            sheetPositions = [0]
        } else {
            text = try Self.checkBOF(bof, stream: stream)
        }
        while let record = try records.next() {
            do throws(XLSError) {
                switch record.type {
                case BIFFRecord.eof:
                    return
                case BIFFRecord.filePass:
                    throw XLSError(
                        .encrypted,
                        "the workbook is password-protected (encrypted); open it in Excel, remove the password and save it again"
                    )
                case BIFFRecord.codePage:
                    codePage = stream.getU16(at: record.data.lowerBound).map(Int.init)
                    if !text.isBIFF8, let codePage { text = .biff5(try CodePage(recordValue: codePage)) }
                case BIFFRecord.dateMode:
                    if stream.getU16(at: record.data.lowerBound) == 1 { dateSystem = .from1904 }
                case BIFFRecord.font:
                    styles.fonts.append(try Self.font(record, stream: stream, text: text))
                case BIFFRecord.format:
                    var cursor = BIFFStringCursor(stream: stream, record: record)
                    let id = Int(try cursor.readU16("FORMAT's index"))
                    let code = String(biffUnits: try cursor.readString(text, shortLength: !text.isBIFF8))
                    styles.customNumberFormats[id] = NumberFormat(id: id, code: code)
                case BIFFRecord.fontBIFF34:
                    var cursor = BIFFStringCursor(stream: stream, record: record)
                    let height = try cursor.readU16("FONT's height")
                    let flags = try cursor.readU16("FONT's flags")
                    _ = try cursor.readU16("FONT's colour")
                    let name = String(biffUnits: try cursor.readString(text, shortLength: true))
                    styles.fonts.append(
                        Font(
                            name: name, size: Double(height) / 20, isBold: flags & 0x01 != 0,
                            isItalic: flags & 0x02 != 0))
                case BIFFRecord.formatBIFF3:
                    // BIFF3 FORMAT records carry no index: they are numbered in order.
                    var cursor = BIFFStringCursor(stream: stream, record: record)
                    let code = String(biffUnits: try cursor.readString(text, shortLength: true))
                    let id = styles.customNumberFormats.count
                    styles.customNumberFormats[id] = NumberFormat(id: id, code: code)
                case BIFFRecord.xfBIFF3, BIFFRecord.xfBIFF4:
                    guard record.length >= 2 else { throw XLSError(.truncated, "the XF record is too short") }
                    let font = Int(stream.getU8(at: record.data.lowerBound)!)
                    let format = Int(stream.getU8(at: record.data.lowerBound + 1)!)
                    styles.cellFormats.append(CellFormat(numberFormatID: format, fontIndex: Self.fontListIndex(font)))
                case BIFFRecord.xf:
                    guard record.length >= 4 else { throw XLSError(.truncated, "the XF record is too short") }
                    let font = Int(stream.getU16(at: record.data.lowerBound)!)
                    let format = Int(stream.getU16(at: record.data.lowerBound + 2)!)
                    styles.cellFormats.append(CellFormat(numberFormatID: format, fontIndex: Self.fontListIndex(font)))
                case BIFFRecord.boundSheet:
                    try readBoundSheet(record, stream: stream, limits: limits)
                case BIFFRecord.sst where text.isBIFF8:
                    try readSharedStrings(record, stream: stream, limits: limits)
                default:
                    break
                }
            } catch {
                var located = error
                if located.record == nil { located.record = BIFFRecord.name(record.type) }
                if located.offset == nil { located.offset = record.offset }
                throw located
            }
        }
    }

    /// Checks a substream's opening BOF: BIFF8 and BIFF5 are read (BIFF5 text in Windows-1252 until a CODEPAGE
    /// record says otherwise); older versions are named in the error.
    static func checkBOF(_ bof: BIFFRecordFrame, stream: ByteReader) throws(XLSError) -> BIFFText {
        switch bof.type {
        case BIFFRecord.bofBIFF2, BIFFRecord.bofBIFF3, BIFFRecord.bofBIFF4:
            throw XLSError(
                .unsupported, "Excel 2.x–4.0 (BIFF2–4) files are not read; save it as .xlsx in Excel or LibreOffice",
                record: BIFFRecord.name(bof.type), offset: bof.offset)
        case BIFFRecord.bof:
            let version = stream.getU16(at: bof.data.lowerBound) ?? 0
            return version == BIFFRecord.versionBIFF5 ? .biff5(.windows1252) : .biff8
        default:
            throw XLSError(
                .invalidRecord, "the stream does not begin with a BOF record", record: BIFFRecord.name(bof.type),
                offset: bof.offset)
        }
    }

    /// BIFF font indexes skip 4 ([MS-XLS] 2.5.129 FontIndex): index ≥ 4 is entry index − 1 of the FONT records.
    static func fontListIndex(_ biffIndex: Int) -> Int {
        biffIndex >= 4 ? biffIndex - 1 : biffIndex
    }

    private static func font(_ record: BIFFRecordFrame, stream: ByteReader, text: BIFFText) throws(XLSError) -> Font {
        var cursor = BIFFStringCursor(stream: stream, record: record)
        let height = try cursor.readU16("FONT's height")
        let flags = try cursor.readU16("FONT's flags")
        _ = try cursor.readU16("FONT's colour")
        let weight = try cursor.readU16("FONT's weight")
        try cursor.skip(6, "FONT's fields")
        let name = String(biffUnits: try cursor.readString(text, shortLength: true))
        return Font(name: name, size: Double(height) / 20, isBold: weight >= 700, isItalic: flags & 0x02 != 0)
    }

    private mutating func readBoundSheet(_ record: BIFFRecordFrame, stream: ByteReader, limits: XLSLimits)
        throws(XLSError)
    {
        guard sheets.count < limits.maxSheets else {
            throw XLSError(
                .limitExceeded, "the workbook has more than \(limits.maxSheets) sheets (\(XLSLimits.hint("maxSheets")))"
            )
        }
        var cursor = BIFFStringCursor(stream: stream, record: record)
        let position = Int(try cursor.readU32("BOUNDSHEET's position"))
        let state = try cursor.readU8("BOUNDSHEET's state")
        let kind = try cursor.readU8("BOUNDSHEET's type")
        let name = String(biffUnits: try cursor.readString(text, shortLength: true))
        guard position + 4 <= stream.count else {
            throw XLSError(
                .invalidRecord,
                "sheet \"\(name)\" starts at byte \(position), outside the \(stream.count)-byte workbook stream")
        }
        let visibility: SheetVisibility =
            switch state & 0x03 {
            case 1: .hidden
            case 2: .veryHidden
            default: .visible
            }
        sheets.append(SheetInfo(index: sheets.count, name: name, visibility: visibility, isWorksheet: kind == 0))
        sheetPositions.append(position)
    }

    private mutating func readSharedStrings(_ record: BIFFRecordFrame, stream: ByteReader, limits: XLSLimits)
        throws(XLSError)
    {
        var cursor = BIFFStringCursor(stream: stream, record: record)
        _ = try cursor.readU32("SST's total count")
        let unique = Int(try cursor.readU32("SST's unique count"))
        guard unique <= limits.maxSharedStrings else {
            throw XLSError(
                .limitExceeded,
                "the shared-string table lists \(unique) strings, more than \(limits.maxSharedStrings) "
                    + "(\(XLSLimits.hint("maxSharedStrings")))", record: BIFFRecord.name(record.type),
                offset: record.offset)
        }
        // Each string takes at least 3 bytes: never reserve more than the record could hold.
        let bytes = record.length + record.continuations.reduce(0) { $0 + $1.count }
        sharedStrings.reserveCapacity(min(unique, bytes / 3))
        var units = 0
        for _ in 0..<unique {
            // Some writers put fewer strings than announced; cells pointing past the end are caught later.
            if cursor.isAtEnd { break }
            let item = try cursor.readSharedString(fonts: styles.fonts)
            units += item.text?.utf16.count ?? 0
            guard units <= limits.maxSharedStringBytes else {
                throw XLSError(
                    .limitExceeded,
                    "the shared strings hold more than \(limits.maxSharedStringBytes) characters "
                        + "(\(XLSLimits.hint("maxSharedStringBytes")))", record: BIFFRecord.name(record.type),
                    offset: record.offset)
            }
            sharedStrings.append(item)
        }
    }
}

/// Builds a cell value from characters and BIFF formatting runs (`ich`, `ifnt`).
enum RichTextAssembly {
    /// `.string` without runs; `.richText` with one ``TextRun`` per run, named after the run's font.
    static func value(units: [UInt16], runs: [(Int, Int)], fonts: [Font]) -> CellValue {
        guard !runs.isEmpty else { return .string(String(biffUnits: units)) }
        var pieces: [TextRun] = []
        var start = 0
        var font: String? = nil
        for (index, run) in runs.enumerated() {
            let next = min(max(run.0, start), units.count)
            if next > start {
                pieces.append(TextRun(text: String(biffUnits: Array(units[start..<next])), fontName: font))
            }
            start = next
            let fontIndex = WorkbookGlobals.fontListIndex(run.1)
            font = fontIndex < fonts.count ? fonts[fontIndex].name : nil
            if index == runs.count - 1, start < units.count {
                pieces.append(TextRun(text: String(biffUnits: Array(units[start...])), fontName: font))
                start = units.count
            }
        }
        if start < units.count {
            pieces.append(TextRun(text: String(biffUnits: Array(units[start...])), fontName: font))
        }
        return .richText(RichText(runs: pieces))
    }
}
