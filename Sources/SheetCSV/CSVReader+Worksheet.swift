// The materialising reader (DESIGN §2: "a streaming pull API and a materialising one built on it"): every record
// of a CSV as the rows of one Worksheet, bounded by the rows a sheet can hold.
import SheetCore

extension CSVReader {
    /// Reads the remaining records into a worksheet: strings as ``nextRow()`` gives them, or numbers typed under
    /// `locale` as ``nextTypedRow(locale:)`` does.
    ///
    /// ```swift
    /// let sheet = try CSVReader(path: "ia-dal.csv").readWorksheet(named: "ia-dal", numbersIn: .vi)
    /// sheet[CellAddress("B2")!]?.value   // .number(300)
    /// ```
    ///
    /// - Parameters:
    ///   - name: the sheet's name (usually the file's name without extension).
    ///   - locale: the locale numbers are written in; `nil` keeps every field as text.
    ///   - maxRows: most records accepted; by default the rows of an Excel sheet (1,048,576).
    /// - Throws: as ``nextRecord()``, and ``CSVError/Code/limitExceeded`` past `maxRows`.
    /// - Complexity: O(size of the input); memory grows with the records kept.
    public func readWorksheet(
        named name: String, numbersIn locale: NumberLocale? = nil, maxRows: Int = CellAddress.maxRows
    ) throws(CSVError) -> Worksheet {
        var rows: [Row] = []
        while true {
            let next: Row?
            if let locale { next = try nextTypedRow(locale: locale) } else { next = try nextRow() }
            guard let row = next else { break }
            guard rows.count < maxRows else {
                throw CSVError(
                    .limitExceeded,
                    "the file has more than \(maxRows) records, more than a sheet holds; split the file",
                    line: lineNumber, column: 1, record: recordNumber, byteOffset: recordByteOffset)
            }
            rows.append(row)
        }
        return Worksheet(name: name, rows: rows)
    }
}
