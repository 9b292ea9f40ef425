import SheetCSV
import SheetCore
import SheetXLSX

/// One sheet as CSV records: line N is row N and field M is column M (anchored at A1), blank rows kept, every line
/// padded to the last column of the declared dimension.
enum SheetCSVExport {
    static func write(_ rows: any SheetRowReading, to csv: CSVWriter) throws {
        var nextLine = 0
        var width = 0
        while let row = try rows.next() {
            if nextLine == 0, let dimension = rows.declaredDimension { width = dimension.last.column + 1 }
            while nextLine < row.index {
                try csv.writeEmptyRecord(width: width)
                nextLine += 1
            }
            try csv.writeRow(row.cells, width: width)
            nextLine = row.index + 1
        }
        try csv.flush()
    }
}
