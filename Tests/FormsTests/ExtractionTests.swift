import SheetCore
import Testing

@testable import Forms

@Suite struct ExtractionTests {
    static let extractor = FormExtractor()

    static func extract(_ sheet: Worksheet, as definition: FormDefinition, locale: NumberLocale = .vi) -> FormInstance {
        FormExtractor(locale: locale).extract(
            sheet, as: definition, styles: TestSheets.styles, document: TestSheets.document)
    }

    static func rules(_ instance: FormInstance) -> [String] {
        instance.findings.map { "\($0.rule) \($0.location.cell ?? "-")" }
    }

    // MARK: Units

    @Test func unitsRowsAreReadByCodeWithProvenance() throws {
        let instance = Self.extract(TestSheets.bc01(), as: TestSheets.bc01Definition)
        #expect(instance.findings.isEmpty)
        #expect(instance.rows.map(\.code) == ["1", "1.1", "1.2", "1.3"])
        #expect(instance.rows.map(\.label) == ["Huyện Ia H'Drai", "Xã Ia Đal", "Xã Ia Dom", "Xã Ia Tơi"])
        #expect(instance.rows.map(\.sheetRow) == [9, 10, 11, 12])
        #expect(instance.columnPositions["poor_rate"] == 5)
        #expect(instance.columnPositions["middle_persons_rate"] == 15)

        let district = instance.rows[0]
        #expect(district.number("households") == 3782)
        #expect(district.number("persons") == 14_210)
        let rate = try #require(district.values["poor_rate"])
        #expect(rate.value == .number(DecimalNumber("7.93")!))
        #expect(rate.provenance?.cell.a1 == "F10")
        #expect(rate.provenance?.raw == "0.0793")
        #expect(rate.provenance?.sheet == "Biểu 01")
        #expect(rate.provenance?.document == TestSheets.document)
        #expect(rate.provenance?.reference == "Biểu 01!F10")

        #expect(instance.header["unit_name"]?.value == .text("Huyện Ia H'Drai"))
        #expect(instance.header["unit_name"]?.provenance?.raw == "Đơn vị báo cáo: Huyện Ia H'Drai")
        #expect(instance.unitCode == "618")
        #expect(instance.header["unit_code"]?.provenance?.cell.a1 == "C4")
        #expect(instance.period == "2024")
    }

    /// Rules read an extracted instance's values from its table; once the rows are changed they read the rows.
    @Test func rulesSeeRowsChangedAfterExtraction() throws {
        var instance = Self.extract(TestSheets.bc01(), as: TestSheets.bc01Definition)
        let column = try #require(TestSheets.bc01Definition.column("poor_rate"))
        let rule = try #require(RangeRule(form: TestSheets.bc01Definition, column: column))
        var findings: [Finding] = []
        rule.check(instance, into: &findings)
        #expect(findings.isEmpty)

        let provenance = try #require(instance.rows[1].values["poor_rate"]?.provenance)
        instance.rows[1].values["poor_rate"] = ExtractedValue(value: .number(120), provenance: provenance)
        rule.check(instance, into: &findings)
        #expect(findings.map(\.location.cell) == [provenance.cell.a1])
        #expect(instance.rows[1].values["poor_rate"]?.provenance == provenance)
        #expect(instance.rows[0].values["poor_rate"]?.value == .number(DecimalNumber("7.93")!))
    }

