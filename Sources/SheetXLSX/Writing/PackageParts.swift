// The small parts of the package (ECMA-376 Part 2, Open Packaging Conventions; Part 1, §12.2), written as Excel
// writes them:
//
//   _rels/.rels                    rId1 officeDocument → xl/workbook.xml, rId2 core, rId3 extended properties
//   docProps/core.xml              title, author, dates (Dublin Core)
//   xl/workbook.xml                sheets in tab order, defined names, calculation properties
//   xl/_rels/workbook.xml.rels     rId1…rIdN worksheets, then theme, styles, sharedStrings
//   docProps/app.xml               sheet names and named ranges, as Excel lists them
//   [Content_Types].xml            the media type of every part
import SheetCore
import SheetXML

/// What the package parts need to know of one sheet.
struct SheetEntry {
    var name: String
    var visibility: SheetVisibility
}

/// A defined name as written in `workbook.xml` (ECMA-376 Part 1, §18.2.5).
struct DefinedNameEntry {
    var name: String
    var formula: String
    var localSheet: Int?
    var isHidden = false
}

enum PackageParts {
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let documentRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

    /// `_rels/.rels`.
    static func rootRelationships(to out: ByteBuffer) {
        out.appendDeclaration()
        out.append("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
        out.append("<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/")
        out.append("relationships/extended-properties\" Target=\"docProps/app.xml\"/>")
        out.append("<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/")
        out.append("metadata/core-properties\" Target=\"docProps/core.xml\"/>")
        out.append("<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/")
        out.append("relationships/officeDocument\" Target=\"xl/workbook.xml\"/>")
        out.append("</Relationships>")
    }

    /// `xl/_rels/workbook.xml.rels`.
    static func workbookRelationships(sheetCount: Int, hasSharedStrings: Bool, to out: ByteBuffer) {
        out.appendDeclaration()
        out.append("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
        func relationship(_ id: Int, _ type: StaticString, _ target: StaticString, _ number: Int? = nil) {
            out.append("<Relationship")
            out.append(" Id=\"rId")
            out.appendDecimal(id)
            out.append("\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/")
            out.append(type)
            out.append("\" Target=\"")
            out.append(target)
            if let number {
                out.appendDecimal(number)
                out.append(".xml")
            }
            out.append("\"/>")
        }
        for sheet in 0..<sheetCount { relationship(sheet + 1, "worksheet", "worksheets/sheet", sheet + 1) }
        relationship(sheetCount + 1, "theme", "theme/theme1.xml")
        relationship(sheetCount + 2, "styles", "styles.xml")
        if hasSharedStrings { relationship(sheetCount + 3, "sharedStrings", "sharedStrings.xml") }
        out.append("</Relationships>")
    }

    /// `[Content_Types].xml`.
    static func contentTypes(sheetCount: Int, hasSharedStrings: Bool, to out: ByteBuffer) {
        let officeDocument = "application/vnd.openxmlformats-officedocument."
        func override(_ part: String, _ type: String) {
            out.append("<Override")
            out.attribute("PartName", part)
            out.attribute("ContentType", type)
            out.append("/>")
        }
        out.appendDeclaration()
        out.append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
        out.append(
            "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
        out.append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
        override("/docProps/app.xml", officeDocument + "extended-properties+xml")
        override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")
        override("/xl/styles.xml", officeDocument + "spreadsheetml.styles+xml")
        override("/xl/theme/theme1.xml", officeDocument + "theme+xml")
        override("/xl/workbook.xml", officeDocument + "spreadsheetml.sheet.main+xml")
        for sheet in 0..<sheetCount {
            override("/xl/worksheets/sheet\(sheet + 1).xml", officeDocument + "spreadsheetml.worksheet+xml")
        }
        if hasSharedStrings { override("/xl/sharedStrings.xml", officeDocument + "spreadsheetml.sharedStrings+xml") }
        out.append("</Types>")
    }

    /// `xl/workbook.xml`. The window size is Excel 2007's default; `fullCalcOnLoad` makes Excel recalculate every
    /// formula on opening, so a cached value never outlives its inputs.
    static func workbook(
        sheets: [SheetEntry], names: [DefinedNameEntry], activeSheet: Int, to out: ByteBuffer
    ) {
        out.appendDeclaration()
        out.append("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"")
        out.append(" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">")
        out.append("<fileVersion appName=\"xl\" lastEdited=\"4\" lowestEdited=\"4\" rupBuild=\"4505\"/>")
        out.append("<workbookPr defaultThemeVersion=\"124226\"/>")
        out.append(
            "<bookViews><workbookView xWindow=\"240\" yWindow=\"15\" windowWidth=\"16095\" windowHeight=\"9660\"")
        if activeSheet > 0 { out.attribute("activeTab", activeSheet) }
        out.append("/></bookViews><sheets>")
        for (index, sheet) in sheets.enumerated() {
            out.append("<sheet")
            out.attribute("name", sheet.name)
            out.attribute("sheetId", index + 1)
            switch sheet.visibility {
            case .visible: break
            case .hidden: out.append(" state=\"hidden\"")
            case .veryHidden: out.append(" state=\"veryHidden\"")
            }
            out.append(" r:id=\"rId")
            out.appendDecimal(index + 1)
            out.append("\"/>")
        }
        out.append("</sheets>")
        let sorted = sortedNames(names, sheets: sheets)
        if !sorted.isEmpty {
            out.append("<definedNames>")
            for name in sorted {
                out.append("<definedName")
                out.attribute("name", name.name)
                if let local = name.localSheet { out.attribute("localSheetId", local) }
                if name.isHidden { out.append(" hidden=\"1\"") }
                out.append(">")
                XMLEscaping.appendText(name.formula, to: out, forbidden: .remove)
                out.append("</definedName>")
            }
            out.append("</definedNames>")
        }
        out.append("<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/></workbook>")
    }

    /// Defined names in Excel's order: by name without its `_xlnm.` prefix, then by the local sheet's name, both
    /// compared case-insensitively by their UTF-8 bytes (a global name before local ones).
    static func sortedNames(_ names: [DefinedNameEntry], sheets: [SheetEntry]) -> [DefinedNameEntry] {
        func key(_ entry: DefinedNameEntry) -> ([UInt8], [UInt8]) {
            var name = entry.name
            if name.hasPrefix("_xlnm.") { name.removeFirst(6) }
            let sheet = entry.localSheet.map { sheets[$0].name } ?? ""
            return (Array(name.lowercased().utf8), Array(sheet.lowercased().utf8))
        }
        return names.map { (key($0), $0) }.sorted { a, b in
            if a.0.0 != b.0.0 { return a.0.0.lexicographicallyPrecedes(b.0.0) }
            return a.0.1.lexicographicallyPrecedes(b.0.1)
        }.map(\.1)
    }

    /// `docProps/core.xml`; `created` is also the modification time.
    static func core(_ properties: DocumentProperties, created: DateTimeComponents, to out: ByteBuffer) {
        out.appendDeclaration()
        out.append("<cp:coreProperties")
        out.append(" xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\"")
        out.append(" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\"")
        out.append(" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\"")
        out.append(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">")
        if let title = properties.title { out.element("<dc:title>", title, "</dc:title>", forbidden: .remove) }
        if let subject = properties.subject {
            out.element("<dc:subject>", subject, "</dc:subject>", forbidden: .remove)
        }
        out.element("<dc:creator>", properties.author ?? "", "</dc:creator>", forbidden: .remove)
        if let keywords = properties.keywords {
            out.element("<cp:keywords>", keywords, "</cp:keywords>", forbidden: .remove)
        }
        if let comments = properties.comments {
            out.element("<dc:description>", comments, "</dc:description>", forbidden: .remove)
        }
        out.element("<cp:lastModifiedBy>", properties.author ?? "", "</cp:lastModifiedBy>", forbidden: .remove)
        let stamp = w3cdtf(created)
        out.append("<dcterms:created xsi:type=\"dcterms:W3CDTF\">")
        out.append(contentsOf: stamp)
        out.append("</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">")
        out.append(contentsOf: stamp)
        out.append("</dcterms:modified>")
        if let category = properties.category {
            out.element("<cp:category>", category, "</cp:category>", forbidden: .remove)
        }
        if let status = properties.status {
            out.element("<cp:contentStatus>", status, "</cp:contentStatus>", forbidden: .remove)
        }
        out.append("</cp:coreProperties>")
    }

    /// `2025-07-01T08:30:00Z`.
    static func w3cdtf(_ c: DateTimeComponents) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):"
            + "\(pad(c.second, 2))Z"
    }

    /// `docProps/app.xml`: the visible and hidden sheets (very hidden ones are left out, as Excel does), then the
    /// names that refer to ranges, written `Sheet1!Print_Titles` for a sheet's own.
    static func app(
        _ properties: DocumentProperties, sheets: [SheetEntry], names: [DefinedNameEntry], to out: ByteBuffer
    ) {
        let listed = sheets.filter { $0.visibility != .veryHidden }.map(\.name)
        let ranges: [String] = sortedNames(names, sheets: sheets).compactMap { entry in
            guard !entry.isHidden, entry.formula.contains("!") else { return nil }
            var name = entry.name
            if name.hasPrefix("_xlnm.") { name.removeFirst(6) }
            guard let local = entry.localSheet else { return name }
            return SheetReference.quoted(sheets[local].name) + "!" + name
        }
        out.appendDeclaration()
        out.append("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"")
        out.append(" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">")
        out.append("<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity>")
        out.append("<ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector")
        out.attribute("size", ranges.isEmpty ? 2 : 4)
        out.append(" baseType=\"variant\"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>")
        out.appendDecimal(listed.count)
        out.append("</vt:i4></vt:variant>")
        if !ranges.isEmpty {
            out.append("<vt:variant><vt:lpstr>Named Ranges</vt:lpstr></vt:variant><vt:variant><vt:i4>")
            out.appendDecimal(ranges.count)
            out.append("</vt:i4></vt:variant>")
        }
        out.append("</vt:vector></HeadingPairs><TitlesOfParts><vt:vector")
        out.attribute("size", listed.count + ranges.count)
        out.append(" baseType=\"lpstr\">")
        for title in listed + ranges { out.element("<vt:lpstr>", title, "</vt:lpstr>", forbidden: .remove) }
        out.append("</vt:vector></TitlesOfParts>")
        if let manager = properties.manager { out.element("<Manager>", manager, "</Manager>", forbidden: .remove) }
        out.element("<Company>", properties.company ?? "", "</Company>", forbidden: .remove)
        out.append("<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>")
        out.append("<HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>")
    }
}

/// Sheet names inside formulas and defined names.
enum SheetReference {
    /// The name as a formula refers to it: quoted (`'Biểu 01'`, with `'` doubled) unless it is made only of
    /// letters, digits, `_` and `.`, does not start with a digit and cannot be read as a cell reference.
    static func quoted(_ name: String) -> String {
        var plain = !name.isEmpty
        for (offset, character) in name.enumerated() {
            if offset == 0, character.isNumber {
                plain = false
                break
            }
            if !(character.isLetter || character.isNumber || character == "_" || character == ".") {
                plain = false
                break
            }
        }
        if plain, looksLikeReference(name) { plain = false }
        return plain ? name : "'" + String(name.flatMap { $0 == "'" ? ["'", "'"] : [$0] }) + "'"
    }

    /// Whether the name reads as an A1 cell (`AB12`) or an R1C1 reference (`R`, `C`, `R2C3`).
    private static func looksLikeReference(_ name: String) -> Bool {
        if CellAddress(name) != nil { return true }
        let upper = name.uppercased()
        guard let first = upper.first, first == "R" || first == "C" else { return false }
        return upper.allSatisfy { $0 == "R" || $0 == "C" || $0.isASCII && $0.isNumber }
    }

    /// `$A$1`, `$A$1:$G$20`, `$1:$3` (whole rows) or `$A:$C` (whole columns).
    static func absolute(_ range: CellRange) -> String {
        let columnsWhole = range.first.row == 0 && range.last.row == CellAddress.maxRows - 1
        let rowsWhole = range.first.column == 0 && range.last.column == CellAddress.maxColumns - 1
        if rowsWhole { return "$\(range.first.row + 1):$\(range.last.row + 1)" }
        if columnsWhole {
            return "$\(CellAddress.columnName(range.first.column)):$\(CellAddress.columnName(range.last.column))"
        }
        let first = "$\(CellAddress.columnName(range.first.column))$\(range.first.row + 1)"
        if range.first == range.last { return first }
        return first + ":$\(CellAddress.columnName(range.last.column))$\(range.last.row + 1)"
    }
}
