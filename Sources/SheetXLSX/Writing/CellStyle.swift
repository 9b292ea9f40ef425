// What a cell looks like, as the writer takes it: one value type per part of an `xf` (ECMA-376 Part 1, §18.8):
//
//   CellStyle ─┬─ font          → styles.xml fonts/font        (§18.8.22)
//              ├─ fill          → fills/fill/patternFill       (§18.8.20, §18.8.32)
//              ├─ border        → borders/border               (§18.8.4)
//              ├─ alignment     → cellXfs/xf/alignment         (§18.8.1)
//              └─ numberFormat  → numFmts/numFmt or a built-in id (§18.8.30, §18.8.31)
//
// A style is registered once with ``XLSXWriter/addStyle(_:)``, which deduplicates it and its parts; cells then
// carry the small ``StyleID`` it returns.
import SheetCore

/// A cell's formatting: font, fill, borders, alignment and number format.
///
/// Leave a part `nil` to keep Excel's default (Calibri 11, no fill, no border, bottom-aligned, `General`).
///
/// ```swift
/// let header = CellStyle(
///     font: .init(name: "Times New Roman", size: 12, isBold: true),
///     fill: .solid(.rgb(0xDDEBF7)),
///     border: .all(.thin),
///     alignment: .init(horizontal: .center, vertical: .center, wrapsText: true))
/// let money = CellStyle(numberFormat: .grouped1)   // #,##0.0 — shown as 1.234,5 on a Vietnamese system
/// ```
public struct CellStyle: Hashable, Sendable {
    /// The font; `nil` for the workbook's default font.
    public var font: Font?
    /// The background; `nil` for none.
    public var fill: Fill?
    /// The borders; `nil` for none.
    public var border: Border?
    /// The alignment; `nil` for Excel's default (general horizontal, bottom vertical, no wrapping).
    public var alignment: Alignment?
    /// The number format; `.general` shows numbers as they are.
    public var numberFormat: NumberFormatCode
    /// Whether Excel shows the text as typed with a leading apostrophe (`quotePrefix`): text that looks like a
    /// number or formula stays text when edited.
    public var quotePrefix: Bool

    /// A style from its parts; every part defaults to Excel's default.
    ///
    /// - Parameters:
    ///   - font: The font, `nil` for the default font.
    ///   - fill: The background, `nil` for none.
    ///   - border: The borders, `nil` for none.
    ///   - alignment: The alignment, `nil` for the default.
    ///   - numberFormat: The number format.
    ///   - quotePrefix: Whether the text is marked as typed with a leading apostrophe.
    public init(
        font: Font? = nil, fill: Fill? = nil, border: Border? = nil, alignment: Alignment? = nil,
        numberFormat: NumberFormatCode = .general, quotePrefix: Bool = false
    ) {
        self.font = font
        self.fill = fill
        self.border = border
        self.alignment = alignment
        self.numberFormat = numberFormat
        self.quotePrefix = quotePrefix
    }

    /// Excel's default style: what a cell without `s` shows.
    public static let `default` = CellStyle()
}

/// A registered style: an index into the workbook's cell formats (`cellXfs`), `0` being the default.
///
/// Get one from ``XLSXWriter/addStyle(_:)``; it is only meaningful for the writer that returned it.
public struct StyleID: Hashable, Sendable {
    /// The `xf` index written as the cell's `s` attribute.
    public let index: Int

    /// The default style (no `s` attribute).
    public static let `default` = StyleID(index: 0)
}

extension CellStyle {
    /// A colour as SpreadsheetML stores it (ECMA-376 Part 1, §18.8.19 `CT_Color`).
    public enum Color: Hashable, Sendable {
        /// An opaque RGB colour, `0xRRGGBB` (written `FFRRGGBB`).
        case rgb(UInt32)
        /// A colour of the workbook's theme (0 = light 1 … 9 = accent 6), lightened (tint > 0) or darkened (< 0).
        case theme(Int, tint: Double = 0)
        /// The system's automatic colour (`auto="1"`), usually black.
        case automatic

