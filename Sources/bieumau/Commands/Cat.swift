import ArgumentParser
import SheetCSV
import SheetCore
import SheetXLSX
import VietText

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `bieumau cat FILE [--sheet NAME|INDEX]`: one sheet as RFC 4180 CSV on stdout.
struct Cat: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "In một trang tính ra CSV. (Print one sheet as CSV on stdout.)",
        discussion: """
            Dòng N của CSV là hàng N của trang tính, cột M là cột M (bắt đầu từ A1). Số viết dạng ngắn nhất \
            với dấu chấm thập phân, ngày giờ theo ISO 8601, TRUE/FALSE, lỗi như #DIV/0!.
            (Line N is sheet row N and field M is column M, anchored at A1. Numbers in shortest round-trip form \
            with '.', dates ISO 8601, booleans TRUE/FALSE, errors as their text; formula cells give their cached value.)
            """
    )

    @Argument(help: "Tệp bảng tính (the workbook): .xlsx, .xlsm.")
    var file: String

    @Option(
        help:
            "Tên trang tính hoặc số thứ tự từ 1 (sheet name, or 1-based number). Mặc định: trang đầu (default: the first)."
    )
    var sheet: String?

    @Option(help: TextEncodingOption.help)
    var encoding: TextEncodingOption = .auto

    func run() throws {
        let reader = try WorkbookOpener.open(file, encoding: encoding)
        guard !reader.sheets.isEmpty else {
            throw InputFailure(
                file: file, vietnamese: "bảng tính không có trang nào", english: "the workbook has no sheets")
        }
        var index = 0
        if let sheet {
            guard let found = reader.sheetIndex(named: sheet) else {
                let names = reader.sheets.map { "\($0.index + 1) \"\($0.name)\"" }.joined(separator: ", ")
                throw UsageFailure(
                    vietnamese: "\(file) không có trang tính \"\(sheet)\"; các trang là: \(names)",
                    english: "\(file) has no sheet \"\(sheet)\"; its sheets are: \(names)")
            }
            index = found
        }
        do {
            let csv = CSVWriter(fileDescriptor: STDOUT_FILENO)
            // Rows are read on a second thread while this one converts their legacy text and writes the CSV.
            let rows = LegacyTextRows(
                PrefetchingRows(try reader.sheetRows(at: index)), styles: reader.styles,
                policy: encoding.policy(for: reader))
            try SheetCSVExport.write(rows, to: csv)
        } catch let error as CSVWriter.WriteError {
            throw error
        } catch {
            throw InputFailure(error, file: file)
        }
    }
}