    /// The type and range rules pass over the columns that reading saw nothing wrong in, and still find what is
    /// wrong in the others: a negative count, a fraction in an integer column, a text where a number goes.
    @Test func typeAndRangeRulesFindWhatReadingSaw() throws {
        var rows = TestSheets.bc01Rows()
        rows[10][2] = -5  // households of 1.1
        rows[11][3] = 4_810.5  // persons of 1.2
        rows[12][4] = "chín mươi"  // poor of 1.3
        let form = TestSheets.bc01Definition
        let clean = Self.extract(TestSheets.sheet(rows: TestSheets.bc01Rows()), as: form)
        let instance = Self.extract(TestSheets.sheet(rows: rows), as: form)
        func findings(_ instance: FormInstance, _ key: String) throws -> [String] {
            let column = try #require(form.column(key))
            var findings: [Finding] = []
            try #require(TypeRule(form: form, column: column)).check(instance, into: &findings)
            try #require(RangeRule(form: form, column: column)).check(instance, into: &findings)
            return findings.map { "\($0.rule) \($0.location.cell ?? "-")" }
        }
        func cell(_ row: Int, _ key: String) -> String { instance.rows[row].values[key]?.provenance?.cell.a1 ?? "?" }
        for key in ["households", "persons", "poor"] { #expect(try findings(clean, key).isEmpty, "\(key)") }
        #expect(try findings(instance, "households") == ["\(form.id)/range/households \(cell(1, "households"))"])
        #expect(try findings(instance, "persons") == ["\(form.id)/type/persons \(cell(2, "persons"))"])
        // Reading reported the text already: the type rule does not report it again.
        #expect(try findings(instance, "poor").isEmpty)
        #expect(Self.rules(instance).contains("read/not-a-number \(cell(3, "poor"))"))
    }

    /// On a sheet as read, a rate typed over where the column's other cells hold formulas is still found, and a
    /// column of formulas only, or of typed numbers only, gives nothing.
    @Test(arguments: [[true, true, true, true], [false, false, false, false], [true, true, false, true]])
    func typedOverFormulaOnASheetAsRead(_ formulas: [Bool]) throws {
        var rows = TestSheets.bc01Rows()
        for (offset, isFormula) in formulas.enumerated() {
            rows[9 + offset][5] = isFormula ? .formula("E\(10 + offset)/C\(10 + offset)*100", 8) : 8
        }
        let form = TestSheets.bc01Definition
        let instance = Self.extract(TestSheets.sheet(rows: rows), as: form)
        var findings: [Finding] = []
        TypedOverFormulaRule(form: form).check(instance, into: &findings)
        let typed = formulas.indices.filter { !formulas[$0] && formulas.contains(true) }
        #expect(
            findings.map(\.location.cell)
                == typed.map { instance.rows[$0].values["poor_rate"]?.provenance?.cell.a1 })
    }

