import Foundation
import Poverty
import Testing

@Suite struct UnitHierarchyTests {
    static let units = try! UnitHierarchy.loadBundled(from: PovertyTestPaths.mappingsFolder)
    static let before = day("2024-12-31")
    static let after = day("2025-07-01")

    @Test func konTumBeforeTheReformHasTenDistrictsAndIaHDraiThreeCommunes() {
        let units = Self.units
        let province = units.unit(code: "62", at: Self.before)!
        #expect(province.name == "Tỉnh Kon Tum")
        #expect(province.level == .province)
        #expect(
            units.children(of: "62", at: Self.before).map(\.code) == [
                "608", "610", "611", "612", "613", "614", "615", "616", "617", "618",
            ])
        #expect(units.communes(under: "618", at: Self.before).map(\.code) == ["23535", "23537", "23538"])
        #expect(units.communes(under: "62", at: Self.before).map(\.code) == ["23535", "23537", "23538"])
        #expect(units.parent(of: "23537", at: Self.before)?.code == "618")
        #expect(units.ancestors(of: "23535", at: Self.before).map(\.code) == ["618", "62"])
        #expect(units.isUnit("23538", under: "618", at: Self.before))
        #expect(!units.isUnit("23538", under: "616", at: Self.before))
        #expect(units.unit(code: "618", at: Self.before)?.name == "Huyện Ia H' Drai")
    }

    @Test func afterTheReformCommunesSitDirectlyUnderQuangNgai() {
        let units = Self.units
        #expect(units.unit(code: "62", at: Self.after) == nil)
        #expect(units.unit(code: "618", at: Self.after) == nil)
        #expect(units.unit(code: "23537", at: Self.after) == nil)
        #expect(units.unit(code: "51", at: Self.after)?.name == "Tỉnh Quảng Ngãi")
        #expect(units.children(of: "51", at: Self.after).map(\.code) == ["23535", "23538"])
        #expect(units.communes(under: "51", at: Self.after).map(\.code) == ["23535", "23538"])
        #expect(units.parent(of: "23538", at: Self.after)?.code == "51")
        #expect(units.units(at: Self.after, level: .district).isEmpty)
        #expect(units.units(at: Self.before, level: .district).count == 10)
        #expect(units.communes(under: "51", at: Self.before).isEmpty)
        #expect(units.versions(of: "23538").count == 2)
    }

    @Test func theLastDayBeforeTheReformStillHasTheDistricts() {
        #expect(Self.units.parent(of: "23538", at: day("2025-06-30"))?.code == "618")
        #expect(Self.units.parent(of: "23538", at: day("2025-07-01"))?.code == "51")
    }

    @Test func iaDomIsRemappedToIaToi() {
        let units = Self.units
        #expect(units.successor(of: "23537", at: Self.after)?.code == "23538")
        #expect(units.successor(of: "23537", at: day("2025-12-31"))?.name == "Xã Ia Tơi")
        #expect(units.successor(of: "23535", at: Self.after)?.code == "23535")
        #expect(units.successor(of: "23538", at: Self.after)?.parentCode == "51")
        #expect(units.successor(of: "62", at: Self.after)?.code == "51")
        // Before the reform a unit is its own successor; a district has none after it.
        #expect(units.successor(of: "23537", at: Self.before)?.code == "23537")
        #expect(units.successor(of: "618", at: Self.after) == nil)
        #expect(units.successor(of: "99999", at: Self.after) == nil)
    }

    @Test func unitsAreMatchedByCodeNotByName() throws {
        // Two communes called "Xã Ia Dom": 23537 (Kon Tum, closed 1/7/2025) and 23872 (Gia Lai). The Gia Lai
        // province line here is a stand-in for the test.
        let gialai = try #require(
            try? UnitHierarchy.parse(
                csv: """
                    code,name,level,parent_code,valid_from,valid_to,successor_code
                    90,Tỉnh thử (Gia Lai),province,,2025-07-01,,
                    23872,Xã Ia Dom,commune,90,2025-07-01,,
                    """, file: "gialai.csv"))
        let units = try UnitHierarchy(units: Self.units.units + gialai.units)
        #expect(units.unit(code: "23872", at: Self.after)?.name == "Xã Ia Dom")
        #expect(units.successor(of: "23537", at: Self.after)?.code == "23538")
        #expect(units.unit(code: "23537", at: Self.before)?.name == units.unit(code: "23872", at: Self.after)?.name)
    }

    @Test func listsLoadFromSeveralFilesWithLinksAcrossThem() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("units-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = folder.appendingPathComponent("a.csv")
        let new = folder.appendingPathComponent("b.csv")
        try """
        code,name,level,parent_code,valid_from,valid_to,successor_code
        62,Tỉnh Kon Tum,province,,,2025-06-30,51
        618,"Huyện Ia H' Drai",district,62,,2025-06-30,
        23537,Xã Ia Dom,commune,618,,2025-06-30,23538
        """.write(to: old, atomically: true, encoding: .utf8)
        try [
            "\u{FEFF}successor_code,code,name,level,parent_code,valid_from,valid_to",
            ",51,\"Tỉnh Quảng Ngãi\",province,,2025-07-01,",
            ",23538,\"Xã \"\"Ia Tơi\"\"\",commune,51,2025-07-01,",
        ].joined(separator: "\r\n").write(to: new, atomically: true, encoding: .utf8)
        let units = try UnitHierarchy.load(csvFiles: [old.path, new.path])
        #expect(units.successor(of: "23537", at: Self.after)?.name == "Xã \"Ia Tơi\"")
        #expect(units.units.count == 5)
        let error = povertyError { () throws(PovertyError) in try UnitHierarchy.load(csvFiles: [old.path]) }
        #expect(error?.code == .unknownSuccessor)
        #expect(error?.line == 2)
    }

    static let header = "code,name,level,parent_code,valid_from,valid_to,successor_code"

    struct Broken: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        let code: PovertyError.Code
        let line: Int
        var testDescription: String { name }
    }

    @Test(arguments: [
        Broken(
            name: "unknown parent", lines: ["62,Kon Tum,province,,,,", "23535,Ia Đal,commune,619,,,"],
            code: .unknownParent, line: 4),
        Broken(
            name: "parent not valid throughout",
            lines: ["62,Kon Tum,province,,,2025-06-30,", "618,Ia H'Drai,district,62,,,"],
            code: .unknownParent, line: 4),
        Broken(
            name: "parent at a lower level",
            lines: ["62,Kon Tum,province,,,,", "23535,Ia Đal,commune,62,,,", "618,Ia H'Drai,district,23535,,,"],
            code: .unknownParent, line: 5),
        Broken(name: "commune without parent", lines: ["23535,Ia Đal,commune,,,,"], code: .unknownParent, line: 3),
        Broken(
            name: "duplicate code in overlapping validity",
            lines: ["62,Kon Tum,province,,,2025-06-30,", "62,Kon Tum,province,,2025-06-30,,"], code: .duplicate, line: 4
        ),
        Broken(
            name: "successor unknown", lines: ["62,Kon Tum,province,,,2025-06-30,51"], code: .unknownSuccessor, line: 3),
        Broken(
            name: "successor without end", lines: ["62,Kon Tum,province,,,,51", "51,Quảng Ngãi,province,,,,"],
            code: .unknownSuccessor, line: 3),
        Broken(
            name: "successor at another level",
            lines: [
                "62,Kon Tum,province,,,2025-06-30,", "618,Ia H'Drai,district,62,,2025-06-30,62",
                "62,X,province,,2025-07-01,,",
            ], code: .unknownSuccessor, line: 4),
        Broken(name: "too few fields", lines: ["62,Kon Tum,province,,,"], code: .csvSyntax, line: 3),
        Broken(name: "unterminated quote", lines: ["62,\"Kon Tum,province,,,,"], code: .csvSyntax, line: 3),
        Broken(name: "quote inside a field", lines: ["62,Kon \"Tum\",province,,,,"], code: .csvSyntax, line: 3),
        Broken(name: "bad level", lines: ["62,Kon Tum,tinh,,,,"], code: .invalidValue, line: 3),
        Broken(name: "bad date", lines: ["62,Kon Tum,province,,01/07/2025,,"], code: .invalidValue, line: 3),
        Broken(
            name: "end before start", lines: ["62,Kon Tum,province,,2025-07-01,2025-06-30,"], code: .invalidValue,
            line: 3),
        Broken(name: "code not digits", lines: ["62a,Kon Tum,province,,,,"], code: .invalidValue, line: 3),
        Broken(name: "empty name", lines: ["62,,province,,,,"], code: .invalidValue, line: 3),
    ])
    func aBrokenUnitListNamesTheLine(_ broken: Broken) {
        // Line 1 is a comment, line 2 the header, data from line 3.
        let text = (["# test", Self.header] + broken.lines).joined(separator: "\n") + "\n"
        let error = povertyError { () throws(PovertyError) in try UnitHierarchy.parse(csv: text, file: "units.csv") }
        #expect(error?.code == broken.code, "\(String(describing: error))")
        #expect(error?.file == "units.csv")
        #expect(error?.line == broken.line, "\(String(describing: error))")
        #expect(error?.description.hasPrefix("units.csv:\(broken.line): ") == true)
    }

    @Test func aSuccessorAtAnotherLevelIsRefused() {
        let text = [
            Self.header, "62,Kon Tum,province,,,2025-06-30,51", "51,Quảng Ngãi,province,,2025-07-01,,",
            "618,Ia H'Drai,district,62,,2025-06-30,51",
        ].joined(separator: "\n")
        let error = povertyError { () throws(PovertyError) in try UnitHierarchy.parse(csv: text, file: "u.csv") }
        #expect(error?.code == .unknownSuccessor)
        #expect(error?.line == 4)
    }

    @Test(arguments: [
        "code,name,level,parent,valid_from,valid_to,successor_code", "code,name,level,parent_code,valid_from,valid_to",
    ])
    func aBadHeaderIsRefused(_ header: String) {
        let error = povertyError { () throws(PovertyError) in try UnitHierarchy.parse(csv: header + "\n", file: "u.csv")
        }
        #expect(error?.code == .csvSyntax)
        #expect(error?.line == 1)
    }

    @Test func errorsReadInBothLanguages() {
        let error = povertyError { () throws(PovertyError) in
            try UnitHierarchy.parse(csv: Self.header + "\n23535,Ia Đal,commune,619,,,\n", file: "u.csv")
        }
        #expect(error?.rendered(vietnamese: true).hasPrefix("u.csv:2: Đơn vị cha 619") == true)
        #expect(error?.rendered(vietnamese: false).hasPrefix("u.csv:2: Parent 619") == true)
    }
}

