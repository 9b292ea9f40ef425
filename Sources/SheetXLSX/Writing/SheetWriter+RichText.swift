// The properties of a rich-text run (ECMA-376 Part 1, §18.4.7 `rPr`, CT_RPrElt: a choice of elements in any order):
//
//   <r><rPr><b/><i/><sz val="12"/><rFont val="Times New Roman"/></rPr><t>…</t></r>
//
// Only what the run states is written; a run that states nothing has no `rPr` and shows in the cell's font.
import SheetCore

extension SheetWriter {
    /// Appends a run's `rPr`, if it states any property.
    func appendRunProperties(_ run: TextRun) {
        guard run.fontName != nil || run.size != nil || run.isBold != nil || run.isItalic != nil else { return }
        block.append("<rPr>")
        if let bold = run.isBold { block.append(bold ? "<b/>" : "<b val=\"0\"/>") }
        if let italic = run.isItalic { block.append(italic ? "<i/>" : "<i val=\"0\"/>") }
        if let size = run.size, size >= 1, size <= 409 {
            block.append("<sz")
            block.attribute("val", size)
            block.append("/>")
        }
        if let font = run.fontName {
            block.append("<rFont")
            block.attribute("val", font)
            block.append("/>")
        }
        block.append("</rPr>")
    }
}
