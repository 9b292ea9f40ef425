import SheetCore

/// Everything about a sheet that is not its rows: column widths, frozen panes, merged cells, view and printing.
///
/// Given to ``XLSXWriter/addSheet(_:setup:)`` before the rows, because a worksheet part states these before (and,
/// for merges and page setup, after) its cells and the rows are streamed in between.
///
/// ```swift
/// var setup = SheetSetup()
/// setup.columns = [.init(0, width: 6), .init(1, width: 30), .init(2...15, width: 10)]
/// setup.frozenRows = 5
/// setup.mergedRanges = [CellRange("A1:P1")!]
/// setup.page = PageSetup(paperSize: .a4, orientation: .landscape, fitToWidth: 1, fitToHeight: 0,
///                        printTitleRows: 3...4)
/// ```
public struct SheetSetup: Sendable {
    /// Column widths and styles, in increasing, non-overlapping ranges.
    public var columns: [ColumnFormat]
    /// Rows kept in view at the top (a frozen pane), `0` for none.
    public var frozenRows: Int
    /// Columns kept in view at the left, `0` for none.
    public var frozenColumns: Int
    /// The cell shown at the top left when the sheet opens (below and right of any frozen pane); `nil` for A1.
    public var topLeftCell: CellAddress?
    /// The selected range when the sheet opens, its first cell active; `nil` for A1.
    public var selection: CellRange?
    /// Merged ranges; more can be added while rows are written with ``SheetWriter/merge(_:)``.
    public var mergedRanges: [CellRange]
    /// Printing; `nil` writes no page setup, and Excel uses its defaults (Letter, portrait).
    public var page: PageSetup?
    /// The colour of the sheet's tab, `nil` for none.
    public var tabColor: CellStyle.Color?
    /// Whether the sheet's tab is shown.
    public var visibility: SheetVisibility
    /// Whether gridlines are shown on screen.
    public var showsGridLines: Bool
    /// The zoom in percent, 10–400; `nil` for 100.
    public var zoom: Int?
    /// How the sheet is shown when it opens: normal, page layout (pages with margins, headers and footers) or page
    /// break preview.
    public var view: SheetView
    /// The height of rows not given one, in points; `nil` for Excel's 15.
    public var defaultRowHeight: Double?
    /// The range the rows will fill, when known before they are written.
    ///
    /// A worksheet states its used range (`dimension`) before its rows. When this is `nil` the writer holds the
    /// rows back (in memory, then in a temporary file beside the output once they pass 256 KiB) until the sheet
    /// ends and the range is known; when it is given, rows go straight into the file and a cell outside the range
    /// is refused.
    public var dimension: CellRange?

    /// A setup; the defaults are those of a new Excel sheet.
    ///
    /// - Parameters:
    ///   - columns: Column widths and styles.
    ///   - frozenRows: Rows frozen at the top.
    ///   - frozenColumns: Columns frozen at the left.
    ///   - mergedRanges: Merged ranges.
    ///   - page: Printing, `nil` for Excel's defaults.
    ///   - tabColor: The tab's colour.
    ///   - visibility: Whether the sheet is shown.
    public init(
        columns: [ColumnFormat] = [], frozenRows: Int = 0, frozenColumns: Int = 0, mergedRanges: [CellRange] = [],
        page: PageSetup? = nil, tabColor: CellStyle.Color? = nil, visibility: SheetVisibility = .visible
    ) {
        self.columns = columns
        self.frozenRows = frozenRows
        self.frozenColumns = frozenColumns
        self.topLeftCell = nil
        self.selection = nil
        self.mergedRanges = mergedRanges
        self.page = page
        self.tabColor = tabColor
        self.visibility = visibility
        self.showsGridLines = true
        self.zoom = nil
        self.view = .normal
        self.defaultRowHeight = nil
        self.dimension = nil
    }
}

/// How a sheet is shown on screen (`sheetView/@view`, ECMA-376 Part 1, §18.18.69 ST_SheetViewType).
public enum SheetView: String, Hashable, Sendable {
    /// The grid.
    case normal
    /// Pages as printed, with margins, header and footer.
    case pageLayout
    /// The grid with page breaks drawn and the print area highlighted.
    case pageBreakPreview
}

/// The width, style and visibility of a run of columns (`col`, ECMA-376 Part 1, §18.3.1.13).
public struct ColumnFormat: Hashable, Sendable {
    /// Zero-based first and last column.
    public var columns: ClosedRange<Int>
    /// The width in characters of the default font's digits, as Excel's Column Width box shows it; `nil` for the
    /// default (8.43).
    public var width: Double?
    /// The style of the columns' empty cells.
    public var style: StyleID?
    /// Whether the columns are hidden.
    public var isHidden: Bool