        /// Black, `000000`.
        public static let black = Color.rgb(0x000000)
        /// White, `FFFFFF`.
        public static let white = Color.rgb(0xFFFFFF)
        /// Red, `FF0000`.
        public static let red = Color.rgb(0xFF0000)
    }

    /// A font (ECMA-376 Part 1, §18.8.22).
    public struct Font: Hashable, Sendable {
        /// The typeface, `Times New Roman`.
        public var name: String
        /// The size in points.
        public var size: Double
        /// Bold.
        public var isBold: Bool
        /// Italic.
        public var isItalic: Bool
        /// Single underline.
        public var isUnderlined: Bool
        /// Struck through.
        public var isStrikethrough: Bool
        /// The colour; `nil` for the theme's text colour, as Excel's default font has.
        public var color: Color?
        /// The font family class (`family`): 1 roman, 2 swiss, 3 modern…; a hint for substitution.
        public var family: Int
        /// The character set (`charset`), `nil` to leave it out; 163 is Vietnamese.
        public var charset: Int?

        /// A font; the defaults are Excel's default font, Calibri 11.
        ///
        /// - Parameters:
        ///   - name: The typeface.
        ///   - size: The size in points.
        ///   - isBold: Bold.
        ///   - isItalic: Italic.
        ///   - isUnderlined: Single underline.
        ///   - isStrikethrough: Struck through.
        ///   - color: The colour, `nil` for the theme's text colour.
        ///   - family: The family class written as `family`.
        ///   - charset: The character set, `nil` for none.
        public init(
            name: String = "Calibri", size: Double = 11, isBold: Bool = false, isItalic: Bool = false,
            isUnderlined: Bool = false, isStrikethrough: Bool = false, color: Color? = nil, family: Int = 2,
            charset: Int? = nil
        ) {
            self.name = name
            self.size = size
            self.isBold = isBold
            self.isItalic = isItalic
            self.isUnderlined = isUnderlined
            self.isStrikethrough = isStrikethrough
            self.color = color
            self.family = family
            self.charset = charset
        }

        /// Excel's default font: Calibri 11 in the theme's text colour.
        public static let `default` = Font()
    }

    /// A cell background (ECMA-376 Part 1, §18.8.32 `patternFill`).
    public struct Fill: Hashable, Sendable {
        /// The pattern (ECMA-376 Part 1, §18.18.55 `ST_PatternType`).
        public enum Pattern: String, Hashable, Sendable, CaseIterable {
            case none, solid, mediumGray, darkGray, lightGray, darkHorizontal, darkVertical, darkDown, darkUp, darkGrid
            case darkTrellis, lightHorizontal, lightVertical, lightDown, lightUp, lightGrid, lightTrellis, gray125
            case gray0625
        }

        /// The pattern; `.solid` for a plain colour.
        public var pattern: Pattern
        /// The pattern's colour; for `.solid`, the cell's colour.
        public var foreground: Color?
        /// The colour behind the pattern.
        public var background: Color?

        /// A fill from a pattern and its colours.
        ///
        /// - Parameters:
        ///   - pattern: The pattern.
        ///   - foreground: The pattern's colour.
        ///   - background: The colour behind the pattern.
        public init(pattern: Pattern, foreground: Color? = nil, background: Color? = nil) {
            self.pattern = pattern
            self.foreground = foreground
            self.background = background
        }

        /// A cell filled with one colour, as Excel's fill colour button makes.
        public static func solid(_ color: Color) -> Fill { Fill(pattern: .solid, foreground: color) }
    }

    /// The lines around a cell (ECMA-376 Part 1, §18.8.4 `border`).
    public struct Border: Hashable, Sendable {
        /// A line style (ECMA-376 Part 1, §18.18.3 `ST_BorderStyle`).
        public enum Style: String, Hashable, Sendable, CaseIterable {
            case thin, medium, dashed, dotted, thick, double, hair, mediumDashed, dashDot, mediumDashDot, dashDotDot
            case mediumDashDotDot, slantDashDot
        }

