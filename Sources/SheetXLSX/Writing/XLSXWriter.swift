// Writing an Office Open XML workbook (ECMA-376 Part 1, §12.2; Part 2, Open Packaging Conventions), streamed:
//
//   init       _rels/.rels, docProps/core.xml,        known at once, so first in the ZIP: file-type sniffers
//              xl/theme/theme1.xml                     (libmagic's msooxml test, PHP's finfo) look at the first
//                                                      entries' names to tell an .xlsx from a plain ZIP
//   addSheet   xl/worksheets/sheetN.xml                one sheet at a time, rows in increasing order
//   close      xl/sharedStrings.xml, xl/styles.xml, xl/workbook.xml, xl/_rels/workbook.xml.rels,
//              docProps/app.xml, [Content_Types].xml
//
// Every part is what Excel writes for the same content (compared part by part with Excel-made files in the tests).
// The ZIP goes to a temporary file beside the output, renamed over it by `close()`; any failure, or a writer
// dropped without `close()`, leaves no file.
import SheetCore
import SheetXML
import SheetZip

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes an `.xlsx` workbook sheet by sheet, with memory that does not grow with the number of rows.
///
/// ```swift
/// let book = try XLSXWriter(path: "bieu-01.xlsx", options: .init(properties: .init(title: "Biểu 01")))
/// let bold = try book.addStyle(CellStyle(font: .init(name: "Times New Roman", size: 12, isBold: true)))
/// let sheet = try book.addSheet("Biểu 01", setup: SheetSetup(page: .a4FitToWidth))
/// try sheet.writeRow([WriteCell(column: 0, value: .string("Tổng số hộ"), style: bold),
///                     WriteCell(column: 1, value: .number(3780))])
/// try book.close()
/// ```
public final class XLSXWriter {
    let state: WorkbookState
    private var sheets: [SheetEntry] = []
    private var names: [DefinedNameEntry] = []
    private var current: SheetWriter?
    private var isClosed = false

    /// Starts a workbook at `path`, written to a temporary file beside it until ``close()``.
    ///
    /// - Parameters:
    ///   - path: The file to write; an existing file is replaced only when ``close()`` succeeds.
    ///   - options: Compression, string storage, active sheet, date formats and document properties.
    /// - Throws: ``XLSXError`` `.output` when the folder cannot be written, `.invalidUse` for options out of range.
    public init(path: String, options: XLSXWriterOptions = XLSXWriterOptions()) throws(XLSXError) {
        guard (0...9).contains(options.compressionLevel) else {
            throw XLSXError(.invalidUse, "the compression level must be 0 through 9, not \(options.compressionLevel)")
        }
        guard options.activeSheet >= 0 else { throw XLSXError(.invalidUse, "the active sheet cannot be negative") }
        let zip: ZipWriter
        do {
            zip = try ZipWriter(
                path: path, compressionLevel: options.compressionLevel,
                backgroundCompression: options.compressesInBackground)
        } catch {
            var wrapped = XLSXError.output(error, part: nil)
            wrapped.file = path
            throw wrapped
        }
        state = WorkbookState(zip: zip, path: path, options: options)
        let created = options.properties.created ?? Self.now()
        try state.writePart("_rels/.rels") { PackageParts.rootRelationships(to: $0) }
        try state.writePart("docProps/core.xml") { PackageParts.core(options.properties, created: created, to: $0) }
        try state.writePart("xl/theme/theme1.xml") { out in
            for chunk in DefaultTheme.chunks { out.append(chunk) }
        }
    }

    deinit {
        if !isClosed { state.zipWriter.cancel() }
    }

