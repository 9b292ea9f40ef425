import SheetCore

/// Every sentence a user reads about findings, in Vietnamese and English, made here and nowhere else (STYLE:
/// user-facing text is rendered in one place). Numbers are written the Vietnamese way in both languages
/// (`1.234,5`), as the forms print them; columns are named by the number printed above them (`cột 4`).
public enum FindingText {
    // MARK: Names

    /// Each column's name in messages: `cột 4 “Tỷ lệ (%)”` / `column 4 “Poor household rate (%)”`.
    public static func columnNames(_ form: FormDefinition) -> [String: LocalizedText] { form.columnNames }

    /// The names of `columns` in messages, by key (``FormDefinition/columnNames`` keeps them).
    static func columnNames(_ columns: [ColumnDefinition]) -> [String: LocalizedText] {
        var names: [String: LocalizedText] = [:]
        for column in columns {
            if let number = column.number {
                names[column.key] = LocalizedText(
                    vi: "cột \(number) “\(column.label.vi)”", en: "column \(number) “\(column.label.en)”")
            } else {
                names[column.key] = LocalizedText(vi: "“\(column.label.vi)”", en: "“\(column.label.en)”")
            }
        }
        return names
    }

    /// A formula or one side of a check with its fields named by column number: `(3) / (1) × 100`.
    public static func expression(_ expression: Expression, names: [String: LocalizedText]) -> LocalizedText {
        func shortName(_ field: String) -> String {
            guard let name = names[field]?.vi else { return field }
            // `cột 3 “Số hộ nghèo”` → `(3)`; a column without a number keeps its quoted label.
            if name.hasPrefix("cột "), let head = name.split(separator: "“", maxSplits: 1).first {
                return "(" + head.dropFirst(4).trimmingCharacters() + ")"
            }
            return name
        }
        func render(_ expression: Expression, parenthesise: Bool) -> String {
            switch expression {
            case .number(let value): return number(value)
            case .field(let name): return shortName(name)
            case .negate(let inner): return "−" + render(inner, parenthesise: true)
            case .sum(let terms):
                return "Σ(" + terms.map { render($0, parenthesise: false) }.joined(separator: "; ") + ")"
            case .binary(let op, let left, let right):
                let symbol: String
                switch op {
                case .add: symbol = "+"
                case .subtract: symbol = "−"
                case .multiply: symbol = "×"
                case .divide: symbol = "/"
                }
                let tight = op == .multiply || op == .divide
                let text =
                    "\(render(left, parenthesise: !tight ? false : isAdditive(left))) \(symbol) \(render(right, parenthesise: op != .add))"
                return parenthesise && !tight ? "(\(text))" : text
            }
        }
        func isAdditive(_ expression: Expression) -> Bool {
            if case .binary(let op, _, _) = expression { return op == .add || op == .subtract }
            return false
        }
        let text = render(expression, parenthesise: false)
        return LocalizedText(vi: text, en: text)
    }

    /// A value form a list of row codes: `1.1–1.3`, or the codes themselves when fewer than three.
    public static func codeSpan(_ codes: [String]) -> String {
        guard let first = codes.first, let last = codes.last else { return "" }
        return codes.count > 2 ? "\(first)–\(last)" : codes.joined(separator: ", ")
    }

    /// A reference of `links.yaml` in words: `tt07-bc02 cột 9 “Cuối kỳ” (Hộ)`, `số hộ trong tt07-ds-ngheo`.
    public static func reference(_ reference: ValueReference, in form: FormDefinition) -> LocalizedText {
        let column =
            reference.field.flatMap { field in columnNames(form)[field] } ?? LocalizedText(vi: reference.field ?? "")
        switch reference.aggregate {
        case .count:
            return LocalizedText(vi: "số dòng của \(form.id)", en: "number of records in \(form.id)")
        case .sum:
            return LocalizedText(vi: "tổng \(column.vi) của \(form.id)", en: "sum of \(column.en) in \(form.id)")
        case .value:
            var row = LocalizedText(vi: "", en: "")
            if let key = reference.row {
                let label =
                    form.table.block.first { $0.key == key }.map { LocalizedText(vi: $0.label, en: $0.label) }
                    ?? form.line(key).map(\.label) ?? LocalizedText(vi: key)
                row = LocalizedText(vi: ", dòng \(label.vi)", en: ", row \(label.en)")
            }
            return LocalizedText(vi: "\(form.id) \(column.vi)\(row.vi)", en: "\(form.id) \(column.en)\(row.en)")
        }
    }

    /// `Số liệu.xlsx, Biểu 02!E12`.
    public static func place(_ location: FindingLocation) -> String {
        switch (location.sheet, location.cell) {
        case (let sheet?, let cell?): "\(location.file), \(sheet)!\(cell)"
        case (let sheet?, nil): "\(location.file), \(sheet)"
        default: location.file
        }
    }

    // MARK: Numbers and values

