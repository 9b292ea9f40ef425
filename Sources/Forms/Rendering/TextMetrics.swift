/// How much room Times New Roman text takes, estimated, to size columns and rows before anything is drawn.
///
/// Excel and LibreOffice never grow a row whose height the file sets, and LibreOffice keeps the default height of a
/// row whose text wraps; so the renderer sets the height of every row with wrapped text from these estimates. The
/// widths are generous averages (a Vietnamese word of lower-case letters with diacritics is no wider than without),
/// so a cell gets a line more rather than a line less. Column widths are Excel's: a character is 7 pixels of Calibri
/// 11 (the workbook's default font) plus 5 pixels of padding.
///
/// ```swift
/// TextMetrics.lines("Số hộ cận nghèo", points: 10, bold: true, columnWidth: 9)   // 2
/// ```
enum TextMetrics {
    /// Pixels (96 per inch) of one column-width character, and the padding of a column.
    static let characterPixels = 7.0
    static let columnPadding = 5.0
    /// Pixels lost to the cell's inner margins, left and right.
    static let cellMargin = 7.0

    /// The estimated width in pixels of `text` set in Times New Roman.
    static func width(_ text: Substring, points: Double, bold: Bool = false) -> Double {
        let em = points * 96 / 72
        var ems = 0.0
        for scalar in text.unicodeScalars { ems += self.ems(scalar) }
        return ems * em * (bold ? 1.06 : 1)
    }

    /// The widest character, in ems (a capital).
    private static let widestEms = 0.72

    /// The width of one character in ems: a space a quarter, a digit or lower-case letter a half, a capital 0.72,
    /// anything else 0.34; a combining mark nothing (it sits on the letter before it).
    private static func ems(_ scalar: Unicode.Scalar) -> Double {
        let value = scalar.value
        switch value {
        case 0x20: return 0.25
        case 0x30...0x39, 0x61...0x7A: return 0.5
        case 0x41...0x5A: return widestEms
        case 0..<0x80: return 0.34
        // The Vietnamese letters without a Unicode table: capitals of Latin-1, the pairs of Latin Extended-A and of
        // the Vietnamese block (capital first), Ơ and Ư.
        case 0xC0...0xDE where value != 0xD7: return widestEms
        case 0xDF...0xFF where value != 0xF7: return 0.5
        case 0x100...0x137, 0x14A...0x177, 0x1EA0...0x1EF9: return value % 2 == 0 ? widestEms : 0.5
        case 0x1A0, 0x1AF: return widestEms
        case 0x1A1, 0x1B0: return 0.5
        default: break
        }
        let properties = scalar.properties
        if properties.numericType != nil { return 0.5 }
        if properties.isUppercase { return widestEms }
        switch properties.generalCategory {
        case .lowercaseLetter, .uppercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return 0.5
        case .nonspacingMark, .spacingMark, .enclosingMark: return 0
        default: return 0.34
        }
    }

    static func width(_ text: String, points: Double, bold: Bool = false) -> Double {
        width(text[...], points: points, bold: bold)
    }

    /// The pixels of a column `characters` wide.
    static func pixels(columnWidth characters: Double) -> Double {
        characters * characterPixels + columnPadding
    }

    /// The column width (in characters) that holds `pixels` of text.
    static func columnWidth(holding pixels: Double) -> Double {
        ((pixels + cellMargin - columnPadding) / characterPixels * 2).rounded(.up) / 2
    }

    /// The widest word of `text`, in pixels.
    static func longestWord(_ text: String, points: Double, bold: Bool = false) -> Double {
        text.split(whereSeparator: \.isWhitespace).map { width($0, points: points, bold: bold) }.max() ?? 0
    }

    /// The lines `text` wraps to in a column (or merged columns) `columnWidth` characters wide, word by word.
    static func lines(_ text: String, points: Double, bold: Bool = false, columnWidth: Double) -> Int {
        lines(text, points: points, bold: bold, pixels: pixels(columnWidth: columnWidth) - cellMargin)
    }

    /// The lines `text` wraps to in `pixels` of room: paragraphs at line breaks, words at spaces, in one pass
    /// over the text.
    static func lines(_ text: String, points: Double, bold: Bool = false, pixels room: Double) -> Int {
        // Text that would fit were every byte a capital takes one line: most cells of a long list, measured without
        // looking at their characters.
        let widest = Double(text.utf8.count) * widestEms * points * 96 / 72 * (bold ? 1.06 : 1)
        if widest <= room, !text.utf8.contains(0x0A) { return 1 }
        let em = points * 96 / 72
        let factor = bold ? 1.06 : 1
        let space = ems(" ") * em * factor
        var count = 1
        var line = 0.0
        var word: Double?  // the ems of the word being read
        func endWord() {
            guard let ems = word else { return }
            word = nil
            let wordWidth = ems * em * factor
            if line > 0, line + space + wordWidth > room {
                count += 1
                line = wordWidth
            } else {
                line += (line > 0 ? space : 0) + wordWidth
            }
            // A word longer than the line breaks inside it.
            if line > room, room > 0 {
                let extra = Int((line / room).rounded(.up)) - 1
                count += extra
                line -= Double(extra) * room
            }
        }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A:
                endWord()
                count += 1
                line = 0
            case 0x20:
                endWord()
            default:
                word = (word ?? 0) + ems(scalar)
            }
        }
        endWord()
        return count
    }

    /// The height in points of `count` lines of text, with the cell's top and bottom room.
    static func height(lines count: Int, points: Double) -> Double {
        (Double(count) * points * 1.25 + 4).rounded(.up)
    }
}
