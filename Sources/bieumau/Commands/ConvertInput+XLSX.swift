// `--to xlsx`: a CSV file becomes a one-sheet workbook (numbers read as `--numbers` says); an `.xls` or `.xlsx`
// workbook is written again as `.xlsx`, sheet by sheet, keeping fonts (name, size, bold, italic), number formats,
// merged cells, column widths, hidden rows and columns, formulas and defined names. With `--fix-fonts` its legacy
// text becomes Unicode and its legacy fonts their Unicode counterparts (`ConvertFonts`); without it, the text and
// fonts are kept as they are, so that Excel shows them as before.
import SheetCSV
import SheetCore
import SheetXLSX
import VietText

extension ConvertInput {
    /// Writes `<stem>.xlsx`, or finds it done.
    func convertToXLSX(_ input: InputFile, into record: inout ConversionRecord) throws {
        let folder = try InputFiles.outputFolder(for: input, under: options.outputFolder)
        let name = input.stem + ".xlsx"
        let path = folder + name
        guard !InputFiles.isSameFile(path, input.path) else {
            throw FileError(.exists, path: path, "the output would replace the input")
        }
        if !options.force, InputFiles.exists(path) {
            guard try Self.areDone([path], input: input.path) else {
                throw FileError(
                    .exists, path: path, "the output already exists and is older than the input; use --force")
            }
            record.status = .skipped
            record.outputs = [path]
            return
        }
        if CSVWorkbook.isCSVName(input.path) {
            try csvToXLSX(input, path: path, into: &record)
        } else {
            try workbookToXLSX(input, path: path, into: &record)
        }
        record.outputs = [path]
        record.status = .ok
    }

    /// A CSV file as a workbook of one sheet named after the file.
    private func csvToXLSX(_ input: InputFile, path: String, into record: inout ConversionRecord) throws {
        let (csv, _) = try openCSV(input, into: &record)
        record.sheets = 1
        do {
            let book = try XLSXWriter(path: path, options: writerOptions(record))
            let sheet = try book.addSheet(SheetNames.from(fileStem: input.stem))
            let converter = CSVToCells(numbers: options.numbers)
            do {
                while let cells = try converter.nextRow(csv) {
                    if StopSignal.isRequested { throw ConversionInterrupted() }
                    record.cells += cells.count
                    try sheet.writeRow(cells, at: csv.recordNumber - 1)
                }
            } catch let error as CSVError {
                book.cancel()
                throw InputFailure(file: input.path, reason: ErrorMessages.reason(error))
            } catch {
                book.cancel()
                throw error
            }
            try book.close()
        } catch let error as XLSXError {
            throw InputFailure(file: path, reason: ErrorMessages.reason(error))
        }
        if csv.ambiguousNumberCount > 0 {
            let note = ErrorMessages.ambiguousNumbers(
                csv.ambiguousNumbers, total: csv.ambiguousNumberCount, file: input.path)
            let text = note.hasPrefix("bieumau: \(input.path): ") ? String(note.dropFirst(11 + input.path.count)) : note
            record.reason = [record.reason, text].compactMap { $0 }.joined(separator: "; ")
        }
    }

    /// An `.xls` or `.xlsx` workbook written again as `.xlsx`.
    private func workbookToXLSX(_ input: InputFile, path: String, into record: inout ConversionRecord) throws {
        let reader = try WorkbookOpener.open(input.path, encoding: options.encoding)
        record.format = reader.formatName
        record.legacyFound = Self.legacyFonts(in: reader.styles)
        let policy: LegacyTextPolicy = options.fixFonts ? options.encoding.workbookPolicy : .none
        var report = LegacyTextReport()
        let book: XLSXWriter
        do {
            book = try XLSXWriter(path: path, options: writerOptions(record))
        } catch {
            throw InputFailure(file: path, reason: ErrorMessages.reason(error))
        }
        let styles = ConvertStyleMap(styles: reader.styles, book: book, fixFonts: options.fixFonts)
        do {
            let worksheets = reader.sheets.filter(\.isWorksheet)
            for sheet in worksheets {
                let legacy = LegacyTextRows(
                    Self.readAhead(try Self.opened(reader, sheet: sheet.index, file: input.path), record),
                    styles: reader.styles, policy: policy)
                let rows = BulkRows(legacy)
                try copySheet(rows, info: sheet, to: book, styles: styles, file: input.path)
                record.cells += rows.cellCount
                report.merge(legacy.report)
            }
            if worksheets.isEmpty { _ = try book.addSheet("Sheet1") }
            record.sheets = worksheets.count
            for name in reader.definedNames {
                try? book.defineName(name.name, formula: name.formula, localSheet: name.localSheetIndex)
            }
            try book.close()
        } catch let error as XLSXError {
            book.cancel()
            throw InputFailure(file: input.path, reason: ErrorMessages.reason(error))
        } catch {
            book.cancel()
            throw error
        }
        Self.add(report, to: &record)
    }

    /// One worksheet: its columns and merges, then its rows with their styles and formulas.
    private func copySheet(
        _ rows: BulkRows, info: SheetInfo, to book: XLSXWriter, styles: ConvertStyleMap, file: String
    ) throws {
        // Column widths come before the first row in both formats; merges may come after the last (`.xlsx`).
        let first = try readRow(rows, file: file)
        var setup = SheetSetup()
        setup.visibility = info.visibility
        setup.columns = rows.columns.compactMap { column -> ColumnFormat? in
            guard column.firstColumn >= 0, column.firstColumn <= column.lastColumn, column.lastColumn < 16_384 else {
                return nil
            }
            let width = column.width.map { max(0, $0 - 5.0 / 7.0) }
            return ColumnFormat(column.firstColumn...column.lastColumn, width: width, isHidden: column.isHidden)
        }
        let sheet = try book.addSheet(info.name, setup: setup)
        var row = first
        var cells: [WriteCell] = []
        while let current = row {
            cells.removeAll(keepingCapacity: true)
            for cell in current.cells {
                var value = cell.value
                if styles.fixFonts, case .richText(var rich) = value {
                    for index in rich.runs.indices {
                        if let font = rich.runs[index].fontName, let unicode = ConvertFonts.unicodeCounterpart(of: font)
                        {
                            rich.runs[index].fontName = unicode
                        }
                    }
                    value = .richText(rich)
                }
                if case .empty = value, cell.formula == nil, cell.styleIndex == 0 { continue }
                cells.append(
                    WriteCell(
                        column: cell.address.column, value: value, formula: cell.formula,
                        style: try styles.id(for: cell.styleIndex)))
            }
            try sheet.writeRow(
                cells, at: current.index, format: current.isHidden ? RowFormat(isHidden: true) : .default)
            row = try readRow(rows, file: file)
        }
        for range in rows.mergedRanges { try? sheet.merge(range) }
    }

    private func readRow(_ rows: BulkRows, file: String) throws -> Row? {
        do {
            return try rows.next()
        } catch let error as ConversionInterrupted {
            throw error
        } catch {
            throw InputFailure(error, file: file)
        }
    }

    /// Many files at once: each worker compresses on its own thread, the other cores run other workers; with one
    /// job, a large file is deflated on a second thread.
    private func writerOptions(_ record: ConversionRecord) -> XLSXWriterOptions {
        XLSXWriterOptions(
            compressionLevel: options.compressionLevel,
            compressesInBackground: options.compressesInBackground && Self.isLarge(record))
    }
}
