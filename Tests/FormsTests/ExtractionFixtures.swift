import SheetCore

@testable import Forms

/// A cell of a test sheet: text, a number (optionally shown as a percentage), or a formula with its cached value.
enum TestCell: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByNilLiteral
{
    case blank
    case text(String)
    case number(Double)
    /// A number with a percent number format (Excel stores 7,93 % as 0.0793).
    case percent(Double)
    case formula(String, Double)
    case error(CellError)

    init(stringLiteral value: String) { self = .text(value) }
    init(integerLiteral value: Int) { self = .number(Double(value)) }
    init(floatLiteral value: Double) { self = .number(value) }
    init(nilLiteral: ()) { self = .blank }
}

/// Sheets for detection and extraction tests, built in memory.
enum TestSheets {
    /// Styles with format 1 a percentage (`0.00%`, built-in id 10).
    static let styles = Styles(cellFormats: [
        CellFormat(numberFormatID: 0, fontIndex: 0), CellFormat(numberFormatID: 10, fontIndex: 0),
    ])

    static let document = SourceDocument(path: "bc.xlsx", sha256: String(repeating: "0", count: 64))

    /// A worksheet from rows of cells, shifted by `rowOffset` / `columnOffset`, with merged ranges given on the
    /// unshifted grid.
    static func sheet(
        _ name: String = "Biểu 01", rows: [[TestCell]], merged: [String] = [], rowOffset: Int = 0,
        columnOffset: Int = 0,
        blankRowsAfter: [Int: Int] = [:], blankColumnsAfter: Int? = nil, transform: (String) -> String = { $0 }
    ) -> Worksheet {
        var sheetRows: [Row] = []
        var rowIndex = rowOffset
        var rowMap: [Int: Int] = [:]
        func column(_ c: Int) -> Int {
            var result = c + columnOffset
            if let after = blankColumnsAfter, c > after { result += 2 }
            return result
        }
        for (r, cells) in rows.enumerated() {
            rowMap[r] = rowIndex
            var row: [Cell] = []
            for (c, spec) in cells.enumerated() {
                let address = CellAddress(row: rowIndex, column: column(c))
                switch spec {
                case .blank: continue
                case .text(let text): row.append(Cell(address: address, value: .string(transform(text))))
                case .number(let value): row.append(Cell(address: address, value: .number(value)))
                case .percent(let value): row.append(Cell(address: address, value: .number(value), styleIndex: 1))
                case .formula(let formula, let value):
                    row.append(Cell(address: address, value: .number(value), formula: formula))
                case .error(let error): row.append(Cell(address: address, value: .error(error)))
                }
            }
            if !row.isEmpty { sheetRows.append(Row(index: rowIndex, cells: row)) }
            rowIndex += 1 + (blankRowsAfter[r] ?? 0)
        }
        let ranges = merged.compactMap(CellRange.init).map { range in
            CellRange(
                CellAddress(row: rowMap[range.first.row]!, column: column(range.first.column)),
                CellAddress(row: rowMap[range.last.row]!, column: column(range.last.column)))
        }
        return Worksheet(name: name, rows: sheetRows, mergedRanges: ranges)
    }

    // MARK: Report 1 (units)

    static let bc01Title =
        "TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO; HỘ LÀM NÔNG, LÂM, NGƯ NGHIỆP CÓ MỨC SỐNG TRUNG BÌNH"

