import SheetCore

/// The findings of reading a sheet as a form, with their messages in Vietnamese and English (numbers written the
/// Vietnamese way). Rule ids:
///
/// | id | severity | when |
/// |---|---|---|
/// | `read/not-a-number` | error | text in a number column that is no number under the declared locale |
/// | `read/ambiguous-number` | warning | text that reads differently under the other locale (`1.234`) |
/// | `read/other-locale-number` | error | text that is a number only under the other locale (`12.5` under vi) |
/// | `read/cell-error` | error | an error value (`#DIV/0!`) |
/// | `read/not-a-date`, `read/not-a-flag` | error | a date or a 0/1 flag column holding something else |
/// | `structure/missing-column` | error (required, code and block columns), else warning | a column not found |
/// | `structure/no-numbering-row` | info | columns found by their labels: no row numbers them |
/// | `structure/missing-header-field` | error | a required heading value (unit code, period) not found |
/// | `structure/no-header-row` | error | a records table whose header labels are nowhere |
/// | `structure/no-data-rows` | error (units, lines), info (records) | a table without rows |
/// | `structure/missing-line` | error | a fixed line of a `lines` form not found |
/// | `structure/unexpected-row` | warning | a row with an unknown code, or numbers without a code: a row inserted |
/// | `structure/duplicate-row` | warning | a code (and block row) met twice: the first is kept |
/// | `structure/missing-block-row` | error | a unit without one of its block rows (`Nhân khẩu`) |
enum ReadingFindings {
    static func location(_ source: Provenance) -> FindingLocation {
        FindingLocation(file: source.document.path, sheet: source.sheet, cell: source.cell.a1)
    }

    static func columnName(_ column: ColumnDefinition, _ language: Language) -> String {
        let label = column.label.text(in: language)
        guard let number = column.number else { return "\"\(label)\"" }
        return language == .vi ? "cột \(number) \"\(label)\"" : "column \(number) \"\(label)\""
    }

    static func notANumber(_ source: Provenance, column: ColumnDefinition) -> Finding {
        Finding(
            rule: "read/not-a-number", severity: .error, location: location(source), actual: .text(source.raw),
            message: LocalizedText(
                vi: "Ô \(source.cell.a1) (\(columnName(column, .vi))) ghi \"\(source.raw)\", không phải là số",
                en: "Cell \(source.cell.a1) (\(columnName(column, .en))) holds \"\(source.raw)\", which is not a number"
            ))
    }

    static func ambiguousNumber(
        _ source: Provenance, column: ColumnDefinition, declared: DecimalNumber, other: DecimalNumber,
        locale: NumberLocale
    ) -> Finding {
        let (mine, theirs) = (VietnameseNumber.format(declared), VietnameseNumber.format(other))
        return Finding(
            rule: "read/ambiguous-number", severity: .warning, location: location(source),
            actual: .number(declared),
            message: LocalizedText(
                vi: "Ô \(source.cell.a1) ghi số dạng chữ \"\(source.raw)\": đọc theo cách viết \(locale.name(.vi)) "
                    + "là \(mine), theo cách viết \(locale.other.name(.vi)) sẽ là \(theirs); đã lấy \(mine)",
                en: "Cell \(source.cell.a1) holds the text \"\(source.raw)\": \(mine) in \(locale.name(.en)) notation, "
                    + "\(theirs) in \(locale.other.name(.en)) notation; read as \(mine)"))
    }

    static func otherLocaleNumber(
        _ source: Provenance, column: ColumnDefinition, other: DecimalNumber, locale: NumberLocale
    ) -> Finding {
        let theirs = VietnameseNumber.format(other)
        return Finding(
            rule: "read/other-locale-number", severity: .error, location: location(source), actual: .text(source.raw),
            message: LocalizedText(
                vi: "Ô \(source.cell.a1) ghi \"\(source.raw)\": không phải số theo cách viết \(locale.name(.vi)) "
                    + "(chỉ đọc được theo cách viết \(locale.other.name(.vi)), là \(theirs)); hãy sửa ô hoặc khai "
                    + "báo đúng cách viết số",
                en: "Cell \(source.cell.a1) holds \"\(source.raw)\": not a number in \(locale.name(.en)) notation "
                    + "(only in \(locale.other.name(.en)) notation, as \(theirs)); correct the cell or declare the "
                    + "file's notation"))
    }

    static func cellError(_ source: Provenance, column: ColumnDefinition) -> Finding {
        Finding(
            rule: "read/cell-error", severity: .error, location: location(source), actual: .text(source.raw),
            message: LocalizedText(
                vi: "Ô \(source.cell.a1) (\(columnName(column, .vi))) có lỗi \(source.raw)",
                en: "Cell \(source.cell.a1) (\(columnName(column, .en))) holds the error \(source.raw)"))
    }

    static func notADate(_ source: Provenance, column: ColumnDefinition) -> Finding {
        Finding(
            rule: "read/not-a-date", severity: .error, location: location(source), actual: .text(source.raw),
            message: LocalizedText(
                vi: "Ô \(source.cell.a1) (\(columnName(column, .vi))) ghi \"\(source.raw)\", không phải là ngày",
                en: "Cell \(source.cell.a1) (\(columnName(column, .en))) holds \"\(source.raw)\", which is not a date"))
    }

