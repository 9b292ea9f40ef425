// xl/styles.xml as Excel writes it for a workbook (ECMA-376 Part 1, §18.8.39 `styleSheet`):
//
//   numFmts       custom codes, ids from 164 in order of first use         (absent when none)
//   fonts         0 = the default font (Calibri 11, theme text colour)
//   fills         0 = none, 1 = gray125: Excel reserves both
//   borders       0 = no lines
//   cellStyleXfs  one: the Normal style
//   cellXfs       0 = the default cell format; then one per distinct registered style
//   cellStyles    Normal; dxfs (empty); tableStyles with Excel's default names
//
// Each part is deduplicated, and so is the `xf` made of them, so registering the same look twice gives one index.
import SheetCore

/// The workbook's distinct fonts, fills, borders, number formats and cell formats.
final class StyleTable {
    /// One `xf` of `cellXfs`: indices into the part lists plus its own alignment.
    struct Format: Hashable {
        var numberFormatID = 0
        var fontID = 0
        var fillID = 0
        var borderID = 0
        var alignment: CellStyle.Alignment?
        var quotePrefix = false
    }

    private(set) var fonts: [CellStyle.Font] = [.default]
    private(set) var fills: [CellStyle.Fill] = [CellStyle.Fill(pattern: .none), CellStyle.Fill(pattern: .gray125)]
    private(set) var borders: [CellStyle.Border] = [CellStyle.Border()]
    /// Custom number formats, in id order from 164.
    private(set) var customFormats: [String] = []
    @exclusivity(unchecked) private(set) var formats: [Format] = [Format()]
    /// What each cell format shows, so a date cell can be given a date format.
    @exclusivity(unchecked) private var kinds: [NumberFormat.Kind] = [.general]

    private var fontIndex: [CellStyle.Font: Int] = [.default: 0]
    private var fillIndex: [CellStyle.Fill: Int] = [:]
    private var borderIndex: [CellStyle.Border: Int] = [CellStyle.Border(): 0]
    private var customFormatIndex: [String: Int] = [:]
    private var formatIndex: [Format: Int] = [Format(): 0]
    private var styleCache: [CellStyle: Int] = [.default: 0]
    /// Cell format + temporal kind → the cell format a date value of that kind is written with.
    private var dateFormatCache: [Int: Int] = [:]

    init() {
        fillIndex[fills[0]] = 0
        fillIndex[fills[1]] = 1
    }

    /// The cell format index of `style`, adding it and its parts when new.
    func index(of style: CellStyle) -> Int {
        if let known = styleCache[style] { return known }
        var format = Format()
        format.numberFormatID = numberFormatID(style.numberFormat)
        if let font = style.font { format.fontID = intern(font, in: &fonts, index: &fontIndex) }
        if let fill = style.fill, fill.pattern != .none || fill.foreground != nil || fill.background != nil {
            format.fillID = intern(fill, in: &fills, index: &fillIndex)
        }
        if let border = style.border, !border.isEmpty {
            format.borderID = intern(border, in: &borders, index: &borderIndex)
        }
        format.alignment = style.alignment
        format.quotePrefix = style.quotePrefix
        let index: Int
        if let known = formatIndex[format] {
            index = known
        } else {
            index = formats.count
            formats.append(format)
            formatIndex[format] = index
            kinds.append(NumberFormat.kind(of: style.numberFormat.code))
        }
        styleCache[style] = index
        return index
    }

    /// The cell format to write a date-time value of `kind` with, given the cell's format: the same one when it
    /// already shows dates or times, else a copy with `fallback` as its number format.
    func dateFormat(for index: Int, kind: TemporalKind, fallback: (TemporalKind) -> NumberFormatCode) -> Int {
        if case .temporal = kinds[index] { return index }
        let key = index << 3 | Self.kindBits(kind)
        if let known = dateFormatCache[key] { return known }
        var format = formats[index]
        format.numberFormatID = numberFormatID(fallback(kind))
        let derived: Int
        if let known = formatIndex[format] {
            derived = known
        } else {
            derived = formats.count
            formats.append(format)
            formatIndex[format] = derived
            kinds.append(NumberFormat.kind(of: fallback(kind).code))
        }
        dateFormatCache[key] = derived
        return derived
    }

