import ArgumentParser
import SheetCSV
import SheetCore
import SheetXLSX
import VietText

#if canImport(Glibc)
    import Glibc
#endif

/// `bieumau convert INPUT… --to csv|xlsx -o OUTDIR [--force]`: one output per input (per sheet for CSV).
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Chuyển đổi bảng tính. (Convert workbooks: .xlsx and .xls to CSV, one file per sheet; CSV to .xlsx.)",
        discussion: """
            --to csv: mỗi trang tính thành một tệp CSV tên <tệp>.<trang>.csv. --to xlsx: mỗi tệp CSV thành \
            <tệp>.xlsx với một trang tính; số được đọc theo --numbers. Thư mục đầu vào được đọc \
            đệ quy và cấu trúc thư mục được giữ nguyên. Tệp đầu vào không bao giờ bị sửa; tệp đầu ra đã có chỉ bị \
            ghi đè khi dùng --force. Mỗi đầu vào một dòng báo cáo trên stdout: ok hoặc failed và lý do.
            (--to csv: each sheet becomes <file>.<sheet>.csv. --to xlsx: each CSV becomes <file>.xlsx with one \
            sheet; numbers are read as --numbers says. Input folders are read recursively and \
            their structure is kept. Inputs are never modified; an existing output is replaced only with --force. \
            One report line per input on stdout: ok, or failed and why. Exit code 3 when an input failed.)
            """
    )

    enum Target: String, ExpressibleByArgument, CaseIterable {
        case csv
        case xlsx
    }

    /// How CSV text becomes numbers in a workbook.
    enum Numbers: String, ExpressibleByArgument, CaseIterable {
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
    var inputs: [String]

    @Option(help: "Định dạng đích (target format): csv, xlsx.")
    var to: Target

    @Option(name: [.customShort("o"), .customLong("output")], help: "Thư mục đầu ra (output folder).")
    var outputFolder: String

    @Flag(help: "Ghi đè tệp đầu ra đã có (replace existing outputs).")
    var force = false

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

    func run() throws {
        let extensions: Set<String> = to == .csv ? ["xlsx", "xlsm", "xls"] : ["csv", "tsv", "txt"]
        let inputFiles = try InputFiles.collect(inputs, extensions: extensions)
        guard !inputFiles.isEmpty else {
            let kinds = extensions.sorted().map { "." + $0 }.joined(separator: " ")
            throw UsageFailure(
                vietnamese: "không tìm thấy tệp \(kinds) nào trong đầu vào",
                english: "no \(kinds) file among the inputs")
        }
        try InputFiles.makeFolder(outputFolder)
        var failures = 0
        for input in inputFiles {
            do {
                let outputs = try to == .csv ? convertToCSV(input) : [try convertToXLSX(input)]
                print("ok\t\(input.path)\t\(outputs.joined(separator: "\t"))")
            } catch {
                failures += 1
                print("failed\t\(input.path)\t\(describe(error, file: input.path))")
            }
        }
        Diagnostics.write(
            Language.current == .english
                ? "\(inputFiles.count - failures) of \(inputFiles.count) inputs converted"
                : "đã chuyển \(inputFiles.count - failures)/\(inputFiles.count) tệp (converted)")
        if failures > 0 { throw ExitCode(ExitStatus.unreadableInput) }
    }

    /// Writes each sheet of a workbook as `<stem>.<sheet>.csv`, all or none; returns the outputs written.
    private func convertToCSV(_ input: InputFile) throws -> [String] {
        let reader = try WorkbookOpener.open(input.path)
        let folder = try InputFiles.outputFolder(for: input, under: outputFolder)
        var outputs: [OutputFile] = []
        for sheet in reader.sheets where sheet.isWorksheet {
            let path = folder + input.stem + "." + InputFiles.safeName(sheet.name) + ".csv"
            guard !InputFiles.isSameFile(path, input.path) else {
                throw FileError(.exists, path: path, "the output would replace the input")
            }
            let output = try OutputFile(path: path)
            outputs.append(output)
            if bom { try output.write([0xEF, 0xBB, 0xBF]) }
            do {
                // Rows are read on a second thread while this one converts legacy text and writes the CSV.
                let rows = LegacyTextRows(
                    PrefetchingRows(try reader.sheetRows(at: sheet.index)), styles: reader.styles,
                    policy: encoding.workbookPolicy)
                try SheetCSVExport.write(rows, to: CSVWriter(fileDescriptor: output.fileDescriptor))
            } catch let error as CSVWriter.WriteError {
                throw error
            } catch {
                throw InputFailure(error, file: input.path)
            }
        }
        // Only a workbook read to its end gets outputs; an existing output stops the whole workbook's.
        if !force, let existing = outputs.first(where: { InputFiles.exists($0.path) }) {
            throw FileError(.exists, path: existing.path, "the output already exists; use --force to replace it")
        }
        for output in outputs { try output.commit(replacing: force) }
        return outputs.map(\.path)
    }

    /// Writes a CSV file as `<stem>.xlsx` with one sheet; returns the output's path.
    private func convertToXLSX(_ input: InputFile) throws -> String {
        let folder = try InputFiles.outputFolder(for: input, under: outputFolder)
        let path = folder + input.stem + ".xlsx"
        guard !InputFiles.isSameFile(path, input.path) else {
            throw FileError(.exists, path: path, "the output would replace the input")
        }
        if !force, InputFiles.exists(path) {
            throw FileError(.exists, path: path, "the output already exists; use --force to replace it")
        }
        let csv: CSVReader
        do {
            let (reader, used) = try LegacyCSV.open(input.path, encoding: encoding)
            csv = reader
            if let used {
                Diagnostics.write(
                    "bieumau: \(input.path): "
                        + ErrorMessages.bilingual(vietnamese: "đọc theo bảng mã \(used)", english: "read as \(used)"))
            }
        } catch {
            throw InputFailure(error, file: input.path)
        }
        do {
            let book = try XLSXWriter(path: path)
            let sheet = try book.addSheet(SheetNames.from(fileStem: input.stem))
            let converter = CSVToCells(numbers: numbers)
            do {
                while let cells = try converter.nextRow(csv) {
                    try sheet.writeRow(cells, at: csv.recordNumber - 1)
                }
            } catch let error as CSVError {
                book.cancel()
                throw InputFailure(file: input.path, reason: ErrorMessages.reason(error))
            }
            try book.close()
        } catch let error as XLSXError {
            throw InputFailure(file: path, reason: ErrorMessages.reason(error))
        }
        if csv.ambiguousNumberCount > 0 {
            Diagnostics.write(
                ErrorMessages.ambiguousNumbers(csv.ambiguousNumbers, total: csv.ambiguousNumberCount, file: input.path))
        }
        return path
    }

    private func describe(_ error: any Error, file: String) -> String {
        switch error {
        case let failure as InputFailure: failure.reason
        case let error as FileError: ErrorMessages.unwritable(error)
        default: "\(error)"
        }
    }
}