    /// Report 1 as the review software exports it, three communes of Ia H'Drai; rates as percent-formatted cells.
    static func bc01Rows(title: String = bc01Title, titleRow: Int = 1) -> [[TestCell]] {
        var rows: [[TestCell]] = [
            [
                "UBND HUYỆN IA H'DRAI", nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil,
                "Biểu số 01",
            ],
            ["Đơn vị báo cáo: Huyện Ia H'Drai"],
            ["Mã ĐVHC:", nil, "618"],
            ["Năm: 2024"],
            ["Đơn vị tính: Hộ, người, %"],
            [
                "TT", "Đơn vị", "Số hộ", "Nhân khẩu", "Hộ nghèo", nil, "Hộ cận nghèo", nil, "Hộ có mức sống trung bình",
                nil, "Khẩu nghèo", nil, "Khẩu cận nghèo", nil, "Khẩu có mức sống trung bình",
            ],
            [
                nil, nil, nil, nil, "Số hộ nghèo", "Tỷ lệ (%)", "Số hộ cận nghèo", "Tỷ lệ (%)", "Số hộ NLN có MSTB",
                "Tỷ lệ (%)", "Số khẩu nghèo", "Tỷ lệ (%)", "Số khẩu cận nghèo", "Tỷ lệ (%)", "Số khẩu MSTB",
                "Tỷ lệ (%)",
            ],
            [
                "A", "B", "1", "2", "3", "4=3/1x100", "5", "6=5/1x100", "7", "8=7/1x100", "9", "10=9/2x100", "11",
                "12=11/2x100", "13", "14=13/2x100",
            ],
            [
                1, "Huyện Ia H'Drai", 3782, 14_210, 300, .percent(0.0793), 285, .percent(0.0754), 120, .percent(0.0317),
                1_350, .percent(0.095), 1_200, .percent(0.0844), 480, .percent(0.0338),
            ],
            [
                "1.1", "Xã Ia Đal", 1_250, 4_700, 100, .percent(0.08), 95, .percent(0.076), 40, .percent(0.032), 450,
                .percent(0.0957), 400, .percent(0.0851), 160, .percent(0.034),
            ],
            [
                "1.2", "Xã Ia Dom", 1_282, 4_810, 110, .percent(0.0858), 100, .percent(0.078), 45, .percent(0.0351),
                500,
                .percent(0.104), 420, .percent(0.0873), 170, .percent(0.0353),
            ],
            [
                "1.3", "Xã Ia Tơi", 1_250, 4_700, 90, .percent(0.072), 90, .percent(0.072), 35, .percent(0.028), 400,
                .percent(0.0851), 380, .percent(0.0809), 150, .percent(0.0319),
            ],
            [],
            [nil, "Người lập biểu", nil, nil, nil, nil, nil, nil, nil, nil, "Thủ trưởng đơn vị"],
            [nil, "(Ký, ghi rõ họ tên)"],
        ]
        rows.insert([.text(title)], at: titleRow)
        return rows
    }

    static let bc01Merged = ["A6:A7", "B6:B7", "C6:C7", "D6:D7", "E6:F6", "G6:H6", "I6:J6", "K6:L6", "M6:N6", "O6:P6"]

    static func bc01(
        name: String = "Biểu 01", titleRow: Int = 1, rowOffset: Int = 0, columnOffset: Int = 0,
        blankRowsAfter: [Int: Int] = [:],
        blankColumnsAfter: Int? = nil, transform: (String) -> String = { $0 }
    ) -> Worksheet {
        // Merged ranges are written for the title on row 2 (index 1); shift them by one for the row inserted.
        let merged = bc01Merged.map { range -> String in
            let parts = range.split(separator: ":").map { CellAddress($0)! }
            return CellRange(
                CellAddress(row: parts[0].row + 1, column: parts[0].column),
                CellAddress(row: parts[1].row + 1, column: parts[1].column)
            ).a1
        }
        return sheet(
            name, rows: bc01Rows(titleRow: titleRow), merged: merged, rowOffset: rowOffset, columnOffset: columnOffset,
            blankRowsAfter: blankRowsAfter, blankColumnsAfter: blankColumnsAfter, transform: transform)
    }

    static func percentColumn(_ key: String, _ number: String, group: String, formula: String) -> ColumnDefinition {
        ColumnDefinition(
            key: key, number: number, label: LocalizedText(vi: "Tỷ lệ (%)"), group: group, type: .percent, decimals: 2,
            formula: try! Expression.parse(formula))
    }

