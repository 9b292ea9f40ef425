import Foundation
import SheetCore
import SheetTestSupport
import Testing

@testable import SheetXLSX

/// The writer against workbooks saved by Excel (`../shared/corpora/excel-made/`, the rust_xlsxwriter test inputs):
/// each case builds the same workbook through the public API and compares every part after the normalisations of
/// ``GoldenComparison``.
@Suite("XLSXWriter golden comparison with Excel-made files", .enabled(if: TestPaths.sharedCorpora != nil))
struct XLSXWriterGoldenTests {
    static let folder = TestPaths.sharedCorpora?.appendingPathComponent("excel-made")

    @Test(arguments: GoldenCases.all)
    func writesWhatExcelWrote(_ golden: GoldenCase) throws {
        let source = try #require(Self.folder).appendingPathComponent(golden.file).path
        let output = XLSXWriterSamples.temporaryPath(golden.file)
        defer { try? FileManager.default.removeItem(atPath: output) }
        try golden.build(output)
        let differences = try GoldenComparison.differences(expected: source, got: output, options: golden.options)
        #expect(differences.isEmpty, Comment(rawValue: "\(golden.file):\n" + differences.joined(separator: "\n")))
    }

    @Test func atLeastTwentyFiveCases() {
        #expect(GoldenCases.all.count >= 25)
    }
}

/// Style shorthands for the cases.
private enum S {
    static let bold = CellStyle(font: .init(isBold: true))
    static let italic = CellStyle(font: .init(isItalic: true))
    static let boldItalic = CellStyle(font: .init(isBold: true, isItalic: true))
    static let center = CellStyle(alignment: .init(horizontal: .center))
    static func number(_ code: NumberFormatCode) -> CellStyle { CellStyle(numberFormat: code) }
}

/// A case whose cells are Excel's own, with the given styles, setups, row formats and extra calls.
private func golden(
    _ file: String, options: GoldenComparison.Options = .init(),
    _ configure: @escaping @Sendable (inout GoldenBuild) -> Void = { _ in }
) -> GoldenCase {
    GoldenCase(file, options: options) { output in
        var build = GoldenBuild()
        configure(&build)
        let source = XLSXWriterGoldenTests.folder!.appendingPathComponent(file).path
        try build.write(from: source, to: output)
    }
}

private func page(_ configure: (inout PageSetup) -> Void = { _ in }) -> SheetSetup {
    var page = PageSetup()
    configure(&page)
    return SheetSetup(page: page)
}

/// Excel keeps a calculation chain for formulas, a cache the writer does not produce.
private let calcChain = GoldenComparison.Options(ignoredParts: ["xl/calcChain.xml"])

enum GoldenCases {
    static let all: [GoldenCase] = basics + formats + layout + printing + names + views

    /// Sheets, numbers, strings, booleans, formulas.
    static let basics: [GoldenCase] = [
        golden("bootstrap01.xlsx"),
        golden("bootstrap02.xlsx"),
        golden("bootstrap03.xlsx"),
        golden("bootstrap04.xlsx"),
        golden("bootstrap05.xlsx"),
        golden("bootstrap06.xlsx"),
        golden("bootstrap07.xlsx"),
        golden("bootstrap08.xlsx"),
        golden("bootstrap16.xlsx"),
        golden("bootstrap37.xlsx") { $0.styles = [S.bold] },
        golden("bootstrap38.xlsx", options: calcChain),
        golden("bootstrap39.xlsx", options: calcChain),
        golden("bootstrap35.xlsx", options: calcChain) { $0.styles = [S.bold] },
        golden("format01.xlsx") { $0.styles = [S.bold] },
        golden("formula_results01.xlsx", options: calcChain),
        golden("hide01.xlsx"),
        golden("hide02.xlsx"),
        golden("optimize01.xlsx", options: .init(ignoresSpans: true)) { $0.options.strings = .inline },
        golden("optimize02.xlsx", options: .init(ignoresSpans: true)) { $0.options.strings = .inline },
        golden("optimize06.xlsx", options: .init(ignoresSpans: true)) { $0.options.strings = .inline },
        golden("optimize07.xlsx", options: .init(ignoresSpans: true)) { $0.options.strings = .inline },
        golden("shared_strings01.xlsx"),
        golden("shared_strings02.xlsx"),
    ]

