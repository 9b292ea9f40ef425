import Forms
import SheetCore
import Testing

@Suite("Validation rules")
struct ValidationRuleTests {
    typealias F = ValidationFixtures

    struct RateCase: Sendable, CustomTestStringConvertible {
        var households: String
        var poor: String
        var rate: String
        var expected: Expected
        var testDescription: String { "\(poor)/\(households) shown as \(rate.isEmpty ? "blank" : rate)" }
    }

    // Rows start at sheet row 9; poor_rate is column D.
    @Test(arguments: [
        RateCase(households: "3783", poor: "300", rate: "7.93", expected: .none),
        RateCase(households: "3783", poor: "300", rate: "=7.930214116", expected: .none),
        RateCase(households: "8", poor: "1", rate: "12.5", expected: .none),  // exact value, shown fully
        RateCase(households: "285", poor: "223", rate: "78.24", expected: .info("D9")),  // 78,2456 truncated
        RateCase(households: "3783", poor: "300", rate: "7.92", expected: .error("D9")),  // 0,0102 from 7,9302
        RateCase(households: "3783", poor: "300", rate: "7.9", expected: .error("D9")),
        RateCase(households: "3783", poor: "301", rate: "7.93", expected: .error("D9")),
        RateCase(households: "0", poor: "0", rate: "", expected: .none),
        RateCase(households: "0", poor: "0", rate: "0", expected: .warning("D9")),
        RateCase(households: "0", poor: "3", rate: "100", expected: .error("D9")),
        RateCase(households: "0", poor: "0", rate: "?#DIV/0!", expected: .error("D9")),
        RateCase(households: "100", poor: "7", rate: "", expected: .error("D9")),
        RateCase(households: "100", poor: "0", rate: "", expected: .none),
        RateCase(households: "", poor: "", rate: "", expected: .none),
    ])
    func derivedColumnsAreRecomputedWithDisplayTolerance(_ test: RateCase) throws {
        let form = F.report1()
        let rule = try #require(DerivedColumnRule(form: form, column: form.column("poor_rate")!))
        let sheet = F.instance(
            form, [F.row("1", ["households": test.households, "poor": test.poor, "poor_rate": test.rate])])
        let findings = F.run(rule, sheet)
        #expect(Expected(findings) == test.expected, "\(findings.map(\.message.en))")
        #expect(findings.allSatisfy { $0.rule == "bc01/formula/poor_rate" })
    }

    @Test(arguments: [("117", Expected.none), ("116", .error("C9")), ("118", .error("C9"))])
    func derivedCountsMustBeExact(written: String, expected: Expected) throws {
        let form = FormDefinition(
            id: "bc02", version: "1", formNumber: "", title: LocalizedText(vi: "T"), basis: "", kind: .units,
            fingerprint: Fingerprint(title: [], labels: []), table: TableLayout(codeColumn: "code"),
            columns: [
                F.column("code", "A", type: .code), F.column("start", "1"),
                F.column("end", "9", formula: "start - 3 + 20"),
            ])
        let rule = try #require(DerivedColumnRule(form: form, column: form.column("end")!))
        let findings = F.run(rule, F.instance(form, [F.row("1", ["start": "100", "end": written])]))
        #expect(Expected(findings) == expected)
    }

    struct RangeCase: Sendable, CustomTestStringConvertible {
        var column: String
        var value: String
        var expected: Expected
        var testDescription: String { "\(column) = \(value)" }
    }

    @Test(arguments: [
        RangeCase(column: "poor_rate", value: "100", expected: .none),
        RangeCase(column: "poor_rate", value: "100.01", expected: .error("D9")),
        RangeCase(column: "poor_rate", value: "-0.5", expected: .error("D9")),
        RangeCase(column: "households", value: "-1", expected: .error("B9")),
        RangeCase(column: "households", value: "0", expected: .none),
        RangeCase(column: "funds", value: "-0.1", expected: .error("E9")),
    ])
    func rangesHoldPercentsAtMostAHundredAndCountsAtLeastZero(_ test: RangeCase) throws {
        let form = F.report1()
        let rule = try #require(RangeRule(form: form, column: form.column(test.column)!))
        let findings = F.run(rule, F.instance(form, [F.row("1", [test.column: test.value])]))
        #expect(Expected(findings) == test.expected)
        #expect(findings.allSatisfy { $0.rule == "bc01/range/\(test.column)" })
    }

    struct TypeCase: Sendable, CustomTestStringConvertible {
        var value: String
        var alreadyReported: Bool
        var expected: Expected
        var testDescription: String { "households = \(value)\(alreadyReported ? " (reported by reading)" : "")" }
    }