        /// One side's line.
        public struct Line: Hashable, Sendable {
            /// The line style.
            public var style: Style
            /// The line's colour; `nil` for automatic (black).
            public var color: Color?

            /// A line of a style and colour.
            ///
            /// - Parameters:
            ///   - style: The line style.
            ///   - color: The colour, `nil` for automatic.
            public init(_ style: Style, color: Color? = nil) {
                self.style = style
                self.color = color
            }

            /// A thin automatic line.
            public static let thin = Line(.thin)
            /// A medium automatic line.
            public static let medium = Line(.medium)
        }

        /// The left line, `nil` for none.
        public var left: Line?
        /// The right line, `nil` for none.
        public var right: Line?
        /// The top line, `nil` for none.
        public var top: Line?
        /// The bottom line, `nil` for none.
        public var bottom: Line?
        /// The diagonal line, drawn as ``diagonalUp`` and/or ``diagonalDown`` say.
        public var diagonal: Line?
        /// Draw the diagonal from bottom left to top right.
        public var diagonalUp: Bool
        /// Draw the diagonal from top left to bottom right.
        public var diagonalDown: Bool

        /// Borders by side; `nil` leaves a side without a line.
        ///
        /// - Parameters:
        ///   - left: The left line.
        ///   - right: The right line.
        ///   - top: The top line.
        ///   - bottom: The bottom line.
        ///   - diagonal: The diagonal line.
        ///   - diagonalUp: Draw the diagonal bottom left to top right.
        ///   - diagonalDown: Draw the diagonal top left to bottom right.
        public init(
            left: Line? = nil, right: Line? = nil, top: Line? = nil, bottom: Line? = nil, diagonal: Line? = nil,
            diagonalUp: Bool = false, diagonalDown: Bool = false
        ) {
            self.left = left
            self.right = right
            self.top = top
            self.bottom = bottom
            self.diagonal = diagonal
            self.diagonalUp = diagonalUp
            self.diagonalDown = diagonalDown
        }

        /// The same line on all four sides, as a table grid needs.
        public static func all(_ line: Line) -> Border { Border(left: line, right: line, top: line, bottom: line) }

        /// Whether no side has a line.
        var isEmpty: Bool { left == nil && right == nil && top == nil && bottom == nil && diagonal == nil }
    }

    /// How text sits in its cell (ECMA-376 Part 1, §18.8.1 `alignment`).
    public struct Alignment: Hashable, Sendable {
        /// Horizontal alignment (§18.18.40 `ST_HorizontalAlignment`).
        public enum Horizontal: String, Hashable, Sendable, CaseIterable {
            case general, left, center, right, fill, justify, centerContinuous, distributed
        }

        /// Vertical alignment (§18.18.88 `ST_VerticalAlignment`); Excel's default is `.bottom`.
        public enum Vertical: String, Hashable, Sendable, CaseIterable {
            case top, center, bottom, justify, distributed
        }

        /// The horizontal alignment; `.general` puts text left and numbers right.
        public var horizontal: Horizontal
        /// The vertical alignment; Excel's default is `.bottom`.
        public var vertical: Vertical
        /// Wrap long text onto several lines.
        public var wrapsText: Bool
        /// Indent in steps of about three characters, 0–250 (with `.left`, `.right` or `.distributed`).
        public var indent: Int
        /// Rotation in degrees, 0–180 (91–180 mean downward), or 255 for text stacked vertically.
        public var rotation: Int
        /// Shrink the text to fit the column.
        public var shrinksToFit: Bool

