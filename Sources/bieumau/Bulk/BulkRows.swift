// The rows of one sheet as a bulk conversion reads them: counted, and abandoned at the next row once the runner
// asked the worker to stop (Ctrl-C), so that the output being written is discarded, never left half-written.
import SheetCore

/// The error of a conversion abandoned on request.
struct ConversionInterrupted: Error {}

/// Rows passed through, counting non-empty cells and checking for a stop request.
final class BulkRows: SheetRowReading {
    private let base: any SheetRowReading
    /// Non-empty cells read so far.
    private(set) var cellCount = 0

    init(_ base: any SheetRowReading) { self.base = base }

    var sheet: SheetInfo { base.sheet }
    var declaredDimension: CellRange? { base.declaredDimension }
    var mergedRanges: [CellRange] { base.mergedRanges }
    var columns: [ColumnInfo] { base.columns }

    func next() throws -> Row? {
        if StopSignal.isRequested { throw ConversionInterrupted() }
        guard let row = try base.next() else { return nil }
        for cell in row.cells {
            switch cell.value {
            case .empty: continue
            case .string(let text) where text.isEmpty: continue
            default: cellCount += 1
            }
        }
        return row
    }
}