    @Test(arguments: [
        TypeCase(value: "12", alreadyReported: false, expected: .none),
        TypeCase(value: "12.5", alreadyReported: false, expected: .error("B9")),
        TypeCase(value: "?mười hai", alreadyReported: false, expected: .error("B9")),
        TypeCase(value: "?mười hai", alreadyReported: true, expected: .none),
    ])
    func integersAreWholeAndUnreadableCellsAreReportedOnce(_ test: TypeCase) throws {
        let form = F.report1()
        let rule = try #require(TypeRule(form: form, column: form.column("households")!))
        let earlier = Finding(
            rule: "read/not-a-number", severity: .error,
            location: FindingLocation(file: "xa.xlsx", sheet: "Biểu 01", cell: "B9"), message: LocalizedText(vi: "x"))
        let sheet = F.instance(
            form, [F.row("1", ["households": test.value])], findings: test.alreadyReported ? [earlier] : [])
        #expect(Expected(F.run(rule, sheet)) == test.expected)
    }

    struct TotalCase: Sendable, CustomTestStringConvertible {
        var column: String
        var total: String
        var parts: [String]
        var expected: Expected
        var testDescription: String { "\(column): \(total) = Σ \(parts)" }
    }

    @Test(arguments: [
        TotalCase(column: "households", total: "30", parts: ["10", "20"], expected: .none),
        TotalCase(column: "households", total: "31", parts: ["10", "20"], expected: .error("B9")),
        TotalCase(column: "households", total: "30", parts: ["10", "20", ""], expected: .none),
        TotalCase(column: "households", total: "", parts: ["10", "20"], expected: .error("B9")),
        TotalCase(column: "households", total: "", parts: ["", ""], expected: .none),
        // money, one decimal, 3 parts: ±0,15 is a rounding difference
        TotalCase(column: "funds", total: "49.7", parts: ["10.0", "20.0", "19.7"], expected: .none),
        TotalCase(column: "funds", total: "49.8", parts: ["10.0", "20.0", "19.7"], expected: .info("E9")),
        TotalCase(column: "funds", total: "49.9", parts: ["10.0", "20.0", "19.7"], expected: .error("E9")),
        // rates are recomputed, never summed
        TotalCase(column: "poor_rate", total: "50", parts: ["10", "10"], expected: .none),
    ])
    func unitTotalsAddUpWithUnitAwareTolerance(_ test: TotalCase) {
        let form = F.report1()
        let rule = TotalsRule(form: form, rule: form.rules[0])
        var rows = [F.row("1", [test.column: test.total])]
        for (index, part) in test.parts.enumerated() { rows.append(F.row("1.\(index + 1)", [test.column: part])) }
        let findings = F.run(rule, F.instance(form, rows))
        #expect(Expected(findings) == test.expected, "\(findings.map(\.message.vi))")
        #expect(findings.allSatisfy { $0.rule == "bc01/totals" })
    }

    @Test func unitTotalsAreCheckedPerBlockRowAndPerLevel() {
        let form = FormDefinition(
            id: "bc02", version: "1", formNumber: "", title: LocalizedText(vi: "T"), basis: "", kind: .units,
            fingerprint: Fingerprint(title: [], labels: []),
            table: TableLayout(
                codeColumn: "code",
                block: [BlockRow(key: "households", label: "Hộ"), BlockRow(key: "persons", label: "Nhân khẩu")],
                blockColumn: "group"),
            columns: [F.column("code", "A", type: .code), F.column("start", "1")],
            rules: [RuleDefinition(id: "totals", kind: .totals)])
        let sheet = F.instance(
            form,
            [
                F.row("1", ["start": "30"], block: "households"), F.row(nil, ["start": "100"], block: "persons"),
                F.row("1.1", ["start": "10"], block: "households"), F.row(nil, ["start": "40"], block: "persons"),
                F.row("1.2", ["start": "20"], block: "households"), F.row(nil, ["start": "61"], block: "persons"),
            ])
        let findings = F.run(TotalsRule(form: form, rule: form.rules[0]), sheet)
        #expect(findings.map(\.location.cell) == ["B10"])
        #expect(findings.first?.expected == .number(101))
    }

    struct LineCase: Sendable, CustomTestStringConvertible {
        var total: String
        var expected: Expected
        var testDescription: String { "I = \(total)" }
    }

    @Test(arguments: [
        LineCase(total: "56770", expected: .none),
        LineCase(total: "56771", expected: .info("B9")),  // 3 money parts at 0 decimals: ±1,5
        LineCase(total: "56775", expected: .error("B9")),
    ])
    func linesAddUpTheirSumOf(_ test: LineCase) {
        let form = FormDefinition(
            id: "von", version: "1", formNumber: "", title: LocalizedText(vi: "T"), basis: "", kind: .lines,
            fingerprint: Fingerprint(title: [], labels: []), table: TableLayout(codeColumn: "code"),
            columns: [F.column("code", "A", type: .code), F.column("total", "1", type: .money)],
            lines: [
                LineDefinition(code: "I", key: "all", label: LocalizedText(vi: "Tổng"), sumOf: ["da1", "da2", "da3"]),
                LineDefinition(code: "1", key: "da1", label: LocalizedText(vi: "DA1")),
                LineDefinition(code: "2", key: "da2", label: LocalizedText(vi: "DA2")),
                LineDefinition(code: "3", key: "da3", label: LocalizedText(vi: "DA3")),
            ],
            rules: [RuleDefinition(id: "totals", kind: .totals)])
        let sheet = F.instance(
            form,
            [
                F.row("I", ["total": test.total], line: "all"), F.row("1", ["total": "46447"], line: "da1"),
                F.row("2", ["total": "4008"], line: "da2"), F.row("3", ["total": "6315"], line: "da3"),
            ])
        #expect(Expected(F.run(TotalsRule(form: form, rule: form.rules[0]), sheet)) == test.expected)
    }

