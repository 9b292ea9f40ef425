/// One cell read from a sheet: where it is, what it holds, its formula and its style.
public struct Cell: Hashable, Sendable {
    public var address: CellAddress
    /// The value, or for a formula cell the value cached when the file was last calculated.
    public var value: CellValue
    /// The formula text without the leading `=`, `nil` for a constant.
    public var formula: String?
    /// Index into the workbook's cell formats (``Styles/cellFormats``); `0` is the default format.
    public var styleIndex: Int

    public init(address: CellAddress, value: CellValue, formula: String? = nil, styleIndex: Int = 0) {
        self.address = address
        self.value = value
        self.formula = formula
        self.styleIndex = styleIndex
    }
}

/// One row of a sheet as a streaming reader hands it out: the cells present, in column order.
public struct Row: Sendable {
    /// Zero-based row index.
    public var index: Int
    /// The cells present in the file, sorted by column; missing cells are simply absent.
    public var cells: [Cell]
    /// Whether the row is hidden (information only).
    public var isHidden: Bool

    public init(index: Int, cells: [Cell], isHidden: Bool = false) {
        self.index = index
        self.cells = cells
        self.isHidden = isHidden
    }
}
