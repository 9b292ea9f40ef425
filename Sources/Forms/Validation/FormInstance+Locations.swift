import SheetCore

extension FormInstance {
    /// Where the sheet is, without a cell.
    public var sheetLocation: FindingLocation { FindingLocation(file: document.path, sheet: sheet) }

    /// The cell of `key` on `row`: where its value was read, else where the column was found on that row, else
    /// the row's first cell; `nil` when the column is not on the sheet at all.
    public func location(of key: String, on row: FormRow) -> FindingLocation? {
        place(of: key, on: row)?.location
    }

    /// ``location(of:on:)`` as addresses.
    func place(of key: String, on row: FormRow) -> SheetPlace? {
        if let source = row.values.source(of: key) {
            return SheetPlace(file: document.path, sheet: source.sheet, first: source.cell)
        }
        guard let column = sheetColumn(of: key) else { return nil }
        return SheetPlace(file: document.path, sheet: sheet, first: CellAddress(row: row.sheetRow, column: column))
    }

    /// The row itself: the cell of its code (or first known column).
    public func location(ofRow row: FormRow) -> FindingLocation {
        SheetPlace(file: document.path, sheet: sheet, first: cell(ofRow: row)).location
    }

    private func cell(ofRow row: FormRow) -> CellAddress {
        let column = definition.table.codeColumn.flatMap(sheetColumn(of:)) ?? firstSheetColumn ?? 0
        return CellAddress(row: row.sheetRow, column: column)
    }

    /// The cells of column `key` from the first row to the last (`E9:E40`), for a value computed over a list.
    public func location(ofColumn key: String) -> FindingLocation {
        guard let slot = definition.slot(key) else { return sheetLocation }
        return place(ofColumn: slot).location
    }

    /// ``location(ofColumn:)`` as addresses.
    func place(ofColumn slot: ColumnSlot) -> SheetPlace {
        // Rows are in sheet order: the first and last cells read are the ends.
        var first: CellAddress?
        for index in rows.indices {
            first = rows[index].values.cell(slot)
            if first != nil { break }
        }
        guard let first else { return SheetPlace(file: document.path, sheet: sheet) }
        var last = first
        for index in rows.indices.reversed() {
            if let cell = rows[index].values.cell(slot) {
                last = cell
                break
            }
        }
        return SheetPlace(file: document.path, sheet: sheet, first: first, last: last)
    }

    /// The records of a list: the rows from the first to the last.
    func place(ofRecords: Void) -> SheetPlace {
        guard let first = rows.first, let last = rows.last else { return SheetPlace(file: document.path, sheet: sheet) }
        return SheetPlace(file: document.path, sheet: sheet, first: cell(ofRow: first), last: cell(ofRow: last))
    }

    /// The rows' codes made explicit: a block row without a code takes the code of the row above it (`Hộ` carries
    /// `1.1`, the `Nhân khẩu` row under it is `1.1` too).
    var effectiveCodes: [String?] {
        var codes: [String?] = []
        codes.reserveCapacity(rows.count)
        var last: String?
        for index in rows.indices {  // by index: the rows are looked at, not copied
            if let code = rows[index].code, !code.isEmpty {  // extraction trims codes
                last = code
                codes.append(code)
            } else if rows[index].block != nil {
                codes.append(last)
            } else {
                codes.append(nil)
            }
        }
        return codes
    }
}

extension FieldValue {
    /// The value as a finding quotes it.
    var quoted: FindingValue {
        switch self {
        case .missing: .blank
        case .number(let value): .number(value)
        case .text(let text): .text(text)
        case .boolean(let flag): .number(flag ? 1 : 0)
        case .date(let date): .text(date.iso8601)
        case .invalid: .text("?")
        }
    }
}

extension ExtractedValue {
    /// The value as a finding quotes it: an unreadable cell by its raw text.
    var quoted: FindingValue {
        if case .invalid = value, let raw = provenance?.raw { return .text(raw) }
        return value.quoted
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}

/// Where something was read on a sheet, kept as addresses and written out only when a finding needs it: a
/// consolidation keeps one for every value its links read, and most are never shown.
struct SheetPlace: Sendable {
    var file: String
    var sheet: String?
    /// The cell, or the first and last cells of a range in sheet order; neither for the sheet as a whole.
    var first: CellAddress?
    var last: CellAddress?

    init(file: String, sheet: String?, first: CellAddress? = nil, last: CellAddress? = nil) {
        self.file = file
        self.sheet = sheet
        self.first = first
        self.last = last
    }

    /// `Biểu 02!E12`, `DS hộ nghèo!A9:A40`.
    var location: FindingLocation {
        FindingLocation(
            file: file, sheet: sheet,
            cell: first.map { first in
                guard let last, last != first else { return first.a1 }
                return "\(first.a1):\(last.a1)"
            })
    }
}
