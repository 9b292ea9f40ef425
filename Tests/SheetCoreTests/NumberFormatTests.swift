import Testing

@testable import SheetCore

/// Format codes classified by what they show (ECMA-376 Part 1, §18.8.30 and §18.8.31).
@Suite("Number formats")
struct NumberFormatTests {
    static let classified: [(String, NumberFormat.Kind)] = [
        // General and empty
        ("General", .general),
        ("general", .general),
        ("", .general),
        ("[Red]General", .general),
        ("General;[Red]-General", .general),
        // Plain numbers
        ("0", .number),
        ("0.00", .number),
        ("#,##0", .number),
        ("#,##0.0 \"triệu đồng\"", .number),
        ("#,##0\" tháng\"", .number),
        ("#,##0\" hộ\"", .number),
        ("\"%\"0", .number),
        ("0.0\" %\"", .number),
        ("[Red]0.00", .number),
        ("[<100]0;[Blue]#,##0", .number),
        ("0;-0;;@", .number),
        ("\\d0", .number),
        ("_(* #,##0_)", .number),
        ("_-* #,##0\\ _₫_-;\\-* #,##0\\ _₫_-;_-* \"-\"??\\ _₫_-;_-@_-", .number),
        ("#,##0 [$₫-42A]", .number),
        ("[$€-2] #,##0.00", .number),
        ("0.00E+00", .number),
        ("##0.0e-0", .number),
        ("# ?/?", .number),
        (";;;", .number),
        ("*-0", .number),
        ("0_m", .number),
        // Percentages
        ("0%", .percent),
        ("0.00%", .percent),
        ("#,##0.0%;[Red]-#,##0.0%", .percent),
        // Text
        ("@", .text),
        ("\"Mã: \"@", .text),
        // Dates
        ("yyyy", .temporal(.date)),
        ("dd/mm/yyyy", .temporal(.date)),
        ("[$-42A]dd/mm/yyyy", .temporal(.date)),
        ("[$-F800]dddd, mmmm dd, yyyy", .temporal(.date)),
        ("mm-dd-yy", .temporal(.date)),
        ("MMM YYYY", .temporal(.date)),
        ("\"Tháng \"mm\" năm \"yyyy", .temporal(.date)),
        ("[DBNum1][$-804]yyyy\"年\"m\"月\"d\"日\"", .temporal(.date)),
        ("[$-411]ge.m.d", .temporal(.date)),
        ("[$-41E]d/m/bbbb", .temporal(.date)),
        ("d-mmm", .temporal(.date)),
        // Times
        ("mm:ss", .temporal(.time)),
        ("h:mm", .temporal(.time)),
        ("hh:mm:ss", .temporal(.time)),
        ("h:mm AM/PM", .temporal(.time)),
        ("h:mm a/p", .temporal(.time)),
        ("mmss.0", .temporal(.time)),
        ("h\" giờ \"mm\" phút\"", .temporal(.time)),
        ("[$-F400]h:mm:ss AM/PM", .temporal(.time)),
        // Dates with times
        ("m/d/yy h:mm", .temporal(.dateTime)),
        ("dd/mm/yyyy hh:mm:ss AM/PM", .temporal(.dateTime)),
        ("yyyy-mm-dd\"T\"hh:mm:ss", .temporal(.dateTime)),
        ("d/m/yyyy h:mm;@", .temporal(.dateTime)),
        // Elapsed time
        ("[h]:mm:ss", .temporal(.duration)),
        ("[hh]:mm", .temporal(.duration)),
        ("[mm]:ss", .temporal(.duration)),
        ("[ss].000", .temporal(.duration)),
        ("[H]:MM", .temporal(.duration)),
    ]

    @Test(arguments: classified)
    func codeIsClassifiedByItsFirstSection(code: String, kind: NumberFormat.Kind) {
        #expect(NumberFormat(id: 164, code: code).kind == kind)
        #expect(NumberFormat.kind(of: code) == kind)
    }

