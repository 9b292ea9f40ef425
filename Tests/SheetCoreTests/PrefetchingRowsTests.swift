import SheetCore
import Testing

/// A sheet of `count` rows made up on the fly, failing after `failAfter` rows if asked, with merged ranges known
/// only at the end (as in a worksheet part).
final class MadeUpRows: SheetRowReading {
    struct Failure: Error, Equatable {}

    let sheet = SheetInfo(index: 0, name: "S")
    let count: Int
    let failAfter: Int?
    private var produced = 0
    private(set) var declaredDimension: CellRange?
    private(set) var mergedRanges: [CellRange] = []
    let columns: [ColumnInfo] = []

    init(count: Int, failAfter: Int? = nil) {
        self.count = count
        self.failAfter = failAfter
    }

    func next() throws -> Row? {
        if let failAfter, produced == failAfter { throw Failure() }
        guard produced < count else {
            mergedRanges = [CellRange("A1:B2")!]
            return nil
        }
        declaredDimension = CellRange("A1:C\(count)")
        let row = Row(
            index: produced,
            cells: [Cell(address: CellAddress(row: produced, column: 0), value: .number(Double(produced)))])
        produced += 1
        return row
    }
}

@Suite("Rows read ahead on a second thread")
struct PrefetchingRowsTests {
    @Test(arguments: [1, 7, 256, 100_000])
    func givesTheSameRowsInOrder(batchSize: Int) throws {
        let rows = PrefetchingRows(MadeUpRows(count: 10_000), batchSize: batchSize, batchCount: 2)
        var indices: [Int] = []
        while let row = try rows.next() { indices.append(row.index) }
        #expect(indices == Array(0..<10_000))
        #expect(try rows.next() == nil)
        #expect(rows.mergedRanges == [CellRange("A1:B2")!])
        #expect(rows.declaredDimension == CellRange("A1:C10000"))
    }

    @Test func deliversTheRowsBeforeAnErrorThenTheError() throws {
        let rows = PrefetchingRows(MadeUpRows(count: 1_000, failAfter: 300), batchSize: 64)
        var seen = 0
        do {
            while try rows.next() != nil { seen += 1 }
            Issue.record("no error")
        } catch {
            #expect(error is MadeUpRows.Failure)
        }
        #expect(seen == 300)
    }

    @Test func stopsCleanlyWhenReleasedEarly() throws {
        for _ in 0..<200 {
            let rows = PrefetchingRows(MadeUpRows(count: 100_000), batchSize: 16, batchCount: 2)
            _ = try rows.next()
        }
    }

    @Test func anEmptySheetEnds() throws {
        let rows = PrefetchingRows(MadeUpRows(count: 0))
        #expect(try rows.next() == nil)
        #expect(rows.mergedRanges == [CellRange("A1:B2")!])
    }
}
