import Forms
import SheetCore
import SheetXLSX

/// The workbook report of `validate --format xlsx`: a sheet with one row per finding (severity, file, sheet, cell,
/// rule, expected, actual, message, related cells), filterable, and a sheet of the files read with their SHA-256
/// and the form of each sheet. Headings and severities are in the language asked for.
enum FindingsWorkbook {
    static func write(_ report: FindingsReport, language: FindingsLanguage, to path: String) throws {
        do {
            try writeBook(report, language: language, to: path)
        } catch {
            throw InputFailure(file: path, reason: "\(error)")
        }
    }

    private static func writeBook(_ report: FindingsReport, language: FindingsLanguage, to path: String)
        throws(XLSXError)
    {
        do {
            let book = try XLSXWriter(path: path)
            let bold = try book.addStyle(CellStyle(font: .init(name: "Times New Roman", size: 12, isBold: true)))
            let error = try book.addStyle(
                CellStyle(font: .init(name: "Times New Roman", size: 12, isBold: true, color: .red)))
            let plain = try book.addStyle(CellStyle(font: .init(name: "Times New Roman", size: 12)))
            let sheet = try book.addSheet(ReportText.findingsSheet.text(in: language))
            try sheet.writeRow(
                ReportText.columns.enumerated().map {
                    WriteCell(column: $0.offset, value: .string($0.element.text(in: language)), style: bold)
                })
            for finding in report.findings {
                var cells: [WriteCell] = []
                func add(_ value: CellValue, _ style: StyleID = plain) {
                    cells.append(WriteCell(column: cells.count, value: value, style: style))
                }
                add(
                    .string(ReportText.severity(finding.severity).text(in: language)),
                    finding.severity == .error ? error : plain)
                add(.string(finding.location.file))
                add(finding.location.sheet.map(CellValue.string) ?? .empty)
                add(finding.location.cell.map(CellValue.string) ?? .empty)
                add(.string(finding.rule))
                add(cellValue(finding.expected))
                add(cellValue(finding.actual))
                add(.string(finding.message.text(in: language)))
                add(
                    finding.related.isEmpty
                        ? .empty : .string(finding.related.map(FindingText.place).joined(separator: "; ")))
                try sheet.writeRow(cells.filter { $0.value != .empty })
            }
            let files = try book.addSheet(ReportText.filesSheet.text(in: language))
            try files.writeRow(
                ReportText.fileColumns.enumerated().map {
                    WriteCell(column: $0.offset, value: .string($0.element.text(in: language)), style: bold)
                })
            for file in report.files {
                let sheets = file.sheets.isEmpty ? [FindingsReport.Sheet(name: "")] : file.sheets
                for entry in sheets {
                    let values: [String?] = [
                        file.path, file.sha256, entry.name, entry.form, entry.unitCode, entry.period,
                    ]
                    try files.writeRow(
                        values.enumerated().compactMap { index, value in
                            guard let value, !value.isEmpty else { return nil }
                            return WriteCell(column: index, value: .string(value), style: plain)
                        })
                }
            }
            try book.close()
        }
    }

    /// A number as a number (exact for what forms hold), text as text, a blank as nothing.
    private static func cellValue(_ value: FindingValue?) -> CellValue {
        switch value {
        case .number(let number)?: .number(number.doubleValue)
        case .text(let text)?: .string(text)
        case .blank?, nil: .empty
        }
    }
}
