import Foundation
import SheetCore
import SheetTestSupport
import Testing

@testable import SheetXLSX

/// Rich-text runs keep their size, bold and italic through the writer and the reader (ECMA-376 Part 1, §18.4.7).
@Suite("Rich-text run properties")
struct RichTextRunTests {
    static let runs: [[TextRun]] = [
        [TextRun(text: "Xã "), TextRun(text: "Ia Đal", fontName: "Times New Roman", size: 13, isBold: true)],
        [TextRun(text: "nghiêng", isItalic: true), TextRun(text: " thường", isBold: false, isItalic: false)],
        [TextRun(text: "chỉ phông", fontName: "Arial")],
    ]

    @Test(arguments: runs)
    func runPropertiesSurviveAWriteAndARead(_ runs: [TextRun]) throws {
        let path = XLSXWriterSamples.temporaryPath("rich-runs.xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let book = try XLSXWriter(path: path)
        let sheet = try book.addSheet("S")
        try sheet.writeRow([WriteCell(column: 0, value: .richText(RichText(runs: runs)))])
        try book.close()
        let read = try XLSXReader(path: path).worksheet(at: 0)
        let value = try #require(read.rows.first?.cells.first?.value)
        #expect(value == .richText(RichText(runs: runs)))
    }

    @Test func aRunThatStatesNothingHasNoProperties() throws {
        let path = XLSXWriterSamples.temporaryPath("rich-plain.xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let book = try XLSXWriter(path: path, options: XLSXWriterOptions(compressionLevel: 0))
        let sheet = try book.addSheet("S")
        let runs = [TextRun(text: "a"), TextRun(text: "b", fontName: "Arial")]
        try sheet.writeRow([WriteCell(column: 0, value: .richText(RichText(runs: runs)))])
        try book.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("<r><t>a</t></r><r><rPr><rFont val=\"Arial\"/></rPr><t>b</t></r>"))
    }
}
