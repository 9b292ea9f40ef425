import Foundation
import SheetCore
import Testing

/// Text snapshots: the expected output lives beside the fixture; a missing one is recorded and the test fails
/// until a person has read it and re-run the tests.
public enum Snapshot {
    /// Compares `actual` with the snapshot file at `path`.
    ///
    /// - Returns: whether they match; on a mismatch, `actual` is written to `path + ".actual"` for review.
    public static func matches(_ actual: String, snapshot path: URL, sourceLocation: SourceLocation = #_sourceLocation)
        -> Bool
    {
        guard let expected = try? String(contentsOf: path, encoding: .utf8) else {
            try? actual.write(to: path, atomically: true, encoding: .utf8)
            Issue.record(
                "recorded a new snapshot \(path.lastPathComponent): review it, then run the tests again",
                sourceLocation: sourceLocation)
            return false
        }
        let actualURL = path.appendingPathExtension("actual")
        if expected == actual {
            try? FileManager.default.removeItem(at: actualURL)
            return true
        }
        try? actual.write(to: actualURL, atomically: true, encoding: .utf8)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
        let line = firstDifference?.offset ?? min(expectedLines.count, actualLines.count)
        Issue.record(
            """
            \(path.lastPathComponent) differs at line \(line + 1):
              expected: \(line < expectedLines.count ? String(expectedLines[line]) : "<end>")
              actual:   \(line < actualLines.count ? String(actualLines[line]) : "<end>")
            (the whole output is in \(actualURL.lastPathComponent))
            """, sourceLocation: sourceLocation)
        return false
    }
}

/// A readable, stable rendering of a workbook for snapshots: every cell with its type, value, formula and style.
public enum WorkbookRendering {
    public static func render(_ workbook: Workbook) -> String {
        var lines: [String] = ["date system: \(workbook.dateSystem.rawValue)"]
        let fonts = workbook.styles.fonts.map { font in
            "\(font.name ?? "-")\(font.size.map { " \(NumberText.text($0))" } ?? "")\(font.isBold ? " bold" : "")\(font.isItalic ? " italic" : "")"
        }
        lines.append("fonts: " + fonts.joined(separator: "; "))
        lines.append(
            "cell formats: "
                + workbook.styles.cellFormats.indices.map { index in
                    let format = workbook.styles.numberFormat(forStyle: index)
                    return "\(index):\(format.id) \(format.code) \(kindName(format.kind))"
                }.joined(separator: "; "))
        for name in workbook.definedNames {
            let scope = name.localSheetIndex.map { " (sheet \($0 + 1))" } ?? ""
            lines.append("name \(name.name)\(scope)\(name.isHidden ? " hidden" : ""): \(name.formula)")
        }
        for (index, sheet) in workbook.sheets.enumerated() {
            lines.append("")
            lines.append("sheet \(index + 1) \"\(sheet.name)\" \(sheet.visibility.rawValue)")
            lines.append("  dimension: \(sheet.declaredDimension?.a1 ?? "-"), used: \(sheet.usedRange?.a1 ?? "-")")
            if !sheet.mergedRanges.isEmpty {
                lines.append("  merged: " + sheet.mergedRanges.map(\.a1).joined(separator: " "))
            }
            for column in sheet.columns {
                let span = CellAddress.columnName(column.firstColumn) + ":" + CellAddress.columnName(column.lastColumn)
                lines.append(
                    "  columns \(span) width \(column.width.map(NumberText.text) ?? "-")\(column.isHidden ? " hidden" : "")"
                )
            }
            for row in sheet.rows {
                lines.append("  row \(row.index + 1)\(row.isHidden ? " hidden" : "")")
                for cell in row.cells {
                    var line = "    \(cell.address.a1) \(describe(cell.value))"
                    if let formula = cell.formula { line += " = \(formula)" }
                    if cell.styleIndex != 0 { line += " [s\(cell.styleIndex)]" }
                    lines.append(line)
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func kindName(_ kind: NumberFormat.Kind) -> String {
        switch kind {
        case .general: "general"
        case .number: "number"
        case .percent: "percent"
        case .text: "text"
        case .temporal(let temporal): temporal.rawValue
        }
    }

    /// `number 42`, `string "Ia Đal"`, `rich ["Xã " | ".VnTime" "Ia §al"]`, `date 2025-01-01`, …
    public static func describe(_ value: CellValue) -> String {
        switch value {
        case .empty: return "empty"
        case .number(let number): return "number \(NumberText.text(number))"
        case .string(let text): return "string \(quoted(text))"
        case .richText(let rich):
            return "rich ["
                + rich.runs.map { run in
                    (run.fontName.map { "\(quoted($0)) " } ?? "") + quoted(run.text)
                }.joined(separator: " | ") + "]"
        case .boolean(let flag): return "boolean \(flag ? "TRUE" : "FALSE")"
        case .error(let error): return "error \(error.text)"
        case .dateTime(let date):
            return "\(date.kind.rawValue) \(date.iso8601) (serial \(NumberText.text(date.serial)))"
        }
    }

    private static func quoted(_ text: String) -> String {
        "\""
            + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