@Suite struct UnitCoverageTests {
    static let units = UnitHierarchyTests.units

    @Test func allThreeCommunesMakeIaHDraiComplete() {
        let coverage = Self.units.coverage(of: ["23538", "23535", "23537"], under: "618", at: day("2024-12-31"))
        #expect(coverage.isComplete)
        #expect(coverage.expected.map(\.code) == ["23535", "23537", "23538"])
    }

    @Test func aMissingCommuneADuplicateAndAStrangerAreReported() {
        let coverage = Self.units.coverage(
            of: ["23535", "23535", "23536", "99999"], under: "618", at: day("2024-12-31"))
        #expect(!coverage.isComplete)
        #expect(coverage.missing.map(\.code) == ["23537", "23538"])
        #expect(coverage.duplicates == ["23535"])
        #expect(coverage.outside == ["23536", "99999"])
    }

    @Test func afterTheReformIaDomIsNoLongerExpected() {
        let coverage = Self.units.coverage(of: ["23535", "23538", "23537"], under: "51", at: day("2025-12-31"))
        #expect(coverage.missing.isEmpty)
        #expect(coverage.outside == ["23537"])
    }
}

@Suite struct UnitScaleTests {
    /// A generated country the size of Vietnam before 1/7/2025: 63 provinces, 693 districts, 10,395 communes.
    @Test(.timeLimit(.minutes(1))) func aCountrySizedListLoadsAndAnswers() throws {
        var lines = ["code,name,level,parent_code,valid_from,valid_to,successor_code"]
        var commune = 0
        for province in 1...63 {
            lines.append("\(province + 100),Tỉnh \(province),province,,,,")
            for district in 1...11 {
                let districtCode = province * 100 + district + 10_000
                lines.append("\(districtCode),Huyện \(district),district,\(province + 100),,,")
                for _ in 1...15 {
                    commune += 1
                    lines.append("\(commune + 100_000),Xã \(commune),commune,\(districtCode),,,")
                }
            }
        }
        let units = try UnitHierarchy.parse(csv: lines.joined(separator: "\n"), file: "country.csv")
        let date = day("2024-12-31")
        #expect(units.units(at: date, level: .commune).count == 10_395)
        #expect(units.communes(under: "101", at: date).count == 165)
        #expect(
            units.coverage(of: units.communes(under: "10101", at: date).map(\.code), under: "10101", at: date)
                .isComplete)
    }
}