    private static func kindBits(_ kind: TemporalKind) -> Int {
        switch kind {
        case .date: 0
        case .time: 1
        case .dateTime: 2
        case .duration: 3
        }
    }

    private func numberFormatID(_ code: NumberFormatCode) -> Int {
        if let builtin = code.builtinID { return builtin }
        if let known = customFormatIndex[code.code] { return known }
        let id = 164 + customFormats.count
        customFormats.append(code.code)
        customFormatIndex[code.code] = id
        return id
    }

    private func intern<T: Hashable>(_ value: T, in list: inout [T], index: inout [T: Int]) -> Int {
        if let known = index[value] { return known }
        list.append(value)
        index[value] = list.count - 1
        return list.count - 1
    }
}

// MARK: - styles.xml

extension StyleTable {
    /// Appends the whole `styles.xml` part.
    func write(to out: ByteBuffer) {
        out.appendDeclaration()
        out.append("<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">")
        if !customFormats.isEmpty {
            out.append("<numFmts")
            out.attribute("count", customFormats.count)
            out.append(">")
            for (offset, code) in customFormats.enumerated() {
                out.append("<numFmt")
                out.attribute("numFmtId", 164 + offset)
                out.attribute("formatCode", code)
                out.append("/>")
            }
            out.append("</numFmts>")
        }
        out.append("<fonts")
        out.attribute("count", fonts.count)
        out.append(">")
        for font in fonts { Self.write(font, to: out) }
        out.append("</fonts><fills")
        out.attribute("count", fills.count)
        out.append(">")
        for fill in fills { Self.write(fill, to: out) }
        out.append("</fills><borders")
        out.attribute("count", borders.count)
        out.append(">")
        for border in borders { Self.write(border, to: out) }
        out.append("</borders>")
        out.append(
            "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>")
        out.append("<cellXfs")
        out.attribute("count", formats.count)
        out.append(">")
        for format in formats { Self.write(format, to: out) }
        out.append("</cellXfs>")
        out.append("<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>")
        out.append("<dxfs count=\"0\"/>")
        out.append(
            "<tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium9\" defaultPivotStyle=\"PivotStyleLight16\"/>"
        )
        out.append("</styleSheet>")
    }

    /// `<font>`, children in schema order (§18.8.22): b, i, strike, u, sz, color, name, family, charset, scheme.
    private static func write(_ font: CellStyle.Font, to out: ByteBuffer) {
        out.append("<font>")
        if font.isBold { out.append("<b/>") }
        if font.isItalic { out.append("<i/>") }
        if font.isStrikethrough { out.append("<strike/>") }
        if font.isUnderlined { out.append("<u/>") }
        out.append("<sz")
        out.attribute("val", font.size)
        out.append("/>")
        switch font.color {
        case nil: out.append("<color theme=\"1\"/>")
        case .automatic: break  // Excel's "Automatic" font colour is no colour element at all.
        case let color?:
            out.append("<color")
            out.colorAttributes(color)
            out.append("/>")
        }
        out.append("<name")
        out.attribute("val", font.name)
        out.append("/>")
        if font.family > 0 {
            out.append("<family")
            out.attribute("val", font.family)
            out.append("/>")
        }
        if let charset = font.charset {
            out.append("<charset")
            out.attribute("val", charset)
            out.append("/>")
        }
        // Excel gives the theme's minor font scheme to Calibri, the theme's body font, and to no other.
        if font.name == "Calibri" { out.append("<scheme val=\"minor\"/>") }
        out.append("</font>")
    }

    /// `<fill><patternFill>`: a solid fill keeps its colour in `fgColor` and Excel's `indexed="64"` background.
    private static func write(_ fill: CellStyle.Fill, to out: ByteBuffer) {
        out.append("<fill><patternFill patternType=\"")
        out.append(contentsOf: fill.pattern.rawValue)
        out.append("\"")
        if fill.foreground == nil, fill.background == nil, fill.pattern != .solid {
            out.append("/></fill>")
            return
        }
        out.append(">")
        if let foreground = fill.foreground {
            out.append("<fgColor")
            out.colorAttributes(foreground)
            out.append("/>")
        }
        if let background = fill.background {
            out.append("<bgColor")
            out.colorAttributes(background)
            out.append("/>")
        } else if fill.pattern == .solid {
            out.append("<bgColor indexed=\"64\"/>")
        }
        out.append("</patternFill></fill>")
    }

    /// `<border>` with every side present, empty when it has no line (§18.8.4).
    private static func write(_ border: CellStyle.Border, to out: ByteBuffer) {
        out.append("<border")
        if border.diagonalUp { out.append(" diagonalUp=\"1\"") }
        if border.diagonalDown { out.append(" diagonalDown=\"1\"") }
        out.append(">")
        side(border.left, "<left", "</left>", "<left/>", out)
        side(border.right, "<right", "</right>", "<right/>", out)
        side(border.top, "<top", "</top>", "<top/>", out)
        side(border.bottom, "<bottom", "</bottom>", "<bottom/>", out)
        side(border.diagonal, "<diagonal", "</diagonal>", "<diagonal/>", out)
        out.append("</border>")
    }

    private static func side(
        _ line: CellStyle.Border.Line?, _ open: StaticString, _ close: StaticString, _ empty: StaticString,
        _ out: ByteBuffer
    ) {
        guard let line else {
            out.append(empty)
            return
        }
        out.append(open)
        out.append(" style=\"")
        out.append(contentsOf: line.style.rawValue)
        out.append("\"><color")
        out.colorAttributes(line.color ?? .automatic)
        out.append("/>")
        out.append(close)
    }

    /// `<xf>` of `cellXfs`, attributes in schema order (§18.8.45).
    private static func write(_ format: Format, to out: ByteBuffer) {
        out.append("<xf")
        out.attribute("numFmtId", format.numberFormatID)
        out.attribute("fontId", format.fontID)
        out.attribute("fillId", format.fillID)
        out.attribute("borderId", format.borderID)
        out.append(" xfId=\"0\"")
        if format.quotePrefix { out.append(" quotePrefix=\"1\"") }
        if format.numberFormatID != 0 { out.append(" applyNumberFormat=\"1\"") }
        if format.fontID != 0 { out.append(" applyFont=\"1\"") }
        if format.fillID != 0 { out.append(" applyFill=\"1\"") }
        if format.borderID != 0 { out.append(" applyBorder=\"1\"") }
        guard let alignment = format.alignment else {
            out.append("/>")
            return
        }
        out.append(" applyAlignment=\"1\"")
        guard !alignment.isDefault else {
            out.append("/>")
            return
        }
        out.append("><alignment")
        if alignment.horizontal != .general {
            out.append(" horizontal=\"")
            out.append(contentsOf: alignment.horizontal.rawValue)
            out.append("\"")
        }
        if alignment.vertical != .bottom {
            out.append(" vertical=\"")
            out.append(contentsOf: alignment.vertical.rawValue)
            out.append("\"")
        }
        if alignment.rotation != 0 { out.attribute("textRotation", alignment.rotation) }
        if alignment.wrapsText { out.append(" wrapText=\"1\"") }
        if alignment.indent != 0 { out.attribute("indent", alignment.indent) }
        if alignment.shrinksToFit { out.append(" shrinkToFit=\"1\"") }
        out.append("/></xf>")
    }
}
