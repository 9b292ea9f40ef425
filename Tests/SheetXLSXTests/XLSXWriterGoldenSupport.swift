import Foundation
import SheetCore
import SheetTestSupport
import SheetZip

@testable import SheetXLSX

/// Part-by-part comparison of a written workbook with one saved by Excel, after the normalisations of
/// rust_xlsxwriter's test harness (`tests/integration/common/mod.rs`), whose inputs these Excel files are:
///
/// - `docProps/core.xml`: the author Excel recorded (`John`) and the creation and modification times are removed;
/// - `xl/workbook.xml`: the window position and size, and `calcPr` (it carries Excel's build number), are removed;
/// - worksheets: Excel's printer resolution (`horizontalDpi`/`verticalDpi`, a property of the printer it saved
///   with) is removed from `pageSetup`; with `ignoresSpans`, so are row `spans`;
/// - `[Content_Types].xml` and relationship parts: elements are compared in sorted order (their order is free);
/// - every part: white space between elements is ignored; each part is compared as a list of tags and text.
///
/// The set of part names must be the same (less the parts a case ignores, such as `xl/calcChain.xml`).
enum GoldenComparison {
    struct Options {
        /// Part names present in Excel's file that the writer does not produce (`xl/calcChain.xml`).
        var ignoredParts: Set<String> = []
        /// Remove row `spans`, as for files Excel made to compare with constant-memory writers.
        var ignoresSpans = false
    }

