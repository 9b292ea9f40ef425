import Foundation
import SheetTestSupport
import Testing

/// `bieumau template` and `bieumau consolidate` end to end, on templates written by the tool itself.
@Suite("bieumau template and consolidate")
struct TemplateConsolidateCommandTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "bieumau-consolidate-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func template(_ form: String, unit: String, period: String) throws -> String {
        let path = "\(folder)/\(form)-\(unit)-\(period).xlsx"
        let result = try BieuMauBinary.run(["template", form, "--unit", unit, "--period", period, "-o", path])
        #expect(result.status == 0, "\(result.stderr)")
        return path
    }

    @Test func templateIsRecognisedAndCleanWhenValidated() throws {
        let path = try template("tt07-bc02", unit: "23535", period: "2024")
        let result = try BieuMauBinary.run(["validate", path, "--format", "json"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("\"tt07-bc02\""))
        #expect(result.output.contains("\"23535\""))
    }

    @Test func templateRefusesAnUnknownFormAndAnExistingFile() throws {
        let unknown = try BieuMauBinary.run(["template", "tt07-bc99", "-o", "\(folder)/x.xlsx"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("tt07-bc01"))
        let path = try template("tt07-bc01", unit: "23535", period: "2024")
        let again = try BieuMauBinary.run(["template", "tt07-bc01", "-o", path])
        #expect(again.status == 2)
    }

    @Test func aMissingCommuneIsReportedAndTheRunExitsWithOne() throws {
        _ = try template("tt07-bc01", unit: "23535", period: "2023")
        _ = try template("tt07-bc01", unit: "23537", period: "2023")
        let output = "\(folder)/huyen.xlsx"
        let result = try BieuMauBinary.run(["consolidate", folder, "--period", "2023", "-o", output])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("23538"))
        let findings = try BieuMauBinary.run(["cat", output, "--sheet", "Phát hiện"])
        #expect(findings.output.contains("consolidate/missing-unit"))
        let form = try BieuMauBinary.run(["cat", output, "--sheet", "1"])
        #expect(form.output.contains("Xã Ia Đal"))
        #expect(form.output.contains("Xã Ia Dom"))
        #expect(!form.output.contains("Xã Ia Tơi"))
    }

    @Test func aUnitOutsideTheDistrictIsReportedNotAdded() throws {
        for commune in ["23535", "23537", "23538"] { _ = try template("tt07-bc01", unit: commune, period: "2023") }
        _ = try template("tt07-bc01", unit: "616", period: "2023")  // Huyện Sa Thầy, not part of Ia H'Drai
        let output = "\(folder)/huyen.xlsx"
        let result = try BieuMauBinary.run(["consolidate", folder, "--period", "2023", "--unit", "618", "-o", output])
        #expect(result.status == 1, "\(result.stderr)")
        let findings = try BieuMauBinary.run(["cat", output, "--sheet", "Phát hiện"])
        #expect(findings.output.contains("consolidate/foreign-unit"))
        let form = try BieuMauBinary.run(["cat", output, "--sheet", "1"])
        #expect(!form.output.contains("Sa Thầy"))
    }

    @Test func mergedCommunesNeedRemapAndThenAddUp() throws {
        for commune in ["23535", "23537", "23538"] { _ = try template("tt07-bc01", unit: commune, period: "2025") }
        let output = "\(folder)/tinh.xlsx"
        let refused = try BieuMauBinary.run(
            ["consolidate", folder, "--period", "2025", "--level", "province", "-o", output])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--remap"))
        let remapped = try BieuMauBinary.run(
            ["consolidate", folder, "--period", "2025", "--level", "province", "--remap", "--force", "-o", output])
        #expect(remapped.status == 0, "\(remapped.stderr)")
        let form = try BieuMauBinary.run(["cat", output, "--sheet", "1"])
        #expect(form.output.contains("Tỉnh Quảng Ngãi"))
        #expect(form.output.contains("Xã Ia Tơi"))
        #expect(!form.output.contains("Xã Ia Dom"))
        let sources = try BieuMauBinary.run(["cat", output, "--sheet", "Nguồn"])
        #expect(sources.output.contains("23537 → 23538"))
    }

    @Test func theSameInputsGiveTheSameBytes() throws {
        for commune in ["23535", "23537", "23538"] { _ = try template("tt07-bc04", unit: commune, period: "2023") }
        let first = "\(folder)/a.xlsx"
        let second = "\(folder)/b.xlsx"
        let inputs = ["23535", "23537", "23538"].map { "\(folder)/tt07-bc04-\($0)-2023.xlsx" }
        _ = try BieuMauBinary.run(["consolidate"] + inputs + ["--period", "2023", "-o", first])
        _ = try BieuMauBinary.run(["consolidate"] + inputs + ["--period", "2023", "-o", second])
        #expect(FileManager.default.contents(atPath: first) == FileManager.default.contents(atPath: second))
    }
}
