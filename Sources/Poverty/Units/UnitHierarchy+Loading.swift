// Loading unit lists in the CSV format of Mappings/units/README.md (parsed by UnitsCSV).
import Foundation

extension UnitHierarchy {
    /// Reads every `*.csv` file of `mappingsFolder/units` into one hierarchy.
    ///
    /// - Parameter mappingsFolder: the `Mappings/` folder.
    /// - Throws: ``PovertyError`` naming the file and line of the first problem.
    ///
    /// ```swift
    /// let units = try UnitHierarchy.loadBundled(from: "Mappings")
    /// ```
    public static func loadBundled(from mappingsFolder: String) throws(PovertyError) -> UnitHierarchy {
        try load(csvFiles: files(in: mappingsSubfolder(mappingsFolder, "units"), extensions: ["csv"]))
    }

    /// Reads unit lists from `csvFiles` into one hierarchy (a national list plus local corrections, say); links
    /// may cross files.
    ///
    /// - Throws: ``PovertyError`` naming the file and line: ``PovertyError/Code/csvSyntax`` for a malformed line,
    ///   ``PovertyError/Code/invalidValue`` for a bad code, level or date, and the checks of ``init(units:)``.
    public static func load(csvFiles: [String]) throws(PovertyError) -> UnitHierarchy {
        var units: [AdministrativeUnit] = []
        for file in csvFiles {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw PovertyError(
                    .fileUnreadable, vi: "Không đọc được tệp danh sách đơn vị (phải là CSV UTF-8).",
                    en: "The unit list cannot be read (it must be UTF-8 CSV).", file: file, cause: error)
            }
            units += try parseUnits(csv: text, file: file)
        }
        return try UnitHierarchy(units: units)
    }

    /// Reads one unit list from CSV `text`, naming it `file` in errors.
    ///
    /// ```swift
    /// let units = try UnitHierarchy.parse(csv: "code,name,level,parent_code,valid_from,valid_to,successor_code\n"
    ///     + "62,Tỉnh Kon Tum,province,,,2025-06-30,\n", file: "kontum.csv")
    /// ```
    public static func parse(csv text: String, file: String = "<csv>") throws(PovertyError) -> UnitHierarchy {
        try UnitHierarchy(units: parseUnits(csv: text, file: file))
    }

    static func parseUnits(csv text: String, file: String) throws(PovertyError) -> [AdministrativeUnit] {
        var units: [AdministrativeUnit] = []
        for record in try UnitsCSV.parse(text, file: file) {
            func fail(_ vi: String, _ en: String) -> PovertyError {
                PovertyError(.invalidValue, vi: vi, en: en, file: file, line: record.line)
            }
            func code(_ column: String, required: Bool) throws(PovertyError) -> String? {
                let value = record.fields[column] ?? ""
                if value.isEmpty {
                    guard !required else { throw fail("Thiếu \(column).", "\(column) is empty.") }
                    return nil
                }
                guard value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                    throw fail(
                        "\(column) “\(value)” phải gồm chữ số (giữ số 0 ở đầu: 01, 00070).",
                        "\(column) “\(value)” must be digits (keep leading zeros: 01, 00070).")
                }
                return value
            }
            func date(_ column: String) throws(PovertyError) -> CalendarDate? {
                let value = record.fields[column] ?? ""
                if value.isEmpty { return nil }
                guard let date = CalendarDate(value) else {
                    throw fail(
                        "\(column) “\(value)” không phải là ngày dạng YYYY-MM-DD.",
                        "\(column) “\(value)” is not a YYYY-MM-DD date.")
                }
                return date
            }
            let unitCode = try code("code", required: true)!
            let levelText = record.fields["level"] ?? ""
            guard let level = UnitLevel(rawValue: levelText.lowercased()) else {
                throw fail(
                    "level “\(levelText)” phải là province, district hoặc commune.",
                    "level “\(levelText)” must be province, district or commune.")
            }
            let name = record.fields["name"] ?? ""
            guard !name.isEmpty else { throw fail("Thiếu tên (name).", "name is empty.") }
            let validity = Validity(from: try date("valid_from"), to: try date("valid_to"))
            if let from = validity.from, let to = validity.to, to < from {
                throw fail(
                    "valid_to (\(to)) trước valid_from (\(from)).", "valid_to (\(to)) is before valid_from (\(from)).")
            }
            units.append(
                AdministrativeUnit(
                    code: unitCode, name: name, level: level, parentCode: try code("parent_code", required: false),
                    validity: validity, successorCode: try code("successor_code", required: false),
                    source: "\(file):\(record.line)"))
        }
        return units
    }
}