    static let bc01Definition = FormDefinition(
        id: "tt07-bc01", version: "2021", formNumber: "Biểu số 01", title: LocalizedText(vi: bc01Title),
        basis: "Thông tư 07/2021/TT-BLĐTBXH", kind: .units,
        fingerprint: Fingerprint(
            title: ["tổng hợp kết quả", "rà soát hộ nghèo", "mức sống trung bình"],
            labels: ["Số hộ", "Nhân khẩu", "Số hộ nghèo", "Số hộ cận nghèo"]),
        header: [
            HeaderField(key: "unit_name", labels: ["Đơn vị báo cáo", "Đơn vị"]),
            HeaderField(key: "unit_code", labels: ["Mã đơn vị", "Mã ĐVHC"], type: .code, required: true),
            HeaderField(key: "period", labels: ["Kỳ báo cáo", "Năm"], type: .code, required: true),
        ],
        table: TableLayout(numberingRow: true, codeColumn: "code"),
        columns: [
            ColumnDefinition(key: "code", number: "A", label: LocalizedText(vi: "TT"), type: .code),
            ColumnDefinition(key: "unit", number: "B", label: LocalizedText(vi: "Đơn vị"), type: .text),
            ColumnDefinition(key: "households", number: "1", label: LocalizedText(vi: "Số hộ"), type: .integer),
            ColumnDefinition(key: "persons", number: "2", label: LocalizedText(vi: "Nhân khẩu"), type: .integer),
            ColumnDefinition(key: "poor", number: "3", label: LocalizedText(vi: "Số hộ nghèo"), type: .integer),
            percentColumn("poor_rate", "4", group: "Hộ nghèo", formula: "poor / households * 100"),
            ColumnDefinition(
                key: "near_poor", number: "5", label: LocalizedText(vi: "Số hộ cận nghèo"), type: .integer),
            percentColumn("near_poor_rate", "6", group: "Hộ cận nghèo", formula: "near_poor / households * 100"),
            ColumnDefinition(key: "middle", number: "7", label: LocalizedText(vi: "Số hộ NLN có MSTB"), type: .integer),
            percentColumn("middle_rate", "8", group: "Hộ có mức sống trung bình", formula: "middle / households * 100"),
            ColumnDefinition(
                key: "poor_persons", number: "9", label: LocalizedText(vi: "Số khẩu nghèo"), type: .integer),
            percentColumn("poor_persons_rate", "10", group: "Khẩu nghèo", formula: "poor_persons / persons * 100"),
            ColumnDefinition(
                key: "near_poor_persons", number: "11", label: LocalizedText(vi: "Số khẩu cận nghèo"), type: .integer),
            percentColumn(
                "near_poor_persons_rate", "12", group: "Khẩu cận nghèo", formula: "near_poor_persons / persons * 100"),
            ColumnDefinition(
                key: "middle_persons", number: "13", label: LocalizedText(vi: "Số khẩu MSTB"), type: .integer),
            percentColumn(
                "middle_persons_rate", "14", group: "Khẩu có mức sống trung bình",
                formula: "middle_persons / persons * 100"),
        ])

    // MARK: Report 2 (units with a block of two rows)

    static let bc02Definition = FormDefinition(
        id: "tt07-bc02", version: "2021", formNumber: "Biểu số 02",
        title: LocalizedText(vi: "TỔNG HỢP DIỄN BIẾN HỘ NGHÈO"),
        basis: "Thông tư 07/2021/TT-BLĐTBXH", kind: .units,
        fingerprint: Fingerprint(title: ["diễn biến hộ nghèo"], labels: ["Phân tổ", "đầu kỳ", "cuối kỳ"]),
        header: [HeaderField(key: "unit_code", labels: ["Mã ĐVHC"], type: .code, required: true)],
        table: TableLayout(
            numberingRow: true, codeColumn: "code",
            block: [BlockRow(key: "households", label: "Hộ"), BlockRow(key: "persons", label: "Nhân khẩu")],
            blockColumn: "group"),
        columns: [
            ColumnDefinition(key: "code", number: "A", label: LocalizedText(vi: "TT"), type: .code),
            ColumnDefinition(key: "unit", number: "B", label: LocalizedText(vi: "Đơn vị"), type: .text),
            ColumnDefinition(key: "group", number: "C", label: LocalizedText(vi: "Phân tổ"), type: .text),
            ColumnDefinition(key: "start", number: "1", label: LocalizedText(vi: "Tổng số đầu kỳ"), type: .integer),
            ColumnDefinition(key: "out", number: "2", label: LocalizedText(vi: "Thoát nghèo"), type: .integer),
            ColumnDefinition(key: "in", number: "3", label: LocalizedText(vi: "Phát sinh mới"), type: .integer),
            ColumnDefinition(
                key: "end", number: "4", label: LocalizedText(vi: "Tổng số cuối kỳ"), type: .integer,
                formula: try! Expression.parse("start - out + in")),
        ])

