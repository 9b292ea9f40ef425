/// What every workbook reader offers, whatever the file format (DESIGN §2: one cell model for all formats), so
/// that commands and the forms engine read `.xlsx`, `.xls` and CSV alike.
///
/// ```swift
/// let reader: any WorkbookReading = try XLSXReader(path: "xa.xlsx")
/// let rows = try reader.sheetRows(at: 0)
/// while let row = try rows.next() { print(row.index, row.cells.count) }
/// ```
public protocol WorkbookReading: AnyObject {
    /// The file format's short name: `xlsx`, `xls`, `csv`.
    var formatName: String { get }
    /// The sheets in tab order.
    var sheets: [SheetInfo] { get }
    var styles: Styles { get }
    var dateSystem: DateSystem { get }
    var definedNames: [DefinedName] { get }
    /// A streaming reader over one sheet's rows.
    ///
    /// - Parameter index: zero-based position in ``sheets``.
    func sheetRows(at index: Int) throws -> any SheetRowReading
}

/// One sheet read row by row, in constant memory.
public protocol SheetRowReading: AnyObject {
    var sheet: SheetInfo { get }
    /// The used range the file declares, known once the first row was read (`nil` when the file has none).
    var declaredDimension: CellRange? { get }
    /// Merged ranges, complete once ``next()`` has returned `nil`.
    var mergedRanges: [CellRange] { get }
    /// Column widths and hidden columns.
    var columns: [ColumnInfo] { get }
    /// The next row holding at least one cell, `nil` after the last.
    func next() throws -> Row?
}

extension WorkbookReading {
    /// The zero-based index of a sheet given by name (case-insensitive, as Excel compares) or 1-based number.
    public func sheetIndex(named nameOrNumber: String) -> Int? {
        let wanted = nameOrNumber.lowercased()
        if let match = sheets.first(where: { $0.name.lowercased() == wanted }) { return match.index }
        if let number = Int(nameOrNumber), number >= 1, number <= sheets.count { return number - 1 }
        return nil
    }
}
