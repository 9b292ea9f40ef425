import Testing

@testable import SheetXLSX

@Suite("OPC part names and relationship targets")
struct PartNameTests {
    @Test(arguments: [
        ("", "_rels/.rels"),
        ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"),
        ("xl/worksheets/sheet1.xml", "xl/worksheets/_rels/sheet1.xml.rels"),
        ("workbook.xml", "_rels/workbook.xml.rels"),
        ("a/b/c/d.xml", "a/b/c/_rels/d.xml.rels"),
    ])
    func findsTheRelationshipsPartOfASource(_ source: String, _ expected: String) {
        #expect(PartName.relationships(of: source) == expected)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var target: String
        var source: String
        var expected: String
        var testDescription: String { "\(target) from \"\(source)\" → \(expected)" }
    }

    static let cases: [Case] = [
        // Absolute targets ignore the source.
        Case(target: "/xl/x.xml", source: "xl/workbook.xml", expected: "xl/x.xml"),
        Case(target: "/xl/sharedStrings.xml", source: "xl/worksheets/sheet1.xml", expected: "xl/sharedStrings.xml"),
        Case(target: "/xl/workbook.xml", source: "", expected: "xl/workbook.xml"),
        // Relative targets start in the source's folder.
        Case(target: "worksheets/s.xml", source: "xl/workbook.xml", expected: "xl/worksheets/s.xml"),
        Case(target: "styles.xml", source: "xl/workbook.xml", expected: "xl/styles.xml"),
        Case(target: "../media/a.png", source: "xl/worksheets/sheet1.xml", expected: "xl/media/a.png"),
        Case(target: "../../docProps/app.xml", source: "xl/worksheets/sheet1.xml", expected: "docProps/app.xml"),
        Case(target: "./a.xml", source: "xl/workbook.xml", expected: "xl/a.xml"),
        Case(target: "worksheets/./s.xml", source: "xl/workbook.xml", expected: "xl/worksheets/s.xml"),
        Case(target: "worksheets/../styles.xml", source: "xl/workbook.xml", expected: "xl/styles.xml"),
        Case(target: "worksheets//s.xml", source: "xl/workbook.xml", expected: "xl/worksheets/s.xml"),
        // The package itself is the source of _rels/.rels: relative targets start at the root.
        Case(target: "xl/workbook.xml", source: "", expected: "xl/workbook.xml"),
        Case(target: "./xl/workbook.xml", source: "", expected: "xl/workbook.xml"),
        Case(target: "workbook.xml", source: "workbook.xml", expected: "workbook.xml"),
        // `..` above the root stays at the root.
        Case(target: "../xl/workbook.xml", source: "", expected: "xl/workbook.xml"),
        Case(target: "../../../a.xml", source: "xl/workbook.xml", expected: "a.xml"),
        Case(target: "/../xl/a.xml", source: "xl/workbook.xml", expected: "xl/a.xml"),
        // Percent-encoded targets name the decoded part.
        Case(target: "worksheets/my%20sheet.xml", source: "xl/workbook.xml", expected: "xl/worksheets/my sheet.xml"),
        Case(target: "/xl/Bi%E1%BB%83u%2001.xml", source: "", expected: "xl/Biểu 01.xml"),
        Case(target: "100%.xml", source: "xl/workbook.xml", expected: "xl/100%.xml"),
        Case(target: "a%zz.xml", source: "xl/workbook.xml", expected: "xl/a%zz.xml"),
        Case(target: "a%4", source: "xl/workbook.xml", expected: "xl/a%4"),
    ]

    @Test(arguments: cases)
    func resolvesTargetsAgainstTheirSource(_ c: Case) {
        #expect(PartName.resolve(c.target, from: c.source) == c.expected)
    }
}
