import Forms
import Foundation
import Poverty
import SheetCore
import Testing

@Suite struct PovertyStandardTests {
    static let standards = try! PovertyStandards.loadBundled(from: PovertyTestPaths.mappingsFolder)
    static let current = standards.standard(key: "2022-2025")!

    @Test func bundledStandardsLoad() throws {
        let standards = Self.standards
        #expect(standards.standards.map(\.key) == ["2016-2020", "2022-2025"])
        let current = Self.current
        #expect(current.povertyLine(for: .rural) == 1_500_000)
        #expect(current.povertyLine(for: .urban) == 2_000_000)
        #expect(current.incomeLines[.rural]?.middleLiving == 2_250_000)
        #expect(current.incomeLines[.urban]?.middleLiving == 3_000_000)
        #expect(current.legalBasis.contains("07/2021/NĐ-CP"))
        #expect(current.rule == .incomeAndDeprivations(poorMinimumDeprivations: 3))
    }

    @Test func twelveIndicatorsInSixDimensionsInTheDecreeOrder() {
        let current = Self.current
        #expect(current.indicators.count == 12)
        #expect(current.indicators.map(\.number) == Array(1...12))
        #expect(current.dimensions.count == 6)
        #expect(
            current.dimensions.map { $0.indicators.map(\.number) } == [
                [1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11, 12],
            ])
        #expect(current.indicator(number: 4)?.key == "bhyt")
        #expect(current.indicator(key: "nguon-nuoc")?.number == 9)
        #expect(
            current.indicator(key: "tiep-can-thong-tin")?.vietnameseName == "Phương tiện phục vụ tiếp cận thông tin")
        #expect(current.dimension(key: "nuoc-ve-sinh")?.englishName == "Domestic water and sanitation")
        #expect(Set(current.indicators.map(\.key)).count == 12)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let income: String
        let area: AreaType
        let deprivations: Int
        let expected: HouseholdClass
        var testDescription: String { "\(income) \(area) \(deprivations) → \(expected)" }
    }

    /// The boundaries: at the line / one đồng above, 2 / 3 deprivations, rural / urban, the middle-living top.
    static let boundaryCases: [Case] = [
        Case(income: "1500000", area: .rural, deprivations: 3, expected: .poor),
        Case(income: "1500000", area: .rural, deprivations: 2, expected: .nearPoor),
        Case(income: "1500001", area: .rural, deprivations: 3, expected: .middleLiving),
        Case(income: "1500001", area: .rural, deprivations: 12, expected: .middleLiving),
        Case(income: "1500000.01", area: .rural, deprivations: 3, expected: .middleLiving),
        Case(income: "1499999.99", area: .rural, deprivations: 2, expected: .nearPoor),
        Case(income: "0", area: .rural, deprivations: 0, expected: .nearPoor),
        Case(income: "0", area: .rural, deprivations: 12, expected: .poor),
        Case(income: "2250000", area: .rural, deprivations: 0, expected: .middleLiving),
        Case(income: "2250001", area: .rural, deprivations: 5, expected: .notPoor),
        Case(income: "1500001", area: .urban, deprivations: 3, expected: .poor),
        Case(income: "2000000", area: .urban, deprivations: 3, expected: .poor),
        Case(income: "2000000", area: .urban, deprivations: 2, expected: .nearPoor),
        Case(income: "2000001", area: .urban, deprivations: 3, expected: .middleLiving),
        Case(income: "3000000", area: .urban, deprivations: 0, expected: .middleLiving),
        Case(income: "3000000.5", area: .urban, deprivations: 0, expected: .notPoor),
        Case(income: "2250001", area: .urban, deprivations: 0, expected: .middleLiving),
    ]

    @Test(arguments: boundaryCases)
    func classificationAtTheBoundaries(_ example: Case) throws {
        let income = decimal(example.income)
        let result = try Self.current.classify(
            income: income, area: example.area, deprivationCount: example.deprivations)
        #expect(result == example.expected)
    }

    @Test func classificationFromASetOfIndicators() throws {
        let current = Self.current
        let two = Set(["viec-lam", "bhyt"].compactMap { current.indicator(key: $0) })
        let three = two.union([current.indicator(number: 9)!])
        #expect(try current.classify(income: 1_200_000, area: .rural, deprivations: two) == .nearPoor)
        #expect(try current.classify(income: 1_200_000, area: .rural, deprivations: three) == .poor)
    }

    @Test func classificationRefusesAnIndicatorOfAnotherStandard() {
        let stranger = Indicator(
            key: "thu-gom-rac", number: 13, dimensionKey: "moi-truong", vietnameseName: "Thu gom rác",
            englishName: "Waste collection")
        let error = povertyError { () throws(PovertyError) in
            try Self.current.classify(income: 1, area: .rural, deprivations: [stranger])
        }
        #expect(error?.code == .unknownReference)
    }

    @Test(arguments: [-1, 13])
    func classificationRefusesADeprivationCountOutOfRange(_ count: Int) {
        let error = povertyError { () throws(PovertyError) in
            try Self.current.classify(income: 1, area: .rural, deprivationCount: count)
        }
        #expect(error?.code == .invalidValue)
    }

    @Test func classificationRefusesANegativeIncome() {
        let error = povertyError { () throws(PovertyError) in
            try Self.current.classify(income: decimal("-1"), area: .urban, deprivationCount: 0)
        }
        #expect(error?.code == .invalidValue)
    }

    @Test func standard2016To2020HasItsIncomeLinesButNoClassification() {
        let old = Self.standards.standard(key: "2016-2020")!
        #expect(old.povertyLine(for: .rural) == 700_000)
        #expect(old.povertyLine(for: .urban) == 900_000)
        #expect(old.indicators.isEmpty)
        let error = povertyError { () throws(PovertyError) in
            try old.classify(income: 600_000, area: .rural, deprivationCount: 0)
        }
        #expect(error?.code == .notModelled)
    }

    struct Lookup: Sendable {
        let period: String
        let expected: String?
    }

    @Test(arguments: [
        Lookup(period: "2019", expected: "2016-2020"),
        Lookup(period: "2021", expected: "2016-2020"),
        Lookup(period: "2021-RS", expected: "2022-2025"),
        Lookup(period: "2022-H1", expected: "2022-2025"),
        Lookup(period: "2024-RS", expected: "2022-2025"),
        Lookup(period: "2025-9T", expected: "2022-2025"),
        Lookup(period: "2025", expected: "2022-2025"),
        Lookup(period: "2025-RS", expected: nil),
        Lookup(period: "2026", expected: nil),
        Lookup(period: "2015", expected: nil),
    ])
    func standardChosenByPeriod(_ lookup: Lookup) throws {
        let period = try ReportingPeriod.parse(lookup.period)
        #expect(Self.standards.standard(for: period)?.key == lookup.expected)
    }

    @Test func standardChosenByDate() {
        #expect(Self.standards.standard(at: day("2021-12-31"))?.key == "2016-2020")
        #expect(Self.standards.standard(at: day("2022-01-01"))?.key == "2022-2025")
        #expect(Self.standards.standard(at: day("2026-01-01")) == nil)
    }
}