    @Test func blockRowsAreToldApartByTheirLabelWithTheCodeOnTheFirst() throws {
        let instance = Self.extract(TestSheets.sheet(rows: TestSheets.bc02Rows()), as: TestSheets.bc02Definition)
        #expect(instance.findings.isEmpty, "\(Self.rules(instance))")
        #expect(instance.rows.map(\.code) == ["1", "1", "1.1", "1.1", "1.2", "1.2"])
        #expect(
            instance.rows.map(\.block) == ["households", "persons", "households", "persons", "households", "persons"])
        #expect(instance.rows.map { $0.number("end") } == [270, 1235, 95, 430, 175, 805])
        #expect(instance.rows[1].label == "Huyện Ia H'Drai")
        let end = try #require(instance.rows[0].values["end"]?.provenance)
        #expect(end.formula == "D5-E5+F5")
        #expect(end.raw == "270")
        #expect(end.cell.a1 == "G5")
    }

    @Test func aUnitWithoutItsSecondBlockRowIsAnError() {
        let instance = Self.extract(
            TestSheets.sheet(rows: TestSheets.bc02Rows(dropPersonsOf: "1.1")), as: TestSheets.bc02Definition)
        #expect(Self.rules(instance) == ["structure/missing-block-row A7"])
        #expect(instance.rows.map(\.code) == ["1", "1", "1.1", "1.2", "1.2"])
    }

    @Test func aUnitsTableWithoutRowsIsAnError() {
        let rows = Array(TestSheets.bc01Rows().prefix(9))
        let instance = Self.extract(TestSheets.sheet(rows: rows), as: TestSheets.bc01Definition)
        #expect(Self.rules(instance) == ["structure/no-data-rows -"])
        #expect(instance.findings.first?.severity == .error)
    }

    @Test func requiredHeadingValuesMissingAreErrors() {
        var rows = TestSheets.bc01Rows()
        rows.remove(at: 3)  // Mã ĐVHC
        let instance = Self.extract(TestSheets.sheet(rows: rows), as: TestSheets.bc01Definition)
        #expect(Self.rules(instance) == ["structure/missing-header-field -"])
        #expect(instance.findings.first?.message.vi.contains("Mã ĐVHC") == true)
        #expect(instance.rows.count == 4)
    }

    @Test func aRequiredColumnNotFoundIsAnErrorNamingItsNumber() throws {
        var definition = TestSheets.bc01Definition
        definition.columns[4].required = true  // poor, column 3
        var rows = TestSheets.bc01Rows()
        rows[7][4] = "Hộ nghèo (số)"  // label no longer "Số hộ nghèo"
        rows[8][4] = "3a"  // numbering no longer 3
        let instance = Self.extract(TestSheets.sheet(rows: rows), as: definition)
        let finding = try #require(instance.findings.first)
        #expect(Self.rules(instance) == ["structure/missing-column -"])
        #expect(finding.severity == .error)
        #expect(finding.message.vi.contains("cột 3 \"Số hộ nghèo\""))
        #expect(finding.message.en.contains("Column 3"))
        #expect(instance.rows[0].values["poor"] == ExtractedValue(value: .missing, provenance: nil))
        #expect(instance.rows[0].number("near_poor") == 285)
    }

    @Test func columnsAreFoundByLabelWhenNoRowNumbersThem() {
        var rows = TestSheets.bc01Rows()
        rows.remove(at: 8)  // the numbering row
        let merged = TestSheets.bc01Merged.map { range -> String in
            let parts = range.split(separator: ":").map { CellAddress($0)! }
            return CellRange(
                CellAddress(row: parts[0].row + 1, column: parts[0].column),
                CellAddress(row: parts[1].row + 1, column: parts[1].column)
            ).a1
        }
        let instance = Self.extract(TestSheets.sheet(rows: rows, merged: merged), as: TestSheets.bc01Definition)
        #expect(Self.rules(instance) == ["structure/no-numbering-row -"])
        #expect(instance.findings.first?.severity == .info)
        #expect(instance.columnPositions["households"] == 2)
        #expect(instance.columnPositions["poor_rate"] == 5)
        #expect(instance.columnPositions["near_poor_rate"] == 7)
        #expect(instance.columnPositions["middle_persons_rate"] == 15)
        #expect(instance.rows.map(\.code) == ["1", "1.1", "1.2", "1.3"])
        #expect(instance.unitCode == "618")
    }

    // MARK: Lines

    @Test func linesAreReadByCodeWithTextNumbersUnderTheLocale() throws {
        let instance = Self.extract(TestSheets.sheet(rows: TestSheets.fundsRows()), as: TestSheets.fundsDefinition)
        #expect(instance.rows.map(\.line) == ["total", "da1", "da1_tda1", "da1_tda2", "da2"])
        let byLine = Dictionary(uniqueKeysWithValues: instance.rows.map { ($0.line!, $0) })
        #expect(byLine["total"]?.number("plan") == DecimalNumber("10497.7"))
        #expect(byLine["total"]?.number("rate") == DecimalNumber("6.9"))  // "6,90%" in a percent column
        #expect(byLine["da1"]?.number("rate") == DecimalNumber("6.67"))
        #expect(byLine["da1_tda1"]?.number("paid") == DecimalNumber("1234.5"))
        #expect(byLine["da1_tda1"]?.values["paid"]?.provenance?.raw == "1.234,5")
        #expect(byLine["da1_tda2"]?.values["paid"]?.value == .missing)  // "-" is a sentinel
        #expect(byLine["da1_tda2"]?.values["paid"]?.provenance?.raw == "-")
        #expect(byLine["da1_tda2"]?.values["rate"]?.value == .missing)
        #expect(byLine["da2"]?.number("plan") == DecimalNumber("1497.7"))
        #expect(byLine["da2"]?.values["paid"]?.value == .invalid)
        #expect(Self.rules(instance) == ["read/other-locale-number D10"])
        #expect(instance.findings.first?.message.vi.contains("124,3") == true)
        #expect(instance.unitCode == "618")
    }

    @Test func anInsertedLineIsAWarningAndShiftsNothing() {
        let plain = Self.extract(TestSheets.sheet(rows: TestSheets.fundsRows()), as: TestSheets.fundsDefinition)
        let instance = Self.extract(
            TestSheets.sheet(rows: TestSheets.fundsRows(insertAfter: 8)), as: TestSheets.fundsDefinition)
        #expect(Self.rules(instance) == ["structure/unexpected-row A9", "read/other-locale-number D11"])
        #expect(instance.findings.first?.severity == .warning)
        #expect(instance.rows.map(\.line) == plain.rows.map(\.line))
        for (a, b) in zip(instance.rows, plain.rows) {
            #expect(a.values.dictionary.mapValues(\.value) == b.values.dictionary.mapValues(\.value))
        }
    }

    @Test func aMissingLineIsAnError() {
        let instance = Self.extract(
            TestSheets.sheet(rows: TestSheets.fundsRows(drop: "1.2")), as: TestSheets.fundsDefinition)
        #expect(
            Self.rules(instance) == ["read/other-locale-number D9", "structure/missing-line -"].sorted().reversed())
        #expect(instance.rows.map(\.line) == ["total", "da1", "da1_tda1", "da2"])
        #expect(instance.findings.contains { $0.rule == "structure/missing-line" && $0.severity == .error })
    }

    // MARK: Records

    @Test func recordsAreEveryNonBlankRowUnderTheHeaderUntilTheSignature() throws {
        let instance = Self.extract(
            TestSheets.sheet("DS", rows: TestSheets.listRows(), merged: TestSheets.listMerged),
            as: TestSheets.listDefinition)
        #expect(instance.rows.count == 3)
        #expect(instance.unitCode == "23535")
        #expect(instance.period == "2024")
        #expect(instance.header["period"]?.provenance?.cell.a1 == "E2")

        let first = instance.rows[0]
        #expect(first.values["household_code"]?.value == .text("007"))
        #expect(first.values["head_name"]?.value == .text("Rơ Châm Hyun"))
        #expect(first.number("income") == 1_200_000)
        #expect(first.values["d1"]?.value == .boolean(true))  // x
        #expect(first.values["d2"]?.value == .boolean(false))  // 0
        let reviewed = try #require(first.values["reviewed"]?.value)
        guard case .date(let date) = reviewed else {
            Issue.record("not a date: \(reviewed)")
            return
        }
        #expect(date.iso8601 == "2024-10-15")

        let second = instance.rows[1]
        #expect(second.values["household_code"]?.value == .text("62618235350002"))
        #expect(second.number("income") == 1_450_000)
        #expect(second.values["d2"]?.value == .boolean(false))  // không

        let third = instance.rows[2]
        #expect(third.sheetRow == 7)
        #expect(third.values["members"]?.value == .invalid)
        #expect(third.number("income") == 1234)  // ambiguous: the declared reading
        #expect(third.values["d2"]?.value == .boolean(false))  // blank
        #expect(
            Self.rules(instance) == ["read/not-a-number D8", "read/ambiguous-number E8", "read/not-a-date H8"])
        let ambiguous = instance.findings[1]
        #expect(ambiguous.severity == .warning)
        #expect(ambiguous.message.vi.contains("1.234") && ambiguous.message.vi.contains("1,234"))
    }

    @Test func aListWhoseHeaderLabelsAreNowhereIsAnError() {
        let rows: [[TestCell]] = [["DANH SÁCH CHI TIẾT HỘ NGHÈO"], ["STT", "Tên"], [1, "A"]]
        let instance = Self.extract(TestSheets.sheet(rows: rows), as: TestSheets.listDefinition)
        #expect(instance.rows.isEmpty)
        #expect(instance.findings.map(\.rule).contains("structure/no-header-row"))
    }
}

