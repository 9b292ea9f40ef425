import Foundation
import Poverty
import SheetCore
import Testing

@Suite struct ProgrammeTests {
    static let programmes = try! Programmes.loadBundled(from: PovertyTestPaths.mappingsFolder)
    static let programme = programmes.programme(key: "mtqg-gnbv-2021-2025")!

    @Test func theTreeHasSevenProjectsAndTheirSubProjects() {
        let programme = Self.programme
        #expect(programme.topLevelComponents.map(\.key) == ["da1", "da2", "da3", "da4", "da5", "da6", "da7"])
        #expect(
            programme.components.map(\.key) == [
                "da1", "da1.tda1", "da1.tda2", "da2", "da3", "da3.tda1", "da3.tda2", "da4", "da4.tda1", "da4.tda2",
                "da4.tda3", "da5", "da6", "da6.tda1", "da6.tda2", "da7", "da7.tda1", "da7.tda2",
            ])
        // 13 components carry money directly (the count DESIGN §4 and domain §2.3 give).
        #expect(programme.leafComponents.count == 13)
        #expect(programme.legalBasis.contains("90/QĐ-TTg"))
        #expect(programme.moneyUnit == "triệu đồng")
    }

    @Test func parentAndChildrenLookups() {
        let programme = Self.programme
        #expect(programme.children(of: "da4").map(\.key) == ["da4.tda1", "da4.tda2", "da4.tda3"])
        #expect(programme.children(of: "da2").isEmpty)
        #expect(programme.children(of: "da9").isEmpty)
        #expect(programme.parent(of: "da3.tda2")?.key == "da3")
        #expect(programme.parent(of: "da3") == nil)
        #expect(programme.component(key: "da3.tda2")?.vietnameseName == "Cải thiện dinh dưỡng")
        #expect(programme.component(key: "da3.tda2")?.label == "Tiểu dự án 2")
        #expect(programme.component(key: "da1.tda1")?.aliases.contains("Tiểu dự án 1, dự án 1") == true)
        #expect(programme.component(key: "da5")?.depth == 0)
        #expect(programme.component(key: "da5.tda1") == nil)
    }

    @Test func fundSourcesTypesAndMeasures() {
        let programme = Self.programme
        #expect(programme.fundSources.map(\.key) == ["nstw", "nsdp", "huy-dong-khac"])
        #expect(programme.fundSource(key: "nsdp")?.abbreviation == "NSĐP")
        #expect(programme.fundTypes.map(\.abbreviation) == ["ĐTPT", "SN"])
        let recurrent = programme.fundType(key: "sn")!
        #expect(recurrent.vietnameseName(at: day("2025-12-31")) == "Vốn sự nghiệp")
        #expect(recurrent.vietnameseName(at: day("2026-01-01")) == "Kinh phí thường xuyên")
        #expect(
            programme.measures.map(\.key) == [
                "nhu-cau", "ke-hoach-giao", "phan-bo", "giai-ngan", "kha-nang-9-thang", "uoc-ca-nam", "ty-le-giai-ngan",
            ])
        let rate = programme.measure(key: "ty-le-giai-ngan")!
        #expect(rate.ratio == Measure.Ratio(numerator: "giai-ngan", denominator: "ke-hoach-giao", scale: 100))
        #expect(rate.unit == "%")
    }

    @Test func konTumCounterpartIsTenPercentOfTheCentralBudget() {
        let rule = Self.programme.counterpartRule(provinceCode: "62", at: day("2024-12-31"))!
        #expect(rule.percent == 10)
        #expect(rule.relation == .equal)
        #expect(rule.legalBasis.contains("22/2022/NQ-HĐND"))
        // The district plan's DA4 TDA2: NSTW 497, NSĐP 49,7 (exact).
        #expect(rule.expectedLocal(forCentral: 497) == decimal("49.7"))
        #expect(rule.expectedLocal(forCentral: 328) == decimal("32.8"))
        #expect(Self.programme.counterpartRule(provinceCode: "62", at: day("2022-07-22")) == nil)
        #expect(Self.programme.counterpartRule(provinceCode: "64", at: day("2024-12-31")) == nil)
    }

    @Test func programmeLookupByDate() {
        #expect(Self.programmes.programme(at: day("2024-06-30"))?.key == "mtqg-gnbv-2021-2025")
        #expect(Self.programmes.programme(at: day("2026-06-30")) == nil)
    }

    static let minimal = """
        key: p
        name_vi: P
        name_en: P
        legal_basis: none
        money_unit: triệu đồng
        components:
          - key: da1
            label_vi: Dự án 1
            name_vi: A
            name_en: A
            children:
              - { key: da1.tda1, label_vi: T, name_vi: T, name_en: T }
        fund_sources:
          - { key: nstw, name_vi: TW, name_en: C }
        fund_types:
          - { key: sn, name_vi: SN, name_en: R }
        measures:
          - { key: giao, name_vi: G, name_en: A, unit: triệu đồng }
        """

    struct Broken: Sendable, CustomTestStringConvertible {
        let name: String
        let replace: String
        let with: String
        let code: PovertyError.Code
        let line: Int
        var testDescription: String { name }
    }

    @Test(arguments: [
        Broken(name: "unknown key", replace: "money_unit:", with: "money:", code: .unknownKey, line: 5),
        Broken(
            name: "child key outside parent", replace: "key: da1.tda1", with: "key: da2.tda1", code: .invalidValue,
            line: 12),
        Broken(name: "duplicate component", replace: "key: da1.tda1", with: "key: da1", code: .duplicate, line: 12),
        Broken(name: "key with capitals", replace: "key: da1\n", with: "key: DA1\n", code: .invalidValue, line: 7),
        Broken(
            name: "ratio of an unknown measure", replace: "unit: triệu đồng }",
            with:
                "unit: triệu đồng }\n  - { key: r, name_vi: R, name_en: R, unit: \"%\", ratio: { numerator: chi, denominator: giao } }",
            code: .unknownReference, line: 19),
    ])
    func aBrokenProgrammeFileNamesTheLine(_ broken: Broken) throws {
        _ = try Programme.parse(yaml: Self.minimal)
        let text = Self.minimal.replacingOccurrences(of: broken.replace, with: broken.with)
        let error = povertyError { () throws(PovertyError) in try Programme.parse(yaml: text, file: "p.yaml") }
        #expect(error?.code == broken.code)
        #expect(error?.line == broken.line, "\(String(describing: error))")
    }
}
