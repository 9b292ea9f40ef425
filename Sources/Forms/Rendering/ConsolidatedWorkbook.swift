import SheetCore
import SheetXLSX

/// One input of a consolidation, as listed on the sources sheet.
public struct SourceRecord: Hashable, Sendable {
    public var file: String
    public var sha256: String
    public var unitCode: String
    public var unitName: String
    /// The form id (`tt07-bc01`), or empty when the file held no known form.
    public var form: String
    public var period: String
    /// What became of it: used, used after remapping, refused and why.
    public var status: LocalizedText

    public init(
        file: String, sha256: String, unitCode: String, unitName: String, form: String, period: String,
        status: LocalizedText
    ) {
        self.file = file
        self.sha256 = sha256
        self.unitCode = unitCode
        self.unitName = unitName
        self.form = form
        self.period = period
        self.status = status
    }
}

/// The consolidated workbook: one sheet per form in its official layout, then the findings of every input and
/// the list of sources (file, SHA-256, unit, form, period, status). The same inputs give the same bytes.
///
/// ```swift
/// try ConsolidatedWorkbook.write(to: "huyen.xlsx", contents: contents, findings: findings, sources: sources,
///                                language: .vi, created: stamp)
/// ```
public enum ConsolidatedWorkbook {
    /// Writes the workbook (to a temporary file renamed into place when complete).
    ///
    /// - Parameters:
    ///   - findings: asked for once the form sheets are written (they may still be being worked out).
    ///   - created: the creation time recorded in the file (a fixed one keeps the output reproducible).
    /// - Throws: ``XLSXError`` when the file cannot be written.
    public static func write(
        to path: String, contents: [FormSheetContent], findings: @autoclosure () -> [Finding], sources: [SourceRecord],
        language: Language, created: DateTimeComponents
    ) throws(XLSXError) {
        var options = XLSXWriterOptions()
        // The fastest deflate: the workbook is written at the end of a run, alone on one core, and is small either
        // way (a province's is 77 KB at this level, 65 KB at zlib's default).
        options.compressionLevel = 1
        options.properties.title = contents.first.map { "Tổng hợp \($0.unitName) — \($0.period)" }
        options.properties.created = created
        // The sources' rows are sorted and measured on a second core while the forms are written.
        let sourceTable = BackgroundWork { sourcesTable(sources, language: language) }
        let writer = try XLSXWriter(path: path, options: options)
        do {
            var used: Set<String> = []
            var rendered: [String: RenderedSheet] = [:]
            for var content in orderedBySource(contents) {
                // The form number names the sheet; the same form for a second period gets the period too.
                var name = String(content.definition.formNumber.prefix(31))
                if used.contains(name) {
                    name = String("\(content.definition.formNumber) \(content.period)".prefix(31))
                }
                var suffix = 2
                while used.contains(name) {
                    name = String(content.definition.formNumber.prefix(26)) + " (\(suffix))"
                    suffix += 1
                }
                used.insert(name)
                content.sources = rendered
                rendered[content.definition.id] = try FormSheetRenderer.render(content, sheetName: name, into: writer)
            }
            try writeFindings(findings(), language: language, into: writer)
            try write(sourceTable.result(), into: writer)
            try writer.close()
        } catch {
            writer.cancel()
            throw error
        }
    }

    /// The contents in their order, except that a sheet computed from another form's sheet (report 5 from
    /// report 4) comes after it, so that its formulas can name that sheet's cells.
    static func orderedBySource(_ contents: [FormSheetContent]) -> [FormSheetContent] {
        var ordered: [FormSheetContent] = []
        var waiting = contents
        while !waiting.isEmpty {
            let placed = Set(ordered.map(\.definition.id))
            let present = Set(waiting.map(\.definition.id))
            let index =
                waiting.firstIndex { content in
                    content.definition.columns.allSatisfy { column in
                        column.formulaForm.map { placed.contains($0) || !present.contains($0) } ?? true
                    }
                } ?? 0
            ordered.append(waiting.remove(at: index))
        }
        return ordered
    }

    /// A sheet of rows under a header row, each row with the height its wrapped text takes: made apart from the
    /// writing, which alone needs the writer.
    struct Table: Sendable {
        var name: String
        var headers: [String]
        var widths: [Double]
        var rows: [[CellValue]]
        var headerFormat: RowFormat
        var rowFormats: [RowFormat]

        init(_ name: String, headers: [String], widths: [Double], rows: [[CellValue]]) {
            (self.name, self.headers, self.widths, self.rows) = (name, headers, widths, rows)
            var headerMeasured = [(text: String, lines: Int)?](repeating: nil, count: widths.count)
            headerFormat = height(
                of: headers.map { .string($0) }, widths: widths, bold: true, measured: &headerMeasured)
            // The rows of one file repeat its path and SHA-256: each column's last text is measured once.
            var measured = [(text: String, lines: Int)?](repeating: nil, count: widths.count)
            rowFormats = rows.map { height(of: $0, widths: widths, measured: &measured) }
        }
    }

