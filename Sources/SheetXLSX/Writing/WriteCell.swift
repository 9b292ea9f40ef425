import SheetCore

/// One cell handed to ``SheetWriter/writeRow(_:at:format:)``: its column, value, optional formula and style.
///
/// A formula's value is the result cached beside it, shown until the workbook is recalculated; the writer asks
/// Excel to recalculate on open, and LibreOffice can be told to.
///
/// ```swift
/// let cells = [
///     WriteCell(column: 0, value: .string("Xã Ia Đal")),
///     WriteCell(column: 1, value: .number(300), style: count),
///     WriteCell(column: 2, value: .number(0.0793), formula: "B2/C2", style: rate),
/// ]
/// ```
public struct WriteCell: Sendable {
    /// Zero-based column (`0` is column A).
    public var column: Int
    /// The value, or for a formula its cached result (`.empty` writes the formula without one).
    public var value: CellValue
    /// The formula without its leading `=`, `SUM(B2:B9)`; `nil` for a constant.
    public var formula: String?
    /// The cell's registered style.
    public var style: StyleID

    /// A cell.
    ///
    /// - Parameters:
    ///   - column: Zero-based column.
    ///   - value: The value, or a formula's cached result.
    ///   - formula: The formula without `=`, or `nil`.
    ///   - style: A style from ``XLSXWriter/addStyle(_:)``.
    public init(column: Int, value: CellValue, formula: String? = nil, style: StyleID = .default) {
        self.column = column
        self.value = value
        self.formula = formula
        self.style = style
    }
}

/// How a whole row looks: its height, visibility and default style.
public struct RowFormat: Hashable, Sendable {
    /// The height in points; `nil` lets Excel size the row.
    public var height: Double?
    /// Whether the row is hidden.
    public var isHidden: Bool
    /// The style of the row's empty cells; `nil` for none.
    public var style: StyleID?

    /// A row format.
    ///
    /// - Parameters:
    ///   - height: The height in points, `nil` for automatic.
    ///   - isHidden: Whether the row is hidden.
    ///   - style: The style of the row's empty cells.
    public init(height: Double? = nil, isHidden: Bool = false, style: StyleID? = nil) {
        self.height = height
        self.isHidden = isHidden
        self.style = style
    }

    /// Excel's default: automatic height, visible, unstyled.
    public static let `default` = RowFormat()

    var isDefault: Bool { height == nil && !isHidden && style == nil }
}
