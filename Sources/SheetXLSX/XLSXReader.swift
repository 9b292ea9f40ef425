// An Office Open XML workbook (ECMA-376 Part 1, §12.2 SpreadsheetML; Part 2, Open Packaging Conventions):
//
//   [Content_Types].xml
//   _rels/.rels                    → officeDocument: xl/workbook.xml
//   xl/workbook.xml                  sheets in tab order, date system, defined names
//   xl/_rels/workbook.xml.rels     → worksheet parts, sharedStrings, styles
//   xl/sharedStrings.xml, xl/styles.xml, xl/worksheets/sheet1.xml …
//
// Part names are found through relationships, never assumed: producers other than Excel name them freely.
import SheetCore
import SheetZip

/// Opens an `.xlsx` / `.xlsm` workbook and reads its sheets, streaming or whole.
///
/// ```swift
/// let reader = try XLSXReader(path: "Samples/bao-cao-xa-ia-dal.xlsx")
/// for sheet in reader.sheets { print(sheet.name) }
/// let first = try reader.worksheet(at: 0)
/// ```
public final class XLSXReader {
    /// The sheets in tab order.
    public let sheets: [SheetInfo]
    /// The workbook's date system (`date1904`).
    public let dateSystem: DateSystem
    public let definedNames: [DefinedName]
    /// Number formats and fonts of the cell formats.
    public let styles: Styles

    private let package: XLSXPackage
    private let file: String?
    private let sheetParts: [String?]
    private let sharedStrings: SharedStrings

    /// Opens a workbook file; reads its workbook, relationships, styles and shared strings (not its sheets).
    ///
    /// - Parameters:
    ///   - path: the file; it is read through `pread`, never loaded whole.
    ///   - limits: bounds on sizes and counts (ZIP, XML, strings, sheets).
    /// - Throws: ``XLSXError`` naming the file and part that cannot be read.
    public convenience init(path: String, limits: XLSXLimits = .default) throws(XLSXError) {
        let archive: ZipArchive
        do {
            archive = try ZipArchive(path: path, limits: limits.zip)
        } catch {
            var wrapped = XLSXError.container(error)
            wrapped.file = path
            if error.code == .notAZip, let kind = LegacyFileKind.detect(path: path) { wrapped = kind.error }
            wrapped.file = path
            throw wrapped
        }
        try self.init(archive: archive, file: path, limits: limits)
    }

    /// Opens a workbook held in memory.
    public convenience init(bytes: [UInt8], limits: XLSXLimits = .default) throws(XLSXError) {
        let archive: ZipArchive
        do {
            archive = try ZipArchive(bytes: bytes, limits: limits.zip)
        } catch {
            throw XLSXError.container(error)
        }
        try self.init(archive: archive, file: nil, limits: limits)
    }

    private init(archive: ZipArchive, file: String?, limits: XLSXLimits) throws(XLSXError) {
        self.file = file
        let package = XLSXPackage(archive: archive, limits: limits)
        self.package = package
        do throws(XLSXError) {
            let root = try package.relationships(of: "")
            let workbookPart = root.first { $0.isType("officeDocument") }?.target ?? "xl/workbook.xml"
            guard package.hasPart(workbookPart) else {
                if package.hasPart("xl/workbook.bin") {
                    throw XLSXError(.unsupported, "this is a binary workbook (.xlsb), which is not read yet")
                }
                throw XLSXError(
                    .missingPart, "the package has no workbook part \(workbookPart): it is not an Excel workbook",
                    part: workbookPart)
            }
            let workbook = try WorkbookPart(
                reading: try package.tokenizer(forPart: workbookPart), part: workbookPart, limits: limits)
            let links = try package.relationships(of: workbookPart)
            var byID: [String: Relationship] = [:]
            for link in links { byID[link.id] = link }

            var sheets: [SheetInfo] = []
            var parts: [String?] = []
            for (index, entry) in workbook.sheets.enumerated() {
                let link = byID[entry.relationshipID]
                sheets.append(
                    SheetInfo(
                        index: index, name: entry.name, visibility: entry.visibility,
                        isWorksheet: link.map { $0.isType("worksheet") } ?? true))
                parts.append(link?.target)
            }
            self.sheets = sheets
            self.sheetParts = parts
            self.dateSystem = workbook.dateSystem
            self.definedNames = workbook.definedNames

            if let stylesPart = links.first(where: { $0.isType("styles") })?.target,
                let xml = try package.tokenizer(forOptionalPart: stylesPart)
            {
                self.styles = try StylesPart.read(xml, part: stylesPart)
            } else {
                self.styles = Styles()
            }
            if let stringsPart = links.first(where: { $0.isType("sharedStrings") })?.target,
                let xml = try package.tokenizer(forOptionalPart: stringsPart)
            {
                self.sharedStrings = try SharedStrings(reading: xml, part: stringsPart, limits: limits)
            } else {
                self.sharedStrings = SharedStrings()
            }
        } catch {
            var located = error
            located.file = file
            throw located
        }
    }

    /// A streaming reader over one sheet's rows.
    ///
    /// - Parameter index: zero-based position in ``sheets``.
    /// - Throws: ``XLSXError`` when there is no such sheet or its part is missing or unreadable.
    public func rows(ofSheet index: Int) throws(XLSXError) -> WorksheetReader {
        guard sheets.indices.contains(index) else {
            var error = XLSXError(
                .noSuchSheet, "the workbook has \(sheets.count) sheets; there is no sheet \(index + 1)")
            error.file = file
            throw error
        }
        let sheet = sheets[index]
        do throws(XLSXError) {
            guard let part = sheetParts[index] else {
                throw XLSXError(
                    .missingPart, "the workbook lists the sheet but no relationship points to its part",
                    sheet: sheet.name)
            }
            guard package.hasPart(part) else {
                throw XLSXError(
                    .missingPart, "the sheet's part is missing from the package", part: part, sheet: sheet.name)
            }
            let xml = try package.tokenizer(forPart: part)
            return WorksheetReader(
                sheet: sheet, part: part, xml: xml, sharedStrings: sharedStrings, styles: styles,
                dateSystem: dateSystem, maxCells: package.limits.maxCellsPerSheet)
        } catch {
            var located = error
            located.file = file
            if located.sheet == nil { located.sheet = sheet.name }
            throw located
        }
    }

    /// One sheet read whole.
    ///
    /// - Throws: ``XLSXError`` as ``rows(ofSheet:)`` and ``WorksheetReader/next()`` do.
    public func worksheet(at index: Int) throws(XLSXError) -> Worksheet {
        let reader = try rows(ofSheet: index)
        var rows: [Row] = []
        do {
            while let row = try reader.next() { rows.append(row) }
        } catch {
            var located = error
            located.file = file
            throw located
        }
        let sheet = sheets[index]
        return Worksheet(
            name: sheet.name, visibility: sheet.visibility, rows: rows, mergedRanges: reader.mergedRanges,
            declaredDimension: reader.declaredDimension, columns: reader.columns)
    }

    /// The whole workbook read into memory.
    public func workbook() throws(XLSXError) -> Workbook {
        var worksheets: [Worksheet] = []
        for sheet in sheets {
            worksheets.append(try worksheet(at: sheet.index))
        }
        return Workbook(sheets: worksheets, definedNames: definedNames, styles: styles, dateSystem: dateSystem)
    }
}
