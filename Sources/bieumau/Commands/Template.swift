import ArgumentParser
import Forms
import Foundation
import Poverty
import SheetXLSX

/// `bieumau template FORM_ID [--unit CODE] [--period P] -o FILE.xlsx`: the blank official form for a unit to
/// fill, with its derived cells and totals as formulas, that `validate` recognises once filled (DESIGN §5).
struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tạo biểu mẫu trống để đơn vị điền. (Write the blank official form for a unit to fill.)",
        discussion: """
            Biểu có tiêu đề, số biểu, đơn vị, kỳ báo cáo, hàng đánh số cột, công thức ở các ô tính toán và khối chữ \
            ký; in vừa khổ A4 ngang. Danh sách biểu: bieumau forms.
            (The form has its title, number, unit, period, numbered columns, formulas in derived cells and the \
            signature block; it prints on A4 landscape. The forms: bieumau forms.)
            """
    )

    @Argument(help: "Mã biểu (form id), ví dụ (e.g.) tt07-bc01.")
    var formID: String

    @Option(help: "Mã đơn vị hành chính điền biểu (the unit's code), ví dụ (e.g.) 23535.")
    var unit: String?

    @Option(help: "Kỳ báo cáo (period): 2024, 2024-H1, 2024-9T, 2024-RS.")
    var period: String?

    @Option(name: .shortAndLong, help: "Tệp .xlsx ghi ra (the .xlsx file to write).")
    var output: String

    @Flag(help: "Ghi đè tệp đã có (replace an existing file).")
    var force = false

    @Option(help: "Số dòng trống của danh sách hộ (empty rows of a household list).")
    var rows = 50

    @Option(help: "Thư mục Mappings/ (the mappings folder).")
    var mappings: String?

    func run() throws {
        let loaded = try LoadedMappings.load(mappings)
        guard let definition = loaded.forms.last(where: { $0.id == formID }) else {
            throw UsageFailure(
                vietnamese: "không có biểu \(formID); các biểu: \(loaded.forms.map(\.id).joined(separator: ", "))",
                english: "no form \(formID); the forms are: \(loaded.forms.map(\.id).joined(separator: ", "))")
        }
        if FileManager.default.fileExists(atPath: output), !force {
            throw UsageFailure(
                vietnamese: "\(output) đã có; thêm --force để ghi đè",
                english: "\(output) exists; add --force to replace it")
        }
        let reportingPeriod = try period.map { text in
            do throws(PovertyError) { return try ReportingPeriod.parse(text) } catch {
                throw UsageFailure(vietnamese: error.vietnameseMessage, english: error.englishMessage)
            }
        }
        var unitName = "……………………"
        var unitCode = unit ?? "………"
        var authority = "UBND ……………………"
        if let code = unit {
            let hierarchy = try UnitDirectory.load(loaded.folder)
            let date = reportingPeriod?.endDate ?? CalendarDate.today
            guard let found = hierarchy.unit(code: code, at: date) ?? hierarchy.versions(of: code).last else {
                throw UsageFailure(
                    vietnamese: "không có đơn vị mã \(code) trong Mappings/units",
                    english: "no unit with code \(code) in Mappings/units")
            }
            if !found.isValid(at: date) {
                // An old code still used by a commune's software: the form is written, consolidation decides.
                Diagnostics.write(
                    "bieumau: mã \(code) không còn hiệu lực vào \(date) (code \(code) is not valid on \(date))")
            }
            unitName = found.name
            unitCode = found.code
            authority = "UBND \(found.name)"
        }
        let content = FormSheetContent.template(
            definition, authority: authority, unitName: unitName, unitCode: unitCode,
            period: reportingPeriod.map { $0.vietnameseName.capitalizedFirst } ?? "……………", recordRows: rows)
        do {
            var options = XLSXWriterOptions()
            options.properties.title = definition.title.vi
            let writer = try XLSXWriter(path: output, options: options)
            do {
                try FormSheetRenderer.render(content, sheetName: String(definition.formNumber.prefix(31)), into: writer)
                try writer.close()
            } catch {
                writer.cancel()
                throw error
            }
        } catch {
            throw InputFailure(
                file: output, vietnamese: "không ghi được tệp", english: "cannot write the file: \(error)")
        }
        Diagnostics.write("bieumau: đã ghi (wrote) \(output): \(definition.id) \(definition.formNumber)")
    }
}

extension String {
    /// The text with its first letter in upper case (`năm 2024` → `Năm 2024`).
    var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
