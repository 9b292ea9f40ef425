/// A sheet as a workbook lists it, before its cells are read.
public struct SheetInfo: Hashable, Sendable {
    /// Zero-based position in tab order.
    public var index: Int
    public var name: String
    public var visibility: SheetVisibility
    /// Whether the sheet is a worksheet with cells (chart and dialog sheets have none).
    public var isWorksheet: Bool

    public init(index: Int, name: String, visibility: SheetVisibility = .visible, isWorksheet: Bool = true) {
        self.index = index
        self.name = name
        self.visibility = visibility
        self.isWorksheet = isWorksheet
    }
}
