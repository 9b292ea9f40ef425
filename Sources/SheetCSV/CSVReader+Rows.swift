// Records as rows of the one cell model (DESIGN §2): every non-empty field a `.string` cell at its column, the
// record's position the row index. Typing the text (numbers under a locale) is a separate, later step
// (`LocalizedNumber` in SheetCore), so a CSV row reads the same whatever the data means.
import SheetCore

extension CSVReader {
    /// Reads the next record as a ``Row``: record *n* (1-based) is row index *n − 1*, field *i* is column *i*,
    /// every non-empty field a ``CellValue/string(_:)`` cell; empty fields are left out.
    ///
    /// ```swift
    /// while let row = try reader.nextRow() {
    ///     for cell in row.cells { print(cell.address, cell.value) }   // A1 "Xã", B1 "Hộ nghèo", …
    /// }
    /// ```
    ///
    /// - Returns: `nil` at the end of the input.
    /// - Throws: as ``nextRecord()``.
    public func nextRow() throws(CSVError) -> Row? {
        guard try nextRecord() else { return nil }
        let rowIndex = recordNumber - 1
        let count = fieldCount
        // Cells are built in place: appending a temporary Cell copied it and released the temporary.
        let cells = [Cell](unsafeUninitializedCapacity: count) { storage, initialized in
            var made = 0
            for column in 0..<count {
                let bytes = field(column)
                if bytes.isEmpty { continue }
                let text = interner.string(bytes, column: column)
                (storage.baseAddress! + made).initialize(
                    to: Cell(address: CellAddress(row: rowIndex, column: column), value: .string(text)))
                made += 1
            }
            initialized = made
        }
        return Row(index: rowIndex, cells: cells)
    }
}
