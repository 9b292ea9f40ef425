import ArgumentParser
import Forms
import SheetCore
import SheetXLSX
import VietText

/// `bieumau inspect FILE [--json]`: format, sheets, used ranges, the form each sheet is (when `Mappings/` is
/// found), fonts (legacy encodings show in font names).
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Mô tả một tệp bảng tính. (Describe a workbook: format, sheets, used ranges, detected forms, fonts.)"
    )

    @Argument(help: "Tệp bảng tính (the workbook): .xlsx, .xlsm.")
    var file: String

    @Flag(help: "In kết quả dạng JSON (print JSON for programs).")
    var json = false

    @Option(help: TextEncodingOption.help)
    var encoding: TextEncodingOption = .auto

    func run() throws {
        let reader = try WorkbookOpener.open(file, encoding: encoding)
        var summaries: [SheetSummary] = []
        var converted = LegacyTextReport()
        for sheet in reader.sheets {
            do {
                let rows = LegacyTextRows(
                    try reader.sheetRows(at: sheet.index), styles: reader.styles, policy: encoding.policy(for: reader))
                summaries.append(try SheetSummary(reading: rows))
                converted.merge(rows.report)
            } catch {
                throw InputFailure(error, file: file)
            }
        }
        // The form of each sheet, from its heading; without Mappings/ inspect still describes the file.
        if let mappings = try? LoadedMappings.load(nil) {
            let detector = FormDetector(definitions: mappings.forms)
            for index in summaries.indices where summaries[index].sheet.isWorksheet {
                summaries[index].detection = detector.detect(summaries[index].heading)
            }
        }
        let conversions = converted.counts
            .sorted { ($0.key.fontName, $0.key.encoding.rawValue) < ($1.key.fontName, $1.key.encoding.rawValue) }
            .map { ($0.key, $0.value) }
        let fonts = Array(Set(reader.styles.fonts.compactMap(\.name))).sorted()
        if json {
            print(jsonReport(reader, summaries, fonts, conversions).rendered())
        } else {
            print(textReport(reader, summaries, fonts, conversions), terminator: "")
        }
    }

    private func jsonReport(
        _ reader: any WorkbookReading, _ summaries: [SheetSummary], _ fonts: [String],
        _ conversions: [(LegacyTextReport.Entry, Int)]
    ) -> JSONValue {
        .object([
            "file": .string(file),
            "format": .string(reader.formatName),
            "dateSystem": .string(reader.dateSystem == .from1904 ? "1904" : "1900"),
            "sheets": .array(
                summaries.map { summary in
                    .object([
                        "index": .integer(summary.sheet.index + 1),
                        "name": .string(summary.sheet.name),
                        "visibility": .string(summary.sheet.visibility.rawValue),
                        "kind": .string(summary.sheet.isWorksheet ? "worksheet" : "other"),
                        "dimension": .optional(summary.declaredDimension?.a1),
                        "usedRange": .optional(summary.usedRange?.a1),
                        "rows": .integer(summary.rowCount),
                        "cells": .integer(summary.cellCount),
                        "formulas": .integer(summary.formulaCount),
                        "mergedRanges": .integer(summary.mergedRangeCount),
                        "form": .optional(summary.detection?.form?.id),
                        "formVersion": .optional(summary.detection?.form?.version),
                    ])
                }),
            "definedNames": .array(
                reader.definedNames.map { name in
                    .object([
                        "name": .string(name.name),
                        "refersTo": .string(name.formula),
                        "sheet": .optional(
                            name.localSheetIndex.flatMap { index in
                                reader.sheets.indices.contains(index) ? reader.sheets[index].name : nil
                            }),
                    ])
                }),
            "fonts": .array(fonts.map { .string($0) }),
            "legacyEncodings": .array(LegacyFont.encodings(in: fonts).map { .string($0) }),
            "convertedText": .array(
                conversions.map { entry, count in
                    .object([
                        "font": .string(entry.fontName), "encoding": .string(entry.encoding.rawValue),
                        "upperCase": .boolean(entry.upperCase), "count": .integer(count),
                    ])
                }),
        ])
    }

    private func textReport(
        _ reader: any WorkbookReading, _ summaries: [SheetSummary], _ fonts: [String],
        _ conversions: [(LegacyTextReport.Entry, Int)]
    ) -> String {
        var lines = [
            "Tệp (file): \(file)",
            "Định dạng (format): \(reader.formatName)",
            "Hệ ngày (date system): \(reader.dateSystem == .from1904 ? "1904" : "1900")",
            "Trang tính (sheets): \(summaries.count)",
        ]
        for summary in summaries {
            let visibility = summary.sheet.visibility == .visible ? "" : " [\(summary.sheet.visibility.rawValue)]"
            let range = summary.usedRange?.a1 ?? "trống (empty)"
            lines.append(
                "  \(summary.sheet.index + 1). \(summary.sheet.name)\(visibility): \(range), \(summary.rowCount) hàng (rows), "
                    + "\(summary.cellCount) ô (cells), \(summary.formulaCount) công thức (formulas), "
                    + "\(summary.mergedRangeCount) vùng gộp (merged)")
            if let form = summary.detection?.form {
                lines.append("     biểu (form): \(form.id) phiên bản (version) \(form.version): \(form.formNumber)")
            } else if let closest = summary.detection?.closest, closest.score > 0 {
                lines.append("     biểu (form): không nhận ra (none); gần nhất (closest) \(closest.definition.id)")
            }
        }
        if !fonts.isEmpty { lines.append("Phông chữ (fonts): " + fonts.joined(separator: ", ")) }
        let legacy = LegacyFont.encodings(in: fonts)
        if !legacy.isEmpty { lines.append("Bảng mã cũ (legacy encodings): " + legacy.joined(separator: ", ")) }
        for (entry, count) in conversions {
            let capitals = entry.upperCase ? ", chữ hoa (capitals)" : ""
            lines.append(
                "Đã chuyển sang Unicode (converted): \(count) đoạn chữ phông (text pieces in font) \(entry.fontName) "
                    + "← \(entry.encoding.rawValue)\(capitals)")
        }
        if !reader.definedNames.isEmpty {
            lines.append("Tên định nghĩa (defined names): \(reader.definedNames.count)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// What one sheet holds, counted by streaming through it.
struct SheetSummary {
    var sheet: SheetInfo
    var declaredDimension: CellRange?
    var usedRange: CellRange?
    var rowCount = 0
    var cellCount = 0
    var formulaCount = 0
    var mergedRangeCount = 0
    /// The first rows (title and table header), enough to tell the form.
    var heading: Worksheet
    var detection: FormDetection?

    static let headingRows = 60

    init(reading rows: any SheetRowReading) throws {
        sheet = rows.sheet
        var first: [Row] = []
        while let row = try rows.next() {
            if first.count < SheetSummary.headingRows { first.append(row) }
            rowCount += 1
            cellCount += row.cells.count
            formulaCount += row.cells.count { $0.formula != nil }
            if let first = row.cells.first, let last = row.cells.last {
                let span = CellRange(first.address, last.address)
                usedRange = usedRange?.union(span) ?? span
            }
        }
        declaredDimension = rows.declaredDimension
        mergedRangeCount = rows.mergedRanges.count
        heading = Worksheet(
            name: rows.sheet.name, visibility: rows.sheet.visibility, rows: first, mergedRanges: rows.mergedRanges)
    }
}

/// Font names that mean text in a legacy Vietnamese encoding (the bytes are not Unicode).
enum LegacyFont {
    /// The legacy encodings the font names imply, by VietText's font rules, named for people; in order of first use.
    static func encodings(in fonts: [String]) -> [String] {
        var found: [String] = []
        for font in fonts {
            guard let encoding = VietText.encoding(forFontName: font)?.encoding else { continue }
            let name = displayName(encoding)
            if !found.contains(name) { found.append(name) }
        }
        return found
    }

    private static func displayName(_ encoding: LegacyEncoding) -> String {
        switch encoding {
        case .tcvn3: "TCVN3 (ABC)"
        case .vni: "VNI"
        case .viscii: "VISCII"
        case .vps: "VPS"
        case .cp1258: "Windows-1258"
        case .viqr: "VIQR"
        }
    }
}