    /// Registers a style, returning the id cells refer to it by; the same look always gets the same id.
    ///
    /// - Parameter style: The style.
    /// - Throws: ``XLSXError`` `.unwritableValue` for a font size, indent or rotation Excel refuses.
    /// - Complexity: O(1) on average.
    public func addStyle(_ style: CellStyle) throws(XLSXError) -> StyleID {
        if let font = style.font {
            guard font.size >= 1, font.size <= 409, !font.name.isEmpty, font.name.utf16.count <= 31 else {
                throw XLSXError(.unwritableValue, "a font needs a name of 1–31 characters and a size of 1–409 points")
            }
        }
        if let alignment = style.alignment {
            guard (0...250).contains(alignment.indent),
                (0...180).contains(alignment.rotation) || alignment.rotation == 255
            else {
                throw XLSXError(.unwritableValue, "the indent must be 0–250 and the rotation 0–180 or 255")
            }
        }
        guard !style.numberFormat.code.isEmpty, style.numberFormat.code.utf16.count <= 255 else {
            throw XLSXError(.unwritableValue, "a number format code needs 1–255 characters")
        }
        return StyleID(index: state.styles.index(of: style))
    }

    /// Starts the next sheet, finishing the previous one; sheets appear in the order they are added.
    ///
    /// - Parameters:
    ///   - name: The tab's name: 1–31 characters, none of `[ ] : * ? / \`, not starting or ending with `'`,
    ///     distinct from the other sheets' names ignoring case.
    ///   - setup: Column widths, panes, merges, view and printing.
    /// - Returns: The writer for the sheet's rows, valid until the next `addSheet` or ``close()``.
    /// - Throws: ``XLSXError`` `.invalidUse` for a bad or repeated name, a hidden active sheet or a bad setup;
    ///   `.output` when the previous sheet cannot be written.
    public func addSheet(_ name: String, setup: SheetSetup = SheetSetup()) throws(XLSXError) -> SheetWriter {
        try checkOpen()
        try Self.validateSheetName(name, existing: sheets)
        try validate(setup, sheet: name, index: sheets.count)
        try current?.finish()
        current = nil
        let writer = try SheetWriter(name: name, index: sheets.count, setup: setup, state: state)
        sheets.append(SheetEntry(name: name, visibility: setup.visibility))
        if let page = setup.page { addPrintNames(page, sheet: sheets.count - 1) }
        current = writer
        return writer
    }

    /// Defines a name for a range, constant or formula (`workbook.xml` `definedName`, ECMA-376 Part 1, §18.2.5).
    ///
    /// - Parameters:
    ///   - name: The name: starts with a letter, `_` or `\`; letters, digits, `_`, `.` and `\` after; not a cell
    ///     reference.
    ///   - formula: What it refers to, `'Biểu 01'!$A$5:$P$40` (a leading `=` is dropped).
    ///   - localSheet: The zero-based sheet the name belongs to, `nil` for the whole workbook.
    /// - Throws: ``XLSXError`` `.invalidUse` for a malformed or repeated name.
    public func defineName(_ name: String, formula: String, localSheet: Int? = nil) throws(XLSXError) {
        try checkOpen()
        try Self.validateDefinedName(name)
        var formula = Substring(formula)
        if formula.first == "=" { formula = formula.dropFirst() }
        guard !formula.isEmpty else { throw XLSXError(.invalidUse, "the name \(name) needs a formula") }
        if let localSheet, localSheet < 0 { throw XLSXError(.invalidUse, "the sheet index cannot be negative") }
        let lowered = name.lowercased()
        if names.contains(where: { $0.name.lowercased() == lowered && $0.localSheet == localSheet }) {
            throw XLSXError(.invalidUse, "the name \(name) is defined twice in the same scope")
        }
        names.append(DefinedNameEntry(name: name, formula: String(formula), localSheet: localSheet))
    }

    /// Finishes the last sheet, writes the workbook's remaining parts and renames the file into place.
    ///
    /// - Throws: ``XLSXError``: `.invalidUse` when a name refers to a missing sheet or the active sheet does not
    ///   exist; `.output` when the file cannot be written. Either way no file is left at the path.
    public func close() throws(XLSXError) {
        try checkOpen()
        do {
            try finishWorkbook()
        } catch {
            cancel()
            throw error
        }
        isClosed = true
    }