@Suite struct ExtractionValueTests {
    static func read(
        _ cell: CellValue, type: ValueType, style: Int = 0, missing: [String] = [], locale: NumberLocale = .vi
    ) -> (FieldValue, [String]) {
        var reader = CellReader(
            locale: locale, dateSystem: .from1900, styles: TestSheets.styles, document: TestSheets.document,
            sheet: "S")
        let address = CellAddress(row: 4, column: 2)
        let column = CellReader.Column(
            ColumnDefinition(key: "k", number: "1", label: LocalizedText(vi: "Cột"), type: type, missing: missing))
        let value = reader.read(Cell(address: address, value: cell, styleIndex: style), at: address, column: column)
        #expect(value.provenance?.cell == address)
        return (value.value, reader.findings.map(\.rule))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var cell: CellValue
        var type: ValueType
        var style = 0
        var missing: [String] = []
        var locale = NumberLocale.vi
        var expected: FieldValue
        var findings: [String] = []
        var testDescription: String { "\(cell) as \(type) (\(locale))" }
    }

    static func number(_ text: String) -> FieldValue { .number(DecimalNumber(text)!) }

    static let cases: [Case] = [
        Case(cell: .number(49.7), type: .money, expected: number("49.7")),
        Case(cell: .number(0.1), type: .decimal, expected: number("0.1")),
        Case(cell: .number(0.0793), type: .percent, style: 1, expected: number("7.93")),
        Case(cell: .number(0.0793), type: .percent, expected: number("0.0793")),  // no % format: as stored
        Case(cell: .number(0.5), type: .decimal, style: 1, expected: number("0.5")),  // % format, not a % column
        Case(cell: .string("1.234"), type: .integer, expected: number("1234"), findings: ["read/ambiguous-number"]),
        Case(
            cell: .string("1.234"), type: .decimal, locale: .en, expected: number("1.234"),
            findings: ["read/ambiguous-number"]),
        Case(cell: .string("1.234.567"), type: .integer, expected: number("1234567")),
        Case(cell: .string(" 49,7 "), type: .money, expected: number("49.7")),
        Case(cell: .string("7,93 %"), type: .percent, expected: number("7.93")),
        Case(cell: .string("7,93%"), type: .decimal, expected: number("0.0793")),
        Case(cell: .string("(1.234)"), type: .money, expected: number("-1234"), findings: ["read/ambiguous-number"]),
        Case(cell: .string("12.5"), type: .decimal, expected: .invalid, findings: ["read/other-locale-number"]),
        Case(cell: .string("mười"), type: .integer, expected: .invalid, findings: ["read/not-a-number"]),
        Case(cell: .string("-"), type: .integer, missing: ["-"], expected: .missing),
        Case(cell: .string("X"), type: .integer, missing: ["x"], expected: .missing),
        Case(cell: .number(0), type: .percent, missing: ["0"], expected: .missing),
        Case(cell: .string("  "), type: .integer, expected: .missing),
        Case(cell: .empty, type: .money, expected: .missing),
        Case(cell: .error(.divisionByZero), type: .percent, expected: .invalid, findings: ["read/cell-error"]),
        Case(cell: .boolean(true), type: .integer, expected: .invalid, findings: ["read/not-a-number"]),
        Case(cell: .string("007"), type: .code, expected: .text("007")),
        Case(cell: .number(23535), type: .code, expected: .text("23535")),
        Case(cell: .number(1.1), type: .code, expected: .text("1.1")),
        Case(cell: .string("Ia Đa\u{0300}l"), type: .text, expected: .text("Ia Đàl")),  // NFC
        Case(cell: .string("x"), type: .boolean, expected: .boolean(true)),
        Case(cell: .string("Có"), type: .boolean, expected: .boolean(true)),
        Case(cell: .string("KHÔNG"), type: .boolean, expected: .boolean(false)),
        Case(cell: .number(1), type: .boolean, expected: .boolean(true)),
        Case(cell: .number(0), type: .boolean, expected: .boolean(false)),
        Case(cell: .empty, type: .boolean, expected: .boolean(false)),
        Case(cell: .number(2), type: .boolean, expected: .invalid, findings: ["read/not-a-flag"]),
        Case(cell: .string("có lẽ"), type: .boolean, expected: .invalid, findings: ["read/not-a-flag"]),
        Case(
            cell: .string("15/01/2025"), type: .date,
            expected: .date(ExcelDateTime(serial: 45672, system: .from1900, kind: .date))),
        Case(
            cell: .string("2025-01-15"), type: .date,
            expected: .date(ExcelDateTime(serial: 45672, system: .from1900, kind: .date))),
        Case(cell: .string("31/02/2025"), type: .date, expected: .invalid, findings: ["read/not-a-date"]),
        Case(
            cell: .number(45672), type: .date,
            expected: .date(ExcelDateTime(serial: 45672, system: .from1900, kind: .date))),
    ]

