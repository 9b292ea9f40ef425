/// One sheet read in full: its rows, merged ranges and layout information.
///
/// ```swift
/// let total = sheet[CellAddress("E12")!]?.value
/// ```
public struct Worksheet: Sendable {
    public var name: String
    public var visibility: SheetVisibility
    /// Rows present in the file, sorted by index.
    public var rows: [Row]
    /// Merged ranges as the file declares them (the value sits in each range's top-left cell).
    public var mergedRanges: [CellRange]
    /// The used range the file declares (`dimension`), which producers do not always keep true.
    public var declaredDimension: CellRange?
    /// Column widths and hidden columns, as information.
    public var columns: [ColumnInfo]

    public init(
        name: String, visibility: SheetVisibility = .visible, rows: [Row] = [], mergedRanges: [CellRange] = [],
        declaredDimension: CellRange? = nil, columns: [ColumnInfo] = []
    ) {
        self.name = name
        self.visibility = visibility
        self.rows = rows
        self.mergedRanges = mergedRanges
        self.declaredDimension = declaredDimension
        self.columns = columns
    }

    /// The range spanned by the cells actually present, `nil` for an empty sheet.
    public var usedRange: CellRange? {
        var range: CellRange?
        for row in rows {
            guard let first = row.cells.first, let last = row.cells.last else { continue }
            let rowRange = CellRange(first.address, last.address)
            range = range?.union(rowRange) ?? rowRange
        }
        return range
    }

    /// The cell at an address, `nil` when the file has none there.
    ///
    /// - Complexity: O(log rows + log cells in the row).
    public subscript(address: CellAddress) -> Cell? {
        guard let rowPosition = Worksheet.search(rows, for: address.row, by: \.index) else { return nil }
        let cells = rows[rowPosition].cells
        guard let cellPosition = Worksheet.search(cells, for: address.column, by: \.address.column) else { return nil }
        return cells[cellPosition]
    }

    /// The merged range that covers an address, if any.
    public func mergedRange(containing address: CellAddress) -> CellRange? {
        mergedRanges.first { $0.contains(address) }
    }

    private static func search<T>(_ items: [T], for key: Int, by keyPath: KeyPath<T, Int>) -> Int? {
        var low = 0
        var high = items.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let value = items[middle][keyPath: keyPath]
            if value == key { return middle }
            if value < key { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }
}

/// Whether a sheet shows in the tab bar (ECMA-376 Part 1, §18.18.68 ST_SheetState).
public enum SheetVisibility: String, Hashable, Sendable {
    case visible
    case hidden
    /// Hidden and not listed in Excel's Unhide dialog.
    case veryHidden
}

/// Width and visibility of a run of columns (ECMA-376 Part 1, §18.3.1.13 `col`).
public struct ColumnInfo: Hashable, Sendable {
    /// Zero-based first and last column of the run.
    public var firstColumn: Int
    public var lastColumn: Int
    /// Width in characters of the default font, `nil` when not set.
    public var width: Double?
    public var isHidden: Bool

    public init(firstColumn: Int, lastColumn: Int, width: Double?, isHidden: Bool) {
        self.firstColumn = firstColumn
        self.lastColumn = lastColumn
        self.width = width
        self.isHidden = isHidden
    }
}