    /// Abandons the workbook: removes the temporary file and leaves nothing at the path.
    public func cancel() {
        guard !isClosed else { return }
        isClosed = true
        state.zipWriter.cancel()
    }

    private func finishWorkbook() throws(XLSXError) {
        if sheets.isEmpty { _ = try addSheet("Sheet1") }
        try current?.finish()
        current = nil
        guard state.options.activeSheet < self.sheets.count else {
            throw XLSXError(
                .invalidUse, "the active sheet is \(state.options.activeSheet + 1) but there are \(self.sheets.count)")
        }
        if let name = self.names.first(where: { ($0.localSheet ?? 0) >= self.sheets.count }) {
            throw XLSXError(.invalidUse, "the name \(name.name) belongs to a sheet that was never added")
        }
        let strings = self.state.strings
        let hasSharedStrings = (strings?.count ?? 0) > 0
        if let strings, hasSharedStrings {
            try self.state.writePart("xl/sharedStrings.xml") { (out, flush) throws(ZipError) in
                try SharedStringsPart.write(strings, to: out, flush: flush)
            }
        }
        try self.state.writePart("xl/styles.xml") { self.state.styles.write(to: $0) }
        let sheets = self.sheets
        let names = self.names
        let state = self.state
        try state.writePart("xl/workbook.xml") {
            PackageParts.workbook(sheets: sheets, names: names, activeSheet: state.options.activeSheet, to: $0)
        }
        try state.writePart("xl/_rels/workbook.xml.rels") {
            PackageParts.workbookRelationships(sheetCount: sheets.count, hasSharedStrings: hasSharedStrings, to: $0)
        }
        try state.writePart("docProps/app.xml") {
            PackageParts.app(state.options.properties, sheets: sheets, names: names, to: $0)
        }
        try state.writePart("[Content_Types].xml") {
            PackageParts.contentTypes(sheetCount: sheets.count, hasSharedStrings: hasSharedStrings, to: $0)
        }
        do {
            try state.zipWriter.finish()
        } catch {
            throw XLSXError.output(error, part: nil)
        }
    }

    private func checkOpen() throws(XLSXError) {
        if isClosed { throw XLSXError(.invalidUse, "the workbook is already closed or cancelled") }
        if let failure = state.failure { throw failure }
    }

    /// `_xlnm.Print_Titles` and `_xlnm.Print_Area` for a sheet's page setup.
    private func addPrintNames(_ page: PageSetup, sheet: Int) {
        let quoted = SheetReference.quoted(sheets[sheet].name)
        if let area = page.printArea {
            names.append(
                DefinedNameEntry(
                    name: "_xlnm.Print_Area", formula: quoted + "!" + SheetReference.absolute(area), localSheet: sheet))
        }
        var titles: [String] = []
        if let columns = page.printTitleColumns {
            let range = CellRange(
                CellAddress(row: 0, column: columns.lowerBound),
                CellAddress(row: CellAddress.maxRows - 1, column: columns.upperBound))
            titles.append(quoted + "!" + SheetReference.absolute(range))
        }
        if let rows = page.printTitleRows {
            let range = CellRange(
                CellAddress(row: rows.lowerBound, column: 0),
                CellAddress(row: rows.upperBound, column: CellAddress.maxColumns - 1))
            titles.append(quoted + "!" + SheetReference.absolute(range))
        }
        if !titles.isEmpty {
            names.append(
                DefinedNameEntry(name: "_xlnm.Print_Titles", formula: titles.joined(separator: ","), localSheet: sheet))
        }
    }

    /// The current time in UTC.
    static func now() -> DateTimeComponents {
        let seconds = Double(time(nil))
        // Serial 25569 is 1970-01-01 in the 1900 system.
        let stamp = ExcelDateTime(serial: 25569 + seconds / 86400, system: .from1900, kind: .dateTime)
        return stamp.components ?? DateTimeComponents(year: 1970, month: 1, day: 1)
    }
}

