// The worksheet's markup around its rows, in the element order of CT_Worksheet (ECMA-376 Part 1, §18.3.1.99) and
// with the attributes Excel writes for each setting.
import SheetCore

extension SheetWriter {
    /// Whether this sheet's tab is selected: the workbook's active sheet.
    var isActive: Bool { state.options.activeSheet == index }

    /// Declaration, `<worksheet>`, sheetPr, dimension, sheetViews, sheetFormatPr, cols, `<sheetData>`.
    func writeHead(to out: ByteBuffer, dimension: String, hasRows: Bool) {
        out.appendDeclaration()
        out.append("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"")
        out.append(" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">")
        let fits = setup.page?.fitsToPage ?? false
        if setup.tabColor != nil || fits {
            out.append("<sheetPr>")
            if let color = setup.tabColor {
                out.append("<tabColor")
                out.colorAttributes(color)
                out.append("/>")
            }
            if fits { out.append("<pageSetUpPr fitToPage=\"1\"/>") }
            out.append("</sheetPr>")
        }
        out.append("<dimension ref=\"")
        out.append(contentsOf: dimension)
        out.append("\"/>")
        writeSheetView(to: out)
        out.append("<sheetFormatPr")
        if let height = setup.defaultRowHeight {
            out.attribute("defaultRowHeight", height)
            out.append(" customHeight=\"1\"")
        } else {
            out.append(" defaultRowHeight=\"15\"")
        }
        out.append("/>")
        if !setup.columns.isEmpty {
            out.append("<cols>")
            for format in setup.columns {
                out.append("<col")
                out.attribute("min", format.columns.lowerBound + 1)
                out.attribute("max", format.columns.upperBound + 1)
                let width = format.width.map(ColumnFormat.storedWidth) ?? (format.isHidden ? 0 : 9.140625)
                out.attribute("width", width)
                if let style = format.style, style.index != 0 { out.attribute("style", style.index) }
                if format.isHidden { out.append(" hidden=\"1\"") }
                if format.width != nil || format.isHidden { out.append(" customWidth=\"1\"") }
                out.append("/>")
            }
            out.append("</cols>")
        }
        out.append(hasRows ? "<sheetData>" : "<sheetData/>")
    }

    /// `<sheetViews>`: the selected tab, view options, and a frozen pane with the selections Excel writes for it.
    private func writeSheetView(to out: ByteBuffer) {
        out.append("<sheetViews><sheetView")
        if !setup.showsGridLines { out.append(" showGridLines=\"0\"") }
        if isActive { out.append(" tabSelected=\"1\"") }
        let frozen = setup.frozenRows > 0 || setup.frozenColumns > 0
        if !frozen, let topLeft = setup.topLeftCell, topLeft != CellAddress(row: 0, column: 0) {
            out.attribute("topLeftCell", topLeft.a1)
        }
        if setup.view != .normal {
            out.append(" view=\"")
            out.append(contentsOf: setup.view.rawValue)
            out.append("\"")
        }
        if let zoom = setup.zoom, zoom != 100 {
            // The zoom is kept per view: Excel writes the current one and the one of the view in use.
            out.attribute("zoomScale", zoom)
            switch setup.view {
            case .normal: out.attribute("zoomScaleNormal", zoom)
            case .pageLayout: out.attribute("zoomScalePageLayoutView", zoom)
            case .pageBreakPreview: out.attribute("zoomScaleSheetLayoutView", zoom)
            }
        }
        out.append(" workbookViewId=\"0\"")
        if frozen {
            out.append(">")
            writePane(to: out)
            out.append("</sheetView></sheetViews>")
        } else if let selection = setup.selection,
            selection != CellRange(CellAddress(row: 0, column: 0), .init(row: 0, column: 0))
        {
            out.append("><selection")
            out.attribute("activeCell", selection.first.a1)
            out.attribute("sqref", selection.a1)
            out.append("/></sheetView></sheetViews>")
        } else {
            out.append("/></sheetViews>")
        }
    }

    /// `<pane state="frozen">` and its selections (ECMA-376 Part 1, §18.3.1.66).
    private func writePane(to out: ByteBuffer) {
        let rows = setup.frozenRows
        let columns = setup.frozenColumns
        let topLeft = setup.topLeftCell ?? CellAddress(row: rows, column: columns)
        out.append("<pane")
        if columns > 0 { out.attribute("xSplit", columns) }
        if rows > 0 { out.attribute("ySplit", rows) }
        out.attribute("topLeftCell", topLeft.a1)
        switch (rows > 0, columns > 0) {
        case (true, true):
            out.append(" activePane=\"bottomRight\" state=\"frozen\"/>")
            let right = CellAddress(row: 0, column: columns).a1
            let below = CellAddress(row: rows, column: 0).a1
            out.append("<selection pane=\"topRight\"")
            out.attribute("activeCell", right)
            out.attribute("sqref", right)
            out.append("/><selection pane=\"bottomLeft\"")
            out.attribute("activeCell", below)
            out.attribute("sqref", below)
            out.append("/><selection pane=\"bottomRight\"/>")
        case (true, false):
            out.append(" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\"/>")
        default:
            out.append(" activePane=\"topRight\" state=\"frozen\"/><selection pane=\"topRight\"/>")
        }
    }

    /// `</sheetData>`, mergeCells, printOptions, pageMargins, pageSetup, headerFooter, rowBreaks, colBreaks,
    /// `</worksheet>`.
    func writeTail(to out: ByteBuffer, hasRows: Bool) {
        if hasRows { out.append("</sheetData>") }
        if !merges.isEmpty {
            out.append("<mergeCells")
            out.attribute("count", merges.count)
            out.append(">")
            for range in merges {
                out.append("<mergeCell")
                out.attribute("ref", range.a1)
                out.append("/>")
            }
            out.append("</mergeCells>")
        }
        let page = setup.page
        if let page,
            page.centersHorizontally || page.centersVertically || page.printsHeadings || page.printsGridLines
        {
            out.append("<printOptions")
            if page.centersHorizontally { out.append(" horizontalCentered=\"1\"") }
            if page.centersVertically { out.append(" verticalCentered=\"1\"") }
            if page.printsHeadings { out.append(" headings=\"1\"") }
            if page.printsGridLines { out.append(" gridLines=\"1\"") }
            out.append("/>")
        }
        let margins = page?.margins ?? PageSetup.Margins()
        // Margins as Excel writes them, 15 digits or 17: 1.8 cm is 0.70866141732283472 in.
        out.append("<pageMargins left=\"")
        out.appendExcelDouble(margins.left)
        out.append("\" right=\"")
        out.appendExcelDouble(margins.right)
        out.append("\" top=\"")
        out.appendExcelDouble(margins.top)
        out.append("\" bottom=\"")
        out.appendExcelDouble(margins.bottom)
        out.append("\" header=\"")
        out.appendExcelDouble(margins.header)
        out.append("\" footer=\"")
        out.appendExcelDouble(margins.footer)
        out.append("\"/>")
        if let page {
            out.append("<pageSetup")
            if let paper = page.paperSize { out.attribute("paperSize", paper.code) }
            if let scale = page.scale, scale != 100, !page.fitsToPage { out.attribute("scale", scale) }
            if let first = page.firstPageNumber { out.attribute("firstPageNumber", first) }
            if page.fitsToPage {
                if let width = page.fitToWidth, width != 1 { out.attribute("fitToWidth", width) }
                if let height = page.fitToHeight, height != 1 { out.attribute("fitToHeight", height) }
            }
            if page.printsAcrossFirst { out.append(" pageOrder=\"overThenDown\"") }
            out.append(page.orientation == .landscape ? " orientation=\"landscape\"" : " orientation=\"portrait\"")
            if page.printsBlackAndWhite { out.append(" blackAndWhite=\"1\"") }
            if page.firstPageNumber != nil { out.append(" useFirstPageNumber=\"1\"") }
            out.append("/>")
            if page.header != nil || page.footer != nil {
                out.append("<headerFooter>")
                if let header = page.header { out.element("<oddHeader>", header, "</oddHeader>") }
                if let footer = page.footer { out.element("<oddFooter>", footer, "</oddFooter>") }
                out.append("</headerFooter>")
            }
            writeBreaks(page.rowBreaks, "<rowBreaks", "</rowBreaks>", last: CellAddress.maxColumns - 1, to: out)
            writeBreaks(page.columnBreaks, "<colBreaks", "</colBreaks>", last: CellAddress.maxRows - 1, to: out)
        }
        out.append("</worksheet>")
    }

    /// `<rowBreaks>` / `<colBreaks>` (ECMA-376 Part 1, §18.3.1.73 and §18.3.1.14): each break before the row or
    /// column `id`, across the whole sheet, manual; sorted, repeats and a break before the first row dropped.
    private func writeBreaks(
        _ breaks: [Int], _ open: StaticString, _ close: StaticString, last: Int, to out: ByteBuffer
    ) {
        let ids = Set(breaks.filter { $0 > 0 }).sorted()
        guard !ids.isEmpty else { return }
        out.append(open)
        out.attribute("count", ids.count)
        out.attribute("manualBreakCount", ids.count)
        out.append(">")
        for id in ids {
            out.append("<brk")
            out.attribute("id", id)
            out.attribute("max", last)
            out.append(" man=\"1\"/>")
        }
        out.append(close)
    }
}
