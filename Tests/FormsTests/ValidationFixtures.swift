import Forms
import SheetCore
import Testing

/// Hand-built forms and sheets for the validation tests: a row is a code and its cells as text (`""` blank,
/// `"=…"` a number computed by a formula, `"t:…"` text, `"?…"` unreadable), placed in the column order of the form.
enum ValidationFixtures {
    static let document = SourceDocument(path: "xa.xlsx", sha256: "00")

    static func column(
        _ key: String, _ number: String?, type: ValueType = .integer, decimals: Int = 0, formula: String? = nil,
        required: Bool = false, minimum: DecimalNumber? = nil, maximum: DecimalNumber? = nil
    ) -> ColumnDefinition {
        ColumnDefinition(
            key: key, number: number, label: LocalizedText(vi: key), type: type, decimals: decimals,
            formula: formula.map { try! Expression.parse($0) }, required: required, minimum: minimum, maximum: maximum)
    }

    /// Report 1, trimmed: households, poor and its rate, money for the tolerance tests.
    static func report1(rules: [RuleDefinition] = [RuleDefinition(id: "totals", kind: .totals)]) -> FormDefinition {
        FormDefinition(
            id: "bc01", version: "1", formNumber: "Biểu 01", title: LocalizedText(vi: "T"), basis: "", kind: .units,
            fingerprint: Fingerprint(title: [], labels: []),
            header: [HeaderField(key: "unit_code", labels: ["Mã đơn vị"], type: .code, required: true)],
            table: TableLayout(codeColumn: "code"),
            columns: [
                column("code", "A", type: .code),
                column("households", "1"),
                column("poor", "3"),
                column("poor_rate", "4", type: .percent, decimals: 2, formula: "poor / households * 100"),
                column("funds", "5", type: .money, decimals: 1),
            ],
            rules: rules)
    }

    struct RowSpec {
        var code: String?
        var cells: [String: String]
        var block: String? = nil
        var line: String? = nil
    }

    static func row(_ code: String?, _ cells: [String: String], block: String? = nil, line: String? = nil) -> RowSpec {
        RowSpec(code: code, cells: cells, block: block, line: line)
    }

    static func instance(
        _ form: FormDefinition, _ rows: [RowSpec], header: [String: String] = ["unit_code": "23535", "period": "2024"],
        document: SourceDocument = document, sheet: String = "Biểu 01", findings: [Finding] = []
    ) -> FormInstance {
        var positions: [String: Int] = [:]
        for (index, column) in form.columns.enumerated() { positions[column.key] = index }
        let firstRow = 8
        var formRows: [FormRow] = []
        for (offset, spec) in rows.enumerated() {
            var values: [String: ExtractedValue] = [:]
            for column in form.columns {
                guard let text = spec.cells[column.key] ?? (column.key == "code" ? spec.code.map { "t:" + $0 } : nil)
                else { continue }
                let address = CellAddress(row: firstRow + offset, column: positions[column.key]!)
                values[column.key] = value(text, at: address, document: document, sheet: sheet)
            }
            formRows.append(
                FormRow(
                    code: spec.code, block: spec.block, line: spec.line, sheetRow: firstRow + offset, values: RowValues(values)))
        }
        var headerValues: [String: ExtractedValue] = [:]
        for (key, text) in header {
            headerValues[key] = ExtractedValue(
                value: .text(text),
                provenance: Provenance(
                    document: document, sheet: sheet, cell: CellAddress(row: 2, column: 2), raw: text))
        }
        return FormInstance(
            definition: form, document: document, sheet: sheet, header: headerValues, rows: formRows,
            columnPositions: positions, findings: findings)
    }

    static func value(_ text: String, at address: CellAddress, document: SourceDocument, sheet: String)
        -> ExtractedValue
    {
        var raw = text
        var formula: String?
        let value: FieldValue
        if text.isEmpty {
            value = .missing
        } else if text.hasPrefix("t:") {
            raw = String(text.dropFirst(2))
            value = .text(raw)
        } else if text.hasPrefix("?") {
            raw = String(text.dropFirst())
            value = .invalid
        } else {
            if text.hasPrefix("=") {
                raw = String(text.dropFirst())
                formula = "SUM()"
            }
            value = .number(DecimalNumber(raw)!)
        }
        return ExtractedValue(
            value: value,
            provenance: Provenance(document: document, sheet: sheet, cell: address, raw: raw, formula: formula))
    }

    /// The findings of `rule` alone.
    static func run(_ rule: any FormRule, _ instance: FormInstance) -> [Finding] {
        var findings: [Finding] = []
        rule.check(instance, into: &findings)
        return findings
    }
}

/// What a test expects of a check: no finding, or one of this severity at this cell.
struct Expected: Sendable, CustomTestStringConvertible, Equatable {
    var severity: Severity?
    var cell: String?

    static let none = Expected(severity: nil, cell: nil)
    static func error(_ cell: String) -> Expected { Expected(severity: .error, cell: cell) }
    static func warning(_ cell: String) -> Expected { Expected(severity: .warning, cell: cell) }
    static func info(_ cell: String) -> Expected { Expected(severity: .info, cell: cell) }

    init(severity: Severity?, cell: String?) {
        self.severity = severity
        self.cell = cell
    }

    init(_ findings: [Finding]) {
        self.init(severity: findings.first?.severity, cell: findings.first?.location.cell)
    }

    var testDescription: String { severity.map { "\($0.rawValue) at \(cell ?? "-")" } ?? "nothing" }
}