    static func notAFlag(_ source: Provenance, column: ColumnDefinition) -> Finding {
        Finding(
            rule: "read/not-a-flag", severity: .error, location: location(source), actual: .text(source.raw),
            message: LocalizedText(
                vi: "Ô \(source.cell.a1) (\(columnName(column, .vi))) ghi \"\(source.raw)\"; cần 1/0, x hoặc có/không",
                en: "Cell \(source.cell.a1) (\(columnName(column, .en))) holds \"\(source.raw)\"; expected 1/0, x or "
                    + "có/không"))
    }

    static func missingColumn(
        _ column: ColumnDefinition, file: String, sheet: String, severity: Severity, byNumber: Bool
    ) -> Finding {
        let how =
            byNumber
            ? ("trong hàng đánh số cột và theo nhãn", "in the numbering row nor by its label")
            : ("theo nhãn", "by its label")
        return Finding(
            rule: "structure/missing-column", severity: severity, location: FindingLocation(file: file, sheet: sheet),
            message: LocalizedText(
                vi: "Không tìm thấy \(columnName(column, .vi)) \(how.0)",
                en: "\(columnName(column, .en).capitalizedFirst) not found \(byNumber ? "neither " : "")\(how.1)"))
    }

    static func noNumberingRow(file: String, sheet: String) -> Finding {
        Finding(
            rule: "structure/no-numbering-row", severity: .info, location: FindingLocation(file: file, sheet: sheet),
            message: LocalizedText(
                vi: "Không thấy hàng đánh số cột (A, B, 1, 2…); các cột được tìm theo nhãn",
                en: "No row numbering the columns (A, B, 1, 2…); columns were found by their labels"))
    }

    static func missingHeaderField(_ field: HeaderField, file: String, sheet: String) -> Finding {
        let labels = field.labels.map { "\"\($0)\"" }.joined(separator: ", ")
        return Finding(
            rule: "structure/missing-header-field", severity: .error,
            location: FindingLocation(file: file, sheet: sheet),
            message: LocalizedText(
                vi: "Thiếu thông tin \(labels) ở phần đầu biểu",
                en: "The heading lacks \(labels) (\(field.key))"))
    }

    static func noHeaderRow(_ labels: [String], file: String, sheet: String) -> Finding {
        let quoted = labels.map { "\"\($0)\"" }.joined(separator: ", ")
        return Finding(
            rule: "structure/no-header-row", severity: .error, location: FindingLocation(file: file, sheet: sheet),
            message: LocalizedText(
                vi: "Không tìm thấy hàng tiêu đề bảng có đủ các nhãn \(quoted)",
                en: "No table header row holds all of \(quoted)"))
    }

    static func noDataRows(file: String, sheet: String, severity: Severity) -> Finding {
        Finding(
            rule: "structure/no-data-rows", severity: severity, location: FindingLocation(file: file, sheet: sheet),
            message: LocalizedText(vi: "Bảng không có dòng số liệu nào", en: "The table has no data rows"))
    }

    static func missingLine(_ line: LineDefinition, file: String, sheet: String) -> Finding {
        Finding(
            rule: "structure/missing-line", severity: .error, location: FindingLocation(file: file, sheet: sheet),
            message: LocalizedText(
                vi: "Thiếu dòng mã \(line.code) \"\(line.label.vi)\"",
                en: "Line \(line.code) \"\(line.label.en)\" is missing"))
    }

    static func unexpectedRow(code: String?, at address: CellAddress, file: String, sheet: String) -> Finding {
        let location = FindingLocation(file: file, sheet: sheet, cell: address.a1)
        let row = VietnameseNumber.format(address.row + 1)
        if let code {
            return Finding(
                rule: "structure/unexpected-row", severity: .warning, location: location, actual: .text(code),
                message: LocalizedText(
                    vi: "Dòng \(row) có mã \"\(code)\" không có trong biểu: dòng chèn thêm, không được đọc",
                    en: "Row \(row) has the code \"\(code)\", which the form does not have: an inserted row, not read"))
        }
        return Finding(
            rule: "structure/unexpected-row", severity: .warning, location: location,
            message: LocalizedText(
                vi: "Dòng \(row) có số liệu nhưng không có mã dòng: dòng chèn thêm, không được đọc",
                en: "Row \(row) holds figures but no row code: an inserted row, not read"))
    }

    static func duplicateRow(code: String, at address: CellAddress, first: CellAddress, file: String, sheet: String)
        -> Finding
    {
        Finding(
            rule: "structure/duplicate-row", severity: .warning,
            location: FindingLocation(file: file, sheet: sheet, cell: address.a1), actual: .text(code),
            message: LocalizedText(
                vi: "Mã dòng \"\(code)\" lặp lại (đã có ở ô \(first.a1)); dòng này không được đọc",
                en: "Row code \"\(code)\" repeated (first at \(first.a1)); this row is not read"))
    }

    static func missingBlockRow(code: String, block: BlockRow, at address: CellAddress, file: String, sheet: String)
        -> Finding
    {
        Finding(
            rule: "structure/missing-block-row", severity: .error,
            location: FindingLocation(file: file, sheet: sheet, cell: address.a1),
            message: LocalizedText(
                vi: "Đơn vị mã \"\(code)\" thiếu dòng \"\(block.label)\"",
                en: "Unit \"\(code)\" lacks its \"\(block.label)\" row"))
    }
}

extension NumberLocale {
    /// `Việt Nam` / `Vietnamese`, `Anh` / `English`.
    func name(_ language: Language) -> String {
        switch (self, language) {
        case (.vi, .vi): "Việt Nam"
        case (.vi, .en): "Vietnamese"
        case (.en, .vi): "Anh"
        case (.en, .en): "English"
        }
    }
}

extension String {
    /// The text with its first letter in upper case.
    fileprivate var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