    /// A format for a run of columns.
    ///
    /// - Parameters:
    ///   - columns: Zero-based columns, `2...5` for C to F.
    ///   - width: The width in characters, `nil` for the default.
    ///   - style: The style of empty cells.
    ///   - isHidden: Whether the columns are hidden.
    public init(_ columns: ClosedRange<Int>, width: Double? = nil, style: StyleID? = nil, isHidden: Bool = false) {
        self.columns = columns
        self.width = width
        self.style = style
        self.isHidden = isHidden
    }

    /// A format for one column.
    ///
    /// - Parameters:
    ///   - column: The zero-based column.
    ///   - width: The width in characters, `nil` for the default.
    ///   - style: The style of empty cells.
    ///   - isHidden: Whether the column is hidden.
    public init(_ column: Int, width: Double? = nil, style: StyleID? = nil, isHidden: Bool = false) {
        self.init(column...column, width: width, style: style, isHidden: isHidden)
    }

    /// The width as the file stores it: characters plus cell padding, in 1/256 of a character, for Calibri 11
    /// (7-pixel digits, 5 pixels of padding), as Excel computes it.
    ///
    /// ```swift
    /// ColumnFormat.storedWidth(14)   // 14.7109375
    /// ```
    public static func storedWidth(_ characters: Double) -> Double {
        let digit = 7.0
        let padding = 5.0
        let pixels: Double
        if characters < 1 {
            pixels = (characters * (digit + padding)).rounded()
        } else {
            pixels = (characters * digit).rounded() + padding
        }
        return (pixels / digit * 256).rounded(.towardZero) / 256
    }
}

/// How a sheet prints: paper, orientation, scaling, margins, header and footer, repeated titles, print area.
public struct PageSetup: Hashable, Sendable {
    /// Portrait or landscape (`ST_Orientation`).
    public enum Orientation: String, Hashable, Sendable {
        case portrait, landscape
    }

    /// A paper size by its SpreadsheetML number (ECMA-376 Part 1, §18.3.1.63 `paperSize`).
    public struct PaperSize: Hashable, Sendable {
        /// The `paperSize` value.
        public let code: Int

        /// A paper size from its code.
        ///
        /// - Parameter code: The `paperSize` value: 1 Letter, 8 A3, 9 A4, 11 A5…
        public init(code: Int) { self.code = code }

        /// A4, 210 × 297 mm: every Vietnamese official form.
        public static let a4 = PaperSize(code: 9)
        /// A3, 297 × 420 mm.
        public static let a3 = PaperSize(code: 8)
        /// US Letter, Excel's default.
        public static let letter = PaperSize(code: 1)
    }

    /// Margins in inches, as Excel's Page Setup dialog shows them in an English install.
    public struct Margins: Hashable, Sendable {
        /// The left margin in inches.
        public var left: Double
        /// The right margin in inches.
        public var right: Double
        /// The top margin in inches.
        public var top: Double
        /// The bottom margin in inches.
        public var bottom: Double
        /// From the top edge to the header.
        public var header: Double
        /// From the bottom edge to the footer.
        public var footer: Double

        /// Margins; the defaults are Excel's "Normal".
        ///
        /// - Parameters:
        ///   - left: Left margin in inches.
        ///   - right: Right margin in inches.
        ///   - top: Top margin in inches.
        ///   - bottom: Bottom margin in inches.
        ///   - header: Header distance in inches.
        ///   - footer: Footer distance in inches.
        public init(
            left: Double = 0.7, right: Double = 0.7, top: Double = 0.75, bottom: Double = 0.75, header: Double = 0.3,
            footer: Double = 0.3
        ) {
            self.left = left
            self.right = right
            self.top = top
            self.bottom = bottom
            self.header = header
            self.footer = footer
        }

        /// Margins given in centimetres, as a Vietnamese install of Excel shows them.
        ///
        /// - Parameters:
        ///   - left: Left margin in cm.
        ///   - right: Right margin in cm.
        ///   - top: Top margin in cm.
        ///   - bottom: Bottom margin in cm.
        ///   - header: Header distance in cm.
        ///   - footer: Footer distance in cm.
        public static func centimetres(
            left: Double, right: Double, top: Double, bottom: Double, header: Double = 0.8, footer: Double = 0.8
        ) -> Margins {
            // Through millimetres, as Excel converts: 1.8 cm gives 18 / 25.4 = 0.70866141732283472, not 1.8 / 2.54.
            let inches = { (centimetres: Double) in centimetres * 10 / 25.4 }
            return Margins(
                left: inches(left), right: inches(right), top: inches(top), bottom: inches(bottom),
                header: inches(header), footer: inches(footer))
        }
    }