    @Test(arguments: cases)
    func cellIsReadByColumnType(_ test: Case) {
        let (value, findings) = Self.read(
            test.cell, type: test.type, style: test.style, missing: test.missing, locale: test.locale)
        #expect(value == test.expected)
        #expect(findings == test.findings)
    }

    /// The shortcut a table takes for plain cells gives what the whole reading gives, and takes it only where the
    /// whole reading finds nothing: every cell of the cases above, and texts at the edges of the shortcut, read in
    /// a column of every type, with and without missing-value texts.
    @Test func plainCellsReadAsTheWholeReadingReadsThem() {
        let cells =
            Self.cases.map(\.cell) + [
                .string("Hà Nội"), .string("Vie\u{0323}\u{0302}t"), .string(" 12"), .string("12\u{A0}"), .string(""),
                .string("-"), .number(1e300), .number(-0.5), .number(.nan), .empty,
            ]
        for type in [ValueType.integer, .decimal, .money, .percent, .code, .text, .boolean, .date] {
            for missing in [[], ["-"]] {
                let column = CellReader.Column(
                    ColumnDefinition(key: "k", label: LocalizedText(vi: "k"), type: type, missing: missing))
                for cell in cells {
                    guard let plain = CellReader.plainValue(cell, column.plain) else { continue }
                    let (value, findings) = Self.read(cell, type: type, missing: missing)
                    #expect(plain == value, "\(cell) as \(type)")
                    #expect(findings.isEmpty, "\(cell) as \(type)")
                }
            }
        }
    }

