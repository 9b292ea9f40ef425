import SheetCore
import Testing

@testable import SheetXLS

@Suite struct BIFFRecordTests {
    /// Opens a workbook stream wrapped in a Compound File.
    func open(_ stream: [UInt8]) throws(XLSError) -> XLSReader {
        try XLSReader(bytes: CFBBuilder(stream: stream).bytes)
    }

    func errorCode(_ stream: [UInt8], sheet: Int? = 0) -> XLSError.Code? {
        do {
            let reader = try open(stream)
            if let sheet { _ = try reader.worksheet(at: sheet) }
            return nil
        } catch {
            return error.code
        }
    }

    @Test func readsSheetsWithNamesAndVisibility() throws {
        let stream = BIFF.workbook(sheets: [("Biểu 01", []), ("Ẩn", []), ("Rất ẩn", [])], states: [0, 1, 2])
        let reader = try open(stream)
        #expect(reader.sheets.map(\.name) == ["Biểu 01", "Ẩn", "Rất ẩn"])
        #expect(reader.sheets.map(\.visibility) == [.visible, .hidden, .veryHidden])
        #expect(try reader.workbook().sheets.count == 3)
    }

    @Test func readsNumberRKAndMulRK() throws {
        // MULRK: row 1, columns 0…2, each (xf, rk), then the last column.
        let mulRK = BIFF.record(
            BIFFRecord.mulRK,
            BIFF.u16(1) + BIFF.u16(0) + BIFF.u16(15) + BIFF.u32(Int((5 << 2) | 2)) + BIFF.u16(15)
                + BIFF.u32(Int((12345 << 2) | 3)) + BIFF.u16(15) + BIFF.u32(0x3FF0_0000) + BIFF.u16(2))
        let stream = BIFF.workbook(sheets: [
            ("S", BIFF.number(0, 0, 3.25) + BIFF.rk(0, 1, UInt32(bitPattern: Int32(-7 << 2)) | 2) + mulRK)
        ])
        let sheet = try open(stream).worksheet(at: 0)
        #expect(sheet[CellAddress(row: 0, column: 0)]?.value == .number(3.25))
        #expect(sheet[CellAddress(row: 0, column: 1)]?.value == .number(-7))
        #expect(sheet[CellAddress(row: 1, column: 0)]?.value == .number(5))
        #expect(sheet[CellAddress(row: 1, column: 1)]?.value == .number(123.45))
        #expect(sheet[CellAddress(row: 1, column: 2)]?.value == .number(1))
    }

    @Test func sortsCellsThatArriveOutOfOrderAndKeepsTheLaterOfTwo() throws {
        let records =
            BIFF.number(1, 0, 1) + BIFF.number(0, 1, 2) + BIFF.number(0, 0, 3) + BIFF.number(1, 0, 4)
            + BIFF.record(
                BIFFRecord.formula,
                BIFF.cellHeader(0, 2, 15) + [0, 0, 0, 0, 0, 0, 0xFF, 0xFF] + BIFF.u16(0) + BIFF.u32(0) + BIFF.u16(0))
            + BIFF.record(BIFFRecord.string, BIFF.unicodeString("sau"))
        let sheet = try open(BIFF.workbook(sheets: [("S", records)])).worksheet(at: 0)
        #expect(sheet.rows.map(\.index) == [0, 1])
        #expect(sheet.rows[0].cells.map(\.value) == [.number(3), .number(2), .string("sau")])
        #expect(sheet.rows[1].cells.map(\.value) == [.number(4)])
    }

    @Test func formulaStringAfterSharedFormulaRecordStillReachesItsCell() throws {
        let records =
            BIFF.record(
                BIFFRecord.formula,
                BIFF.cellHeader(0, 0, 15) + [0, 0, 0, 0, 0, 0, 0xFF, 0xFF] + BIFF.u16(0x0008) + BIFF.u32(0)
                    + BIFF.u16(0))
            + BIFF.record(BIFFRecord.shrFmla, [UInt8](repeating: 0, count: 10))
            + BIFF.record(BIFFRecord.string, BIFF.unicodeString("chia sẻ"))
        let sheet = try open(BIFF.workbook(sheets: [("S", records)])).worksheet(at: 0)
        #expect(sheet.rows[0].cells[0].value == .string("chia sẻ"))
    }

