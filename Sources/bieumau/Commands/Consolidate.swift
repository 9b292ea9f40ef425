import ArgumentParser
import Forms
import Foundation
import Poverty
import SheetCore

/// `bieumau consolidate INPUT… --period P… [--level district|province] [--unit CODE] [--remap] -o OUT.xlsx`: read
/// and validate every input, group by unit, check completeness against the units of the period, add up and write
/// the official consolidated workbook with its findings and sources sheets (DESIGN §5, issue 6).
struct Consolidate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tổng hợp báo cáo của các đơn vị cấp dưới. (Consolidate the reports of subordinate units.)",
        discussion: """
            Đọc và kiểm tra mọi tệp, nhóm theo mã đơn vị, đối chiếu với danh sách đơn vị của kỳ (thiếu, trùng, \
            ngoài địa bàn), cộng chính xác, tính lại tỷ lệ từ tử số và mẫu số, ghi bảng tổng hợp theo mẫu (công thức \
            ở dòng tổng), trang Phát hiện và trang Nguồn. Mã thoát: 0 đủ và đúng, 1 có lỗi hoặc thiếu đơn vị, \
            2 sai cú pháp, 3 không đọc được tệp nào.
            (Reads and checks every file, groups by unit code, checks completeness against the units of the period \
            (missing, duplicate, outside the area), adds up exactly, recomputes rates from their numerator and \
            denominator, and writes the official consolidated forms (formulas in total rows), a findings sheet and \
            a sources sheet. Exit codes: 0 complete and clean, 1 errors or missing units, 2 usage, 3 nothing read.)
            """
    )

    @Argument(help: "Tệp hoặc thư mục (files or folders): .xlsx, .xlsm, .xls, .csv.")
    var inputs: [String]

    @Option(
        help: """
            Kỳ báo cáo (period): 2024, 2024-H1, 2024-9T, 2024-RS; nhắc lại để tổng hợp nhiều kỳ như một kế hoạch \
            (repeat it for several periods, as a plan does: --period 2023 --period 2024-H1).
            """)
    var period: [String]

    @Option(help: "Cấp tổng hợp (level): district (huyện) hoặc province (tỉnh).")
    var level: ConsolidationLevel = .district

    @Option(help: "Mã đơn vị tổng hợp (the consolidating unit's code); mặc định: suy từ các tệp (inferred).")
    var unit: String?

    @Flag(help: "Chuyển mã đơn vị đã sáp nhập sang đơn vị mới của kỳ (map merged units to their successor).")
    var remap = false

    @Option(name: .shortAndLong, help: "Tệp .xlsx tổng hợp ghi ra (the consolidated workbook to write).")
    var output: String

    @Flag(help: "Ghi đè tệp đã có (replace an existing output).")
    var force = false

    @Option(help: "Số tệp đọc cùng lúc (files read at once); mặc định: số nhân CPU (default: the cores).")
    var jobs: Int?

    @Option(help: "Ngôn ngữ (language) của trang Phát hiện và thông báo: vi, en.")
    var lang: FindingsLanguageOption?

    @Option(help: "Thư mục Mappings/ (the mappings folder).")
    var mappings: String?

    @Option(help: TextEncodingOption.help)
    var encoding: TextEncodingOption = .auto

    /// Benchmarks only: read every sheet of every input and stop (Benchmarks/consolidate_run.py's baseline).
    @Flag(help: .hidden)
    var readOnly = false

    func run() throws {
        let language: FindingsLanguage = (lang ?? .fromEnvironment) == .en ? .en : .vi
        var periods: [ReportingPeriod] = []
        for text in period {
            do throws(PovertyError) { periods.append(try ReportingPeriod.parse(text)) } catch {
                throw UsageFailure(vietnamese: error.vietnameseMessage, english: error.englishMessage)
            }
        }
        periods = Array(Set(periods)).sorted()
        guard let reportingPeriod = periods.first else {
            throw UsageFailure(vietnamese: "cần --period", english: "--period is required")
        }
        if FileManager.default.fileExists(atPath: output), !force {
            throw UsageFailure(
                vietnamese: "\(output) đã có; thêm --force để ghi đè",
                english: "\(output) exists; add --force to replace it")
        }
        if let jobs, jobs < 1 {
            throw UsageFailure(vietnamese: "--jobs phải ≥ 1", english: "--jobs must be at least 1")
        }
        let loaded = try LoadedMappings.load(mappings)
        let hierarchy = try UnitDirectory.load(loaded.folder)
        let paths = try ValidateInputs.expand(inputs)
        guard !paths.isEmpty else {
            throw UsageFailure(vietnamese: "không có tệp đầu vào nào", english: "no input files")
        }
        let threads = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        if readOnly {
            let cells = ConsolidationReader.readOnly(paths, encoding: encoding, jobs: threads)
            Diagnostics.write("bieumau: \(paths.count) files read, \(cells) cells (--read-only: nothing written)")
            return
        }
        let reading = FormReading(detector: FormDetector(definitions: loaded.forms), encoding: encoding, formID: nil)
        let validator = Validator(forms: loaded.forms, links: [], registry: loaded.registry)
        var plan = try ConsolidationPlan(
            hierarchy: hierarchy, periods: periods, level: level, unitOption: unit, remap: remap,
            links: loaded.links)
        ConsolidationReader.read(
            paths, reading: reading, validator: validator, linkCheck: plan.linkCheck, jobs: threads, into: &plan)
        // The links are checked on a second core while the forms are written; the workbook asks for their findings
        // after the forms.
        let links = BackgroundWork(plan.takeLinks().check)
        let result = try plan.finish()
        let authority = "UBND \(result.unit.name)"
        let contents = result.consolidation.contents(
            authority: authority,
            place: ConsolidationPlan.placeName(result.unit.name))
        let end = periods.last!.endDate
        do {
            try ConsolidatedWorkbook.write(
                to: output, contents: contents, findings: Validator.ordered(result.findings + links.result()),
                sources: result.sources,
                language: language,
                created: DateTimeComponents(
                    year: end.year, month: end.month, day: end.day, hour: 0, minute: 0, second: 0))
        } catch {
            throw InputFailure(
                file: output, vietnamese: "không ghi được tệp", english: "cannot write the file: \(error)")
        }
        let findings = result.findings + links.result()
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        let english = language == .en
        Diagnostics.write(
            english
                ? "bieumau: \(output): \(result.unit.name) (\(result.unit.code)), \(periods.map(\.englishName).joined(separator: ", ")): "
                    + "\(result.usedFiles) of \(paths.count) files used, \(contents.count) forms; "
                    + "\(errors) errors, \(warnings) warnings (see the Findings sheet)"
                : "bieumau: \(output): \(result.unit.name) (\(result.unit.code)), \(periods.map(\.vietnameseName).joined(separator: ", ")): "
                    + "dùng \(result.usedFiles)/\(paths.count) tệp, \(contents.count) biểu; "
                    + "\(errors) lỗi, \(warnings) cảnh báo (xem trang Phát hiện)")
        for finding in Validator.ordered(findings)
        where finding.severity == .error && finding.rule.hasPrefix("consolidate/") {
            Diagnostics.write("  \(finding.location.file): \(finding.message.text(in: language))")
        }
        if result.usedFiles == 0 { throw ExitCode(ExitStatus.unreadableInput) }
        if errors > 0 { throw ExitCode(ExitStatus.findings) }
    }
}

/// `--level`.
enum ConsolidationLevel: String, ExpressibleByArgument, CaseIterable {
    case district, province

    var unitLevel: UnitLevel { self == .district ? .district : .province }
}
