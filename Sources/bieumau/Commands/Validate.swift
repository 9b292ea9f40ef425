import ArgumentParser
import Forms
import Foundation
import SheetCore

/// `bieumau validate FILE… [--form ID] [--previous FILE…] [--format text|json|xlsx] [-o PATH] [--lang vi|en]`:
/// every sheet detected as a form, read with provenance, checked against its rules and the cross-form links;
/// the findings rendered (DESIGN §5). Exit 1 when a finding is an error, 3 when an input cannot be read.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Kiểm tra số liệu của các biểu mẫu. (Check the figures of reporting forms, down to the cell.)",
        discussion: """
            Mỗi trang tính được nhận diện theo biểu trong Mappings/, đọc và kiểm tra: tổng, tỷ lệ, công thức, \
            điều kiện ≤, liên kết giữa các biểu cùng đơn vị và kỳ, và với --previous giữa hai kỳ. \
            Mã thoát: 0 không có lỗi, 1 có lỗi, 2 sai cú pháp, 3 không đọc được tệp.
            (Each sheet is recognised as a form of Mappings/, read and checked: totals, rates, formulas, ≤ rules, \
            links between the forms of one unit and period, and with --previous across periods. Exit codes: 0 no \
            error, 1 errors found, 2 usage, 3 an input could not be read.)
            """
    )

    @Argument(help: "Tệp hoặc thư mục (files or folders): .xlsx, .xlsm, .xls, .csv.")
    var files: [String]

    @Option(help: "Đọc theo biểu này, không nhận diện (read as this form id, e.g. tt07-bc01).")
    var form: String?

    @Option(
        parsing: .upToNextOption,
        help: "Tệp của kỳ trước, cho liên kết giữa hai kỳ (files of the previous period, for cross-period links).")
    var previous: [String] = []

    @Option(help: "Định dạng kết quả (output format): text, json, xlsx.")
    var format: FindingsFormat = .text

    @Option(name: .shortAndLong, help: "Ghi kết quả vào tệp này (write the findings to this file; required for xlsx).")
    var output: String?

    @Option(help: "Ngôn ngữ (language): vi, en. Mặc định (default): BIEUMAU_LANG, else vi.")
    var lang: FindingsLanguageOption?

    @Option(help: "Thư mục Mappings/ (the mappings folder).")
    var mappings: String?

    @Option(help: TextEncodingOption.help)
    var encoding: TextEncodingOption = .auto

    func run() throws {
        let language = (lang ?? .fromEnvironment).language
        if format == .xlsx, output == nil {
            throw UsageFailure(
                vietnamese: "--format xlsx cần -o TỆP.xlsx", english: "--format xlsx needs -o FILE.xlsx")
        }
        let loaded = try LoadedMappings.load(mappings)
        if let form, !loaded.forms.contains(where: { $0.id == form }) {
            throw UsageFailure(
                vietnamese: "không có biểu \(form); các biểu: \(loaded.forms.map(\.id).joined(separator: ", "))",
                english: "no form \(form); the forms are: \(loaded.forms.map(\.id).joined(separator: ", "))")
        }
        let reading = FormReading(
            detector: FormDetector(definitions: loaded.forms), encoding: encoding, formID: form)
        let validator = Validator(forms: loaded.forms, links: loaded.links, registry: loaded.registry)

        var reportFiles: [FindingsReport.File] = []
        var instances: [FormInstance] = []
        var previousInstances: [FormInstance] = []
        var findings: [Finding] = []
        var unreadable = false
        let inputs = try ValidateInputs.expand(files)
        let previousInputs = try ValidateInputs.expand(previous)
        let memo = MatchTextMemo()
        for (path, isPrevious) in inputs.map({ ($0, false) }) + previousInputs.map({ ($0, true) }) {
            do {
                let result = try reading.read(path, isPrevious: isPrevious, memo: memo)
                reportFiles.append(result.file)
                if isPrevious {
                    previousInstances.append(contentsOf: result.instances)
                } else {
                    instances.append(contentsOf: result.instances)
                    findings.append(contentsOf: result.findings)
                }
            } catch {
                unreadable = true
                Diagnostics.write("bieumau: \(error.message)")
                reportFiles.append(FindingsReport.File(path: path, sha256: nil, isPrevious: isPrevious))
                findings.append(
                    Finding(
                        rule: "read/unreadable", severity: .error, location: FindingLocation(file: path),
                        message: LocalizedText(vi: error.reason, en: error.reason)))
            }
        }
        findings.append(contentsOf: validator.validate(instances, previous: previousInstances))
        let report = FindingsReport(files: reportFiles, findings: Validator.ordered(findings))
        try FindingsOutput.write(report, format: format, language: language, to: output)
        if unreadable { throw ExitCode(ExitStatus.unreadableInput) }
        if report.hasErrors { throw ExitCode(ExitStatus.findings) }
    }
}

/// `--format`.
enum FindingsFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, xlsx
}

/// `--lang`.
enum FindingsLanguageOption: String, ExpressibleByArgument, CaseIterable {
    case vi, en

    /// `BIEUMAU_LANG` (`en…` for English), else Vietnamese.
    static var fromEnvironment: FindingsLanguageOption {
        Language.current == .english ? .en : .vi
    }

    var language: FindingsLanguage { self == .vi ? .vi : .en }
}

/// The files named and those inside the folders named (recursively) that a reader opens, sorted per folder.
enum ValidateInputs {
    static let extensions: Set<String> = ["xlsx", "xlsm", "xls", "csv"]

    /// The folder walk is `InputFiles.collect`'s; a path that does not exist is kept, to be reported when it is
    /// read (exit 3) while the other inputs are still checked.
    static func expand(_ arguments: [String]) throws -> [String] {
        var paths: [String] = []
        for argument in arguments {
            guard InputFiles.exists(argument) else {
                paths.append(argument)
                continue
            }
            paths += try InputFiles.collect([argument], extensions: extensions).map(\.path)
        }
        return paths
    }
}