    @Test func streamedRowsReportCellErrorsWithTheSheetAndCell() throws {
        let stream = BIFF.workbook(
            globals: BIFF.sst(["a"]),
            sheets: [("Biểu", BIFF.labelSST(0, 0, 0) + BIFF.number(1, 0, 1) + BIFF.labelSST(2, 1, 9))])
        let rows = try open(stream).rows(ofSheet: 0)
        #expect(try rows.next()?.cells.first?.value == .string("a"))
        // Row 2 is complete only once row 3's first record is read, so the error may come with it.
        do {
            while try rows.next() != nil {}
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidRecord)
            #expect(error.sheet == "Biểu")
            #expect(error.stream == "Workbook")
            #expect(error.cell == "B3")
        }
        #expect(try rows.next() == nil)
    }

    @Test func decodesRKValues() {
        #expect(SheetSubstreamParser.decodeRK(0x3FF0_0000) == 1)
        #expect(SheetSubstreamParser.decodeRK(0x3FF0_0001) == 0.01)
        #expect(SheetSubstreamParser.decodeRK((100 << 2) | 2) == 100)
        #expect(SheetSubstreamParser.decodeRK((100 << 2) | 3) == 1)
        #expect(SheetSubstreamParser.decodeRK(UInt32(bitPattern: -4 << 2) | 2) == -4)
    }

    @Test func readsSharedStringsCompressedAndUTF16() throws {
        let stream = BIFF.workbook(
            globals: BIFF.sst(["Ia Dal", "Cộng hòa", "Céng hßa"]),
            sheets: [("S", BIFF.labelSST(0, 0, 0) + BIFF.labelSST(0, 1, 1) + BIFF.labelSST(0, 2, 2))])
        let sheet = try open(stream).worksheet(at: 0)
        #expect(sheet.rows[0].cells.map(\.value) == [.string("Ia Dal"), .string("Cộng hòa"), .string("Céng hßa")])
        // Compressed characters stay U+0000–U+00FF scalars, so legacy TCVN3 bytes can be recovered.
        #expect(
            sheet.rows[0].cells[2].value.text!.unicodeScalars.map(\.value) == [
                0x43, 0xE9, 0x6E, 0x67, 0x20, 0x68, 0xDF, 0x61,
            ])
    }

    /// An SST whose second string is split across a CONTINUE, the continuation switching to UTF-16.
    static func splitSST(lyingLength: Bool = false) -> [UInt8] {
        let first = BIFF.unicodeString("abc")
        // "xyz" compressed, then "ộng" in UTF-16 after the seam.
        let secondHead = BIFF.u16(6) + [0x00] + Array("xyz".utf8)
        let sst = BIFF.record(BIFFRecord.sst, BIFF.u32(2) + BIFF.u32(2) + first + secondHead)
        let tail: [UInt8] = [0x01] + "ộng".utf16.flatMap { BIFF.u16(Int($0)) }
        var cont = BIFF.record(BIFFRecord.continue, tail)
        if lyingLength { cont.replaceSubrange(2..<4, with: BIFF.u16(4000)) }
        return sst + cont
    }

    @Test func readsStringSplitAcrossContinueWithNewWidth() throws {
        let stream = BIFF.workbook(
            globals: Self.splitSST(), sheets: [("S", BIFF.labelSST(0, 0, 0) + BIFF.labelSST(0, 1, 1))])
        let sheet = try open(stream).worksheet(at: 0)
        #expect(sheet.rows[0].cells.map(\.value) == [.string("abc"), .string("xyzộng")])
    }

    @Test func rejectsContinueLyingAboutItsLength() {
        let stream = BIFF.workbook(globals: Self.splitSST(lyingLength: true), sheets: [("S", [])])
        #expect(errorCode(stream, sheet: nil) == .truncated)
    }

    @Test func rejectsTruncatedSST() {
        // Announces two strings; the second's characters are cut off with no CONTINUE.
        let sst = BIFF.record(
            BIFFRecord.sst,
            BIFF.u32(2) + BIFF.u32(2) + BIFF.unicodeString("abc") + BIFF.u16(10) + [0] + Array("ab".utf8))
        #expect(errorCode(BIFF.workbook(globals: sst, sheets: [("S", [])]), sheet: nil) == .truncated)
    }

    @Test func rejectsSharedStringIndexOutOfRange() {
        let stream = BIFF.workbook(globals: BIFF.sst(["a"]), sheets: [("S", BIFF.labelSST(0, 0, 7))])
        #expect(errorCode(stream) == .invalidRecord)
    }

    @Test func readsRichTextRunsWithFontNames() throws {
        // Fonts: 0 Arial (from the builder), 1 Times, 2 x, 3 y, then index 4 is skipped: BIFF 5 → list entry 4.
        let fonts = BIFF.font("Times New Roman") + BIFF.font("F2") + BIFF.font("F3") + BIFF.font(".VnTime")
        let text = "Xã Céng"
        let chars = BIFF.characters(text)
        let rich =
            BIFF.u16(chars.count) + [chars.flags | 0x08] + BIFF.u16(2) + chars.bytes + BIFF.u16(0)
            + BIFF.u16(1) + BIFF.u16(3) + BIFF.u16(5)
        let sst = BIFF.record(BIFFRecord.sst, BIFF.u32(1) + BIFF.u32(1) + rich)
        let sheet = try open(BIFF.workbook(globals: fonts + sst, sheets: [("S", BIFF.labelSST(0, 0, 0))]))
            .worksheet(at: 0)
        #expect(
            sheet.rows[0].cells[0].value
                == .richText(
                    RichText(runs: [
                        TextRun(text: "Xã ", fontName: "Times New Roman"), TextRun(text: "Céng", fontName: ".VnTime"),
                    ])))
    }

    @Test func readsLabelBoolErrAndFormulaCachedValues() throws {
        func formula(_ row: Int, _ column: Int, value: [UInt8]) -> [UInt8] {
            BIFF.record(
                BIFFRecord.formula, BIFF.cellHeader(row, column, 15) + value + BIFF.u16(0) + BIFF.u32(0) + BIFF.u16(0))
        }
        let special = { (kind: UInt8, byte: UInt8) -> [UInt8] in [kind, 0, byte, 0, 0, 0, 0xFF, 0xFF] }
        let records =
            BIFF.record(BIFFRecord.label, BIFF.cellHeader(0, 0, 15) + BIFF.unicodeString("Tổng"))
            + BIFF.record(BIFFRecord.boolErr, BIFF.cellHeader(0, 1, 15) + [1, 0])
            + BIFF.record(BIFFRecord.boolErr, BIFF.cellHeader(0, 2, 15) + [0x07, 1])
            + formula(1, 0, value: BIFF.f64(42.5))
            + formula(1, 1, value: special(0, 0)) + BIFF.record(BIFFRecord.string, BIFF.unicodeString("Xã Ia Dal"))
            + formula(1, 2, value: special(1, 1))
            + formula(1, 3, value: special(2, 0x2A))
            + formula(1, 4, value: special(3, 0))
            + BIFF.record(BIFFRecord.blank, BIFF.cellHeader(2, 0, 15))
        let sheet = try open(BIFF.workbook(sheets: [("S", records)])).worksheet(at: 0)
        #expect(sheet.rows.count == 2)
        #expect(sheet.rows[0].cells.map(\.value) == [.string("Tổng"), .boolean(true), .error(.divisionByZero)])
        #expect(
            sheet.rows[1].cells.map(\.value) == [
                .number(42.5), .string("Xã Ia Dal"), .boolean(true), .error(.notAvailable), .string(""),
            ])
    }

    @Test func readsDatesThroughXFAndFormat() throws {
        let globals =
            BIFF.record(BIFFRecord.dateMode, BIFF.u16(1)) + BIFF.format(164, "dd/mm/yyyy")
            + BIFF.xf(font: 0, format: 164) + BIFF.xf(font: 5, format: 14)
        let records =
            BIFF.number(0, 0, 45657, xf: 16) + BIFF.number(0, 1, 45657.5, xf: 16) + BIFF.number(0, 2, 2, xf: 17)
        let reader = try open(BIFF.workbook(globals: globals, sheets: [("S", records)]))
        #expect(reader.dateSystem == .from1904)
        #expect(reader.styles.customNumberFormats[164]?.code == "dd/mm/yyyy")
        #expect(reader.styles.cellFormats[17] == CellFormat(numberFormatID: 14, fontIndex: 4))
        let cells = try reader.worksheet(at: 0).rows[0].cells
        #expect(cells[0].value == .dateTime(ExcelDateTime(serial: 45657, system: .from1904, kind: .date)))
        #expect(cells[1].value == .dateTime(ExcelDateTime(serial: 45657.5, system: .from1904, kind: .dateTime)))
        #expect(cells[2].styleIndex == 17)
    }

    @Test func readsMergedCellsColumnsAndDimension() throws {
        let records =
            BIFF.record(BIFFRecord.dimension, BIFF.u32(0) + BIFF.u32(5) + BIFF.u16(0) + BIFF.u16(4) + BIFF.u16(0))
            + BIFF.record(
                BIFFRecord.colInfo,
                BIFF.u16(0) + BIFF.u16(1) + BIFF.u16(20 * 256) + BIFF.u16(15) + BIFF.u16(1) + BIFF.u16(0))
            + BIFF.number(0, 0, 1)
            + BIFF.record(BIFFRecord.mergedCells, BIFF.u16(1) + BIFF.u16(0) + BIFF.u16(0) + BIFF.u16(0) + BIFF.u16(3))
        let sheet = try open(BIFF.workbook(sheets: [("S", records)])).worksheet(at: 0)
        #expect(sheet.declaredDimension == CellRange("A1:D5"))
        #expect(sheet.columns == [ColumnInfo(firstColumn: 0, lastColumn: 1, width: 20, isHidden: true)])
        #expect(sheet.mergedRanges == [CellRange("A1:D1")!])
    }

    @Test func rejectsBoundSheetOutsideTheStream() {
        let stream = BIFF.workbook(sheets: [("S", [])], positionShift: 100_000)
        #expect(errorCode(stream, sheet: nil) == .invalidRecord)
    }

    @Test func rejectsBoundSheetNotPointingAtBOF() {
        let stream = BIFF.workbook(sheets: [("S", BIFF.number(0, 0, 1))], positionShift: 4)
        #expect(errorCode(stream) == .invalidRecord)
    }

    @Test func reportsEncryptedWorkbook() {
        let filePass = BIFF.record(BIFFRecord.filePass, BIFF.u16(1) + [UInt8](repeating: 0, count: 52))
        let stream = BIFF.workbook(globals: filePass, sheets: [("S", [])])
        #expect(errorCode(stream, sheet: nil) == .encrypted)
    }

    /// A BIFF5 (Excel 95) "Book" stream: 8-bit strings in the CODEPAGE record's code page, u16 DIMENSION rows.
    static func biff5Book(codePage: Int?, sheetName: [UInt8], label: [UInt8]) -> [UInt8] {
        func byteString8(_ bytes: [UInt8]) -> [UInt8] { [UInt8(bytes.count)] + bytes }
        func byteString16(_ bytes: [UInt8]) -> [UInt8] { BIFF.u16(bytes.count) + bytes }
        let font = BIFF.record(
            BIFFRecord.font,
            BIFF.u16(200) + BIFF.u16(0) + BIFF.u16(0x7FFF) + BIFF.u16(400) + BIFF.u16(0)
                + [0, 0, 0, 0] + byteString8(Array(".VnTime".utf8)))
        let xfs = (0..<16).flatMap { _ in
            BIFF.record(BIFFRecord.xf, BIFF.u16(0) + BIFF.u16(0) + [UInt8](repeating: 0, count: 12))
        }
        let head =
            BIFF.bof(version: 0x0500, kind: 5) + (codePage.map { BIFF.record(BIFFRecord.codePage, BIFF.u16($0)) } ?? [])
            + font + BIFF.record(BIFFRecord.format, BIFF.u16(164) + byteString8(Array("dd/mm/yyyy".utf8))) + xfs
        let boundSheetLength = 4 + 4 + 2 + 1 + sheetName.count
        let position = head.count + boundSheetLength + BIFF.eof.count
        let sheet =
            BIFF.bof(version: 0x0500, kind: 0x10)
            + BIFF.record(BIFFRecord.dimension, BIFF.u16(0) + BIFF.u16(2) + BIFF.u16(0) + BIFF.u16(2) + BIFF.u16(0))
            + BIFF.record(BIFFRecord.label, BIFF.cellHeader(0, 0, 15) + byteString16(label))
            + BIFF.number(1, 1, 7.5) + BIFF.eof
        return head + BIFF.record(BIFFRecord.boundSheet, BIFF.u32(position) + [0, 0] + byteString8(sheetName))
            + BIFF.eof + sheet
    }

    @Test func readsBIFF5WithItsCodePage() throws {
        // Windows-1258: 0xC3 = Ă, 0xD2 = combining hook above (U+0309), 0xF0 = đ.
        let stream = Self.biff5Book(
            codePage: 1258, sheetName: [0x42, 0x69, 0xEA, 0x75], label: [0xC3, 0x6E, 0xD2, 0xF0])
        let reader = try XLSReader(bytes: CFBBuilder(stream: stream, name: "Book").bytes)
        #expect(reader.codePage == 1258)
        #expect(reader.sheets.map(\.name) == ["Biêu"])
        #expect(reader.styles.fonts.map(\.name) == [".VnTime"])
        #expect(reader.styles.customNumberFormats[164]?.code == "dd/mm/yyyy")
        let sheet = try reader.worksheet(at: 0)
        #expect(sheet.declaredDimension == CellRange("A1:B2"))
        #expect(sheet.rows[0].cells[0].value.text!.unicodeScalars.map(\.value) == [0x0102, 0x6E, 0x0309, 0x0111])
        #expect(sheet.rows[1].cells[0].value == .number(7.5))
    }

    @Test func readsBIFF5WithoutCodePageAsWindows1252KeepingUndefinedBytes() throws {
        // TCVN3 "Céng" with 0xAD (ư) and 0x81 (undefined in 1252, kept as U+0081).
        let stream = Self.biff5Book(codePage: nil, sheetName: Array("S".utf8), label: [0x43, 0xE9, 0xAD, 0x81, 0x80])
        let reader = try XLSReader(bytes: CFBBuilder(stream: stream, name: "Book").bytes)
        let text = try reader.worksheet(at: 0).rows[0].cells[0].value.text!
        #expect(text.unicodeScalars.map(\.value) == [0x43, 0xE9, 0xAD, 0x81, 0x20AC])
    }

    @Test func readsBareBIFF4Worksheet() throws {
        func byteString8(_ text: String) -> [UInt8] { [UInt8(text.utf8.count)] + Array(text.utf8) }
        func xf4(font: UInt8, format: UInt8) -> [UInt8] {
            BIFF.record(BIFFRecord.xfBIFF4, [font, format] + [UInt8](repeating: 0, count: 10))
        }
        let stream =
            BIFF.record(BIFFRecord.bofBIFF4, BIFF.u16(0) + BIFF.u16(0x0010) + BIFF.u16(0))
            + BIFF.record(BIFFRecord.fontBIFF34, BIFF.u16(200) + BIFF.u16(1) + BIFF.u16(0x7FFF) + byteString8("Arial"))
            + BIFF.record(BIFFRecord.format, BIFF.u16(164) + byteString8("dd/mm/yyyy"))
            + (0..<16).flatMap { _ in xf4(font: 0, format: 0) } + xf4(font: 0, format: 164)
            + BIFF.record(BIFFRecord.dimension, BIFF.u16(0) + BIFF.u16(2) + BIFF.u16(0) + BIFF.u16(2) + BIFF.u16(0))
            + BIFF.record(BIFFRecord.label, BIFF.cellHeader(0, 0, 15) + BIFF.u16(3) + [0x54, 0xC3, 0xEA])
            + BIFF.number(0, 1, 45657, xf: 16)
            + BIFF.record(BIFFRecord.formulaBIFF4, BIFF.cellHeader(1, 0, 15) + BIFF.f64(3) + BIFF.u16(0) + BIFF.u16(0))
            + BIFF.eof
        do {
            let reader = try XLSReader(bytes: stream)
            #expect(reader.sheets.map(\.name) == ["Sheet1"])
            #expect(reader.styles.fonts == [Font(name: "Arial", size: 10, isBold: true)])
            let sheet = try reader.worksheet(at: 0)
            #expect(sheet.declaredDimension == CellRange("A1:B2"))
            #expect(
                sheet.rows.flatMap(\.cells).map(\.value) == [
                    .string("T\u{00C3}\u{00EA}"),  // Windows-1252 bytes, as Excel 4.0 wrote them
                    .dateTime(ExcelDateTime(serial: 45657, system: .from1900, kind: .date)), .number(3),
                ])
        }
        // BIFF2 stays unsupported, with its name in the message.
        do {
            _ = try XLSReader(bytes: BIFF.record(BIFFRecord.bofBIFF2, BIFF.u16(2) + BIFF.u16(0x10)) + BIFF.eof)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unsupported)
            #expect(error.message.contains("BIFF2"))
        }
    }

    @Test func reportsBIFF5DoubleByteCodePageAsUnsupported() {
        let stream = Self.biff5Book(codePage: 936, sheetName: Array("S".utf8), label: [0x41])
        do {
            _ = try XLSReader(bytes: CFBBuilder(stream: stream, name: "Book").bytes)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unsupported)
            #expect(error.message.contains("936"))
        }
    }

    @Test func reportsMissingWorkbookStream() {
        #expect(throws: XLSError.self) { try XLSReader(bytes: CFBBuilder(stream: [1, 2, 3], name: "Other").bytes) }
    }

    @Test func rejectsRecordLongerThanTheStream() {
        var stream = BIFF.workbook(sheets: [("S", BIFF.number(0, 0, 1))])
        stream += BIFF.u16(Int(BIFFRecord.number)) + BIFF.u16(1000)
        // The trailing record is past the sheet's EOF, so it is never read; one inside the sheet is.
        #expect(errorCode(stream) == nil)
        let inside = BIFF.workbook(sheets: [("S", BIFF.u16(Int(BIFFRecord.number)) + BIFF.u16(1000))])
        #expect(errorCode(inside) == .truncated)
    }

    @Test func survivesEveryTruncationAndByteFlipOfAWorkbook() {
        let stream = BIFF.workbook(
            globals: Self.splitSST() + BIFF.format(164, "dd/mm/yyyy"),
            sheets: [("S", BIFF.labelSST(0, 0, 1) + BIFF.number(1, 1, 2) + BIFF.rk(2, 2, 0x3FF0_0000))])
        for length in 0..<stream.count { _ = errorCode(Array(stream.prefix(length))) }
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<2000 {
            var bytes = stream
            for _ in 0..<3 {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                bytes[Int(state % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: state >> 24)
            }
            _ = errorCode(bytes)
        }
    }
}
