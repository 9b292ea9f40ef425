import Testing

@testable import SheetCore

/// Rectangles of cells, `A1:C3` (ECMA-376 Part 1, §18.18.62 ST_Ref).
@Suite("Cell ranges")
struct CellRangeTests {
    @Test func rangeParsesBothCorners() throws {
        let range = try #require(CellRange("A1:C3"))
        #expect(range.first == CellAddress(row: 0, column: 0))
        #expect(range.last == CellAddress(row: 2, column: 2))
        #expect(range.rowCount == 3)
        #expect(range.columnCount == 3)
        #expect(range.a1 == "A1:C3")
    }

    @Test func singleCellIsARangeOfOne() throws {
        let range = try #require(CellRange("B2"))
        #expect(range.first == range.last)
        #expect(range.rowCount == 1 && range.columnCount == 1)
        #expect(range.description == "B2")
    }

    @Test(arguments: ["C3:A1", "A3:C1", "C1:A3", "$C$3:$A$1", "a1:c3"])
    func cornersInAnyOrderAreNormalised(text: String) throws {
        let range = try #require(CellRange(text))
        #expect(range == CellRange("A1:C3"))
        #expect(range.a1 == "A1:C3")
    }

    @Test(arguments: ["", ":", "A1:", ":B2", "A1:B2:C3", "A0:B2", "A1:XFE1", "A1-B2"])
    func malformedRangeIsNil(text: String) {
        #expect(CellRange(text) == nil)
    }

    @Test func containsIncludesTheEdges() throws {
        let range = try #require(CellRange("B2:D4"))
        for inside in ["B2", "D4", "C3", "B4", "D2"] {
            #expect(range.contains(CellAddress(inside)!), "\(inside)")
        }
        for outside in ["A1", "A3", "E3", "C1", "C5", "E5"] {
            #expect(!range.contains(CellAddress(outside)!), "\(outside)")
        }
    }

    @Test func unionIsTheSmallestRangeHoldingBoth() throws {
        let a = try #require(CellRange("B2:C3"))
        let b = try #require(CellRange("E1:F2"))
        #expect(a.union(b) == CellRange("B1:F3"))
        #expect(b.union(a) == a.union(b))
        #expect(a.union(a) == a)
        #expect(a.union(try #require(CellRange("C3"))) == a)
    }

    @Test func wholeGridFits() throws {
        let range = try #require(CellRange("A1:XFD1048576"))
        #expect(range.rowCount == CellAddress.maxRows)
        #expect(range.columnCount == CellAddress.maxColumns)
    }
}
