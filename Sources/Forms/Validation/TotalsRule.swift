import SheetCore

/// Parts add up to their total (`kind: totals`): in a units form row `1` = Σ rows `1.x` for each block row; in a
/// lines form each line with `sum_of` = Σ those lines. Checked in every column aggregated by sum (rates are
/// recomputed, never summed). Counts must be exact; a money total of `n` parts displayed with `d` decimals may
/// differ by `n × ½ × 10^-d`, reported as information (a rounding difference); beyond that, the rule's severity.
public struct TotalsRule: FormRule {
    public let id: String
    let severity: Severity
    let message: LocalizedText?
    let columns: [ColumnDefinition]
    let slots: [ColumnSlot]
    let labels: [String: LocalizedText]

    public init(form: FormDefinition, rule: RuleDefinition) {
        self.id = RuleID.declared(form.id, rule.id)
        self.severity = rule.severity
        self.message = rule.message
        self.columns = form.columns.filter {
            $0.aggregate == .sum && $0.isNumeric && $0.type != .percent && $0.key != form.table.codeColumn
        }
        self.slots = columns.map { form.slot($0.key)! }
        self.labels = FindingText.columnNames(form)
    }

    public func check(_ instance: FormInstance, into findings: inout [Finding]) {
        let structure = TotalRows(instance)
        for total in structure.totals {
            let totalRow = instance.rows[total.row]
            for index in columns.indices {  // by index: a column is looked at, not copied, for every total
                let slot = slots[index]
                guard let value = instance.field(slot, row: total.row), instance.isFromCell(slot, row: total.row)
                else { continue }
                // Made only for a finding.
                var column: ColumnDefinition { columns[index] }
                var location: FindingLocation { instance.location(of: column.key, on: totalRow)! }
                var codes: String { FindingText.codeSpan(total.partCodes) }
                let written: DecimalNumber
                switch value {
                case .number(let value): written = value
                case .missing: written = .zero
                default: continue
                }
                var sum: DecimalNumber? = .zero
                var numbers = 0
                for part in total.parts {
                    guard case .number(let number)? = instance.field(slot, row: part) else { continue }
                    sum = sum?.adding(number)
                    numbers += 1
                }
                if numbers == 0, value == .missing { continue }
                guard let sum else { continue }
                let agreement = Tolerance.total(
                    written: written, sum: sum, parts: total.parts.count, type: columns[index].type,
                    decimals: columns[index].decimals)
                let actual: FindingValue = value == .missing ? .blank : .number(written)
                switch agreement {
                case .agrees:
                    continue
                case .rounding:
                    findings.append(
                        Finding(
                            rule: id, severity: .info, location: location, expected: .number(sum), actual: actual,
                            message: FindingText.totalRounding(
                                column: labels[column.key]!, parts: codes, sum: sum, actual: written,
                                allowance: Tolerance.allowance(parts: total.parts.count, decimals: column.decimals))))
                case .disagrees:
                    findings.append(
                        Finding(
                            rule: id, severity: severity, location: location, expected: .number(sum), actual: actual,
                            message: FindingText.withDeclared(
                                message,
                                FindingText.totalMismatch(
                                    column: labels[column.key]!, parts: codes, sum: sum, actual: actual))))
                }
            }
        }
    }
}
