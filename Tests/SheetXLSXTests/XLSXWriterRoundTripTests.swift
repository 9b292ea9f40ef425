import Foundation
import SheetCore
import SheetTestSupport
import Testing

@testable import SheetXLSX

/// Written with every feature, read back with `XLSXReader`: the same cells, formulas, merges, widths and names.
@Suite("XLSXWriter round trip through XLSXReader")
struct XLSXWriterRoundTripTests {
    @Test(arguments: [
        ("shared strings", XLSXWriterOptions()),
        ("inline strings", XLSXWriterOptions(strings: .inline)),
        ("a 64-byte string table", XLSXWriterOptions(strings: .shared(byteBudget: 64))),
        ("stored, no background thread", XLSXWriterOptions(compressionLevel: 0, compressesInBackground: false)),
    ])
    func readsBackWhatWasWritten(_ label: String, _ options: XLSXWriterOptions) throws {
        let path = XLSXWriterSamples.temporaryPath("round-trip.xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let written = try XLSXWriterSamples.everyFeature(at: path, options: options)
        let reader = try XLSXReader(path: path)
        #expect(reader.sheets.map(\.name) == written.sheets.map(\.name), "\(label)")
        #expect(reader.sheets.map(\.visibility) == written.sheets.map(\.visibility), "\(label)")
        for (index, expected) in written.cells.enumerated() {
            let sheet = try reader.worksheet(at: index)
            var read: [CellAddress: Cell] = [:]
            for row in sheet.rows { for cell in row.cells { read[cell.address] = cell } }
            for (address, entry) in expected {
                let formula = entry.formula.map { $0.hasPrefix("=") ? String($0.dropFirst()) : $0 }
                guard let cell = read[address] else {
                    #expect(entry.value.isEmpty && formula == nil, "\(label): \(sheet.name)!\(address.a1) is missing")
                    continue
                }
                #expect(cell.formula == formula, "\(label): \(sheet.name)!\(address.a1) formula")
                #expect(
                    Self.same(cell.value, entry.value),
                    "\(label): \(sheet.name)!\(address.a1) reads \(cell.value), wrote \(entry.value)")
            }
            for (address, cell) in read where expected[address] == nil {
                Issue.record("\(label): \(sheet.name)!\(address.a1) holds \(cell.value), nothing was written there")
            }
            #expect(sheet.mergedRanges == written.merges[index], "\(label): merges of \(sheet.name)")
            let widths = written.widths[index].map {
                ColumnInfo(
                    firstColumn: $0.columns.lowerBound, lastColumn: $0.columns.upperBound,
                    width: $0.width.map(ColumnFormat.storedWidth) ?? ($0.isHidden ? 0 : 9.140625), isHidden: $0.isHidden
                )
            }
            #expect(sheet.columns == widths, "\(label): columns of \(sheet.name)")
        }
        let names = Set(reader.definedNames.map { "\($0.name) \($0.localSheetIndex ?? -1) \($0.formula)" })
        for name in written.names {
            #expect(
                names.contains("\(name.name) \(name.localSheetIndex ?? -1) \(name.formula)"), "\(label): \(name.name)")
        }
        #expect(names.contains("_xlnm.Print_Titles 0 'Biểu 01'!$3:$4"), "\(label): print titles in \(names)")
        #expect(names.contains("_xlnm.Print_Area 0 'Biểu 01'!$A$1:$H$46"), "\(label): print area in \(names)")
    }

    /// Values equal as a reader sees them: a date written in the 1904 system reads back as the same day in 1900.
    static func same(_ read: CellValue, _ written: CellValue) -> Bool {
        switch (read, written) {
        case (.dateTime(let a), .dateTime(let b)):
            return a.components == b.components && a.kind == b.kind
        case (.string(let a), .richText(let b)):
            return a == b.text
        default:
            return read == written
        }
    }

    @Test func aSheetLargerThanTheFlushSizeReadsBackRowForRow() throws {
        let path = XLSXWriterSamples.temporaryPath("large.xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let book = try XLSXWriter(path: path)
        let sheet = try book.addSheet("Danh sách")
        let villages = ["Thôn 1", "Thôn 2", "Plei Ơi", "Làng Mới"]
        for row in 0..<20_000 {
            try sheet.writeRow(
                [
                    WriteCell(column: 0, value: .number(Double(row))),
                    WriteCell(column: 1, value: .string(villages[row % villages.count])),
                    WriteCell(column: 2, value: .string("Nguyễn Văn \(row)")),
                    WriteCell(column: 3 + row % 5, value: .number(Double(row) / 8)),
                ])
        }
        try book.close()
        let read = try XLSXReader(path: path)
        let rows = try read.rows(ofSheet: 0)
        var count = 0
        while let row = try rows.next() {
            #expect(row.index == count)
            #expect(
                row.cells.map(\.value) == [
                    .number(Double(count)), .string(villages[count % villages.count]), .string("Nguyễn Văn \(count)"),
                    .number(Double(count) / 8),
                ])
            count += 1
        }
        #expect(count == 20_000)
        #expect(rows.declaredDimension == CellRange("A1:H20000"))
    }

    @Test func aDeclaredDimensionStreamsStraightIntoTheFile() throws {
        let path = XLSXWriterSamples.temporaryPath("declared.xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let book = try XLSXWriter(path: path)
        var setup = SheetSetup()
        setup.dimension = CellRange("A1:B5000")
        let sheet = try book.addSheet("Dữ liệu", setup: setup)
        for row in 0..<5000 {
            try sheet.writeRow([
                WriteCell(column: 0, value: .number(Double(row))), WriteCell(column: 1, value: .boolean(row % 2 == 0)),
            ])
        }
        #expect(throws: XLSXError.self) { try sheet.writeRow([WriteCell(column: 2, value: .number(1))]) }
        try book.close()
        let whole = try XLSXReader(path: path).worksheet(at: 0)
        #expect(whole.rows.count == 5000)
        #expect(whole.declaredDimension == CellRange("A1:B5000"))
        #expect(whole.rows.last?.cells.last?.value == .boolean(false))
    }
}
