// A CSV file rewritten as UTF-8 CSV (`convert --to csv` of a CSV input): every field stays the text it was, so that
// `007` stays `007` and `1.234,5` stays `1.234,5`; only the encoding and the quoting change.
import SheetCSV
import SheetCore

/// The records of a CSV file as rows of text cells, record N as row N.
final class ConvertCSVRows: SheetRowReading {
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
        guard try reader.nextRecord() else { return nil }
        let row = reader.recordNumber - 1
        var cells: [Cell] = []
        cells.reserveCapacity(reader.fieldCount)
        // Empty fields too, so that every record keeps its number of fields.
        for column in 0..<reader.fieldCount {
            cells.append(
                Cell(address: CellAddress(row: row, column: column), value: .string(reader.string(at: column))))
        }
        return Row(index: row, cells: cells)
    }
}