    struct CheckCase: Sendable, CustomTestStringConvertible {
        var check: String
        var severity: Severity
        var expected: Expected
        var testDescription: String { check }
    }

    @Test(arguments: [
        CheckCase(check: "poor <= households", severity: .error, expected: .none),
        CheckCase(check: "poor > households", severity: .error, expected: .error("C9")),
        CheckCase(check: "households = poor * 10", severity: .warning, expected: .warning("B9")),
        CheckCase(check: "poor + funds >= households", severity: .info, expected: .info("C9")),
    ])
    func checksHoldOnEveryRow(_ test: CheckCase) throws {
        let declared = RuleDefinition(
            id: "check", kind: .check(try Comparison.parse(test.check)), severity: test.severity)
        let form = F.report1(rules: [declared])
        let rule = try #require(CheckRule(form: form, rule: declared))
        let findings = F.run(rule, F.instance(form, [F.row("1", ["households": "100", "poor": "7"])]))
        #expect(Expected(findings) == test.expected)
        #expect(findings.allSatisfy { $0.rule == "bc01/check" })
    }

    @Test(arguments: [
        (["A1", "A2", "A3"], [String]()),
        (["A1", "A2", "A1", "A1"], ["B11", "B12"]),
        (["A1", "", ""], []),
    ])
    func uniqueFieldsReportEveryRepeatNamingTheFirst(codes: [String], cells: [String]) throws {
        let declared = RuleDefinition(id: "unique-code", kind: .unique(field: "household_code"))
        let form = FormDefinition(
            id: "ds", version: "1", formNumber: "", title: LocalizedText(vi: "T"), basis: "", kind: .records,
            fingerprint: Fingerprint(title: [], labels: []), table: TableLayout(),
            columns: [F.column("seq", "1"), F.column("household_code", "2", type: .code)], rules: [declared])
        let rule = try #require(UniqueRule(form: form, rule: declared))
        let findings = F.run(
            rule, F.instance(form, codes.map { F.row(nil, ["household_code": $0.isEmpty ? "" : "t:\($0)"]) }))
        #expect(findings.map(\.location.cell) == cells)
        #expect(findings.allSatisfy { $0.related.first?.cell == "B9" })
    }

    @Test(arguments: [
        (["unit_code": "23535"], [String]()),
        ([:], ["bc01/required/unit_code"]),
        (["unit_code": ""], ["bc01/required/unit_code"]),
    ])
    func requiredHeaderValuesMustBePresent(header: [String: String], rules: [String]) throws {
        let form = F.report1()
        let rule = try #require(RequiredRule(form: form))
        var sheet = F.instance(form, [F.row("1", ["households": "1"])], header: header)
        if header["unit_code"] == "" { sheet.header["unit_code"]?.value = .missing }
        #expect(F.run(rule, sheet).map(\.rule) == rules)
    }

    struct TypedCase: Sendable, CustomTestStringConvertible {
        var cells: [String]
        var expected: Expected
        var testDescription: String { cells.joined(separator: " | ") }
    }

    // Three rows' poor_rate cells (D9, D10, D11); a leading "=" marks a formula.
    @Test(arguments: [
        TypedCase(cells: ["=10", "=10", "=10"], expected: .none),
        TypedCase(cells: ["10", "10", "10"], expected: .none),
        TypedCase(cells: ["=10", "10", "=10"], expected: .warning("D10")),
        TypedCase(cells: ["=10", "", "=10"], expected: .none),
    ])
    func aTypedNumberWhereTheOtherCellsHoldFormulasIsAWarning(_ test: TypedCase) {
        let form = F.report1()
        let rows = test.cells.enumerated().map {
            F.row("1.\($0.offset + 1)", ["households": "10", "poor": "1", "poor_rate": $0.element])
        }
        let findings = F.run(TypedOverFormulaRule(form: form), F.instance(form, rows))
        #expect(Expected(findings) == test.expected)
        #expect(findings.allSatisfy { $0.rule == "bc01/typed-over-formula" })
    }

    @Test func aTotalTypedOverItsFormulaIsAWarning() {
        let form = F.report1()
        let rows = [
            F.row("1", ["households": "30"]), F.row("1.1", ["households": "10"]), F.row("1.2", ["households": "20"]),
            F.row("2", ["households": "=5"]), F.row("2.1", ["households": "5"]),
        ]
        let findings = F.run(TypedOverFormulaRule(form: form), F.instance(form, rows))
        #expect(findings.map(\.location.cell) == ["B9"])
    }
}
