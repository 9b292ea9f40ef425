import Foundation
import SheetCore
import SheetZip

@testable import SheetXLSX

/// Workbooks written with every feature of the writer, for the schema, round-trip and LibreOffice checks.
enum XLSXWriterSamples {
    /// What a sample wrote, to compare with what is read back.
    struct Written {
        var sheets: [(name: String, visibility: SheetVisibility)] = []
        /// Cells by sheet, as given to the writer (blank styled cells included).
        var cells: [[CellAddress: (value: CellValue, formula: String?)]] = []
        var merges: [[CellRange]] = []
        var widths: [[ColumnFormat]] = []
        var names: [DefinedName] = []
    }

    /// A temporary path for a workbook, removed by the caller: in `/dev/shm` where there is one, since the ZIP
    /// writer syncs every file it finishes and a thousand syncs to disk take a quarter of a minute.
    static func temporaryPath(_ name: String) -> String {
        let memory = "/dev/shm"
        var isFolder: ObjCBool = false
        let folder =
            FileManager.default.fileExists(atPath: memory, isDirectory: &isFolder) && isFolder.boolValue
                && FileManager.default.isWritableFile(atPath: memory)
            ? URL(fileURLWithPath: memory) : FileManager.default.temporaryDirectory
        return folder.appendingPathComponent("bieumau-\(UUID().uuidString)-\(name)").path
    }