    @Test func numberCellsKeepTheirShortestTextAsRaw() {
        var reader = CellReader(
            locale: .vi, dateSystem: .from1900, styles: TestSheets.styles, document: TestSheets.document, sheet: "S")
        let address = CellAddress(row: 0, column: 0)
        let column = CellReader.Column(ColumnDefinition(key: "k", label: LocalizedText(vi: "k"), type: .money))
        let value = reader.read(
            Cell(address: address, value: .number(0.1 + 0.2), formula: "A2+A3"), at: address, column: column)
        #expect(value.provenance?.raw == "0.30000000000000004")
        #expect(value.provenance?.formula == "A2+A3")
        #expect(value.value == .number(DecimalNumber("0.30000000000000004")!))
    }

    @Test(
        arguments: [
            ("(1)", "1"), (" 4 = 3/1 x 100", "4"), ("(4)=(3)/(1)x100", "4"), ("a", "A"), ("B", "B"), ("Cột 2", "2"),
            ("10=9/2x100", "10"), ("4=3/1x100\u{A0}", "4"), ("Số hộ", nil), ("", nil),
        ] as [(String, String?)])
    func numberingTokens(_ text: String, _ token: String?) {
        #expect(TableLocator.numberingToken(text) == token)
    }
}

@Suite struct VietnameseNumberTests {
    @Test(
        arguments: [
            ("1234.5", nil, "1.234,5"), ("-0.05", nil, "-0,05"), ("7.9", 2, "7,90"), ("7.935", 2, "7,94"),
            ("1500000", nil, "1.500.000"), ("49.70", nil, "49,7"), ("0", 2, "0,00"), ("123", nil, "123"),
            ("-1234567.891", 1, "-1.234.567,9"), ("1000", 0, "1.000"),
        ] as [(String, Int?, String)])
    func formatsTheVietnameseWay(_ value: String, _ decimals: Int?, _ expected: String) {
        #expect(VietnameseNumber.format(DecimalNumber(value)!, decimals: decimals) == expected)
    }

    @Test func formatsIntegers() {
        #expect(VietnameseNumber.format(-1_234) == "-1.234")
        #expect(VietnameseNumber.format(0) == "0")
    }
}
