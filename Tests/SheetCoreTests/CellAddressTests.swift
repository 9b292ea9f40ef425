import Testing

@testable import SheetCore

/// A1 references parsed and written (ECMA-376 Part 1, §18.3.1.4 `c/@r`).
@Suite("Cell addresses")
struct CellAddressTests {
    @Test(arguments: [
        ("A1", 0, 0),
        ("B7", 6, 1),
        ("Z1", 0, 25),
        ("AA1", 0, 26),
        ("AB12", 11, 27),
        ("XFD1048576", 1_048_575, 16_383),
        ("a1", 0, 0),
        ("xfd1", 0, 16_383),
        ("$A$1", 0, 0),
        ("$C3", 2, 2),
        ("C$3", 2, 2),
    ])
    func validReferenceGivesZeroBasedRowAndColumn(text: String, row: Int, column: Int) throws {
        let address = try #require(CellAddress(text))
        #expect(address == CellAddress(row: row, column: column))
    }

    @Test(arguments: [
        "", "A", "1", "A0", "XFE1", "AAAA1", "A1048577", "A12345678", "1A", "A1B", "A 1", "A-1", "$$A1", "A$$1",
        "A1:B2",
    ])
    func invalidReferenceIsNil(text: String) {
        #expect(CellAddress(text) == nil)
    }

    @Test(arguments: [
        (0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA"),
        (16_383, "XFD"),
    ])
    func columnNameIsBijectiveBase26(column: Int, name: String) {
        #expect(CellAddress.columnName(column) == name)
        #expect(CellAddress("\(name)1")?.column == column)
    }

    @Test func everyColumnNameParsesBack() {
        for column in 0..<CellAddress.maxColumns {
            let name = CellAddress.columnName(column)
            if CellAddress("\(name)1")?.column != column {
                Issue.record("column \(column) → \(name)")
            }
        }
    }

    @Test func a1WritesLettersThenOneBasedRow() {
        #expect(CellAddress(row: 0, column: 0).a1 == "A1")
        #expect(CellAddress(row: 11, column: 27).a1 == "AB12")
        #expect(CellAddress(row: 1_048_575, column: 16_383).description == "XFD1048576")
        #expect(CellAddress("$b$7")?.a1 == "B7")
    }

    @Test func addressesSortRowByRow() {
        let sorted = ["B1", "A2", "A1", "C1"].compactMap { CellAddress($0) }.sorted()
        #expect(sorted.map(\.a1) == ["A1", "B1", "C1", "A2"])
    }

    @Test func parseReadsBytesWithoutAString() {
        let bytes = Array("AB12".utf8)
        let address = bytes.withUnsafeBufferPointer { CellAddress.parse($0) }
        #expect(address == CellAddress(row: 11, column: 27))
    }
}
