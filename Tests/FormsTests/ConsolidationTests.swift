import Forms
import Foundation
import SheetCore
import SheetTestSupport
import Testing

@Suite struct ConsolidationTests {
    static let forms =
        (try? MappingLoader.loadForms(
            inFolder: TestPaths.repositoryRoot.appendingPathComponent("Mappings/forms").path)) ?? []

    static func form(_ id: String) throws -> FormDefinition { try #require(forms.first { $0.id == id }) }

    static let document = SourceDocument(path: "xa.xlsx", sha256: String(repeating: "0", count: 64))

    static func value(_ number: Int) -> ExtractedValue {
        ExtractedValue(value: .number(DecimalNumber(number)), provenance: nil)
    }

    static func unitInstance(
        _ definition: FormDefinition, _ code: String, _ values: [String: Int], block: String? = nil
    )
        -> FormInstance
    {
        FormInstance(
            definition: definition, document: document, sheet: "Biểu",
            rows: [FormRow(code: "1", label: "Xã \(code)", block: block, sheetRow: 10, values: RowValues(values.mapValues(value)))]
        )
    }

    static let district = ConsolidationUnit(code: "618", name: "Huyện Ia H'Drai")
    static let communes = [
        ConsolidationUnit(code: "23535", name: "Xã Ia Đal"), ConsolidationUnit(code: "23537", name: "Xã Ia Dom"),
        ConsolidationUnit(code: "23538", name: "Xã Ia Tơi"),
    ]

    @Test func unitsAreRowsInCodeOrderUnderATotal() throws {
        let report1 = try Self.form("tt07-bc01")
        var consolidation = Consolidation(unit: Self.district, expected: Self.communes)
        consolidation.add(
            .init(Self.unitInstance(report1, "23538", ["households": 1300, "poor": 90])), to: "23538",
            period: "Năm 2023")
        consolidation.add(
            .init(Self.unitInstance(report1, "23535", ["households": 1283, "poor": 110])), to: "23535",
            period: "Năm 2023")
        consolidation.add(
            .init(Self.unitInstance(report1, "23537", ["households": 1200, "poor": 100])), to: "23537",
            period: "Năm 2023")
        let content = try #require(consolidation.contents(authority: "UBND").first)
        #expect(content.rows.map(\.code) == ["1", "1.1", "1.2", "1.3"])
        #expect(content.rows.map(\.label) == ["Huyện Ia H'Drai", "Xã Ia Đal", "Xã Ia Dom", "Xã Ia Tơi"])
        #expect(content.rows[0].totalOf == [1, 2, 3])
        #expect(content.rows[1].values["poor"]?[""] == .number(DecimalNumber(110)))
        // Rates are not carried: rendering recomputes them from the sums.
        #expect(content.rows[1].values["poor_rate"] == nil)
    }

    @Test func mergedUnitsAddUp() throws {
        let report1 = try Self.form("tt07-bc01")
        var consolidation = Consolidation(
            unit: ConsolidationUnit(code: "51", name: "Tỉnh Quảng Ngãi"),
            expected: [ConsolidationUnit(code: "23538", name: "Xã Ia Tơi")])
        // Ia Dom (23537) and Ia Tơi (23538) merged into Ia Tơi on 1/7/2025: their old reports add up.
        consolidation.add(
            .init(Self.unitInstance(report1, "23537", ["households": 1200, "poor": 100])), to: "23538",
            period: "Năm 2023")
        consolidation.add(
            .init(Self.unitInstance(report1, "23538", ["households": 1300, "poor": 90])), to: "23538",
            period: "Năm 2023")
        let content = try #require(consolidation.contents(authority: "UBND").first)
        #expect(content.rows.count == 2)
        #expect(content.rows[1].values["households"]?[""] == .number(DecimalNumber(2500)))
        #expect(content.rows[1].values["poor"]?[""] == .number(DecimalNumber(190)))
    }

    @Test func blockRowsAreSummedPerBlock() throws {
        let report2 = try Self.form("tt07-bc02")
        var instance = Self.unitInstance(report2, "23535", ["start": 120, "end": 110], block: "households")
        instance.rows.append(FormRow(block: "persons", sheetRow: 11, values: ["start": Self.value(540)]))
        var consolidation = Consolidation(unit: Self.district, expected: Self.communes)
        consolidation.add(.init(instance), to: "23535", period: "Năm 2023")
        consolidation.add(.init(instance), to: "23537", period: "Năm 2023")
        let content = try #require(consolidation.contents(authority: "UBND").first)
        #expect(content.rows[1].values["start"]?["households"] == .number(DecimalNumber(120)))
        #expect(content.rows[1].values["start"]?["persons"] == .number(DecimalNumber(540)))
    }

    @Test func linesAddUpExactlyAndTotalsStayFormulas() throws {
        let needs = try Self.form("tt10-nhu-cau-von")
        let lineKeys = needs.lines.filter(\.sumOf.isEmpty).map(\.key)
        let target = try #require(lineKeys.first)
        func instance(_ nsdp: String) -> FormInstance {
            FormInstance(
                definition: needs, document: Self.document, sheet: "Nhu cầu",
                rows: [
                    FormRow(
                        code: needs.line(target)?.code, line: target, sheetRow: 12,
                        values: ["nsdp_sn": ExtractedValue(value: .number(DecimalNumber(nsdp)!), provenance: nil)])
                ])
        }
        var consolidation = Consolidation(unit: ConsolidationUnit(code: "62", name: "Tỉnh Kon Tum"), expected: [])
        consolidation.add(.init(instance("49.7")), to: "618", period: "Năm 2023")
        consolidation.add(.init(instance("32.8")), to: "616", period: "Năm 2023")
        let content = try #require(consolidation.contents(authority: "UBND").first)
        let row = try #require(content.rows.first { $0.code == needs.line(target)?.code })
        #expect(row.values["nsdp_sn"]?[""] == .number(DecimalNumber("82.5")!))
        let totals = content.rows.filter(\.isTotal)
        #expect(!totals.isEmpty)
        #expect(totals.allSatisfy { $0.values.isEmpty })
    }
}
