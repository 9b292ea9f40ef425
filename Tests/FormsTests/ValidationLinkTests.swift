import Forms
import Foundation
import SheetCore
import Testing

@Suite("Validation: cross-form links")
struct ValidationLinkTests {
    typealias F = ValidationFixtures

    static let report1 = F.report1()
    static let list = FormDefinition(
        id: "ds", version: "1", formNumber: "", title: LocalizedText(vi: "T"), basis: "", kind: .records,
        fingerprint: Fingerprint(title: [], labels: []), table: TableLayout(),
        columns: [F.column("household_code", "1", type: .code), F.column("members", "2")])

    static let links = [
        LinkDefinition(
            id: "poor-list", left: ValueReference(form: "bc01", field: "poor"),
            right: ValueReference(form: "ds", field: nil, aggregate: .count)),
        LinkDefinition(
            id: "persons-list", left: ValueReference(form: "bc01", field: "households"),
            right: ValueReference(form: "ds", field: "members", aggregate: .sum), severity: .warning),
        LinkDefinition(
            id: "start-previous-end", left: ValueReference(form: "bc01", field: "poor"),
            right: ValueReference(form: "bc01", field: "households"), previousPeriod: true),
    ]

    static func list(unit: String, codes: Int, file: String = "ds.xlsx") -> FormInstance {
        F.instance(
            ValidationLinkTests.list, (0..<codes).map { F.row(nil, ["household_code": "t:H\($0)", "members": "4"]) },
            header: ["unit_code": unit, "period": "2024"], document: SourceDocument(path: file, sha256: "11"),
            sheet: "DS")
    }

    static func report(
        unit: String, poor: String, households: String = "8", period: String = "2024", file: String = "bc01.xlsx"
    )
        -> FormInstance
    {
        F.instance(
            report1, [F.row("1", ["households": households, "poor": poor])],
            header: ["unit_code": unit, "period": period], document: SourceDocument(path: file, sha256: "22"))
    }

    @Test(arguments: [
        (3, 3, [String]()),
        (3, 2, ["link/poor-list"]),
    ])
    func linksHoldBetweenFormsOfOneUnitAndPeriod(poor: Int, listed: Int, rules: [String]) {
        let findings = LinkCheck(links: Array(Self.links.prefix(1))).check([
            Self.report(unit: "23535", poor: "\(poor)"), Self.list(unit: "23535", codes: listed),
        ])
        #expect(findings.map(\.rule) == rules)
        if let finding = findings.first {
            #expect(finding.location == FindingLocation(file: "bc01.xlsx", sheet: "Biểu 01", cell: "C9"))
            #expect(finding.related == [FindingLocation(file: "ds.xlsx", sheet: "DS", cell: "A9:A10")])
            #expect(finding.message.vi.contains("bc01.xlsx, Biểu 01!C9"))
            #expect(finding.message.vi.contains("ds.xlsx, DS!A9:A10"))
            #expect(finding.expected == .number(2) && finding.actual == .number(3))
        }
    }

    @Test func linksCompareOnlySheetsOfTheSameUnitAndPeriod() {
        let findings = LinkCheck(links: Self.links).check([
            Self.report(unit: "23535", poor: "3"), Self.list(unit: "23537", codes: 5),
            Self.report(unit: "23538", poor: "3", period: "2023"), Self.list(unit: "23538", codes: 5),
        ])
        #expect(findings.isEmpty)
    }

    @Test func sumsOverAListAndTheLinkSeverity() {
        let findings = LinkCheck(links: [Self.links[1]]).check([
            Self.report(unit: "23535", poor: "3", households: "12"), Self.list(unit: "23535", codes: 2),
        ])
        #expect(findings.map(\.severity) == [.warning])
        #expect(findings.first?.expected == .number(8))
    }

    @Test(arguments: [("8", [String]()), ("9", ["link/start-previous-end"])])
    func previousPeriodLinksReadThePreviousFilesOfTheSameUnit(lastEnd: String, rules: [String]) {
        let findings = LinkCheck(links: [Self.links[2]]).check(
            [Self.report(unit: "23535", poor: "8")],
            previous: [
                Self.report(unit: "23535", poor: "0", households: lastEnd, period: "2023", file: "2023.xlsx"),
                Self.report(unit: "23537", poor: "0", households: "1", period: "2023", file: "other.xlsx"),
            ])
        #expect(findings.map(\.rule) == rules)
        #expect(findings.allSatisfy { $0.related.first?.file == "2023.xlsx" })
    }
}

