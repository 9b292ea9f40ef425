// Checks made before anything is written, so that what Excel would refuse or "repair" is refused here instead,
// with a message saying what to change.
import SheetCore

extension XLSXWriter {
    /// Sheet names as Excel allows them (the rules of its Rename dialog).
    static func validateSheetName(_ name: String, existing: [SheetEntry]) throws(XLSXError) {
        let length = name.utf16.count
        guard length >= 1, length <= 31 else {
            throw XLSXError(.invalidUse, "a sheet name needs 1–31 characters; \"\(name)\" has \(length)", sheet: name)
        }
        if let bad = name.first(where: { "[]:*?/\\".contains($0) }) {
            throw XLSXError(.invalidUse, "a sheet name cannot contain \"\(bad)\"", sheet: name)
        }
        if name.hasPrefix("'") || name.hasSuffix("'") {
            throw XLSXError(.invalidUse, "a sheet name cannot start or end with an apostrophe", sheet: name)
        }
        if name.lowercased() == "history" {
            throw XLSXError(.invalidUse, "Excel reserves the sheet name History", sheet: name)
        }
        let lowered = name.lowercased()
        if existing.contains(where: { $0.name.lowercased() == lowered }) {
            throw XLSXError(.invalidUse, "the workbook already has a sheet named \"\(name)\"", sheet: name)
        }
    }

    /// Defined names as Excel allows them.
    static func validateDefinedName(_ name: String) throws(XLSXError) {
        var plain = name
        if plain.hasPrefix("_xlnm.") { plain.removeFirst(6) }
        guard let first = plain.first, name.utf16.count <= 255 else {
            throw XLSXError(.invalidUse, "a defined name needs 1–255 characters")
        }
        let valid =
            (first.isLetter || first == "_" || first == "\\")
            && plain.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "\\" }
        guard valid else {
            throw XLSXError(
                .invalidUse,
                "the defined name \"\(name)\" must start with a letter, _ or \\ and hold only letters, digits, _, . and \\"
            )
        }
        if CellAddress(plain) != nil || isR1C1(plain) {
            throw XLSXError(.invalidUse, "the defined name \"\(name)\" reads as a cell reference")
        }
    }

    private static func isR1C1(_ name: String) -> Bool {
        let upper = name.uppercased()
        guard upper == "R" || upper == "C" || upper.hasPrefix("R") || upper.hasPrefix("C") else { return false }
        return upper.allSatisfy { $0 == "R" || $0 == "C" || ($0.isASCII && $0.isNumber) }
    }

    /// A sheet's setup against Excel's limits.
    func validate(_ setup: SheetSetup, sheet: String, index: Int) throws(XLSXError) {
        func fail(_ message: String) -> XLSXError { XLSXError(.invalidUse, message, sheet: sheet) }
        if index == state.options.activeSheet, setup.visibility != .visible {
            throw fail("the active sheet cannot be hidden; choose another with XLSXWriterOptions.activeSheet")
        }
        guard (0..<CellAddress.maxRows).contains(setup.frozenRows),
            (0..<CellAddress.maxColumns).contains(setup.frozenColumns)
        else { throw fail("the frozen rows and columns must be inside the grid") }
        var previous = -1
        for format in setup.columns {
            guard format.columns.lowerBound > previous, format.columns.upperBound < CellAddress.maxColumns else {
                throw fail("column formats must be in increasing, non-overlapping ranges inside columns A–XFD")
            }
            previous = format.columns.upperBound
            if let width = format.width, !(0...255).contains(width) {
                throw fail("a column width must be 0–255 characters, not \(width)")
            }
            if let style = format.style, style.index >= state.styles.formats.count {
                throw fail("a column style was not registered with this workbook")
            }
        }
        if let zoom = setup.zoom, !(10...400).contains(zoom) { throw fail("the zoom must be 10–400 %") }
        if let height = setup.defaultRowHeight, !(0...409).contains(height) {
            throw fail("the default row height must be 0–409 points")
        }
        guard let page = setup.page else { return }
        if let scale = page.scale, !(10...400).contains(scale) { throw fail("the print scale must be 10–400 %") }
        for fit in [page.fitToWidth, page.fitToHeight].compactMap({ $0 }) where !(0...32767).contains(fit) {
            throw fail("pages to fit to must be 0–32767")
        }
        for text in [page.header, page.footer].compactMap({ $0 }) where text.utf16.count > 255 {
            throw fail("a header or footer holds at most 255 characters")
        }
        guard Set(page.rowBreaks.filter { $0 > 0 }).count <= 1023,
            Set(page.columnBreaks.filter { $0 > 0 }).count <= 1023,
            page.rowBreaks.allSatisfy({ (0..<CellAddress.maxRows).contains($0) }),
            page.columnBreaks.allSatisfy({ (0..<CellAddress.maxColumns).contains($0) })
        else { throw fail("a sheet holds at most 1,023 row and 1,023 column page breaks, inside the grid") }
        if let rows = page.printTitleRows, rows.lowerBound < 0 || rows.upperBound >= CellAddress.maxRows {
            throw fail("the print title rows are outside the grid")
        }
        if let columns = page.printTitleColumns, columns.lowerBound < 0 || columns.upperBound >= CellAddress.maxColumns
        {
            throw fail("the print title columns are outside the grid")
        }
    }
}