    private static func write(_ table: Table, into writer: XLSXWriter) throws(XLSXError) {
        let header = try writer.addStyle(
            CellStyle(
                font: .init(name: FormStyles.fontName, size: 11, isBold: true), border: .all(.thin),
                alignment: .init(horizontal: .center, vertical: .center, wrapsText: true)))
        let body = try writer.addStyle(
            CellStyle(
                font: .init(name: FormStyles.fontName, size: 11), border: .all(.thin),
                alignment: .init(vertical: .top, wrapsText: true)))
        var page = PageSetup.a4FitToWidth
        page.orientation = .landscape
        page.printTitleRows = 0...0
        var setup = SheetSetup(
            columns: table.widths.enumerated().map { ColumnFormat($0, width: $1) }, frozenRows: 1, page: page)
        // Known before the rows are written, so that they go straight into the file rather than being held back.
        setup.dimension = CellRange(
            CellAddress(row: 0, column: 0),
            CellAddress(row: table.rows.count, column: max(table.headers.count - 1, 0)))
        let sheet = try writer.addSheet(table.name, setup: setup)
        try sheet.writeRow(values: table.headers.map { .string($0) }, style: header, format: table.headerFormat)
        for (row, format) in zip(table.rows, table.rowFormats) {
            try sheet.writeRow(values: row, style: body, format: format)
        }
    }

    /// The height of a row whose text wraps (neither Excel nor LibreOffice grows a row written without one).
    ///
    /// - Parameter measured: each column's text measured last, and its lines.
    private static func height(
        of row: [CellValue], widths: [Double], bold: Bool = false, measured: inout [(text: String, lines: Int)?]
    ) -> RowFormat {
        var lines = 1
        for (column, (value, width)) in zip(row, widths).enumerated() {
            guard case .string(let text) = value, !text.isEmpty else { continue }
            if let last = measured[column], last.text == text {
                lines = max(lines, last.lines)
                continue
            }
            let count = TextMetrics.lines(text, points: 11, bold: bold, columnWidth: width)
            measured[column] = (text, count)
            lines = max(lines, count)
        }
        return lines > 1 ? RowFormat(height: TextMetrics.height(lines: lines, points: 11)) : .default
    }

    private static func writeFindings(_ findings: [Finding], language: Language, into writer: XLSXWriter)
        throws(XLSXError)
    {
        let vi = language == .vi
        let headers =
            vi
            ? ["Tệp", "Trang tính", "Ô", "Mức độ", "Quy tắc", "Nội dung", "Giá trị đúng", "Giá trị ghi"]
            : ["File", "Sheet", "Cell", "Severity", "Rule", "Message", "Expected", "Actual"]
        let rows = findings.sorted { ($0.location, $0.rule) < ($1.location, $1.rule) }.map { finding -> [CellValue] in
            [
                .string(finding.location.file), .string(finding.location.sheet ?? ""),
                .string(finding.location.cell ?? ""), .string(severityText(finding.severity, language)),
                .string(finding.rule), .string(finding.message.text(in: language)),
                value(finding.expected), value(finding.actual),
            ]
        }
        try write(
            Table(
                vi ? "Phát hiện" : "Findings", headers: headers, widths: [28, 14, 9, 11, 30, 70, 13, 13], rows: rows),
            into: writer)
    }

    private static func sourcesTable(_ sources: [SourceRecord], language: Language) -> Table {
        let vi = language == .vi
        let headers =
            vi
            ? ["Tệp", "SHA-256", "Mã đơn vị", "Đơn vị", "Biểu", "Kỳ", "Tình trạng"]
            : ["File", "SHA-256", "Unit code", "Unit", "Form", "Period", "Status"]
        let rows = sources.sorted { ($0.file, $0.form) < ($1.file, $1.form) }.map { source -> [CellValue] in
            [
                .string(source.file), .string(source.sha256), .string(source.unitCode), .string(source.unitName),
                .string(source.form), .string(source.period), .string(source.status.text(in: language)),
            ]
        }
        return Table(
            vi ? "Nguồn" : "Sources", headers: headers, widths: [34, 70, 10, 20, 14, 12, 40], rows: rows)
    }

    private static func value(_ value: FindingValue?) -> CellValue {
        switch value {
        case .number(let number)?: .number(number.doubleValue)
        case .text(let text)?: .string(text)
        case .blank?, nil: .empty
        }
    }

    static func severityText(_ severity: Severity, _ language: Language) -> String {
        switch (severity, language) {
        case (.error, .vi): "lỗi"
        case (.warning, .vi): "cảnh báo"
        case (.info, .vi): "thông tin"
        case (let severity, .en): severity.rawValue
        }
    }
}