/// What the workbook writer and its sheet writers share: the ZIP, the styles, the strings, and the first failure.
final class WorkbookState {
    let zipWriter: ZipWriter
    let path: String
    /// The output's folder, where temporary files go.
    let directory: String
    let options: XLSXWriterOptions
    let styles = StyleTable()
    let strings: SharedStringTable?
    /// The output error that ended the workbook; every later call rethrows it.
    @exclusivity(unchecked) private(set) var failure: XLSXError?

    init(zip: ZipWriter, path: String, options: XLSXWriterOptions) {
        self.zipWriter = zip
        self.path = path
        if let slash = path.lastIndex(of: "/") {
            directory = slash == path.startIndex ? "/" : String(path[..<slash])
        } else {
            directory = "."
        }
        self.options = options
        switch options.strings {
        case .shared(let budget): strings = SharedStringTable(byteBudget: budget)
        case .inline: strings = nil
        }
    }

    /// Records the failure that ends the workbook and abandons the output.
    func fail(_ error: XLSXError) {
        if failure == nil { failure = error }
        zipWriter.cancel()
    }

    /// Runs ZIP calls for `part`, turning their errors into a failure of the workbook.
    func zip(_ part: String, _ body: (ZipWriter) throws(ZipError) -> Void) throws(XLSXError) {
        do {
            try body(zipWriter)
        } catch {
            let wrapped = XLSXError.output(error, part: part)
            fail(wrapped)
            throw wrapped
        }
    }

    /// Writes a whole small part built in memory.
    func writePart(_ part: String, _ build: (ByteBuffer) -> Void) throws(XLSXError) {
        let out = ByteBuffer(capacity: 8192)
        build(out)
        try zip(part) { zip throws(ZipError) in
            try zip.startEntry(part)
            try zip.write(out)
            try zip.finishEntry()
        }
    }

    /// Writes a part that may be large, built by `build`, which calls `flush` whenever it wants the bytes gathered
    /// so far sent on.
    func writePart(
        _ part: String, _ build: (ByteBuffer, _ flush: () throws(ZipError) -> Void) throws(ZipError) -> Void
    ) throws(XLSXError) {
        let out = ByteBuffer(capacity: SheetWriter.flushSize + (64 << 10))
        try zip(part) { zip throws(ZipError) in
            try zip.startEntry(part)
            try build(out) { () throws(ZipError) in
                try zip.write(out)
                out.removeAll()
            }
            try zip.write(out)
            try zip.finishEntry()
        }
    }

    /// The cell format a date-time value of `kind` is written with in a cell styled `style`.
    func dateStyle(_ style: Int, kind: TemporalKind) -> Int {
        styles.dateFormat(for: style, kind: kind, fallback: options.dateFormats)
    }
}

/// `xl/sharedStrings.xml` (ECMA-376 Part 1, §18.4.9).
enum SharedStringsPart {
    static func write(
        _ strings: SharedStringTable, to out: ByteBuffer, flush: () throws(ZipError) -> Void
    ) throws(ZipError) {
        out.appendDeclaration()
        out.append("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"")
        out.attribute("count", strings.references)
        out.attribute("uniqueCount", strings.count)
        out.append(">")
        for index in 0..<strings.count {
            let text = strings.bytes(at: index)
            out.append(Self.needsSpacePreserve(text) ? "<si><t xml:space=\"preserve\">" : "<si><t>")
            XMLEscaping.appendText(utf8: text, to: out)
            out.append("</t></si>")
            if out.count >= SheetWriter.flushSize { try flush() }
        }
        out.append("</sst>")
    }

    /// ``XMLEscaping/needsSpacePreserve(_:)`` on UTF-8: a space, TAB or LF first or last.
    static func needsSpacePreserve(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = text.first, let last = text.last else { return false }
        let space: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }
        return space(first) || space(last)
    }
}
