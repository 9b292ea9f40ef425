import Forms
import Foundation
import SheetCore
import SheetTestSupport
import SheetXLSX
import Testing

@Suite struct RenderingTests {
    static let forms =
        (try? MappingLoader.loadForms(
            inFolder: TestPaths.repositoryRoot.appendingPathComponent("Mappings/forms").path)) ?? []

    static func report1() throws -> FormDefinition { try #require(forms.first { $0.id == "tt07-bc01" }) }

    static func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "bieumau-rendering-\(UUID().uuidString)-\(name)"
    }

    static func render(_ contents: [FormSheetContent]) throws -> (Workbook, String) {
        let path = temporaryPath("book.xlsx")
        try ConsolidatedWorkbook.write(
            to: path, contents: contents, findings: [], sources: [], language: .vi,
            created: DateTimeComponents(year: 2024, month: 12, day: 11, hour: 0, minute: 0, second: 0))
        return (try XLSXReader(path: path).workbook(), path)
    }

    @Test func templateHasTheOfficialHeadingAndFormulas() throws {
        let content = FormSheetContent.template(
            try Self.report1(), authority: "UBND xã Ia Đal", unitName: "Xã Ia Đal", unitCode: "23535",
            period: "Năm 2024")
        let (book, path) = try Self.render([content])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sheet = book.sheets[0]
        #expect(sheet.name == "Biểu số 01")
        #expect(sheet[CellAddress("A1")!]?.value == .string("UBND XÃ IA ĐAL"))
        let texts = sheet.rows.flatMap(\.cells).compactMap { cell -> String? in
            if case .string(let text) = cell.value { return text }
            return nil
        }
        #expect(texts.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        #expect(texts.contains("Độc lập - Tự do - Hạnh phúc"))
        #expect(texts.contains("Mã đơn vị: 23535"))
        #expect(texts.contains("Kỳ báo cáo: Năm 2024"))
        #expect(texts.contains("Biểu số 01"))
        #expect(texts.contains("THỦ TRƯỞNG ĐƠN VỊ"))
        #expect(texts.contains("(4)"))
        // Row 1 of the table: the rate is a formula guarded against a zero denominator.
        let rate = try #require(sheet.rows.flatMap(\.cells).first { $0.formula?.contains("*100") == true })
        #expect(rate.formula == "IF(C11=0,\"\",E11/C11*100)")
    }

    @Test func totalsAreSumsAndRatesAreRecomputed() throws {
        var content = FormSheetContent(
            definition: try Self.report1(), authority: "UBND huyện Ia H'Drai", unitName: "Huyện Ia H'Drai",
            unitCode: "618", period: "Năm 2023")
        func commune(_ code: String, _ name: String, households: Int, poor: Int) -> FormSheetContent.Row {
            FormSheetContent.Row(
                code: code, label: name,
                values: [
                    "households": ["": .number(DecimalNumber(households))], "poor": ["": .number(DecimalNumber(poor))],
                ])
        }
        content.rows = [
            FormSheetContent.Row(code: "1", label: "Huyện Ia H'Drai", totalOf: [1, 2]),
            commune("1.1", "Xã Ia Đal", households: 1000, poor: 100),
            commune("1.2", "Xã Ia Dom", households: 2783, poor: 200),
        ]
        let (book, path) = try Self.render([content])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sheet = book.sheets[0]
        let total = try #require(sheet[CellAddress("C11")!])
        #expect(total.formula == "SUM(C12:C13)")
        #expect(total.value == .number(3783))
        let rate = try #require(sheet[CellAddress("F11")!])
        #expect(rate.formula == "IF(C11=0,\"\",E11/C11*100)")
        // 300 / 3783 × 100, recomputed from the sums, never the sum or mean of the communes' rates.
        guard case .number(let cached) = rate.value else {
            Issue.record("no cached rate")
            return
        }
        #expect(abs(cached - 7.930214115781126) < 1e-8)
        // No persons were entered: the persons rates are left blank, not 0.
        let blank = try #require(sheet[CellAddress("L11")!])
        #expect(blank.formula == "IF(D11=0,\"\",K11/D11*100)")
        #expect(blank.value == .string("") || blank.value == .empty)
    }

    @Test func sameInputsGiveTheSameBytes() throws {
        let content = FormSheetContent.template(
            try Self.report1(), authority: "UBND xã Ia Đal", unitName: "Xã Ia Đal", unitCode: "23535",
            period: "Năm 2024")
        let (_, first) = try Self.render([content])
        let (_, second) = try Self.render([content])
        defer {
            try? FileManager.default.removeItem(atPath: first)
            try? FileManager.default.removeItem(atPath: second)
        }
        #expect(FileManager.default.contents(atPath: first) == FileManager.default.contents(atPath: second))
    }

    @Test(arguments: [
        ("poor / households * 100", "IF(C9=0,\"\",D9/C9*100)"),
        ("start - a - b + c", "E9-F9-G9+H9"),
        ("start - (a + b)", "E9-(F9+G9)"),
        ("a / (b * c)", "IF(G9*H9=0,\"\",F9/(G9*H9))"),
        ("sum(a, b, c)", "SUM(F9,G9,H9)"),
    ])
    func expressionsBecomeExcelFormulas(expression: String, formula: String) throws {
        let columns = ["code", "unit", "households", "poor", "start", "a", "b", "c"]
        let parsed = try Expression.parse(expression)
        let text = parsed.excelFormula { key in
            CellAddress(row: 8, column: columns.firstIndex(of: key)!).a1
        }
        #expect(text == formula)
    }
}

extension RenderingTests {
    /// Report 5's rates are formulas over report 4's sheet, recomputed from the summed counts.
    @Test func ratesOfAnotherFormAreCrossSheetFormulas() throws {
        let report4 = try #require(Self.forms.first { $0.id == "tt07-bc04" })
        let report5 = try #require(Self.forms.first { $0.id == "tt07-bc05" })
        func content(_ definition: FormDefinition, _ values: [String: Int]) -> FormSheetContent {
            var content = FormSheetContent(
                definition: definition, authority: "UBND", unitName: "Huyện Ia H'Drai", unitCode: "618",
                period: "Năm 2023")
            content.rows = [
                FormSheetContent.Row(
                    code: "1", label: "Huyện Ia H'Drai", values: values.mapValues { ["": .number(DecimalNumber($0))] })
            ]
            return content
        }
        let (book, path) = try Self.render([
            content(report5, ["households": 300]), content(report4, ["households": 300, "d1": 100]),
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(book.sheets.map(\.name).prefix(2) == ["Biểu số 04", "Biểu số 05"])
        let rate = try #require(book.sheets[1][CellAddress("D11")!])
        #expect(rate.formula == "IF('Biểu số 04'!C11=0,\"\",'Biểu số 04'!E11/'Biểu số 04'!C11*100)")
        guard case .number(let cached) = rate.value else {
            Issue.record("no cached rate")
            return
        }
        #expect(abs(cached - 100.0 / 3.0) < 1e-8)
    }
}
