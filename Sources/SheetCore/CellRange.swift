/// A rectangle of cells, written `A1:C3` (a single cell `B2` is a range of one).
///
/// ```swift
/// let range = CellRange("A1:C3")!
/// range.contains(CellAddress("B2")!)   // true
/// ```
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    /// Top-left cell.
    public var first: CellAddress
    /// Bottom-right cell.
    public var last: CellAddress

    /// A range from two corners given in any order.
    public init(_ a: CellAddress, _ b: CellAddress) {
        first = CellAddress(row: min(a.row, b.row), column: min(a.column, b.column))
        last = CellAddress(row: max(a.row, b.row), column: max(a.column, b.column))
    }

    /// Parses `A1:C3`, `$A$1:$C$3` or `B2`; `nil` for anything else.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            guard let cell = CellAddress(parts[0]) else { return nil }
            self.init(cell, cell)
        case 2:
            guard let a = CellAddress(parts[0]), let b = CellAddress(parts[1]) else { return nil }
            self.init(a, b)
        default:
            return nil
        }
    }

    public var rowCount: Int { last.row - first.row + 1 }
    public var columnCount: Int { last.column - first.column + 1 }

    public func contains(_ address: CellAddress) -> Bool {
        address.row >= first.row && address.row <= last.row
            && address.column >= first.column && address.column <= last.column
    }

    /// The smallest range holding both.
    public func union(_ other: CellRange) -> CellRange {
        CellRange(
            CellAddress(row: min(first.row, other.first.row), column: min(first.column, other.first.column)),
            CellAddress(row: max(last.row, other.last.row), column: max(last.column, other.last.column)))
    }

    /// `A1:C3`, or `B2` for a single cell.
    public var a1: String { first == last ? first.a1 : "\(first.a1):\(last.a1)" }

    public var description: String { a1 }
}
