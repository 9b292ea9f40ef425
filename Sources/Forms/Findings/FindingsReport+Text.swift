/// The text rendering: findings grouped by file, then sheet, each on one line with its cell, severity, rule and
/// message; a file without findings says so; one summary line at the end.
///
/// ```
/// Samples/23535-ia-dal.xlsx
///   Biểu 01 (tt07-bc01)
///     F9  lỗi  tt07-bc01/formula/poor_rate  cột 4 “Tỷ lệ (%)” ghi 8,5, tính lại theo (3) / (1) × 100 được 7,93
/// Tổng: 1 lỗi, 0 cảnh báo, 0 thông tin trong 1 tệp
/// ```
extension FindingsReport {
    public func text(in language: Language) -> String {
        var lines: [String] = []
        var byFile: [String: [Finding]] = [:]
        for finding in findings { byFile[finding.location.file, default: []].append(finding) }
        var paths = files.map(\.path)
        for finding in findings where !paths.contains(finding.location.file) { paths.append(finding.location.file) }
        for path in paths {
            let file = files.first { $0.path == path }
            let found = byFile[path] ?? []
            lines.append(path + (file?.isPrevious == true ? " " + ReportText.previousMark.text(in: language) : ""))
            if found.isEmpty {
                lines.append("  " + ReportText.noFindings.text(in: language))
                continue
            }
            var sheetOrder: [String?] = []
            for finding in found where !sheetOrder.contains(finding.location.sheet) {
                sheetOrder.append(finding.location.sheet)
            }
            for sheet in sheetOrder {
                let inSheet = found.filter { $0.location.sheet == sheet }
                var indent = "  "
                if let sheet {
                    let form = file?.sheets.first { $0.name == sheet }?.form
                    lines.append("  " + sheet + (form.map { " (\($0))" } ?? ""))
                    indent = "    "
                }
                let width = inSheet.map { ($0.location.cell ?? "").count }.max() ?? 0
                for finding in inSheet {
                    let cell = finding.location.cell ?? ""
                    let padded = cell + String(repeating: " ", count: width - cell.count)
                    let severity = ReportText.severity(finding.severity).text(in: language)
                    lines.append(
                        indent + (width > 0 ? padded + "  " : "") + severity + "  " + finding.rule + "  "
                            + finding.message.text(in: language))
                }
            }
        }
        lines.append(
            ReportText.summary(
                errors: count(.error), warnings: count(.warning), info: count(.info),
                files: files.filter { !$0.isPrevious }.count
            ).text(in: language))
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The words of the reports around the findings' own messages.
public enum ReportText {
    public static func severity(_ severity: Severity) -> LocalizedText {
        switch severity {
        case .error: LocalizedText(vi: "lỗi", en: "error")
        case .warning: LocalizedText(vi: "cảnh báo", en: "warning")
        case .info: LocalizedText(vi: "thông tin", en: "info")
        }
    }

    public static let noFindings = LocalizedText(vi: "không có phát hiện nào", en: "no findings")
    public static let previousMark = LocalizedText(vi: "(kỳ trước)", en: "(previous period)")

    public static func summary(errors: Int, warnings: Int, info: Int, files: Int) -> LocalizedText {
        LocalizedText(
            vi: "Tổng: \(errors) lỗi, \(warnings) cảnh báo, \(info) thông tin trong \(files) tệp",
            en: "Total: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"), "
                + "\(info) info in \(files) file\(files == 1 ? "" : "s")")
    }

    /// The column headings of the workbook report.
    public static let columns: [LocalizedText] = [
        LocalizedText(vi: "Mức độ", en: "Severity"),
        LocalizedText(vi: "Tệp", en: "File"),
        LocalizedText(vi: "Trang tính", en: "Sheet"),
        LocalizedText(vi: "Ô", en: "Cell"),
        LocalizedText(vi: "Quy tắc", en: "Rule"),
        LocalizedText(vi: "Giá trị đúng", en: "Expected"),
        LocalizedText(vi: "Giá trị ghi", en: "Actual"),
        LocalizedText(vi: "Nội dung", en: "Message"),
        LocalizedText(vi: "Ô liên quan", en: "Related cells"),
    ]

    /// The report sheets' names.
    public static let findingsSheet = LocalizedText(vi: "Phát hiện", en: "Findings")
    public static let filesSheet = LocalizedText(vi: "Tệp", en: "Files")
    public static let fileColumns: [LocalizedText] = [
        LocalizedText(vi: "Tệp", en: "File"),
        LocalizedText(vi: "SHA-256", en: "SHA-256"),
        LocalizedText(vi: "Trang tính", en: "Sheet"),
        LocalizedText(vi: "Biểu", en: "Form"),
        LocalizedText(vi: "Mã đơn vị", en: "Unit code"),
        LocalizedText(vi: "Kỳ", en: "Period"),
    ]
}