    static func bc02Rows(dropPersonsOf dropped: String? = nil) -> [[TestCell]] {
        var rows: [[TestCell]] = [
            ["TỔNG HỢP DIỄN BIẾN HỘ NGHÈO NĂM 2024"],
            ["Mã ĐVHC: 618"],
            ["TT", "Đơn vị", "Phân tổ", "Tổng số đầu kỳ", "Thoát nghèo", "Phát sinh mới", "Tổng số cuối kỳ"],
            ["A", "B", "C", "(1)", "(2)", "(3)", "(4) = (1) - (2) + (3)"],
            [1, "Huyện Ia H'Drai", "Hộ", 300, 40, 10, .formula("D5-E5+F5", 270)],
            [nil, nil, "Nhân khẩu", 1_350, 160, 45, .formula("D6-E6+F6", 1_235)],
            ["1.1", "Xã Ia Đal", "Hộ", 100, 10, 5, 95],
            [nil, nil, "Nhân khẩu", 450, 40, 20, 430],
            ["1.2", "Xã Ia Dom", "Hộ", 200, 30, 5, 175],
            [nil, nil, "Nhân khẩu", 900, 120, 25, 805],
            [],
            ["Ia H'Drai, ngày 15 tháng 01 năm 2025"],
            [nil, "NGƯỜI LẬP BIỂU"],
        ]
        if let dropped,
            let index = rows.firstIndex(where: {
                if case .text(let code) = $0.first ?? .blank { return code == dropped }
                return false
            })
        {
            rows.remove(at: index + 1)
        }
        return rows
    }

    // MARK: Funding results (lines)

    static let fundsDefinition = FormDefinition(
        id: "tt10-kq-von", version: "2022", formNumber: "Biểu kết quả vốn",
        title: LocalizedText(vi: "KẾT QUẢ PHÂN BỔ, GIẢI NGÂN VỐN"), basis: "Thông tư 10/2022/TT-BLĐTBXH", kind: .lines,
        fingerprint: Fingerprint(
            title: ["giải ngân vốn", "giảm nghèo bền vững"], labels: ["Nội dung", "Kế hoạch vốn giao", "Giải ngân"]),
        header: [HeaderField(key: "unit_code", labels: ["Mã đơn vị", "Mã ĐVHC"], type: .code, required: true)],
        table: TableLayout(numberingRow: true, codeColumn: "code"),
        columns: [
            ColumnDefinition(key: "code", number: "A", label: LocalizedText(vi: "TT"), type: .code),
            ColumnDefinition(key: "item", number: "B", label: LocalizedText(vi: "Nội dung"), type: .text),
            ColumnDefinition(
                key: "plan", number: "1", label: LocalizedText(vi: "Kế hoạch vốn giao"), type: .money,
                unit: "triệu đồng", decimals: 1, missing: ["-"]),
            ColumnDefinition(
                key: "paid", number: "2", label: LocalizedText(vi: "Giải ngân"), type: .money, unit: "triệu đồng",
                decimals: 1, missing: ["-"]),
            ColumnDefinition(
                key: "rate", number: "3", label: LocalizedText(vi: "Tỷ lệ giải ngân (%)"), type: .percent, decimals: 2,
                formula: try! Expression.parse("paid / plan * 100")),
        ],
        lines: [
            LineDefinition(
                code: "I", key: "total", label: LocalizedText(vi: "Tổng cộng"), sumOf: ["da1", "da2"]),
            LineDefinition(
                code: "1", key: "da1", label: LocalizedText(vi: "Dự án 1"), sumOf: ["da1_tda1", "da1_tda2"]),
            LineDefinition(code: "1.1", key: "da1_tda1", label: LocalizedText(vi: "Tiểu dự án 1")),
            LineDefinition(code: "1.2", key: "da1_tda2", label: LocalizedText(vi: "Tiểu dự án 2")),
            LineDefinition(code: "2", key: "da2", label: LocalizedText(vi: "Dự án 2")),
        ])