    /// The differences between two workbooks, one line each; empty when they match.
    static func differences(expected: String, got: String, options: Options = Options()) throws -> [String] {
        let expectedParts = try parts(of: expected).filter { !options.ignoredParts.contains($0.key) }
        let gotParts = try parts(of: got).filter { !options.ignoredParts.contains($0.key) }
        var found: [String] = []
        let expectedNames = Set(expectedParts.keys)
        let gotNames = Set(gotParts.keys)
        if expectedNames != gotNames {
            found.append(
                "parts differ: missing \(expectedNames.subtracting(gotNames).sorted()), "
                    + "extra \(gotNames.subtracting(expectedNames).sorted())")
        }
        for name in expectedNames.intersection(gotNames).sorted() {
            let e = tokens(of: name, expectedParts[name]!, isExpected: true, options: options)
            let g = tokens(of: name, gotParts[name]!, isExpected: false, options: options)
            if e != g {
                let index =
                    zip(e, g).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, g.count)
                let want = index < e.count ? e[index] : "(end)"
                let have = index < g.count ? g[index] : "(end)"
                found.append("\(name) differs at element \(index): expected \(want) got \(have)")
            }
        }
        return found
    }

    static func parts(of path: String) throws -> [String: String] {
        let archive = try ZipArchive(path: path)
        var parts: [String: String] = [:]
        for entry in archive.entries where !entry.isDirectory {
            let bytes = try archive.contents(of: entry)
            parts[entry.name] = String(decoding: bytes, as: UTF8.self)
        }
        return parts
    }

    /// A part as a list of elements, normalised as described above.
    static func tokens(of name: String, _ text: String, isExpected: Bool, options: Options) -> [String] {
        var text = text
        if name == "docProps/core.xml" {
            if isExpected { text = text.replacingOccurrences(of: "John", with: "") }
            text = text.replacingOccurrences(
                of: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"#, with: "", options: .regularExpression)
        }
        if isExpected, name == "[Content_Types].xml" || name == "xl/_rels/workbook.xml.rels",
            options.ignoredParts.contains("xl/calcChain.xml")
        {
            // The calculation chain Excel keeps for formulas is a cache; its mentions go with it.
            text = text.replacingOccurrences(of: #"<[^<>]*calcChain[^<>]*/>"#, with: "", options: .regularExpression)
        }
        if name == "xl/workbook.xml" {
            text = text.replacingOccurrences(
                of: #"<workbookView xWindow="\d+" yWindow="\d+" windowWidth="\d+" windowHeight="\d+""#,
                with: "<workbookView", options: .regularExpression)
            text = text.replacingOccurrences(of: #"<calcPr[^>]*>"#, with: "<calcPr/>", options: .regularExpression)
        }
        if name.hasPrefix("xl/worksheets/sheet") {
            text = text.replacingOccurrences(of: #" horizontalDpi="\d+""#, with: "", options: .regularExpression)
            text = text.replacingOccurrences(of: #" verticalDpi="\d+""#, with: "", options: .regularExpression)
            text = text.replacingOccurrences(
                of: #"(<pageSetup[^>]*) r:id="rId1""#, with: "$1", options: .regularExpression)
            if options.ignoresSpans {
                text = text.replacingOccurrences(of: #" spans="\d+:\d+""#, with: "", options: .regularExpression)
            }
        }
        // rust_xlsxwriter's `xml_to_vec`: split between elements, trim, and restore the brackets the split took.
        var elements = text.replacingOccurrences(of: #">\s*<"#, with: ">\u{0}<", options: .regularExpression)
            .components(separatedBy: "\u{0}")
            .map { token -> String in
                var element = token.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(
                    of: "\r", with: "")
                if !element.hasPrefix("<") { element = "<" + element }
                if !element.hasSuffix(">") { element += ">" }
                return element
            }
        if name == "[Content_Types].xml" || name.hasSuffix(".rels") { elements.sort() }
        return elements
    }
}

/// One golden case: an Excel-made file and the calls that build the same workbook with the writer.
struct GoldenCase: CustomStringConvertible, Sendable {
    let file: String
    var options = GoldenComparison.Options()
    let build: @Sendable (String) throws -> Void

    init(
        _ file: String, options: GoldenComparison.Options = .init(), build: @escaping @Sendable (String) throws -> Void
    ) {
        self.file = file
        self.options = options
        self.build = build
    }

    var description: String { file }
}

/// Builds a workbook from an Excel-made file's cells, with styles, layout and printing given by the test.
///
/// The cell values, formulas and their cached results are read back from Excel's file with `XLSXReader` (that is
/// what "the same workbook" means); each cell's style index in that file picks the `StyleID` the test registered
/// in the same position, so every style goes through the public `addStyle` API.
struct GoldenBuild {
    var styles: [CellStyle] = []
    var options = XLSXWriterOptions(properties: DocumentProperties())
    /// Setups by sheet index; sheets without one get the default.
    var setups: [Int: SheetSetup] = [:]
    /// Row formats by sheet index, then zero-based row; rows with a format but no cells are written too.
    var rowFormats: [Int: [Int: RowFormat]] = [:]
    /// Extra calls before closing, such as defined names.
    var finish: ((XLSXWriter) throws -> Void)?
    /// Row styles refer to registered styles by their position in `styles` + 1 (0 being the default).
    var rowStyleIndex: [Int: [Int: Int]] = [:]

    func write(from source: String, to path: String) throws {
        let reader = try XLSXReader(path: source)
        let book = try XLSXWriter(path: path, options: options)
        var ids: [StyleID] = [.default]
        for style in styles { ids.append(try book.addStyle(style)) }
        for sheet in reader.sheets {
            var setup = setups[sheet.index] ?? SheetSetup()
            setup.visibility = sheet.visibility
            let writer = try book.addSheet(sheet.name, setup: setup)
            let sheetData = try reader.worksheet(at: sheet.index)
            var formats = rowFormats[sheet.index] ?? [:]
            for (row, style) in rowStyleIndex[sheet.index] ?? [:] {
                var format = formats[row] ?? RowFormat()
                format.style = ids[style]
                formats[row] = format
            }
            var byRow: [Int: [Cell]] = [:]
            for row in sheetData.rows { byRow[row.index] = row.cells }
            // The reader leaves out blank cells; styled ones (merged areas, formatted blanks) come from the XML.
            for (address, style) in try Self.styledBlanks(in: source, sheet: sheet.index + 1) {
                var cells = byRow[address.row] ?? []
                guard !cells.contains(where: { $0.address == address }) else { continue }
                cells.append(Cell(address: address, value: .empty, styleIndex: style))
                cells.sort { $0.address.column < $1.address.column }
                byRow[address.row] = cells
            }
            for row in Set(byRow.keys).union(formats.keys).sorted() {
                let cells = (byRow[row] ?? []).map { cell in
                    WriteCell(
                        column: cell.address.column, value: cell.value, formula: cell.formula,
                        style: cell.styleIndex < ids.count ? ids[cell.styleIndex] : .default)
                }
                try writer.writeRow(cells, at: row, format: formats[row] ?? .default)
            }
        }
        try finish?(book)
        try book.close()
    }

    /// The `<c r="B2" s="1"/>` cells of a sheet part: blank but styled.
    static func styledBlanks(in source: String, sheet: Int) throws -> [(CellAddress, Int)] {
        let archive = try ZipArchive(path: source)
        let xml = String(decoding: try archive.contents(ofEntryNamed: "xl/worksheets/sheet\(sheet).xml"), as: UTF8.self)
        let pattern = try NSRegularExpression(pattern: #"<c r="([A-Z]+[0-9]+)" s="([0-9]+)"/>"#)
        let range = NSRange(xml.startIndex..., in: xml)
        return pattern.matches(in: xml, range: range).compactMap { match in
            guard let cell = Range(match.range(at: 1), in: xml), let style = Range(match.range(at: 2), in: xml),
                let address = CellAddress(xml[cell]), let index = Int(xml[style])
            else { return nil }
            return (address, index)
        }
    }
}
