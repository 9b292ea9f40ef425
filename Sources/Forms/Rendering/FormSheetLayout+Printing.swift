import SheetXLSX

// How a form prints on A4 landscape.
//
//   fitted      the whole table fitted to the width of one page, as many pages down as the rows need; the header
//               rows (groups, labels, column numbers) repeat on every page.
//   in parts    when fitting would print 12 pt text below 8 pt (a table of 26 columns, the funding results), the
//               columns print at one fixed scale across several pages, cut only between column groups, with the
//               row code and label columns repeated on every page: page 1 holds the heading, the first groups and
//               the signature; the next pages the other groups beside the same row labels.
//
// Widths are measured as LibreOffice prints them: a column-width character is the digit width of Calibri 11 (the
// workbook's default font), which LibreOffice takes unrounded from Calibri or its metric twin Carlito (Debian:
// fonts-crosextra-carlito), 7.43 px = 5.57 pt, where Excel rounds it to 7 px = 5.25 pt; so a page that fits in
// LibreOffice fits in Excel. (Without either font LibreOffice measures in a wider fallback font and prints every form
// smaller.)

/// The columns of a form that print on one page, and the scale they all print at.
struct PrintParts: Equatable {
    /// The zero-based column that starts each page after the first.
    var breaks: [Int]
    /// The print scale in percent.
    var scale: Int
}

extension FormSheetLayout {
    /// The printable width of A4 landscape with the form's margins (29.7 cm − 1.5 cm − 1.0 cm), in points.
    static let printableWidth = 272.0 / 25.4 * 72
    /// Points of one column-width character as LibreOffice prints it (padding included in the stored width), with
    /// 2 % to spare.
    static let pointsPerCharacter = 5.57 * 1.02
    /// The smallest scale a form is fitted at; below it, it prints in parts.
    static let minimumFittedScale = 8.0 / 12.0

    static func printedWidth(_ width: Double) -> Double {
        ColumnFormat.storedWidth(width) * pointsPerCharacter
    }

    /// `nil` when the table fits one page width at a readable scale; otherwise the parts it prints in.
    func computePrintParts() -> PrintParts? {
        let total = widths.map(Self.printedWidth).reduce(0, +)
        guard total * Self.minimumFittedScale > Self.printableWidth, let label = labelColumn else { return nil }
        let titles = widths[0...label].map(Self.printedWidth).reduce(0, +)
        // Runs of columns that stay together: one group, or one column outside any group.
        var segments: [ClosedRange<Int>] = []
        var index = label + 1
        while index < columns.count {
            var end = index
            if let group = columns[index].group {
                while end + 1 < columns.count, columns[end + 1].group == group { end += 1 }
            }
            segments.append(index...end)
            index = end + 1
        }
        guard segments.count > 1 else { return nil }
        // The fewest pages across at a readable scale, then the largest scale for that many.
        for pages in 2...segments.count {
            for percent in stride(from: 100, through: Int(Self.minimumFittedScale * 100), by: -1) {
                let room = Self.printableWidth / (Double(percent) / 100) - titles
                if let breaks = pack(segments, room: room), breaks.count + 1 <= pages {
                    return PrintParts(breaks: breaks, scale: percent)
                }
            }
        }
        return nil
    }

    /// Segments packed into pages of `room` points each; the first column of every page after the first.
    private func pack(_ segments: [ClosedRange<Int>], room: Double) -> [Int]? {
        var breaks: [Int] = []
        var used = 0.0
        for segment in segments {
            let width = segment.map { Self.printedWidth(widths[$0]) }.reduce(0, +)
            if width > room { return nil }
            if used + width > room {
                breaks.append(segment.lowerBound)
                used = 0
            }
            used += width
        }
        return breaks
    }

    /// The page setup: A4 landscape, the header rows repeated, fitted to the width or printed in parts.
    func pageSetup() -> PageSetup {
        var page = PageSetup(
            paperSize: .a4, orientation: .landscape,
            margins: .centimetres(left: 1.5, right: 1.0, top: 1.5, bottom: 1.5),
            printTitleRows: headerRows.lowerBound...numberingRow)
        page.centersHorizontally = true
        if let parts = printParts, let label = labelColumn {
            page.scale = parts.scale
            page.columnBreaks = parts.breaks
            page.printTitleColumns = 0...label
        } else {
            page.fitToWidth = 1
            page.fitToHeight = 0
        }
        return page
    }
}
