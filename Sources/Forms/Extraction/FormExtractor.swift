import SheetCore

/// Reads a sheet as a form into a ``FormInstance``: heading values and table rows, every value typed and kept
/// with its provenance (file and SHA-256, sheet, cell, raw text, formula), and findings for what could not be read
/// or does not sit where the form says (DESIGN §2, §3).
///
/// Columns are found through the numbering row (`A`, `B`, `1`, `2`… or `(1)`, `(2)`…, `4=3/1x100`), else by their
/// labels. Rows depend on the form's kind: `units` by code (with a block of rows per unit told apart by its
/// label), `lines` by code wherever they are (missing → error, unknown → warning), `records` every non-blank row
/// under the header row; the signature block (`Người lập biểu`, `Thủ trưởng đơn vị`, the date line) ends a table.
///
/// ```swift
/// let workbook = try XLSXReader(path: path).workbook()
/// let document = SourceDocument(path: path, sha256: try SHA256.hexDigest(ofFile: path))
/// let detector = FormDetector(definitions: forms)
/// let extractor = FormExtractor(locale: .vi, dateSystem: workbook.dateSystem)
/// for reading in extractor.read(workbook, document: document, detector: detector) {
///     guard let instance = reading.instance else { continue }
///     print(instance.unitCode ?? "?", instance.rows.count, instance.findings.count)
/// }
/// ```
public struct FormExtractor: Sendable {
    /// How numbers written as text are read (`1.234` is 1234 under `.vi`).
    public var locale: NumberLocale
    /// The workbook's date system, for date serials.
    public var dateSystem: DateSystem

    /// - Parameters:
    ///   - locale: The declared number locale (`--locale`), Vietnamese by default.
    ///   - dateSystem: The workbook's date system (``Workbook/dateSystem``).
    public init(locale: NumberLocale = .vi, dateSystem: DateSystem = .from1900) {
        self.locale = locale
        self.dateSystem = dateSystem
    }

    /// Reads `sheet` as the form `definition`.
    ///
    /// - Parameters:
    ///   - sheet: A materialised sheet, text already in Unicode.
    ///   - definition: The form (from ``FormDetector`` or `--form`).
    ///   - styles: The workbook's styles: a percent number format makes 0,0793 read as 7,93 in a percent column.
    ///   - document: The file, for provenance and finding locations.
    /// - Returns: the instance, with reading and structural findings (never throws: what cannot be read is a
    ///   finding).
    /// - Complexity: O(cells of the sheet); each heading text is normalised once, data cells are not normalised.
    public func extract(
        _ sheet: Worksheet, as definition: FormDefinition, styles: Styles, document: SourceDocument
    ) -> FormInstance {
        let heading = SheetHeading(
            sheet: sheet, nonBlankRows: definition.fingerprint.searchRows + FormDetector.labelRowMargin)
        return extract(sheet, as: definition, styles: styles, document: document, heading: heading)
    }