    /// Fonts, fills, borders, alignment, number formats.
    static let formats: [GoldenCase] = [
        golden("bootstrap09.xlsx") { $0.styles = [S.bold] },
        golden("bootstrap10.xlsx") { $0.styles = [S.bold] },
        golden("bootstrap11.xlsx") { $0.styles = [S.bold, S.italic] },
        golden("bootstrap12.xlsx") { $0.styles = [S.bold, S.italic, S.boldItalic] },
        golden("bootstrap13.xlsx") { $0.styles = [S.bold, S.italic, S.number("0.0")] },
        golden("bootstrap14.xlsx") { $0.styles = [S.number("0.0")] },
        golden("bootstrap15.xlsx") { $0.styles = [S.number("0.00"), S.number("0.00%"), S.number("@")] },
        golden("bootstrap17.xlsx") { $0.styles = [CellStyle(font: .init(color: .red))] },
        golden("bootstrap18.xlsx") { $0.styles = [S.bold, S.italic] },
        golden("bootstrap19.xlsx") {
            $0.styles = [
                CellStyle(font: .init(name: "Arial")), CellStyle(font: .init(name: "Consolas", family: 3)),
                CellStyle(font: .init(size: 10)), CellStyle(font: .init(size: 9.5)),
            ]
        },
        golden("bootstrap21.xlsx") { $0.styles = [CellStyle(font: .init(isStrikethrough: true))] },
        golden("bootstrap29.xlsx") {
            let horizontal: [CellStyle.Alignment.Horizontal] = [
                .left, .center, .right, .fill, .justify, .centerContinuous, .distributed,
            ]
            let vertical: [CellStyle.Alignment.Vertical] = [.center, .top, .justify, .distributed]
            $0.styles =
                horizontal.map { CellStyle(alignment: .init(horizontal: $0)) } + [CellStyle(alignment: .init())]
                + vertical.map { CellStyle(alignment: .init(vertical: $0)) }
                + [CellStyle(alignment: .init(horizontal: .center, vertical: .center))]
        },
        golden("bootstrap31.xlsx") {
            $0.styles = [
                S.bold, CellStyle(fill: .solid(.red)), CellStyle(fill: .init(pattern: .mediumGray)),
                CellStyle(fill: .init(pattern: .darkVertical, foreground: .red, background: .rgb(0xFFFF00))),
                CellStyle(fill: .solid(.rgb(0x00B050))),
            ]
            $0.setups[0] = page { $0.paperSize = .init(code: 11) }
        },
        golden("bootstrap33.xlsx") {
            let diagonal = CellStyle.Border.Line.thin
            $0.styles = [
                CellStyle(border: .init(diagonal: diagonal, diagonalUp: true)),
                CellStyle(border: .init(diagonal: diagonal, diagonalDown: true)),
                CellStyle(border: .init(diagonal: diagonal, diagonalUp: true, diagonalDown: true)),
                CellStyle(
                    border: .init(
                        left: .thin, right: .thin, top: .thin, bottom: .thin, diagonal: diagonal, diagonalUp: true,
                        diagonalDown: true)),
                CellStyle(
                    border: .init(
                        left: .init(.thin, color: .rgb(0x00B050)), right: .init(.thin, color: .rgb(0x00B050)),
                        top: .init(.thin, color: .rgb(0x00B050)), bottom: .init(.thin, color: .rgb(0x00B050)),
                        diagonal: .init(.thin, color: .red), diagonalUp: true, diagonalDown: true)),
            ]
        },
        golden("bootstrap36.xlsx") {
            $0.styles = [
                "dd/mm/yyyy;@", "mm/dd/yyyy;@", "yyyy/mm/dd;@", #"dddd\ dd\ mmmm\ yyyy;@"#,
                #"[$-F800]dddd\,\ mmmm\ dd\,\ yyyy"#, #"[$-F400]h:mm:ss\ AM/PM"#,
            ].map { S.number(NumberFormatCode($0)) }
            $0.setups[0] = SheetSetup(columns: [ColumnFormat(0, width: 30)])
        },
        golden("bootstrap61.xlsx") {
            $0.styles = [#"yyyy\-mm\-dd\ hh:mm:ss"#, #"yyyy\-mm\-dd;@"#, "hh:mm:ss;@"].map {
                S.number(NumberFormatCode($0))
            }
            $0.setups[0] = SheetSetup(columns: [ColumnFormat(0, width: 30)])
        },
        golden("format02.xlsx") {
            let arial = CellStyle.Font(name: "Arial", isBold: true)
            $0.styles = [
                CellStyle(font: arial, alignment: .init(horizontal: .left)),
                CellStyle(font: arial, alignment: .init(horizontal: .center, rotation: 90)),
            ]
            $0.rowFormats[0] = [0: RowFormat(height: 30)]
        },
        golden("format03.xlsx") {
            $0.styles = [
                CellStyle(font: .init(isBold: true), fill: .solid(.red)),
                CellStyle(font: .init(isBold: true, isItalic: true), fill: .solid(.red)),
            ]
        },
        golden("format05.xlsx") {
            $0.styles = [CellStyle(alignment: .init(wrapsText: true))]
            $0.rowFormats[0] = [0: RowFormat(height: 45)]
        },
        golden("format11.xlsx") { $0.styles = [CellStyle(alignment: .init(horizontal: .center, vertical: .center))] },
        golden("format12.xlsx") {
            $0.styles = [
                CellStyle(border: .init(left: .thin, top: .thin, bottom: .thin)),
                CellStyle(border: .init(left: .thin, top: .thin)),
                CellStyle(border: .init(top: .thin, bottom: .thin)),
            ]
        },
        golden("format14.xlsx") { $0.styles = [CellStyle(alignment: .init(horizontal: .centerContinuous))] },
        golden("format15.xlsx") { $0.styles = [S.bold, CellStyle(font: .init(isBold: true), numberFormat: "0")] },
        golden("format16.xlsx") { $0.styles = [CellStyle(fill: .init(pattern: .mediumGray))] },
        golden("format18.xlsx") { $0.styles = [CellStyle(quotePrefix: true)] },
        golden("format19.xlsx") {
            $0.styles = [S.number("hh:mm;@"), CellStyle(fill: .solid(.rgb(0xFFFF00)), numberFormat: "hh:mm;@")]
        },
        golden("format13.xlsx") { $0.styles = [CellStyle(font: .init(name: "B Nazanin", family: 0, charset: 178))] },
        golden("format20.xlsx") { $0.styles = [CellStyle(font: .init(color: .automatic))] },
        golden("format21.xlsx") {
            $0.styles = [
                CellStyle(font: .init(color: .automatic), fill: .init(pattern: .darkVertical, background: .red))
            ]
        },
        golden("format22.xlsx") { $0.styles = [CellStyle(font: .init(color: .automatic), border: .all(.thin))] },
        golden("format23.xlsx") {
            $0.styles = [CellStyle(font: .init(color: .automatic), border: .init(diagonal: .thin, diagonalDown: true))]
        },
        golden("decimal01.xlsx") { $0.styles = [S.number(#"\$0.00"#)] },
        golden("escapes06.xlsx") {
            $0.styles = [S.number(#"[Red]0.0%\ "a""#)]
            $0.setups[0] = SheetSetup(columns: [ColumnFormat(0, width: 14)])
        },
        golden("bootstrap48.xlsx") {
            let accent2 = { (tint: Double) in CellStyle(fill: .solid(.theme(5, tint: tint))) }
            $0.styles =
                [
                    0, 0.79998168889431442, 0.59999389629810485, 0.39997558519241921, -0.249977111117893,
                    -0.499984740745262,
                ].map(accent2)
                + [
                    CellStyle(border: .all(.init(.thin, color: .theme(9)))),
                    CellStyle(
                        fill: .init(
                            pattern: .darkHorizontal, foreground: .theme(9, tint: -0.499984740745262),
                            background: .theme(9, tint: 0.79998168889431442))),
                ]
            $0.setups[0] = SheetSetup(tabColor: .theme(4))
        },
        golden("format24.xlsx") {
            $0.styles = [CellStyle(alignment: .init(horizontal: .center, vertical: .top, indent: 1, rotation: 255))]
            $0.rowFormats[0] = [0: RowFormat(height: 75)]
        },
    ]

    /// Merges, column widths and styles, row heights, hidden rows.
    static let layout: [GoldenCase] = [
        golden("merge_range01.xlsx") {
            $0.styles = [S.center]
            $0.setups[0] = SheetSetup(mergedRanges: [CellRange("B2:D2")!])
        },
        golden("merge_range02.xlsx") {
            $0.styles = [S.center]
            $0.setups[0] = SheetSetup(mergedRanges: [CellRange("B2:D6")!])
        },
        golden("merge_range03.xlsx") {
            $0.styles = [S.center]
            $0.setups[0] = SheetSetup(mergedRanges: ["B2:C2", "D2:E2", "F2:G2"].map { CellRange($0)! })
        },
        golden("merge_range04.xlsx") {
            $0.styles = [CellStyle(font: .init(isBold: true), alignment: .init(horizontal: .center))]
            $0.setups[0] = SheetSetup(mergedRanges: [CellRange("B2:D2")!])
        },
        golden("merge_range05.xlsx") {
            $0.styles = [S.center]
            $0.setups[0] = SheetSetup(mergedRanges: [CellRange("B2:D2")!])
        },
        golden("merge_cells01.xlsx") {
            $0.styles = [S.center]
            var setup = SheetSetup(mergedRanges: ["A1:A2", "B1:B2", "C1:C2", "D1:D2"].map { CellRange($0)! })
            setup.selection = CellRange("A4")
            $0.setups[0] = setup
        },
        golden("set_row01.xlsx") {
            $0.rowFormats[0] = Dictionary(
                uniqueKeysWithValues: [0, 1, 2, 3, 11, 12, 13, 14, 18, 20, 21].map {
                    ($0, RowFormat(height: Double($0 + 1) * 0.75))
                })
        },
        golden("set_row03.xlsx") {
            var formats = Dictionary(
                uniqueKeysWithValues: [0, 1, 2, 3, 11, 12, 13, 14, 18, 20, 21].map {
                    ($0, RowFormat(height: Double($0 + 1) * 0.75))
                })
            formats[20]?.isHidden = true
            $0.rowFormats[0] = formats
        },
        golden("bootstrap23.xlsx") {
            $0.styles = [S.bold, S.italic]
            $0.rowFormats[0] = [0: RowFormat(height: 24), 4: RowFormat(height: 39), 10: RowFormat(height: 23.25)]
            $0.rowStyleIndex[0] = [8: 2, 10: 1]
        },
        golden("bootstrap24.xlsx") {
            $0.styles = [S.bold, S.italic]
            $0.rowFormats[0] = [0: RowFormat(height: 24), 4: RowFormat(height: 39), 10: RowFormat(height: 23.25)]
            $0.rowStyleIndex[0] = [8: 2, 10: 1]
        },
        golden("bootstrap25.xlsx") {
            $0.setups[0] = SheetSetup(columns: [
                ColumnFormat(0, width: 14), ColumnFormat(1...2, width: 6.86), ColumnFormat(3...5, width: 0.92),
            ])
        },
        golden("bootstrap26.xlsx") {
            $0.styles = [S.bold]
            $0.setups[0] = SheetSetup(columns: [ColumnFormat(2...3, style: StyleID(index: 1))])
        },
        golden("bootstrap27.xlsx") {
            $0.styles = [S.bold, S.italic]
            $0.rowStyleIndex = [0: [2: 1], 1: [2: 2]]
        },
        golden("bootstrap28.xlsx") {
            $0.styles = [S.bold, S.italic, S.boldItalic]
            let bold = StyleID(index: 1)
            let italic = StyleID(index: 2)
            $0.setups[0] = SheetSetup(columns: [
                ColumnFormat(0, style: bold), ColumnFormat(1, style: italic), ColumnFormat(2, style: bold),
                ColumnFormat(3, width: 5.86, style: bold), ColumnFormat(4, width: 6.43, style: bold),
                ColumnFormat(5, width: 6.43, style: StyleID(index: 3)), ColumnFormat(6...7, width: 6.43, style: bold),
                ColumnFormat(8, style: italic),
            ])
        },
        golden("row_col_format01.xlsx") {
            $0.styles = [S.bold]
            $0.rowStyleIndex[0] = [0: 1]
        },
        golden("row_col_format02.xlsx") {
            $0.styles = [S.bold]
            $0.rowStyleIndex[0] = [0: 1]
        },
        golden("row_col_format03.xlsx") {
            $0.styles = [S.italic]
            $0.setups[0] = SheetSetup(columns: [ColumnFormat(0, style: StyleID(index: 1))])
        },
        golden("row_col_format04.xlsx") {
            $0.styles = [S.italic]
            $0.setups[0] = SheetSetup(columns: [ColumnFormat(0, style: StyleID(index: 1))])
        },
        golden("row_col_format05.xlsx") {
            $0.styles = [S.bold, S.italic]
            $0.setups[0] = SheetSetup(columns: [
                ColumnFormat(0, style: StyleID(index: 1)), ColumnFormat(2, style: StyleID(index: 2)),
            ])
        },
        golden("row_col_format06.xlsx") {
            $0.styles = [S.bold, S.italic]
            $0.setups[0] = SheetSetup(columns: [
                ColumnFormat(0, style: StyleID(index: 1)), ColumnFormat(2, style: StyleID(index: 2)),
            ])
        },
        golden("row_col_format07.xlsx") {
            $0.styles = [S.bold]
            $0.rowStyleIndex[0] = [4: 1]
        },
        golden("row_col_format08.xlsx") {
            $0.styles = [S.bold, S.boldItalic, S.italic]
            $0.setups[0] = SheetSetup(columns: [ColumnFormat(0, style: StyleID(index: 3))])
            $0.rowStyleIndex[0] = [0: 1]
        },
        golden("row_col_format09.xlsx") {
            $0.styles = [S.bold, S.boldItalic, S.italic]
            $0.setups[0] = SheetSetup(columns: [ColumnFormat(2, style: StyleID(index: 3))])
            $0.rowStyleIndex[0] = [4: 1]
        },
        golden("row_col_format10.xlsx") {
            $0.styles = [S.bold]
            $0.setups[0] = SheetSetup(columns: [ColumnFormat(2, style: StyleID(index: 1))])
        },
        golden("row_col_format11.xlsx") { $0.setups[0] = SheetSetup(columns: [ColumnFormat(2, width: 4)]) },
        golden("row_col_format12.xlsx") { $0.setups[0] = SheetSetup(columns: [ColumnFormat(2, isHidden: true)]) },
        golden("row_col_format14.xlsx") {
            $0.styles = [S.bold]
            $0.setups[0] = SheetSetup(columns: [
                ColumnFormat(1...3, width: 5), ColumnFormat(5, width: 8), ColumnFormat(7, style: StyleID(index: 1)),
                ColumnFormat(9, width: 2), ColumnFormat(11, isHidden: true),
            ])
        },
        golden("row_col_format15.xlsx") {
            $0.styles = [S.bold, S.italic, S.boldItalic]
            $0.setups[0] = SheetSetup(columns: [ColumnFormat(2, style: StyleID(index: 2))])
            $0.rowStyleIndex[0] = [2: 1]
        },
        golden("default_row01.xlsx") {
            var setup = SheetSetup()
            setup.defaultRowHeight = 24
            $0.setups[0] = setup
            $0.rowFormats[0] = [0: RowFormat(height: 24), 9: RowFormat(height: 24)]
        },
        golden("default_row06.xlsx") {
            var setup = SheetSetup()
            setup.defaultRowHeight = 24
            $0.setups[0] = setup
            $0.rowFormats[0] = [0: RowFormat(height: 24), 4: RowFormat(height: 15), 9: RowFormat(height: 24)]
        },
        golden("bootstrap46.xlsx") { $0.setups[0] = SheetSetup(columns: [ColumnFormat(0, width: 255)]) },
        golden("properties01.xlsx") {
            $0.setups[0] = SheetSetup(columns: [ColumnFormat(0, width: 70)])
            var properties = DocumentProperties(
                title: "This is an example spreadsheet", author: "Someone", company: "of Wolves")
            properties.subject = "With document properties"
            properties.manager = "Dr. Heinz Doofenshmirtz"
            properties.category = "Example spreadsheets"
            properties.keywords = "Sample, Example, Properties"
            properties.comments = "Created with Perl and Excel::Writer::XLSX"
            properties.status = "Quo"
            $0.options.properties = properties
        },
    ]

    /// Page setup, margins, headers and footers, print area and titles.
    static let printing: [GoldenCase] = [
        golden("landscape01.xlsx") {
            $0.setups[0] = page {
                $0.orientation = .landscape
                $0.paperSize = .a4
            }
        },
        golden("print_options01.xlsx") { $0.setups[0] = page { $0.printsGridLines = true } },
        golden("print_options02.xlsx") { $0.setups[0] = page { $0.centersHorizontally = true } },
        golden("print_options03.xlsx") { $0.setups[0] = page { $0.centersVertically = true } },
        golden("print_options04.xlsx") { $0.setups[0] = page { $0.printsHeadings = true } },
        golden("print_options05.xlsx") {
            $0.setups[0] = page {
                $0.printsGridLines = true
                $0.printsHeadings = true
                $0.centersHorizontally = true
                $0.centersVertically = true
            }
        },
        golden("print_options06.xlsx") {
            $0.setups[0] = page {
                $0.printArea = CellRange("A1:G20")
                $0.printTitleRows = 0...0
            }
        },
        golden("print_options07.xlsx") {
            $0.setups[0] = page {
                $0.paperSize = .a4
                $0.printsBlackAndWhite = true
            }
        },
        golden("print_area01.xlsx") { $0.setups[0] = page { $0.printArea = CellRange("A1") } },
        golden("print_area02.xlsx") { $0.setups[0] = page { $0.printArea = CellRange("A1:G1") } },
        golden("print_area03.xlsx") { $0.setups[0] = page { $0.printArea = CellRange("A1:XFD1") } },
        golden("print_area04.xlsx") { $0.setups[0] = page { $0.printArea = CellRange("A1:A8") } },
        golden("print_area05.xlsx") { $0.setups[0] = page { $0.printArea = CellRange("A1:A1048576") } },
        golden("print_area06.xlsx") { $0.setups[0] = page { $0.printArea = CellRange("A1:F9") } },
        golden("print_area08.xlsx") {
            $0.setups[0] = page { $0.printArea = CellRange("A1") }
            $0.setups[1] = page { $0.printArea = CellRange("A1") }
        },
        golden("repeat01.xlsx") { $0.setups[0] = page { $0.printTitleRows = 0...0 } },
        golden("repeat02.xlsx") { $0.setups[0] = page { $0.printTitleColumns = 0...0 } },
        golden("repeat03.xlsx") {
            $0.setups[0] = page {
                $0.printTitleRows = 0...0
                $0.printTitleColumns = 0...0
            }
        },
        golden("repeat04.xlsx") { $0.setups[0] = page { $0.printTitleRows = 0...0 } },
        golden("repeat05.xlsx") {
            $0.setups[0] = page { $0.printTitleRows = 0...0 }
            $0.setups[1] = page()
            $0.setups[2] = page {
                $0.printTitleRows = 2...3
                $0.printTitleColumns = 1...5
            }
        },
        golden("bootstrap41.xlsx") {
            $0.setups[0] = page {
                $0.header = "&CPage &P of &N"
                $0.footer = "&R&F"
            }
            $0.setups[1] = page { $0.header = "&C&P&N&D&T&Z&F&F&A" }
        },
        golden("bootstrap42.xlsx") {
            $0.setups[0] = page {
                $0.margins = .init(left: 1, right: 1.25, top: 1.5, bottom: 1.75, header: 0.75, footer: 0.25)
            }
            $0.setups[2] = page { $0.margins = .init(left: 0.25, right: 0.25) }
        },
        golden("page_breaks01.xlsx") { $0.setups[0] = page { $0.rowBreaks = [1] } },
        golden("page_breaks02.xlsx") { $0.setups[0] = page { $0.rowBreaks = [15, 7, 3, 0] } },
        golden("page_breaks03.xlsx") { $0.setups[0] = page { $0.rowBreaks = Array(0...1023) } },
        golden("page_breaks04.xlsx") { $0.setups[0] = page { $0.columnBreaks = [1] } },
        golden("page_breaks05.xlsx") { $0.setups[0] = page { $0.columnBreaks = [1, 3, 8] } },
        golden("page_breaks06.xlsx") {
            $0.setups[0] = page {
                $0.rowBreaks = [1, 5, 8, 13]
                $0.columnBreaks = [1, 3, 8]
            }
        },
        golden("print_across01.xlsx") {
            $0.setups[0] = page {
                $0.paperSize = .a4
                $0.printsAcrossFirst = true
                $0.margins = .centimetres(left: 1.8, right: 1.8, top: 1.9, bottom: 1.9, header: 0.8, footer: 0.8)
            }
        },
        golden("bootstrap44.xlsx") { $0.setups[0] = page { $0.printTitleRows = 0...0 } },
    ]

    /// Defined names.
    static let names: [GoldenCase] = [
        golden("defined_name02.xlsx") {
            $0.finish = { try $0.defineName("Sales", formula: "='sheet One'!$G$1:$H$10") }
        },
        golden("defined_name03.xlsx") {
            $0.finish = { try $0.defineName("Sales", formula: "='sheet One'!G1:H10") }
        },
        golden("defined_name04.xlsx") {
            $0.finish = { book in
                for (name, cell) in [
                    ("\\__", "A1"), ("a3f6", "A2"), ("afoo.bar", "A3"), ("étude", "A4"), ("eésumé", "A5"), ("a", "A6"),
                ] {
                    try book.defineName(name, formula: "=Sheet1!$A$\(cell.dropFirst())")
                }
            }
        },
    ]

    /// Tab colours, panes, zoom, selection, scrolling.
    static let views: [GoldenCase] = [
        golden("tab_color01.xlsx") { $0.setups[0] = SheetSetup(tabColor: .red) },
        golden("tab_color02.xlsx") { $0.setups[0] = SheetSetup(tabColor: .theme(9, tint: -0.249977111117893)) },
        golden("top_left_cell01.xlsx") {
            var s = SheetSetup()
            s.topLeftCell = CellAddress("A16")
            $0.setups[0] = s
        },
        golden("top_left_cell02.xlsx") {
            var s = SheetSetup()
            s.topLeftCell = CellAddress("G16")
            $0.setups[0] = s
        },
        golden("top_left_cell03.xlsx") {
            var s = SheetSetup()
            s.topLeftCell = CellAddress("AA32")
            $0.setups[0] = s
        },
        golden("selection01.xlsx") {
            var s = SheetSetup()
            s.selection = CellRange("B4:C5")
            $0.setups[0] = s
        },
        golden("gridlines01.xlsx") {
            var s = page()
            s.showsGridLines = false
            $0.setups[0] = s
        },
        golden("bootstrap40.xlsx") {
            var zoomed = SheetSetup()
            zoomed.zoom = 200
            $0.setups[0] = zoomed
            zoomed.zoom = 75
            $0.setups[1] = zoomed
        },
        golden("page_view01.xlsx") {
            var setup = page { $0.paperSize = .a4 }
            setup.view = .pageLayout
            $0.setups[0] = setup
        },
        golden("page_view02.xlsx") {
            var setup = page { $0.paperSize = .a4 }
            setup.view = .pageLayout
            setup.zoom = 75
            $0.setups[0] = setup
        },
        golden("page_view03.xlsx") {
            var setup = page { $0.paperSize = .a4 }
            setup.view = .pageBreakPreview
            setup.zoom = 75
            $0.setups[0] = setup
        },
        golden("bootstrap45.xlsx") {
            $0.setups = [
                0: SheetSetup(frozenRows: 1, frozenColumns: 1),
                1: SheetSetup(frozenRows: 2, frozenColumns: 3),
                2: SheetSetup(frozenRows: 1),
                3: SheetSetup(frozenColumns: 1),
            ]
            var scrolled = SheetSetup(frozenRows: 1, frozenColumns: 1)
            scrolled.topLeftCell = CellAddress("D12")
            $0.setups[4] = scrolled
            scrolled = SheetSetup(frozenRows: 2, frozenColumns: 3)
            scrolled.topLeftCell = CellAddress("E13")
            $0.setups[5] = scrolled
            scrolled = SheetSetup(frozenRows: 1)
            scrolled.topLeftCell = CellAddress("A7")
            $0.setups[6] = scrolled
            scrolled = SheetSetup(frozenColumns: 1)
            scrolled.topLeftCell = CellAddress("C1")
            $0.setups[7] = scrolled
        },
    ]
}
