import Foundation
import SheetCore
import SheetTestSupport
import Testing

@testable import SheetXLSX

/// Every Excel-made workbook of the corpus, read, written again and read back: the same sheets, cell values and
/// formulas. Styles are carried only as far as values need them (a date stays a date).
@Suite("XLSXWriter round trip of the Excel-made corpus", .enabled(if: TestPaths.sharedCorpora != nil))
struct XLSXWriterCorpusRoundTripTests {
    static let folder = TestPaths.sharedCorpora?.appendingPathComponent("excel-made")

    static let files: [String] = {
        guard let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            return []
        }
        return names.filter { $0.hasSuffix(".xlsx") || $0.hasSuffix(".xlsm") }.sorted()
    }()

    /// Reads `source`, writes its worksheets' cells to `path`; returns the cells written, by sheet.
    static func copy(_ source: String, to path: String) throws -> [(name: String, rows: [Row])] {
        let reader = try XLSXReader(path: source)
        let book = try XLSXWriter(path: path)
        var copied: [(name: String, rows: [Row])] = []
        for sheet in reader.sheets where sheet.isWorksheet {
            let rows = try reader.worksheet(at: sheet.index).rows
            let visibility: SheetVisibility = copied.isEmpty ? .visible : sheet.visibility
            let writer = try book.addSheet(sheet.name, setup: SheetSetup(visibility: visibility))
            for row in rows {
                try writer.writeRow(
                    row.cells.map { WriteCell(column: $0.address.column, value: $0.value, formula: $0.formula) },
                    at: row.index)
            }
            copied.append((sheet.name, rows))
        }
        try book.close()
        return copied
    }

    @Test func everyWorkbookReadsBackTheSameCells() throws {
        var identical = 0
        var cellsCompared = 0
        var failures: [String] = []
        for name in Self.files {
            let source = try #require(Self.folder).appendingPathComponent(name).path
            let path = XLSXWriterSamples.temporaryPath(name)
            defer { try? FileManager.default.removeItem(atPath: path) }
            do {
                let written = try Self.copy(source, to: path)
                let reader = try XLSXReader(path: path)
                var same = reader.sheets.map(\.name) == written.map(\.name)
                for (index, sheet) in written.enumerated() where same {
                    let read = try reader.worksheet(at: index).rows
                    let expected = sheet.rows.filter { !$0.cells.isEmpty }
                    same = read.count == expected.count
                    for (a, b) in zip(read, expected) where same {
                        same = a.index == b.index && a.cells.count == b.cells.count
                        for (x, y) in zip(a.cells, b.cells) where same {
                            cellsCompared += 1
                            same =
                                x.address == y.address && x.formula == y.formula
                                && XLSXWriterRoundTripTests.same(x.value, y.value)
                            if !same {
                                failures.append("\(name) \(sheet.name)!\(x.address.a1): \(x.value) ≠ \(y.value)")
                            }
                        }
                    }
                    if !same, failures.last?.hasPrefix(name) != true {
                        failures.append("\(name) \(sheet.name) differs")
                    }
                }
                if same { identical += 1 }
            } catch {
                failures.append("\(name): \(error)")
            }
        }
        print(
            "corpus round trip: \(identical)/\(Self.files.count) workbooks identical, \(cellsCompared) cells compared")
        #expect(identical == Self.files.count, Comment(rawValue: failures.prefix(40).joined(separator: "\n")))
    }
}
