import SheetCSV
import SheetCore

/// A CSV file seen as a workbook of one sheet named after the file, so `cat` and `inspect` read CSV like the others.
final class CSVWorkbook: WorkbookReading {
    let formatName = "csv"
    let sheets: [SheetInfo]
    let styles = Styles()
    let dateSystem = DateSystem.from1900
    let definedNames: [DefinedName] = []
    private let reader: CSVReader
    private var handedOut = false

    /// CSV has no signature: the name decides (`.csv`, `.tsv`, `.txt`).
    static func isCSVName(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".csv") || lowered.hasSuffix(".tsv") || lowered.hasSuffix(".txt")
    }

    init(path: String, encoding: TextEncodingOption) throws {
        let stem = String((path.split(separator: "/").last ?? Substring(path)).split(separator: ".").first ?? "")
        sheets = [SheetInfo(index: 0, name: stem.isEmpty ? "Sheet1" : stem)]
        reader = try LegacyCSV.open(path, encoding: encoding).0
    }

    /// The one sheet's rows; a CSV file is read once, front to back.
    func sheetRows(at index: Int) throws -> any SheetRowReading {
        guard index == 0, !handedOut else {
            throw CSVError(.invalidOption, "a CSV file has one sheet, read once")
        }
        handedOut = true
        return CSVSheetRows(reader: reader, sheet: sheets[0])
    }
}

/// The records of a CSV file as rows of text cells.
final class CSVSheetRows: SheetRowReading {
    let sheet: SheetInfo
    let declaredDimension: CellRange? = nil
    let mergedRanges: [CellRange] = []
    let columns: [ColumnInfo] = []
    private let reader: CSVReader

    init(reader: CSVReader, sheet: SheetInfo) {
        self.reader = reader
        self.sheet = sheet
    }

    func next() throws -> Row? {
        while let row = try reader.nextRow() {
            if !row.cells.isEmpty { return row }
        }
        return nil
    }
}
