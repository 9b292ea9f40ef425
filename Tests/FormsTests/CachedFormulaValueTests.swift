import Forms
import Foundation
import SheetCore
import SheetTestSupport
import SheetXLSX
import Testing

/// The value cached beside a formula is what a spreadsheet computes when it recalculates, so a reader that does not
/// recalculate (a previewer, `bieumau cat`, pandas) sees what Excel and LibreOffice show. Each case below was found
/// by recalculating our files in LibreOffice (`Tests/Conformance/official_workbook_check.py`).
@Suite struct CachedFormulaValueTests {
    static func form(_ id: String) throws -> FormDefinition {
        try #require(RenderingTests.forms.first { $0.id == id })
    }

    /// `plan_total = plan_nstw + plan_nsdp` reads two columns that are formulas themselves and come after it: they
    /// were evaluated in column order, so the total was cached as 0 (and the disbursement rate over it as "").
    @Test func derivedColumnReadingLaterDerivedColumnsIsCachedWithTheirValues() throws {
        var content = FormSheetContent.template(
            try Self.form("tt10-kq-von"), authority: "UBND HUYỆN IA H'DRAI", unitName: "Huyện Ia H'Drai",
            unitCode: "618", period: "6 tháng đầu năm 2024")
        let leaf = try #require(content.rows.firstIndex { $0.code == "1.1" })
        content.rows[leaf].values = [
            "plan_nstw_dtpt": ["": .number(DecimalNumber(48844))], "plan_nstw_sn": ["": .number(DecimalNumber(5898))],
            "plan_nsdp_dtpt": ["": .number(DecimalNumber(100))], "plan_nsdp_sn": ["": .number(DecimalNumber(0))],
            "paid_nstw_dtpt": ["": .number(DecimalNumber(12211))],
        ]
        let (book, path) = try RenderingTests.render([content])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sheet = book.sheets[0]
        let code = try #require(sheet.rows.first { $0.cells.first?.value == .string("1.1") })
        let cells = Dictionary(uniqueKeysWithValues: code.cells.map { ($0.address.column, $0) })
        // C: plan_total, D: plan_nstw, G: plan_nsdp; Q: rate_total = paid_total / plan_total × 100.
        #expect(cells[2]?.formula == "D\(code.index + 1)+G\(code.index + 1)")
        #expect(cells[2]?.value == .number(54842))
        #expect(cells[3]?.value == .number(54742))
        #expect(cells[6]?.value == .number(100))
        #expect(cells[16]?.value == .number(12211.0 / 54842.0 * 100))
    }

    /// A rate was cached at the exact evaluation's 10 decimals of its division (`33.33333333`); a spreadsheet stores
    /// the double `100 / 300 * 100`.
    @Test func rateIsCachedAsTheSpreadsheetComputesIt() throws {
        var content = FormSheetContent.template(
            try Self.form("tt07-bc01"), authority: "UBND XÃ IA ĐAL", unitName: "Xã Ia Đal", unitCode: "23535",
            period: "Năm 2024")
        content.rows[0].values = [
            "households": ["": .number(DecimalNumber(300))], "poor": ["": .number(DecimalNumber(100))],
        ]
        let (book, path) = try RenderingTests.render([content])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rate = try #require(book.sheets[0][CellAddress("F11")!])
        #expect(rate.formula == "IF(C11=0,\"\",E11/C11*100)")
        #expect(rate.value == .number(100.0 / 300.0 * 100))
    }
}