        /// An alignment; the defaults are Excel's.
        ///
        /// - Parameters:
        ///   - horizontal: The horizontal alignment.
        ///   - vertical: The vertical alignment.
        ///   - wrapsText: Wrap long text.
        ///   - indent: The indent level.
        ///   - rotation: The text rotation in degrees.
        ///   - shrinksToFit: Shrink text to fit.
        public init(
            horizontal: Horizontal = .general, vertical: Vertical = .bottom, wrapsText: Bool = false, indent: Int = 0,
            rotation: Int = 0, shrinksToFit: Bool = false
        ) {
            self.horizontal = horizontal
            self.vertical = vertical
            self.wrapsText = wrapsText
            self.indent = indent
            self.rotation = rotation
            self.shrinksToFit = shrinksToFit
        }

        /// Whether every attribute has its default value, so `<alignment>` would be empty.
        var isDefault: Bool { self == Alignment() }
    }
}

/// A number format code as Excel stores it (ECMA-376 Part 1, §18.8.31).
///
/// The code uses the invariant syntax whatever the user's locale: `,` groups thousands and `.` marks decimals.
/// `#,##0.0` therefore shows 1234.5 as `1.234,5` on a Vietnamese system and `1,234.5` on an English one; write
/// `#,##0` for the `#.##0` display of Vietnamese forms, never `#.##0`.
///
/// Codes that match a built-in format are written as its id (`0.00%` is id 10); others are declared in
/// `numFmts` with ids from 164.
///
/// ```swift
/// let rate: NumberFormatCode = "0.00%"
/// let date = NumberFormatCode.date   // dd/mm/yyyy
/// ```
public struct NumberFormatCode: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The format code, `#,##0.0`.
    public let code: String

    /// A format from its code.
    ///
    /// - Parameter code: The format code in Excel's invariant syntax.
    public init(_ code: String) { self.code = code }

    /// A format from a code written as a literal: `"#,##0.0"`.
    public init(stringLiteral value: String) { self.init(value) }

    /// The format code.
    public var description: String { code }

    /// `General`.
    public static let general = NumberFormatCode("General")
    /// `0`: whole numbers, no grouping.
    public static let integer = NumberFormatCode("0")
    /// `0.00`: two decimals.
    public static let decimal2 = NumberFormatCode("0.00")
    /// `#,##0`: whole numbers grouped by thousands (`1.234` in Vietnamese display).
    public static let grouped = NumberFormatCode("#,##0")
    /// `#,##0.0`: one decimal, grouped (`49,7` and `1.234,5` in Vietnamese display; money in triệu đồng).
    public static let grouped1 = NumberFormatCode("#,##0.0")
    /// `#,##0.00`: two decimals, grouped.
    public static let grouped2 = NumberFormatCode("#,##0.00")
    /// `0.00%`: a percentage with two decimals (the cell holds 0.0793 for 7,93 %).
    public static let percent2 = NumberFormatCode("0.00%")
    /// `dd/mm/yyyy`: a day, as Vietnamese forms write it.
    public static let date = NumberFormatCode("dd/mm/yyyy")
    /// `dd/mm/yyyy hh:mm:ss`: a day and a time.
    public static let dateTime = NumberFormatCode("dd/mm/yyyy hh:mm:ss")
    /// `hh:mm:ss`: a time of day.
    public static let time = NumberFormatCode("hh:mm:ss")
    /// `[h]:mm:ss`: elapsed time.
    public static let duration = NumberFormatCode("[h]:mm:ss")
    /// `@`: text.
    public static let text = NumberFormatCode("@")

    /// The built-in id this code is written as, `nil` for a code the workbook must declare.
    ///
    /// Only ids whose code is the same in every locale are used: 1–4, 9–13, 15–22, 37–40 and 45–49. A date
    /// written `mm-dd-yy` is declared rather than mapped to id 14, which each locale shows differently.
    var builtinID: Int? {
        if code == "General" { return 0 }
        return Self.invariantBuiltins[code]
    }

    private static let invariantBuiltins: [String: Int] = {
        var table: [String: Int] = [:]
        for id in [1, 2, 3, 4, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19, 20, 21, 22, 37, 38, 39, 40, 45, 46, 47, 48, 49] {
            if let code = NumberFormat.builtin(id: id)?.code { table[code] = id }
        }
        return table
    }()
}