    /// `1234.5` → `1.234,5`; with `decimals`, exactly that many (`7.9` → `7,90`).
    public static func number(_ value: DecimalNumber, decimals: Int? = nil) -> String {
        VietnameseNumber.format(value, decimals: decimals)
    }

    /// A quoted value: a number the Vietnamese way, text in quotes, a blank cell as such.
    public static func value(_ value: FindingValue?, decimals: Int? = nil) -> LocalizedText {
        switch value {
        case .number(let number)?: return LocalizedText(vi: self.number(number, decimals: decimals))
        case .text(let text)?: return LocalizedText(vi: "“\(text)”")
        case .blank?, nil: return LocalizedText(vi: "ô trống", en: "blank")
        }
    }

    /// A declared message (from the mapping file) followed by the details, or the details alone.
    public static func withDeclared(_ declared: LocalizedText?, _ details: LocalizedText) -> LocalizedText {
        guard let declared else { return details }
        return LocalizedText(vi: "\(declared.vi): \(details.vi)", en: "\(declared.en): \(details.en)")
    }

    // MARK: Derived columns

    public static func derivedMismatch(
        column: LocalizedText, formula: LocalizedText, expected: DecimalNumber, actual: DecimalNumber,
        decimals: Int = 0
    ) -> LocalizedText {
        let e = number(expected, decimals: decimals)
        let a = number(actual)
        return LocalizedText(
            vi: "\(column.vi) ghi \(a), tính lại theo \(formula.vi) được \(e)",
            en: "\(column.en) shows \(a); recomputed as \(formula.en) it is \(e)")
    }

    public static func derivedRounding(
        column: LocalizedText, formula: LocalizedText, expected: DecimalNumber, actual: DecimalNumber, decimals: Int
    ) -> LocalizedText {
        let e = number(expected, decimals: decimals)
        let a = number(actual)
        return LocalizedText(
            vi: "\(column.vi) ghi \(a), tính lại theo \(formula.vi) được \(e): chênh lệch do làm tròn",
            en: "\(column.en) shows \(a); recomputed as \(formula.en) it is \(e): a rounding difference")
    }

    public static func derivedBlank(column: LocalizedText, formula: LocalizedText, expected: DecimalNumber)
        -> LocalizedText
    {
        let e = number(expected)
        return LocalizedText(
            vi: "\(column.vi) để trống, tính theo \(formula.vi) phải là \(e)",
            en: "\(column.en) is blank; computed as \(formula.en) it is \(e)")
    }

    public static func derivedNotANumber(
        column: LocalizedText, formula: LocalizedText, expected: DecimalNumber, actual: FindingValue
    ) -> LocalizedText {
        let e = number(expected)
        let a = value(actual)
        return LocalizedText(
            vi: "\(column.vi) ghi \(a.vi), không phải số; tính theo \(formula.vi) phải là \(e)",
            en: "\(column.en) holds \(a.en), not a number; computed as \(formula.en) it is \(e)")
    }

    public static func zeroWhereBlank(column: LocalizedText, formula: LocalizedText) -> LocalizedText {
        LocalizedText(
            vi: "\(column.vi) ghi 0 nhưng mẫu số của \(formula.vi) bằng 0: ô phải để trống",
            en: "\(column.en) shows 0 but the denominator of \(formula.en) is 0: the cell must be blank")
    }

    public static func valueWhereBlank(column: LocalizedText, formula: LocalizedText, actual: FindingValue)
        -> LocalizedText
    {
        let a = value(actual)
        return LocalizedText(
            vi: "\(column.vi) ghi \(a.vi) nhưng mẫu số của \(formula.vi) bằng 0: ô phải để trống",
            en: "\(column.en) shows \(a.en) but the denominator of \(formula.en) is 0: the cell must be blank")
    }

    // MARK: Ranges and types

    public static func belowMinimum(column: LocalizedText, minimum: DecimalNumber, actual: DecimalNumber)
        -> LocalizedText
    {
        let m = number(minimum)
        let a = number(actual)
        return LocalizedText(
            vi: "\(column.vi) ghi \(a), nhỏ hơn mức tối thiểu \(m)",
            en: "\(column.en) shows \(a), below the minimum \(m)")
    }

    public static func aboveMaximum(column: LocalizedText, maximum: DecimalNumber, actual: DecimalNumber)
        -> LocalizedText
    {
        let m = number(maximum)
        let a = number(actual)
        return LocalizedText(
            vi: "\(column.vi) ghi \(a), lớn hơn mức tối đa \(m)", en: "\(column.en) shows \(a), above the maximum \(m)")
    }

    public static func notWhole(column: LocalizedText, actual: DecimalNumber) -> LocalizedText {
        let a = number(actual)
        return LocalizedText(
            vi: "\(column.vi) ghi \(a): phải là số nguyên", en: "\(column.en) shows \(a): it must be a whole number")
    }

