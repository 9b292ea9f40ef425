import ArgumentParser
import Foundation
import SheetCore

/// `bieumau convert INPUT… --to xlsx|csv -o OUTDIR [--jobs N] [--fix-fonts] [--report FILE]`: a whole archive of
/// workbooks and CSV files converted in parallel, resumably, with a report (issue 7).
///
///   inputs ─collect─▶ [InputFile] ─BulkRunner─▶ N worker processes (`convert --worker`), one input at a time each
///                                  ◀─ ConversionRecord per input ─┘ ─▶ stdout line, progress, report
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Chuyển đổi hàng loạt bảng tính. (Convert workbooks and CSV files, whole folders at a time, in parallel.)",
        discussion: """
            --to xlsx: mỗi tệp .xls, .xlsx, .csv thành <tệp>.xlsx; --fix-fonts đổi chữ mã cũ (TCVN3, VNI) sang \
            Unicode và phông .VnTime, VNI-Times sang phông Unicode tương ứng, giữ cỡ chữ, đậm, nghiêng, định dạng \
            số, ô gộp, độ rộng cột và công thức. --to csv: mỗi trang tính thành <tệp>.<trang>.csv UTF-8 (tệp CSV \
            thành <tệp>.csv). Thư mục đầu vào được đọc đệ quy, cấu trúc được giữ nguyên dưới thư mục đầu ra; đầu \
            vào không bao giờ bị sửa. Tệp đầu ra đã hoàn chỉnh và mới hơn đầu vào được bỏ qua, nên chạy lại sau \
            khi bị ngắt sẽ làm tiếp phần còn lại (--force: làm lại tất cả). Mỗi đầu vào một dòng trên stdout: \
            ok, skipped hoặc failed và lý do. Mã thoát 0: tất cả đều xong; 1: có tệp lỗi; 3: không đọc được tệp nào.
            (--to xlsx: every .xls, .xlsx and .csv becomes <file>.xlsx; --fix-fonts converts legacy text (TCVN3, \
            VNI) to Unicode and .VnTime, VNI-Times to their Unicode counterparts, keeping size, bold, italic, \
            number formats, merged cells, column widths and formulas. --to csv: every sheet becomes \
            <file>.<sheet>.csv in UTF-8 (a CSV file becomes <file>.csv). Input folders are read recursively and \
            their tree is mirrored under the output folder; inputs are never modified. Outputs already complete \
            and newer than their input are skipped, so a run interrupted and started again finishes the rest \
            (--force redoes everything). One line per input on stdout: ok, skipped, or failed and why. Exit code \
            0 when everything is done, 1 when some inputs failed, 3 when none could be read.)
            """
    )

    enum Target: String, ExpressibleByArgument, CaseIterable, Codable, Sendable {
        case csv
        case xlsx
    }

    /// How CSV text becomes numbers in a workbook.
    enum Numbers: String, ExpressibleByArgument, CaseIterable, Codable, Sendable {
        /// `.` before the fraction, no grouping (`1234.5`, what `bieumau cat` writes): unambiguous.
        case plain
        /// Vietnamese: `1.234,5`; text that reads differently under `en` stays text and is reported.
        case vi
        /// English: `1,234.5`; text that reads differently under `vi` stays text and is reported.
        case en
        /// Every field stays text.
        case text
    }

    @Argument(help: "Tệp hoặc thư mục đầu vào (input files or folders).")
    var inputs: [String] = []

    @Option(help: "Định dạng đích (target format): csv, xlsx.")
    var to: Target

    @Option(name: [.customShort("o"), .customLong("output")], help: "Thư mục đầu ra (output folder).")
    var outputFolder: String

    @Option(
        name: [.customShort("j"), .customLong("jobs")],
        help: "Số tệp chuyển đổi song song, mặc định bằng số lõi (files converted in parallel; default: the cores).")
    var jobs: Int?

    @Flag(help: "Làm lại tất cả, ghi đè tệp đầu ra đã có (redo everything, replacing existing outputs).")
    var force = false

    @Flag(
        help: """
            Đổi chữ mã cũ sang Unicode và phông cũ sang phông Unicode khi ghi .xlsx (convert legacy text to Unicode \
            and legacy fonts to their Unicode counterparts in .xlsx outputs).
            """)
    var fixFonts = false

    @Option(help: TextEncodingOption.help)
    var encoding: TextEncodingOption = .auto

    @Flag(help: "Ghi dấu BOM UTF-8 đầu tệp CSV để Excel trên Windows hiện đúng tiếng Việt (write a UTF-8 BOM).")
    var bom = false

    @Option(
        help: """
            Cách đọc số trong CSV khi chuyển sang xlsx (how CSV text becomes numbers): plain (1234.5), vi (1.234,5), \
            en (1,234.5), text (no numbers).
            """)
    var numbers: Numbers = .plain

    @Option(
        help: """
            Ghi báo cáo từng tệp (đường dẫn, cỡ, SHA-256, định dạng, số trang, số ô, mã cũ, đầu ra, trạng thái, lý \
            do) ra FILE, dạng JSON nếu tên kết thúc bằng .json, nếu không thì CSV (write a report of every input to \
            FILE: JSON when it ends in .json, CSV otherwise).
            """)
    var report: String?

    @Option(
        help: """
            Giới hạn thời gian cho mỗi tệp, tính bằng giây; quá hạn thì tệp bị ghi là lỗi và việc chuyển tiếp tục \
            (wall-time limit per file in seconds; a file over it is reported as failed and the run goes on).
            """)
    var timeoutPerFile: Double = 600

    @Option(
        help: """
            Mức nén .xlsx từ 0 (không nén) đến 9 (nhỏ nhất, chậm nhất); mặc định 1: nhanh gấp đôi, tệp lớn hơn mức 6 \
            của Excel tới hai phần năm (.xlsx compression level 0-9; default 1: twice as fast, files up to two fifths \
            larger than at Excel's level 6).
            """)
    var compression: Int32 = 1

    @Flag(help: ArgumentHelp(visibility: .private))
    var worker = false

    /// Workers compute the inputs' SHA-256 only for a report.
    @Flag(help: ArgumentHelp(visibility: .private))
    var checksums = false

    func validate() throws {
        if let jobs, jobs < 1 || jobs > 256 {
            throw ValidationError("--jobs must be between 1 and 256")
        }
        guard (0...9).contains(compression) else { throw ValidationError("--compression must be 0 through 9") }
        guard timeoutPerFile > 0 else { throw ValidationError("--timeout-per-file must be more than 0 seconds") }
        if !worker && inputs.isEmpty { throw ValidationError("Missing expected argument '<inputs> ...'") }
    }

    /// What every conversion needs to know, the same in the parent and in the workers.
    var options: ConversionOptions {
        ConversionOptions(
            target: to, outputFolder: outputFolder, force: force, fixFonts: fixFonts, encoding: encoding, bom: bom,
            numbers: numbers, compressesInBackground: jobs == 1, compressionLevel: compression,
            computesChecksums: checksums || report != nil)
    }

    func run() throws {
        if worker {
            ConversionWorker(options: options).serve()
            return
        }
        let inputFiles = try InputFiles.collect(inputs, extensions: options.inputExtensions, target: to)
        guard !inputFiles.isEmpty else {
            let kinds = options.inputExtensions.sorted().map { "." + $0 }.joined(separator: " ")
            throw UsageFailure(
                vietnamese: "không tìm thấy tệp \(kinds) nào trong đầu vào",
                english: "no \(kinds) file among the inputs")
        }
        try InputFiles.checkOutputFolder(outputFolder, inputs: inputs)
        try InputFiles.makeFolder(outputFolder)
        let workerArguments = workerCommandLine(inputFiles)
        let runner = BulkRunner(
            inputs: inputFiles, jobs: min(jobs ?? BulkRunner.coreCount, inputFiles.count),
            workerArguments: workerArguments, timeoutPerFile: timeoutPerFile, options: options)
        let outcome = runner.run()
        if let report {
            do throws(FileError) {
                try ConversionReport(records: outcome.records).write(to: report)
            } catch {
                Diagnostics.write("bieumau: " + ErrorMessages.unwritable(error))
            }
        }
        Diagnostics.write(outcome.summary)
        if outcome.interrupted { throw ExitCode(BulkRunner.interruptedStatus) }
        let failed = outcome.records.filter { $0.status == .failed }.count
        if failed == 0 { return }
        throw ExitCode(failed == outcome.records.count ? ExitStatus.unreadableInput : ExitStatus.findings)
    }

    /// The options a worker process is started with: the same conversion, inputs sent on its standard input.
    private func workerCommandLine(_ inputFiles: [InputFile]) -> [String] {
        var arguments = ["convert", "--worker", "--to", to.rawValue, "-o", outputFolder]
        arguments += [
            "--encoding", encoding.rawValue, "--numbers", numbers.rawValue, "--compression", "\(compression)",
        ]
        if force { arguments.append("--force") }
        if jobs == 1 || inputFiles.count == 1 { arguments += ["--jobs", "1"] }
        if fixFonts { arguments.append("--fix-fonts") }
        if report != nil { arguments.append("--checksums") }
        if bom { arguments.append("--bom") }
        return arguments
    }
}

/// The settings of one conversion run.
struct ConversionOptions: Sendable {
    var target: Convert.Target
    var outputFolder: String
    var force: Bool
    var fixFonts: Bool
    var encoding: TextEncodingOption
    var bom: Bool
    var numbers: Convert.Numbers
    /// Whether an `.xlsx` output is deflated on a second thread: with one job; otherwise the cores run workers.
    var compressesInBackground: Bool
    /// The zlib level of `.xlsx` outputs.
    var compressionLevel: Int32
    /// Whether each input's SHA-256 is computed (for `--report`).
    var computesChecksums: Bool

    /// The inputs a run picks up in folders: every workbook and CSV file we read.
    /// (`.txt` is taken only when named: folders hold notes of that name too.)
    var inputExtensions: Set<String> { ["xlsx", "xlsm", "xls", "csv", "tsv"] }
}