    /// An official-looking form, a data sheet with every value type, and a hidden sheet; styles, merges, frozen
    /// panes, widths, heights, page setup, print titles and area, defined names, properties.
    @discardableResult
    static func everyFeature(
        at path: String, options: XLSXWriterOptions = XLSXWriterOptions(), rows: Int = 40
    ) throws -> Written {
        var options = options
        options.properties = DocumentProperties(
            title: "Tổng hợp kết quả rà soát hộ nghèo", author: "Phòng LĐ-TB&XH huyện Ia H'Drai",
            company: "UBND huyện Ia H'Drai",
            created: DateTimeComponents(year: 2025, month: 7, day: 1, hour: 8, minute: 30))
        let book = try XLSXWriter(path: path, options: options)
        var written = Written()

        let times = CellStyle.Font(name: "Times New Roman", size: 12, family: 1, charset: 163)
        let title = try book.addStyle(
            CellStyle(
                font: .init(name: "Times New Roman", size: 14, isBold: true, family: 1),
                alignment: .init(horizontal: .center, vertical: .center, wrapsText: true)))
        let header = try book.addStyle(
            CellStyle(
                font: .init(name: "Times New Roman", size: 12, isBold: true, family: 1),
                fill: .solid(.rgb(0xDDEBF7)), border: .all(.thin),
                alignment: .init(horizontal: .center, vertical: .center, wrapsText: true)))
        let text = try book.addStyle(CellStyle(font: times, border: .all(.thin), alignment: .init(indent: 1)))
        let count = try book.addStyle(CellStyle(font: times, border: .all(.thin), numberFormat: .grouped))
        let money = try book.addStyle(CellStyle(font: times, border: .all(.thin), numberFormat: .grouped1))
        let rate = try book.addStyle(CellStyle(font: times, border: .all(.thin), numberFormat: .percent2))
        let total = try book.addStyle(
            CellStyle(
                font: .init(name: "Times New Roman", size: 12, isBold: true, family: 1),
                border: .init(left: .thin, right: .thin, top: .medium, bottom: .medium), numberFormat: .grouped))
        let date = try book.addStyle(CellStyle(font: times, numberFormat: .date))
        let italicRed = try book.addStyle(
            CellStyle(font: .init(isItalic: true, isUnderlined: true, isStrikethrough: true, color: .red)))
        let rotated = try book.addStyle(
            CellStyle(
                fill: .init(pattern: .lightGrid, foreground: .theme(4, tint: 0.4), background: .automatic),
                alignment: .init(vertical: .top, rotation: 90, shrinksToFit: true), quotePrefix: true))

        // Sheet 1: the form.
        var setup = SheetSetup(
            columns: [
                ColumnFormat(0, width: 6), ColumnFormat(1, width: 28), ColumnFormat(2...7, width: 12),
                ColumnFormat(8, style: date), ColumnFormat(9, isHidden: true),
            ],
            frozenRows: 4, frozenColumns: 2,
            mergedRanges: [CellRange("A1:H1")!, CellRange("A3:A4")!, CellRange("B3:B4")!],
            tabColor: .rgb(0x00B050))
        var page = PageSetup(
            paperSize: .a4, orientation: .landscape, fitToWidth: 1, fitToHeight: 0,
            margins: .centimetres(left: 2, right: 1.5, top: 2, bottom: 2),
            header: "&L&\"Times New Roman,Bold\"UBND HUYỆN IA H'DRAI&RBiểu 01", footer: "&CTrang &P / &N",
            printTitleRows: 2...3, printArea: CellRange("A1:H\(rows + 6)"))
        page.centersHorizontally = true
        page.rowBreaks = [24]
        setup.page = page
        let form = try book.addSheet("Biểu 01", setup: setup)
        var cells: [CellAddress: (CellValue, String?)] = [:]
        var merges = setup.mergedRanges
        func put(_ sheet: SheetWriter, _ row: Int, _ list: [WriteCell], format: RowFormat = .default) throws {
            try sheet.writeRow(list, at: row, format: format)
            for cell in list { cells[CellAddress(row: row, column: cell.column)] = (cell.value, cell.formula) }
        }
        try put(
            form, 0,
            [
                WriteCell(
                    column: 0, value: .string("TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2025"), style: title)
            ]
                + (1...7).map { WriteCell(column: $0, value: .empty, style: title) },
            format: RowFormat(height: 36))
        try put(form, 1, [WriteCell(column: 7, value: .string("Biểu 01"), style: italicRed)])
        let labels = [
            "TT", "Đơn vị", "Tổng số hộ", "Số hộ nghèo", "Tỷ lệ (%)", "Kinh phí (triệu đồng)", "Ghi chú", "Mã",
        ]
        try put(
            form, 2,
            labels.enumerated().map { WriteCell(column: $0.offset, value: .string($0.element), style: header) },
            format: RowFormat(height: 45))
        try put(
            form, 3,
            [WriteCell(column: 0, value: .empty, style: header), WriteCell(column: 1, value: .empty, style: header)]
                + (2...7).map { WriteCell(column: $0, value: .string("(\($0 - 1))"), style: header) })
        let communes = ["Xã Ia Đal", "Xã Ia Dom", "Xã Ia Tơi", "  Thôn 6 ", "Plei Ơi <&> \"'"]
        for index in 0..<rows {
            let row = index + 4
            let households = Double(300 + index * 37 % 500)
            let poor = Double(index * 13 % 90)
            try put(
                form, row,
                [
                    WriteCell(column: 0, value: .number(Double(index + 1)), style: text),
                    WriteCell(column: 1, value: .string(communes[index % communes.count]), style: text),
                    WriteCell(column: 2, value: .number(households), style: count),
                    WriteCell(column: 3, value: .number(poor), style: count),
                    WriteCell(
                        column: 4, value: .number(poor / households),
                        formula: "IF(C\(row + 1)=0,0,D\(row + 1)/C\(row + 1))",
                        style: rate),
                    WriteCell(column: 5, value: .number(49.7 + Double(index) / 10), style: money),
                    WriteCell(column: 6, value: index % 7 == 0 ? .string("Hộ mới thoát nghèo") : .empty, style: text),
                    WriteCell(column: 7, value: .string(String(23535 + index % 3)), style: rotated),
                    WriteCell(
                        column: 8,
                        value: .dateTime(ExcelDateTime(serial: 45658 + Double(index), system: .from1900, kind: .date))),
                ])
        }
        let last = rows + 4
        try put(
            form, last,
            [
                WriteCell(column: 1, value: .string("Tổng cộng"), style: total),
                WriteCell(
                    column: 2, value: .number(sum(cells, column: 2, rows: 4..<last)), formula: "SUM(C5:C\(last))",
                    style: total),
                WriteCell(
                    column: 3, value: .number(sum(cells, column: 3, rows: 4..<last)), formula: "=SUM(D5:D\(last))",
                    style: total),
            ])
        try form.merge(CellRange(CellAddress(row: last + 1, column: 1), CellAddress(row: last + 1, column: 4)))
        merges.append(CellRange(CellAddress(row: last + 1, column: 1), CellAddress(row: last + 1, column: 4)))
        try put(form, last + 1, [WriteCell(column: 1, value: .string("Người lập biểu"), style: title)])
        written.sheets.append(("Biểu 01", .visible))
        written.cells.append(cells.mapValues { (value: $0.0, formula: $0.1) })
        written.merges.append(merges)
        written.widths.append(setup.columns)

        // Sheet 2: every value type.
        cells = [:]
        var dataSetup = SheetSetup(columns: [ColumnFormat(0...3, width: 18.5, style: text)])
        dataSetup.defaultRowHeight = 16.5
        dataSetup.zoom = 85
        dataSetup.view = .pageLayout
        dataSetup.showsGridLines = false
        let data = try book.addSheet("Dữ liệu", setup: dataSetup)
        let rich = RichText(runs: [TextRun(text: "Đồng bào "), TextRun(text: "DTTS", fontName: "Arial")])
        let values: [(CellValue, String?)] = [
            (.number(-0.5), nil), (.number(1e-7), nil), (.number(123_456_789.125), nil),
            (.number(3.3333333333333335), nil),
            (.string("Hộ nghèo"), nil), (.string("Hộ nghèo"), nil), (.string(" leading space"), nil),
            (.string("line\nbreak\ttab"), nil), (.string("control \u{1}\u{8} chars _x0041_"), nil),
            (.boolean(true), nil), (.boolean(false), nil), (.error(.divisionByZero), nil), (.error(.notAvailable), nil),
            (.dateTime(ExcelDateTime(serial: 45658.75, system: .from1900, kind: .dateTime)), nil),
            (.dateTime(ExcelDateTime(serial: 0.5, system: .from1900, kind: .time)), nil),
            (.dateTime(ExcelDateTime(serial: 1.25, system: .from1900, kind: .duration)), nil),
            (.dateTime(ExcelDateTime(serial: 44196, system: .from1904, kind: .date)), nil),
            (.richText(rich), nil),
            (.string("Kinh"), "\"Kinh\""), (.boolean(true), "1<2"), (.error(.divisionByZero), "1/0"),
            (.number(6), "1+2+3"),
            (.empty, "SUM(A1:A3)"), (.string(String(repeating: "Ư", count: 5000)), nil),
        ]
        for (index, entry) in values.enumerated() {
            let format: RowFormat =
                index == 3 ? RowFormat(height: 30) : index == 5 ? RowFormat(isHidden: true) : .default
            let cell = WriteCell(column: index % 2, value: entry.0, formula: entry.1)
            try data.writeRow([cell], at: index, format: format)
            cells[CellAddress(row: index, column: index % 2)] = (entry.0, entry.1)
        }
        try data.writeRow([], at: values.count + 2, format: RowFormat(height: 20, style: header))
        written.sheets.append(("Dữ liệu", .visible))
        written.cells.append(cells.mapValues { (value: $0.0, formula: $0.1) })
        written.merges.append([])
        written.widths.append(dataSetup.columns)

        // Sheet 3: hidden, empty but for a page setup.
        _ = try book.addSheet("Ẩn", setup: SheetSetup(page: PageSetup(paperSize: .a3), visibility: .hidden))
        written.sheets.append(("Ẩn", .hidden))
        written.cells.append([:])
        written.merges.append([])
        written.widths.append([])

        try book.defineName("TongSoHo", formula: "='Biểu 01'!$C$\(last + 1)")
        try book.defineName("TyLe", formula: "='Biểu 01'!$E$5:$E$\(last)", localSheet: 0)
        try book.defineName("NamBaoCao", formula: "2025")
        written.names = [
            DefinedName(name: "TongSoHo", formula: "'Biểu 01'!$C$\(last + 1)"),
            DefinedName(name: "TyLe", formula: "'Biểu 01'!$E$5:$E$\(last)", localSheetIndex: 0),
            DefinedName(name: "NamBaoCao", formula: "2025"),
        ]
        try book.close()
        return written
    }

    private static func sum(_ cells: [CellAddress: (CellValue, String?)], column: Int, rows: Range<Int>) -> Double {
        rows.reduce(0) { total, row in
            if case .number(let value) = cells[CellAddress(row: row, column: column)]?.0 { return total + value }
            return total
        }
    }

    /// The parts of a written workbook, by name.
    static func parts(of path: String) throws -> [String: [UInt8]] {
        let archive = try ZipArchive(path: path)
        var parts: [String: [UInt8]] = [:]
        for entry in archive.entries { parts[entry.name] = try archive.contents(of: entry) }
        return parts
    }
}
