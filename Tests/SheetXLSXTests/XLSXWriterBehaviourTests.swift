import Foundation
import SheetCore
import SheetTestSupport
import SheetZip
import Testing

@testable import SheetXLSX

/// What the writer refuses, what it leaves on disk when it fails, and how it deduplicates.
@Suite("XLSXWriter behaviour")
struct XLSXWriterBehaviourTests {
    private func withWorkbook(
        _ name: String = "book.xlsx", options: XLSXWriterOptions = XLSXWriterOptions(),
        _ body: (XLSXWriter, String) throws -> Void
    ) throws {
        let path = XLSXWriterSamples.temporaryPath(name)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let book = try XLSXWriter(path: path, options: options)
        try body(book, path)
    }

    private func code(_ body: () throws -> Void) -> XLSXError.Code? {
        do {
            try body()
            return nil
        } catch let error as XLSXError {
            return error.code
        } catch {
            return nil
        }
    }

    @Test func rowsOutOfOrderAreRefusedAndTheWriterStaysUsable() throws {
        try withWorkbook { book, path in
            let sheet = try book.addSheet("Biểu 01")
            try sheet.writeRow([WriteCell(column: 0, value: .number(1))], at: 4)
            #expect(code { try sheet.writeRow([WriteCell(column: 0, value: .number(2))], at: 4) } == .invalidUse)
            #expect(code { try sheet.writeRow([WriteCell(column: 0, value: .number(2))], at: 2) } == .invalidUse)
            #expect(
                code {
                    try sheet.writeRow([
                        WriteCell(column: 3, value: .number(1)), WriteCell(column: 1, value: .number(2)),
                    ])
                } == .invalidUse)
            #expect(code { try sheet.writeRow([WriteCell(column: 16_384, value: .number(1))]) } == .invalidUse)
            #expect(code { try sheet.writeRow([], at: 1_048_576) } == .invalidUse)
            try sheet.writeRow([WriteCell(column: 0, value: .number(3))])
            try book.close()
            let rows = try XLSXReader(path: path).worksheet(at: 0).rows
            #expect(rows.map(\.index) == [4, 5])
        }
    }

    @Test func valuesExcelCannotHoldAreRefusedWithTheirCell() throws {
        try withWorkbook { book, _ in
            let sheet = try book.addSheet("Sheet1")
            for bad: CellValue in [.number(.nan), .number(.infinity), .string(String(repeating: "a", count: 32_768))] {
                do throws(XLSXError) {
                    try sheet.writeRow([WriteCell(column: 2, value: bad)], at: 6)
                    Issue.record("\(bad) was accepted")
                } catch {
                    #expect(error.code == .unwritableValue)
                    #expect(error.cell == "C7")
                    #expect(error.sheet == "Sheet1")
                }
            }
            #expect(
                code { try sheet.writeRow([WriteCell(column: 0, value: .empty, formula: "=")]) } == .unwritableValue)
            book.cancel()
        }
    }

    @Test(arguments: ["", String(repeating: "x", count: 32), "Biểu[1]", "a/b", "'quoted'", "History"])
    func badSheetNamesAreRefused(_ name: String) throws {
        try withWorkbook { book, _ in
            #expect(code { _ = try book.addSheet(name) } == .invalidUse)
            book.cancel()
        }
    }

    @Test func sheetNamesAreUniqueIgnoringCase() throws {
        try withWorkbook { book, _ in
            _ = try book.addSheet("Biểu 01")
            #expect(code { _ = try book.addSheet("BIỂU 01") } == .invalidUse)
            book.cancel()
        }
    }

    @Test(arguments: ["A1", "R1C1", "1abc", "tên có dấu cách", "XFD1048576"])
    func badDefinedNamesAreRefused(_ name: String) throws {
        try withWorkbook { book, _ in
            #expect(code { try book.defineName(name, formula: "Sheet1!$A$1") } == .invalidUse)
            book.cancel()
        }
    }

    @Test func overlappingMergesAreRefused() throws {
        try withWorkbook { book, _ in
            let sheet = try book.addSheet("Sheet1", setup: SheetSetup(mergedRanges: [CellRange("A1:C2")!]))
            #expect(code { try sheet.merge(CellRange("C2:D4")!) } == .invalidUse)
            #expect(code { try sheet.merge(CellRange("E5")!) } == .invalidUse)
            try sheet.merge(CellRange("D1:E1")!)
            book.cancel()
        }
    }

    @Test func aHiddenActiveSheetIsRefused() throws {
        try withWorkbook { book, _ in
            #expect(code { _ = try book.addSheet("Ẩn", setup: SheetSetup(visibility: .hidden)) } == .invalidUse)
            book.cancel()
        }
    }

    @Test func aSheetIsFinishedWhenTheNextOneStarts() throws {
        try withWorkbook { book, _ in
            let first = try book.addSheet("Một")
            _ = try book.addSheet("Hai")
            #expect(code { try first.writeRow([WriteCell(column: 0, value: .number(1))]) } == .invalidUse)
            try book.close()
            #expect(code { _ = try book.addSheet("Ba") } == .invalidUse)
        }
    }

    @Test func nothingIsLeftBehindWhenTheWriterIsCancelledOrDropped() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bieumau-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bao-cao.xlsx").path
        do {
            let book = try XLSXWriter(path: path)
            let sheet = try book.addSheet("Sheet1")
            for row in 0..<30_000 {  // past the flush size, so rows went to a temporary file
                try sheet.writeRow([WriteCell(column: 0, value: .string("Hộ số \(row)"))])
            }
            book.cancel()
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        do {
            let book = try XLSXWriter(path: path)
            _ = try book.addSheet("Sheet1")
            // dropped without close()
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func anUnwritableFolderIsAnOutputError() {
        let error = #expect(throws: XLSXError.self) {
            _ = try XLSXWriter(path: "/nonexistent-folder-\(UUID().uuidString)/book.xlsx")
        }
        #expect(error?.code == .output)
    }

    @Test func aNameForAMissingSheetFailsTheCloseAndLeavesNoFile() throws {
        try withWorkbook { book, path in
            _ = try book.addSheet("Sheet1")
            try book.defineName("Xa", formula: "Sheet3!$A$1", localSheet: 2)
            #expect(code { try book.close() } == .invalidUse)
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func stylesAndTheirPartsAreDeduplicated() throws {
        try withWorkbook { book, _ in
            let a = try book.addStyle(CellStyle(font: .init(isBold: true), border: .all(.thin)))
            let b = try book.addStyle(CellStyle(font: .init(isBold: true), border: .all(.thin)))
            let c = try book.addStyle(CellStyle(font: .init(isBold: true), numberFormat: .grouped1))
            let d = try book.addStyle(CellStyle(numberFormat: "#,##0.0"))
            #expect(a == b)
            #expect(a != c)
            #expect(try book.addStyle(.default) == .default)
            let styles = book.state.styles
            #expect(styles.fonts.count == 2)
            #expect(styles.borders.count == 2)
            #expect(styles.customFormats == ["#,##0.0"])
            #expect(styles.formats.count == 4)
            #expect(d.index == 3)
            #expect(code { _ = try book.addStyle(CellStyle(font: .init(size: 0))) } == .unwritableValue)
            book.cancel()
        }
    }

    @Test func builtInFormatCodesAreWrittenAsTheirIDs() {
        #expect(NumberFormatCode.general.builtinID == 0)
        #expect(NumberFormatCode.grouped.builtinID == 3)
        #expect(NumberFormatCode.percent2.builtinID == 10)
        #expect(NumberFormatCode.decimal2.builtinID == 2)
        #expect(NumberFormatCode.grouped1.builtinID == nil)
        #expect(NumberFormatCode.date.builtinID == nil)
        #expect(NumberFormatCode("mm-dd-yy").builtinID == nil)
    }

    @Test func repeatedStringsAreSharedAndCounted() throws {
        try withWorkbook { book, path in
            let sheet = try book.addSheet("Sheet1")
            for row in 0..<10 {
                try sheet.writeRow(values: [.string("Hộ nghèo"), .string("Gia Rai"), .string("Hộ \(row % 3)")])
            }
            try book.close()
            let xml = String(decoding: try XLSXWriterSamples.parts(of: path)["xl/sharedStrings.xml"]!, as: UTF8.self)
            #expect(xml.contains("count=\"30\" uniqueCount=\"5\""))
        }
    }

    @Test func stringsPastTheBudgetAreWrittenInline() throws {
        try withWorkbook(options: XLSXWriterOptions(strings: .shared(byteBudget: 50))) { book, path in
            let sheet = try book.addSheet("Sheet1")
            try sheet.writeRow(values: [.string("Ia Đal"), .string("Ia Dom"), .string("Ia Tơi"), .string("Ia Đal")])
            try book.close()
            let parts = try XLSXWriterSamples.parts(of: path)
            let sheetXML = String(decoding: parts["xl/worksheets/sheet1.xml"]!, as: UTF8.self)
            #expect(sheetXML.contains("<c r=\"C1\" t=\"inlineStr\"><is><t>Ia Tơi</t></is></c>"))
            #expect(sheetXML.contains("<c r=\"D1\" t=\"s\"><v>0</v></c>"))
            let row = try XLSXReader(path: path).worksheet(at: 0).rows[0]
            #expect(
                row.cells.map(\.value) == [.string("Ia Đal"), .string("Ia Dom"), .string("Ia Tơi"), .string("Ia Đal")])
        }
    }

    @Test func spansCoverTheBlockOfSixteenRows() throws {
        try withWorkbook { book, path in
            let sheet = try book.addSheet("Sheet1")
            try sheet.writeRow([WriteCell(column: 2, value: .number(1))], at: 0)
            try sheet.writeRow([WriteCell(column: 5, value: .number(2))], at: 15)
            try sheet.writeRow([WriteCell(column: 1, value: .number(3))], at: 16)
            try sheet.writeRow([], at: 40, format: RowFormat(height: 20))
            try book.close()
            let xml = String(
                decoding: try XLSXWriterSamples.parts(of: path)["xl/worksheets/sheet1.xml"]!, as: UTF8.self)
            #expect(xml.contains("<dimension ref=\"B1:F41\"/>"))
            #expect(xml.contains("<row r=\"1\" spans=\"3:6\">"))
            #expect(xml.contains("<row r=\"16\" spans=\"3:6\">"))
            #expect(xml.contains("<row r=\"17\" spans=\"2:2\">"))
            #expect(xml.contains("<row r=\"41\" ht=\"20\" customHeight=\"1\"/>"))
        }
    }

    @Test func datesGetADateFormatWhenTheirStyleHasNone() throws {
        try withWorkbook { book, path in
            let bold = try book.addStyle(CellStyle(font: .init(isBold: true)))
            let sheet = try book.addSheet("Sheet1")
            let day = ExcelDateTime(serial: 45839, system: .from1900, kind: .date)
            try sheet.writeRow([
                WriteCell(column: 0, value: .dateTime(day)), WriteCell(column: 1, value: .dateTime(day), style: bold),
            ])
            try book.close()
            let reader = try XLSXReader(path: path)
            let cells = try reader.worksheet(at: 0).rows[0].cells
            #expect(cells.map(\.value) == [.dateTime(day), .dateTime(day)])
            #expect(reader.styles.numberFormat(forStyle: cells[1].styleIndex).code == "dd/mm/yyyy")
            #expect(reader.styles.font(forStyle: cells[1].styleIndex)?.isBold == true)
        }
    }

    @Test func theFileStartsWithOOXMLPartsForTypeSniffers() throws {
        try withWorkbook { book, path in
            _ = try book.addSheet("Sheet1")
            try book.close()
            let entries = try ZipArchive(path: path).entries.map(\.name)
            #expect(Array(entries.prefix(3)) == ["_rels/.rels", "docProps/core.xml", "xl/theme/theme1.xml"])
            // libmagic (file(1), PHP's finfo) tells an .xlsx from a ZIP by those first names.
            let file = "/usr/bin/file"
            guard FileManager.default.isExecutableFile(atPath: file) else { return }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: file)
            process.arguments = ["-b", path]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            process.waitUntilExit()
            let kind = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(kind.hasPrefix("Microsoft Excel 2007+"), "file(1) says \(kind)")
        }
    }
}