    public static func notOfType(column: LocalizedText, type: ValueType, actual: FindingValue) -> LocalizedText {
        let a = value(actual)
        let (vi, en): (String, String)
        switch type {
        case .integer: (vi, en) = ("số nguyên", "a whole number")
        case .decimal, .money, .percent: (vi, en) = ("số", "a number")
        case .boolean: (vi, en) = ("0 hoặc 1", "0 or 1")
        case .date: (vi, en) = ("ngày", "a date")
        case .code, .text: (vi, en) = ("mã", "a code")
        }
        return LocalizedText(
            vi: "\(column.vi) ghi \(a.vi): không đọc được là \(vi)", en: "\(column.en) holds \(a.en): not \(en)")
    }

    // MARK: Totals

    public static func totalMismatch(column: LocalizedText, parts: String, sum: DecimalNumber, actual: FindingValue)
        -> LocalizedText
    {
        let s = number(sum)
        let a = value(actual)
        return LocalizedText(
            vi: "\(column.vi): dòng tổng ghi \(a.vi), tổng các dòng \(parts) là \(s)",
            en: "\(column.en): the total shows \(a.en); rows \(parts) add up to \(s)")
    }

    public static func totalRounding(
        column: LocalizedText, parts: String, sum: DecimalNumber, actual: DecimalNumber, allowance: DecimalNumber
    ) -> LocalizedText {
        let s = number(sum)
        let a = number(actual)
        let t = number(allowance)
        return LocalizedText(
            vi:
                "\(column.vi): dòng tổng ghi \(a), tổng các dòng \(parts) là \(s): chênh lệch do làm tròn (cho phép ±\(t))",
            en:
                "\(column.en): the total shows \(a); rows \(parts) add up to \(s): a rounding difference (±\(t) allowed)"
        )
    }

    public static func typedOverFormula(column: LocalizedText, actual: FindingValue) -> LocalizedText {
        let a = value(actual)
        return LocalizedText(
            vi: "\(column.vi) ghi đè số \(a.vi) lên ô mà mẫu tính bằng công thức",
            en: "\(column.en): \(a.en) was typed over a cell the template computes with a formula")
    }

    // MARK: Checks, unique, required

    public static func checkFailed(
        left: LocalizedText, relation: Comparison.Relation, right: LocalizedText, leftValue: DecimalNumber,
        rightValue: DecimalNumber, row: String?
    ) -> LocalizedText {
        let symbol: String
        switch relation {
        case .equal: symbol = "="
        case .lessOrEqual: symbol = "≤"
        case .less: symbol = "<"
        case .greaterOrEqual: symbol = "≥"
        case .greater: symbol = ">"
        }
        let l = number(leftValue)
        let r = number(rightValue)
        let rowVi = row.map { " (dòng \($0))" } ?? ""
        let rowEn = row.map { " (row \($0))" } ?? ""
        return LocalizedText(
            vi: "không thỏa \(left.vi) \(symbol) \(right.vi)\(rowVi): \(l) so với \(r)",
            en: "\(left.en) \(symbol) \(right.en) does not hold\(rowEn): \(l) against \(r)")
    }

    public static func duplicate(field: LocalizedText, value: String, first: FindingLocation) -> LocalizedText {
        let at = first.cell.map { "\(first.sheet ?? "")!\($0)" } ?? first.reference
        return LocalizedText(
            vi: "\(field.vi) “\(value)” trùng với ô \(at)", en: "\(field.en) “\(value)” repeats the one at \(at)")
    }

    public static func missingHeader(label: String) -> LocalizedText {
        LocalizedText(
            vi: "thiếu thông tin bắt buộc ở phần đầu biểu: “\(label)”",
            en: "a required heading value is missing: “\(label)”")
    }

    public static func missingField(column: LocalizedText) -> LocalizedText {
        LocalizedText(vi: "\(column.vi) bắt buộc nhưng để trống", en: "\(column.en) is required but blank")
    }

    public static func unknownCustomRule(form: String, rule: String, name: String, known: Set<String>)
        -> LocalizedText
    {
        let list = known.sorted().joined(separator: ", ")
        return LocalizedText(
            vi: "quy tắc \(rule) của biểu \(form) dùng custom: \(name), không có quy tắc nào tên như vậy (có: \(list))",
            en: "rule \(rule) of form \(form) uses custom: \(name), which is not a known rule (known: \(list))")
    }

    // MARK: Links

    public static func linkMismatch(
        left: LocalizedText, leftValue: DecimalNumber, leftAt: FindingLocation, right: LocalizedText,
        rightValue: DecimalNumber, rightAt: FindingLocation, previousPeriod: Bool
    ) -> LocalizedText {
        let l = number(leftValue)
        let r = number(rightValue)
        let periodVi = previousPeriod ? " kỳ trước" : ""
        let periodEn = previousPeriod ? " of the previous period" : ""
        return LocalizedText(
            vi: "\(left.vi) là \(l) (\(place(leftAt))) nhưng \(right.vi)\(periodVi) là \(r) (\(place(rightAt)))",
            en: "\(left.en) is \(l) (\(place(leftAt))) but \(right.en)\(periodEn) is \(r) (\(place(rightAt)))")
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        var text = self
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
