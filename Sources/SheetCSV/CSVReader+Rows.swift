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
        let cells = makeCells(row: rowIndex, numbersIn: nil)
        return Row(index: rowIndex, cells: cells)
    }

    /// The cells of the current record's non-empty fields: strings, or numbers where they read as numbers under
    /// `locale` (a branch per field rather than a closure, which the compiler did not inline).
    ///
    /// The array is filled with the bytes of one template cell and then each cell's column and value are set in
    /// place: building each `Cell` apart and moving it in cost a copy and a release per cell (about a quarter of
    /// `nextRow`'s time on the benchmark file, `Benchmarks/csv_run.py`; instructions counted with callgrind).
    @inline(__always)
    func makeCells(row rowIndex: Int, numbersIn locale: NumberLocale?) -> [Cell] {
        let count = fieldCount
        var present = 0
        for column in 0..<count {
            if fieldState[column] == 1 { unescape(column) }
            if fieldBounds[2 &* column &+ 1] != fieldBounds[2 &* column] { present &+= 1 }
        }
        guard present > 0 else { return [] }
        return [Cell](unsafeUninitializedCapacity: present) { storage, initialized in
            // The template holds no reference (an empty value, no formula), so its bytes are a complete copy of it:
            // copying them skips the per-cell copy function (about 5 % of nextRow's instructions).
            var template = Cell(address: CellAddress(row: rowIndex, column: 0), value: .empty)
            withUnsafeBytes(of: &template) { bytes in
                let target = UnsafeMutableRawPointer(storage.baseAddress!)
                let stride = MemoryLayout<Cell>.stride
                for index in 0..<present {
                    (target + index &* stride).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
                }
            }
            initialized = present
            // Each value is moved into the template's empty value, which needs no destroying (when the layout of
            // Cell is known, as it is without library evolution).
            let valueOffset = MemoryLayout<Cell>.offset(of: \Cell.value)
            var made = 0
            for column in 0..<count {
                let start = fieldBounds[2 &* column]
                let end = fieldBounds[2 &* column &+ 1]
                if start == end { continue }
                let bytes = UnsafeBufferPointer(start: buffer + start, count: end &- start)
                storage[made].address.column = column
                let value: CellValue
                if let locale {
                    value = typedValue(bytes, address: CellAddress(row: rowIndex, column: column), locale: locale)
                } else {
                    value = .string(interner.string(bytes, column: column))
                }
                if let valueOffset {
                    (UnsafeMutableRawPointer(storage.baseAddress! + made) + valueOffset)
                        .assumingMemoryBound(to: CellValue.self).initialize(to: value)
                } else {
                    storage[made].value = value
                }
                made += 1
            }
        }
    }
}
