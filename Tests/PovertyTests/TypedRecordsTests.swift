import Forms
import Foundation
import Poverty
import SheetCore
import SheetTestSupport
import SheetXLSX
import Testing

/// Typed records read from the bundled samples, each value with its cell.
@Suite struct TypedRecordsTests {
    static let root = TestPaths.repositoryRoot.path
    static let forms = (try? MappingLoader.loadForms(inFolder: root + "/Mappings/forms")) ?? []

    /// The form instances of the first sample whose name matches.
    static func instances(_ matching: (String) -> Bool) throws -> [FormInstance] {
        let names = try FileManager.default.contentsOfDirectory(atPath: root + "/Samples").sorted()
        let found = names.first(where: matching)
        let name = try #require(found, "no sample matches")
        let path = root + "/Samples/" + name
        let workbook = try XLSXReader(path: path).workbook()
        return FormExtractor().read(
            workbook, document: SourceDocument(path: path, sha256: ""), detector: FormDetector(definitions: forms)
        ).compactMap(\.instance)
    }

    @Test func householdsOfAPoorListReproduceTheirReport() throws {
        let standards = try PovertyStandards.loadBundled(from: Self.root + "/Mappings")
        let standard = try #require(standards.standards.last { !$0.indicators.isEmpty })
        let list = try #require(
            try Self.instances { $0.hasPrefix("23535") && $0.contains("danh-sach") }.first {
                $0.definition.id == "tt07-ds-ngheo"
            })
        let households = HouseholdRecord.records(in: list, indicators: standard.indicators)
        let report = try #require(
            try Self.instances { $0.hasPrefix("23535") && !$0.contains("danh-sach") }.first {
                $0.definition.id == "tt07-bc04"
            })
        let unit = try #require(UnitFigures.rows(in: report).first { $0.code == "1" })
        #expect(DecimalNumber(households.count) == unit.values["households"]?.value)
        let employment = households.filter { $0.deprivations[standard.indicators[0].key] != nil }.count
        #expect(DecimalNumber(employment) == unit.values["d1"]?.value)
        #expect(Set(households.map(\.code.value)).count == households.count)
        #expect(households.allSatisfy { $0.statedClass?.value == .poor && $0.area?.value == .rural })
        let first = try #require(households.first)
        #expect(first.code.provenance?.sheet == list.sheet)
        #expect(first.unitCode == "23535")
    }

    @Test func fundingNeedsKeepThePlansDecimalsExactly() throws {
        let programmes = try Programmes.loadBundled(from: Self.root + "/Mappings")
        let needs = try #require(try Self.instances { $0.contains("nhu-cau-von") }.first)
        let lines = FundLine.lines(in: needs, programme: programmes.programmes.first)
        let work = try #require(lines.first { $0.componentKey == "da4.tda2" })
        // Dự án 4, tiểu dự án 2: NSĐP 49,7 triệu đồng, exactly (the plan, reference/domain.md §0.1).
        #expect(work.amounts["nsdp"]?.value == DecimalNumber("49.7"))
        #expect(work.amounts["nsdp"]?.provenance?.raw.contains("49") == true)
        #expect(lines.contains { $0.isTotal && $0.code == "I" })
    }
}