    /// The paper; `nil` leaves the printer's default (Excel then assumes Letter).
    public var paperSize: PaperSize?
    /// Portrait or landscape.
    public var orientation: Orientation
    /// Print at this percentage, 10–400; ignored when fitting to pages.
    public var scale: Int?
    /// Fit the print area to this many pages across (`0` = as many as needed); `nil` for no fitting.
    public var fitToWidth: Int?
    /// Fit the print area to this many pages down (`0` = as many as needed); `nil` for no fitting.
    public var fitToHeight: Int?
    /// The page margins.
    public var margins: Margins
    /// The header, in Excel's header codes: `&C&"Times New Roman,Bold"BIỂU 01` (`&L`/`&C`/`&R` sections,
    /// `&P` page number, `&N` page count, `&D` date, `&F` file name, `&A` sheet name; `&&` for `&`).
    public var header: String?
    /// The footer, in the same codes: `&CTrang &P / &N`.
    public var footer: String?
    /// Rows repeated at the top of every printed page (zero-based), written as `_xlnm.Print_Titles`.
    public var printTitleRows: ClosedRange<Int>?
    /// Columns repeated at the left of every printed page (zero-based).
    public var printTitleColumns: ClosedRange<Int>?
    /// The range printed, written as `_xlnm.Print_Area`; `nil` for the used range.
    public var printArea: CellRange?
    /// Centre the printed area between the left and right margins.
    public var centersHorizontally: Bool
    /// Centre the printed area between the top and bottom margins.
    public var centersVertically: Bool
    /// Print the cell gridlines.
    public var printsGridLines: Bool
    /// Print row numbers and column letters.
    public var printsHeadings: Bool
    /// Print in black and white.
    public var printsBlackAndWhite: Bool
    /// The number of the first page, `nil` for automatic.
    public var firstPageNumber: Int?
    /// Print across then down (`overThenDown`) rather than down then across.
    public var printsAcrossFirst: Bool
    /// Manual page breaks: the zero-based rows that start a new printed page (a page per commune). At most 1,023.
    public var rowBreaks: [Int]
    /// Manual page breaks: the zero-based columns that start a new printed page. At most 1,023.
    public var columnBreaks: [Int]

    /// A page setup; the defaults are Excel's, but for the paper when given.
    ///
    /// - Parameters:
    ///   - paperSize: The paper, `nil` for the printer's default.
    ///   - orientation: Portrait or landscape.
    ///   - scale: The print scale in percent.
    ///   - fitToWidth: Pages across to fit to, `nil` for no fitting.
    ///   - fitToHeight: Pages down to fit to (`0` for any number), `nil` for no fitting.
    ///   - margins: The margins.
    ///   - header: The header text in Excel's codes.
    ///   - footer: The footer text in Excel's codes.
    ///   - printTitleRows: Rows repeated on each page.
    ///   - printTitleColumns: Columns repeated on each page.
    ///   - printArea: The range printed.
    public init(
        paperSize: PaperSize? = nil, orientation: Orientation = .portrait, scale: Int? = nil, fitToWidth: Int? = nil,
        fitToHeight: Int? = nil, margins: Margins = Margins(), header: String? = nil, footer: String? = nil,
        printTitleRows: ClosedRange<Int>? = nil, printTitleColumns: ClosedRange<Int>? = nil,
        printArea: CellRange? = nil
    ) {
        self.paperSize = paperSize
        self.orientation = orientation
        self.scale = scale
        self.fitToWidth = fitToWidth
        self.fitToHeight = fitToHeight
        self.margins = margins
        self.header = header
        self.footer = footer
        self.printTitleRows = printTitleRows
        self.printTitleColumns = printTitleColumns
        self.printArea = printArea
        self.centersHorizontally = false
        self.centersVertically = false
        self.printsGridLines = false
        self.printsHeadings = false
        self.printsBlackAndWhite = false
        self.firstPageNumber = nil
        self.printsAcrossFirst = false
        self.rowBreaks = []
        self.columnBreaks = []
    }

    /// A4, portrait, fitted to one page wide: the usual official report.
    public static let a4FitToWidth = PageSetup(paperSize: .a4, fitToWidth: 1, fitToHeight: 0)

    /// Whether the sheet is scaled to fit pages (`pageSetUpPr/@fitToPage`).
    var fitsToPage: Bool { fitToWidth != nil || fitToHeight != nil }
}