    static func fundsRows(insertAfter inserted: Int? = nil, drop dropped: String? = nil) -> [[TestCell]] {
        var rows: [[TestCell]] = [
            ["KẾT QUẢ PHÂN BỔ, GIẢI NGÂN VỐN THỰC HIỆN CHƯƠNG TRÌNH MTQG GIẢM NGHÈO BỀN VỮNG NĂM 2024"],
            ["Mã ĐVHC: 618"],
            [nil, nil, nil, nil, "Đơn vị tính: triệu đồng"],
            ["TT", "Nội dung", "Kế hoạch vốn giao", "Giải ngân", "Tỷ lệ giải ngân (%)"],
            ["A", "B", 1, 2, "3=2/1x100"],
            ["I", "Tổng cộng", 10_497.7, 724.3, "6,90%"],
            ["1", "Dự án 1", 9_000, 600, "6,67"],
            ["1.1", "Tiểu dự án 1", 8_502.3, "1.234,5", 14.52],
            ["1.2", "Tiểu dự án 2", 497.7, "-", nil],
            ["2", "Dự án 2", "1.497,7", "124.3", "8,3"],
            [],
            [nil, "Người lập biểu", nil, "Thủ trưởng đơn vị"],
        ]
        if let inserted { rows.insert(["1.3", "Tiểu dự án chèn thêm", 5, 1, 20], at: inserted) }
        if let dropped { rows.removeAll { if case .text(dropped) = $0.first ?? .blank { true } else { false } } }
        return rows
    }

    // MARK: Household list (records)

    static let listDefinition = FormDefinition(
        id: "tt07-ds-ngheo", version: "2021", formNumber: "Danh sách",
        title: LocalizedText(vi: "DANH SÁCH CHI TIẾT HỘ NGHÈO"), basis: "Thông tư 07/2021/TT-BLĐTBXH", kind: .records,
        fingerprint: Fingerprint(title: ["danh sách", "chi tiết hộ nghèo"], labels: ["Mã hộ", "Họ và tên chủ hộ"]),
        header: [
            HeaderField(key: "unit_code", labels: ["Mã đơn vị", "Mã ĐVHC"], type: .code, required: true),
            HeaderField(key: "period", labels: ["Kỳ báo cáo", "Năm"], type: .code, required: true),
        ],
        table: TableLayout(numberingRow: false, headerLabels: ["Mã hộ", "Họ và tên chủ hộ"]),
        columns: [
            ColumnDefinition(key: "seq", label: LocalizedText(vi: "STT"), aliases: ["TT"], type: .integer),
            ColumnDefinition(key: "household_code", label: LocalizedText(vi: "Mã hộ"), type: .code, required: true),
            ColumnDefinition(
                key: "head_name", label: LocalizedText(vi: "Họ và tên chủ hộ"), aliases: ["Chủ hộ"], type: .text),
            ColumnDefinition(key: "members", label: LocalizedText(vi: "Số nhân khẩu"), type: .integer),
            ColumnDefinition(
                key: "income", label: LocalizedText(vi: "Thu nhập bình quân (đồng/người/tháng)"), aliases: ["Thu nhập"],
                type: .money),
            ColumnDefinition(key: "d1", label: LocalizedText(vi: "Việc làm"), type: .boolean),
            ColumnDefinition(key: "d2", label: LocalizedText(vi: "Người phụ thuộc"), type: .boolean),
            ColumnDefinition(key: "reviewed", label: LocalizedText(vi: "Ngày rà soát"), type: .date),
            ColumnDefinition(key: "class", label: LocalizedText(vi: "Phân loại"), type: .text),
        ])

    static func listRows() -> [[TestCell]] {
        [
            ["DANH SÁCH CHI TIẾT HỘ NGHÈO NĂM 2024"],
            ["Mã ĐVHC: 23535", nil, nil, "Kỳ báo cáo:", "2024"],
            [
                "STT", "Mã hộ", "Họ và tên\nchủ hộ", "Số nhân khẩu", "Thu nhập bình quân (đồng/người/tháng)",
                "Các chỉ số thiếu hụt", nil, "Ngày rà soát", "Phân loại",
            ],
            [nil, nil, nil, nil, nil, "Việc làm", "Người phụ thuộc"],
            [1, "007", "Rơ Châm Hyun", 5, 1_200_000, "x", 0, "15/10/2024", "Hộ nghèo"],
            [2, 62_618_235_350_002, "Kpă Thị Lan", 4, "1.450.000", 1, "không", 45_580, "Hộ nghèo"],
            [],
            [3, "0003", "Y Bih", "ba", "1.234", "có", nil, "31/02/2024", "Hộ nghèo"],
            [nil, "Người lập biểu", nil, nil, nil, nil, nil, "Chủ tịch UBND xã"],
            [4, "0004", "sau chữ ký", 1, 1, 1, 1, nil, "Hộ nghèo"],
        ]
    }

    static let listMerged = ["A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:G3", "H3:H4", "I3:I4"]

    static let allDefinitions = [bc01Definition, bc02Definition, fundsDefinition, listDefinition]
}