    @Test func monthAndMinuteAreToldApartByTheirNeighbours() {
        #expect(NumberFormat.kind(of: "m") == .temporal(.date))
        #expect(NumberFormat.kind(of: "h m") == .temporal(.time))
        #expect(NumberFormat.kind(of: "m s") == .temporal(.time))
        #expect(NumberFormat.kind(of: "m/d h") == .temporal(.dateTime))
        #expect(NumberFormat.kind(of: "[h] m") == .temporal(.duration))
    }

    static let builtins: [(Int, String, NumberFormat.Kind)] = [
        (0, "General", .general),
        (1, "0", .number),
        (2, "0.00", .number),
        (3, "#,##0", .number),
        (4, "#,##0.00", .number),
        (9, "0%", .percent),
        (10, "0.00%", .percent),
        (11, "0.00E+00", .number),
        (12, "# ?/?", .number),
        (13, "# ??/??", .number),
        (14, "mm-dd-yy", .temporal(.date)),
        (15, "d-mmm-yy", .temporal(.date)),
        (16, "d-mmm", .temporal(.date)),
        (17, "mmm-yy", .temporal(.date)),
        (18, "h:mm AM/PM", .temporal(.time)),
        (19, "h:mm:ss AM/PM", .temporal(.time)),
        (20, "h:mm", .temporal(.time)),
        (21, "h:mm:ss", .temporal(.time)),
        (22, "m/d/yy h:mm", .temporal(.dateTime)),
        (37, "#,##0 ;(#,##0)", .number),
        (38, "#,##0 ;[Red](#,##0)", .number),
        (39, "#,##0.00;(#,##0.00)", .number),
        (40, "#,##0.00;[Red](#,##0.00)", .number),
        (45, "mm:ss", .temporal(.time)),
        (46, "[h]:mm:ss", .temporal(.duration)),
        (47, "mmss.0", .temporal(.time)),
        (48, "##0.0E+0", .number),
        (49, "@", .text),
    ]

    @Test(arguments: builtins)
    func builtinFormatHasTheCodeOfTheStandard(id: Int, code: String, kind: NumberFormat.Kind) throws {
        let format = try #require(NumberFormat.builtin(id: id))
        #expect(format.id == id)
        #expect(format.code == code)
        #expect(format.kind == kind)
    }

    @Test(arguments: [5, 6, 7, 8, 41, 42, 43, 44])
    func currencyAndAccountingBuiltinsAreNumbers(id: Int) throws {
        let format = try #require(NumberFormat.builtin(id: id))
        #expect(format.kind == .number)
    }

    @Test(arguments: Array(27...36) + Array(50...58))
    func eastAsianBuiltinsAreDates(id: Int) throws {
        let format = try #require(NumberFormat.builtin(id: id))
        #expect(format.id == id)
        #expect(format.kind == .temporal(.date))
        #expect(format.isTemporal)
        #expect(format.temporalKind == .date)
    }

    @Test(arguments: [-1, 23, 24, 25, 26, 59, 163, 164, 1_000])
    func unknownBuiltinIdIsNil(id: Int) {
        #expect(NumberFormat.builtin(id: id) == nil)
    }

    @Test func generalIsBuiltinZero() {
        #expect(NumberFormat.general == NumberFormat.builtin(id: 0))
        #expect(NumberFormat.general.kind == .general)
        #expect(!NumberFormat.general.isTemporal)
        #expect(NumberFormat.general.temporalKind == nil)
    }

    @Test func stylesResolveBuiltinAndCustomFormats() {
        let styles = Styles(
            customNumberFormats: [164: NumberFormat(id: 164, code: "[$-42A]dd/mm/yyyy")],
            cellFormats: [
                CellFormat(numberFormatID: 14, fontIndex: 0), CellFormat(numberFormatID: 164, fontIndex: 0),
                CellFormat(numberFormatID: 25, fontIndex: 0),
            ])
        #expect(styles.numberFormat(forStyle: 0).temporalKind == .date)
        #expect(styles.numberFormat(forStyle: 1).temporalKind == .date)
        #expect(styles.numberFormat(forStyle: 2) == .general)
    }
}