@Suite struct PovertyStandardFileTests {
    static let minimal = """
        key: "test"
        name_vi: "Thử"
        name_en: "Test"
        legal_basis: "none"
        valid_from: 2030-01-01
        income_unit: "đồng/người/tháng"
        income_lines:
          rural: { poverty: 100 }
        classification: { rule: income-and-deprivations, poor_min_deprivations: 1 }
        dimensions:
          - key: a
            name_vi: "A"
            name_en: "A"
            indicators:
              - { key: a1, number: 1, name_vi: "A1", name_en: "A1" }
        """

    @Test func aMinimalStandardReads() throws {
        let standard = try PovertyStandard.parse(yaml: Self.minimal, file: "test.yaml")
        #expect(try standard.classify(income: 100, area: .rural, deprivationCount: 1) == .poor)
        #expect(try standard.classify(income: 101, area: .rural, deprivationCount: 1) == .notPoor)
        let error = povertyError { () throws(PovertyError) in
            try standard.classify(income: 1, area: .urban, deprivationCount: 0)
        }
        #expect(error?.code == .notModelled)
    }

    struct Broken: Sendable, CustomTestStringConvertible {
        let name: String
        let replace: String
        let with: String
        let code: PovertyError.Code
        let line: Int
        var testDescription: String { name }
    }

    @Test(arguments: [
        Broken(name: "unknown key", replace: "income_unit:", with: "income_units:", code: .unknownKey, line: 6),
        Broken(
            name: "grouped number", replace: "poverty: 100", with: "poverty: 1.500.000", code: .invalidValue, line: 8),
        Broken(name: "bad date", replace: "2030-01-01", with: "1/1/2030", code: .invalidValue, line: 5),
        Broken(name: "missing key", replace: "legal_basis: \"none\"", with: "", code: .missingKey, line: 1),
        Broken(
            name: "unknown rule", replace: "rule: income-and-deprivations", with: "rule: magic", code: .invalidValue,
            line: 9),
        Broken(name: "YAML syntax", replace: "name_en: \"Test\"", with: "name_en: [Test", code: .yamlSyntax, line: 4),
        Broken(name: "indicator key typo", replace: "- { key: a1,", with: "- { kee: a1,", code: .unknownKey, line: 15),
    ])
    func aBrokenStandardFileNamesTheLine(_ broken: Broken) {
        let text = Self.minimal.replacingOccurrences(of: broken.replace, with: broken.with)
        let error = povertyError { () throws(PovertyError) in try PovertyStandard.parse(yaml: text, file: "b.yaml") }
        #expect(error?.code == broken.code)
        #expect(error?.file == "b.yaml")
        #expect(error?.line == broken.line, "\(String(describing: error))")
    }

    /// A list longer than a mapping file may ask for (``YAMLBudget``) is refused before its items are read: aliases
    /// could otherwise make a small file ask for millions.
    @Test func aListOfTooManyItemsIsRefusedBeforeItIsRead() {
        let indicators =
            (["&i { key: a1, number: 1, name_vi: A1, name_en: A1 }"]
            + Array(repeating: "*i", count: YAMLBudget.maximumItems)).joined(separator: ", ")
        let start = Self.minimal.range(of: "dimensions:")!.lowerBound
        let text =
            String(Self.minimal[..<start])
            + "dimensions: [{ key: a, name_vi: A, name_en: A, indicators: [\(indicators)] }]\n"
        let error = povertyError { () throws(PovertyError) in try PovertyStandard.parse(yaml: text, file: "many.yaml") }
        #expect(error?.code == .invalidValue, "\(String(describing: error))")
        #expect(error?.englishMessage.contains("too many items") == true, "\(String(describing: error))")
    }

    @Test func overlappingStandardsAreRefused() throws {
        let first = try PovertyStandard.parse(yaml: Self.minimal, file: "a.yaml")
        let second = try PovertyStandard.parse(
            yaml: Self.minimal.replacingOccurrences(of: "key: \"test\"", with: "key: \"other\""), file: "b.yaml")
        let error = povertyError { () throws(PovertyError) in try PovertyStandards([first, second]) }
        #expect(error?.code == .duplicate)
    }
}