@Suite("Validation: engine and reports")
struct ValidationEngineTests {
    typealias F = ValidationFixtures

    @Test func theEngineRunsEveryRuleAndCollectsEverythingInCellOrder() {
        let form = F.report1()
        let sheet = F.instance(
            form,
            [
                F.row("1", ["households": "31", "poor": "3", "poor_rate": "9.68"]),
                F.row("1.1", ["households": "10", "poor": "1", "poor_rate": "10"]),
                F.row("1.2", ["households": "20", "poor": "2", "poor_rate": "110"]),
            ])
        let findings = Validator(forms: [form]).validate(sheet)
        #expect(
            findings.map { "\($0.location.cell!) \($0.rule)" } == [
                "B9 bc01/totals", "D11 bc01/formula/poor_rate", "D11 bc01/range/poor_rate",
            ])
    }

    @Test func customRulesComeFromTheRegistryAndUnknownNamesAreProblems() {
        struct Always: FormRule {
            let id: String
            func check(_ instance: FormInstance, into findings: inout [Finding]) {
                findings.append(
                    Finding(
                        rule: id, severity: .info, location: instance.sheetLocation, message: LocalizedText(vi: "x")))
            }
        }
        var registry = CustomRuleRegistry()
        registry.register("always") { request in Always(id: request.id) }
        let known = RuleDefinition(id: "a", kind: .custom(name: "always", parameters: [:]))
        let unknown = RuleDefinition(id: "b", kind: .custom(name: "never", parameters: [:]))
        let form = F.report1(rules: [known, unknown])
        #expect(registry.names == ["always"])
        #expect(registry.problems(in: [form]).count == 1)
        #expect(registry.problems(in: [form]).first?.en.contains("never") == true)
        let findings = Validator(forms: [form], registry: registry).validate(F.instance(form, []))
        #expect(findings.map(\.rule) == ["bc01/a"])
    }

    @Test(arguments: [
        ("1234.5", nil as Int?, "1.234,5"), ("7.9", 2, "7,90"), ("-1500000", nil, "-1.500.000"), ("0.05", nil, "0,05"),
    ])
    func numbersAreWrittenTheVietnameseWay(_ text: String, _ decimals: Int?, _ expected: String) {
        #expect(FindingText.number(DecimalNumber(text)!, decimals: decimals) == expected)
    }

    static let report: FindingsReport = {
        let form = F.report1()
        let sheet = F.instance(form, [F.row("1", ["households": "100", "poor": "7", "poor_rate": "7.5"])])
        return FindingsReport(
            files: [
                FindingsReport.File(path: "xa.xlsx", sha256: "00", sheets: [FindingsReport.Sheet(sheet)]),
                FindingsReport.File(path: "sach.xlsx", sha256: "01"),
            ],
            findings: Validator(forms: [form]).validate(sheet))
    }()

    @Test func textGroupsByFileAndSheetAndEndsWithASummary() {
        let vietnamese = Self.report.text(in: .vi)
        #expect(
            vietnamese == """
                xa.xlsx
                  Biểu 01 (bc01)
                    D9  lỗi  bc01/formula/poor_rate  cột 4 “poor_rate” ghi 7,5, tính lại theo (3) / (1) × 100 được 7,00
                sach.xlsx
                  không có phát hiện nào
                Tổng: 1 lỗi, 0 cảnh báo, 0 thông tin trong 2 tệp

                """)
        let english = Self.report.text(in: .en)
        #expect(english.hasSuffix("Total: 1 error, 0 warnings, 0 info in 2 files\n"))
        #expect(english.contains("recomputed as (3) / (1) × 100 it is 7,00"))
    }

    @Test func jsonHasTheDocumentedSchema() throws {
        let json = Self.report.json(in: .en)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "bieumau-findings")
        #expect(object["version"] as? Int == 1)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 1)
        #expect(findings[0]["cell"] as? String == "D9")
        #expect((findings[0]["expected"] as? NSNumber)?.doubleValue == 7)
        #expect((findings[0]["actual"] as? NSNumber)?.doubleValue == 7.5)
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary == ["errors": 1, "warnings": 0, "info": 0])
    }
}
