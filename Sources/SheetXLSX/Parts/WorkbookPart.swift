// xl/workbook.xml (ECMA-376 Part 1, §18.2): the sheets in tab order, the date system and the defined names.
//
//   <workbook><workbookPr date1904="1"/>
//     <sheets><sheet name="Biểu 01" sheetId="1" state="hidden" r:id="rId1"/>…</sheets>
//     <definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">'Biểu 01'!$A$1:$N$40</definedName>
import SheetCore
import SheetXML

/// What xl/workbook.xml declares.
struct WorkbookPart {
    struct SheetEntry {
        var name: String
        var visibility: SheetVisibility
        var relationshipID: String
    }

    var sheets: [SheetEntry] = []
    var dateSystem: DateSystem = .from1900
    var definedNames: [DefinedName] = []

    init(reading xml: XMLTokenizer, part: String, limits: XLSXLimits) throws(XLSXError) {
        do {
            try read(xml, limits: limits)
        } catch {
            throw XLSXError.wrap(error, part: part)
        }
    }

    private mutating func read(_ xml: XMLTokenizer, limits: XLSXLimits) throws {
        while try xml.next() != .endOfDocument {
            guard xml.kind == .startElement else { continue }
            if xml.matches(xml.localName, "workbookPr") {
                if let value = xml.attribute("date1904"), XLSXValue.isTrue(try xml.string(value)) {
                    dateSystem = .from1904
                }
            } else if xml.matches(xml.localName, "sheet") {
                guard sheets.count < limits.maxSheets else {
                    throw XLSXError(
                        .limitExceeded,
                        "more than \(limits.maxSheets) sheets (XLSXLimits.maxSheets; \(ReadLimits.hint("xlsx.maxSheets")))"
                    )
                }
                guard let name = xml.attribute("name"), let id = xml.attribute("id") else {
                    throw XLSXError(.invalidContent, "a <sheet> without a name or r:id", offset: xml.tokenOffset)
                }
                let state = try xml.attribute("state").map { try xml.string($0) } ?? "visible"
                sheets.append(
                    SheetEntry(
                        name: try xml.string(name), visibility: SheetVisibility(rawValue: state) ?? .visible,
                        relationshipID: try xml.string(id)))
            } else if xml.matches(xml.localName, "definedName") {
                try readDefinedName(xml)
            }
        }
    }

    private mutating func readDefinedName(_ xml: XMLTokenizer) throws {
        guard let nameSlice = xml.attribute("name") else { return }
        let name = try xml.string(nameSlice)
        let localSheet = try xml.attribute("localSheetId").flatMap { Int(try xml.string($0)) }
        let hidden = try xml.attribute("hidden").map { XLSXValue.isTrue(try xml.string($0)) } ?? false
        let formula = xml.isEmptyElement ? "" : try XLSXValue.text(of: xml)
        definedNames.append(DefinedName(name: name, formula: formula, localSheetIndex: localSheet, isHidden: hidden))
    }
}