    /// Detects and reads every sheet of `workbook`.
    ///
    /// Without `formID` each sheet is read as the form it matches (a sheet matching none has a detection and no
    /// instance). With `formID` (`--form ID`) the sheets whose fingerprint fits that form are read as it, or, when
    /// none fits, the one sheet that comes closest; other sheets are left out.
    ///
    /// - Parameters:
    ///   - workbook: The workbook read (its styles and date system are used; ``dateSystem`` is not).
    ///   - document: The file, for provenance.
    ///   - detector: The forms known.
    ///   - formID: A form to impose, `nil` to detect.
    ///   - memo: Texts normalised before on this thread (one memo per thread).
    /// - Returns: one reading per sheet considered, in tab order.
    public func read(
        _ workbook: Workbook, document: SourceDocument, detector: FormDetector, forcing formID: String? = nil,
        memo: MatchTextMemo? = nil
    ) -> [SheetReading] {
        var extractor = self
        extractor.dateSystem = workbook.dateSystem
        let headingRows = (detector.definitions.map(\.fingerprint.searchRows).max() ?? 20) + FormDetector.labelRowMargin
        let headings = workbook.sheets.map { SheetHeading(sheet: $0, nonBlankRows: headingRows, memo: memo) }
        var detections = zip(workbook.sheets, headings).map { detector.detect($0, heading: $1) }
        var chosen = Array(detections.indices)
        if let formID {
            guard let forced = detector.definition(id: formID) else { return [] }
            func candidate(_ detection: FormDetection) -> FormCandidate? {
                detection.candidates.first { $0.definition.id == formID }
            }
            let fitting = detections.indices.filter { candidate(detections[$0])?.isMatch == true }
            if fitting.isEmpty {
                let closest = detections.indices.max {
                    (candidate(detections[$0])?.score ?? 0) < (candidate(detections[$1])?.score ?? 0)
                }
                chosen = closest.map { [$0] } ?? []
            } else {
                chosen = fitting
            }
            for index in chosen {
                detections[index].form = forced
                detections[index].isForced = true
            }
        }
        return chosen.map { index in
            let detection = detections[index]
            let instance = detection.form.map {
                extractor.extract(
                    workbook.sheets[index], as: $0, styles: workbook.styles, document: document,
                    heading: headings[index])
            }
            return SheetReading(sheetIndex: index, detection: detection, instance: instance)
        }
    }

    func extract(
        _ sheet: Worksheet, as definition: FormDefinition, styles: Styles, document: SourceDocument,
        heading: SheetHeading
    ) -> FormInstance {
        var findings: [Finding] = []
        let location = TableLocator.locate(
            sheet, definition: definition, heading: heading, file: document.path, findings: &findings)
        var reader = CellReader(
            locale: locale, dateSystem: dateSystem, styles: styles, document: document, sheet: sheet.name)
        let header = HeaderReader.read(
            definition, sheet: sheet, heading: heading, above: location.headerTop, reader: &reader,
            findings: &findings)
        findings += missingColumnFindings(definition, location: location, file: document.path, sheet: sheet.name)

        var rows: [FormRow] = []
        var table: TableValues?
        if let dataStart = location.dataStart {
            var tableReader = TableReader(
                sheet: sheet, definition: definition, positions: location.positions, dataStart: dataStart,
                reader: reader)
            rows = tableReader.readRows()
            table = tableReader.table
            reader = tableReader.reader
            findings += tableReader.findings
        }
        var instance = FormInstance(
            definition: definition, document: document, sheet: sheet.name, header: header, rows: rows,
            sheetColumns: location.positions, findings: findings + reader.findings)
        instance.table = table
        return instance
    }

    private func missingColumnFindings(
        _ definition: FormDefinition, location: TableLocation, file: String, sheet: String
    ) -> [Finding] {
        guard location.dataStart != nil else { return [] }
        let structural = Set([definition.table.codeColumn, definition.table.blockColumn].compactMap { $0 })
        var findings: [Finding] = []
        for (column, position) in zip(definition.columns, location.positions) where position == nil {
            let essential =
                column.required || structural.contains(column.key)
                || (definition.kind == .records && definition.table.headerLabels.contains(column.label.vi))
            findings.append(
                ReadingFindings.missingColumn(
                    column, file: file, sheet: sheet, severity: essential ? .error : .warning,
                    byNumber: location.numberingRow != nil && column.number != nil))
        }
        return findings
    }
}

/// One sheet of a workbook: which form it is, and the form read from it.
public struct SheetReading: Sendable {
    /// The sheet's position in the workbook (tab order, 0-based).
    public var sheetIndex: Int
    /// Which form the sheet was recognised as (or forced to), or why none.
    public var detection: FormDetection
    /// The sheet read as ``FormDetection/form``; `nil` when no form matched.
    public var instance: FormInstance?

    public init(sheetIndex: Int, detection: FormDetection, instance: FormInstance?) {
        self.sheetIndex = sheetIndex
        self.detection = detection
        self.instance = instance
    }
}
