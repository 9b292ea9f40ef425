import SheetCore

/// A column's `min` and `max` (`Mappings/README.md`: 0 by default for counts, money and percents; 100 for
/// percents), checked on every row: a negative count or a rate above 100 % is an error.
public struct RangeRule: FormRule {
    public let id: String
    let column: ColumnDefinition
    let slot: ColumnSlot
    let label: LocalizedText

    /// - Returns: `nil` when the column is not numeric or has no bound.
    public init?(form: FormDefinition, column: ColumnDefinition) {
        guard column.isNumeric, column.minimum != nil || column.maximum != nil else { return nil }
        self.id = RuleID.range(form.id, column.key)
        self.column = column
        self.slot = form.slot(column.key)!
        self.label = FindingText.columnNames(form)[column.key]!
    }

    public func check(_ instance: FormInstance, into findings: inout [Finding]) {
        // Nothing below a minimum of zero in a column read without a negative number, when there is no maximum.
        if column.maximum == nil, column.minimum?.isZero ?? true, let traits = instance.traits(slot),
            !traits.contains(.negative)
        {
            return
        }
        instance.forEachCell(slot) { index, value in
            guard case .number(let value) = value else { return }
            var location: FindingLocation { instance.location(of: column.key, on: instance.rows[index])! }
            if let minimum = column.minimum, value < minimum {
                findings.append(
                    Finding(
                        rule: id, severity: .error, location: location, expected: .number(minimum),
                        actual: .number(value),
                        message: FindingText.belowMinimum(column: label, minimum: minimum, actual: value)))
            } else if let maximum = column.maximum, value > maximum {
                findings.append(
                    Finding(
                        rule: id, severity: .error, location: location, expected: .number(maximum),
                        actual: .number(value),
                        message: FindingText.aboveMaximum(column: label, maximum: maximum, actual: value)))
            }
        }
    }
}
