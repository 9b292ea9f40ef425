import SheetCore

/// A column's type (`Mappings/README.md`): an integer column holds whole numbers; a cell that could not be read
/// as its column's type is an error, unless reading already reported that cell. Derived columns are left to
/// ``DerivedColumnRule``, which says what the cell should hold.
public struct TypeRule: FormRule {
    public let id: String
    let column: ColumnDefinition
    let slot: ColumnSlot
    let label: LocalizedText

    /// - Returns: `nil` for derived columns and free text, which any cell content satisfies.
    public init?(form: FormDefinition, column: ColumnDefinition) {
        guard column.formula == nil, column.type != .text else { return nil }
        self.id = RuleID.type(form.id, column.key)
        self.column = column
        self.slot = form.slot(column.key)!
        self.label = FindingText.columnNames(form)[column.key]!
    }

    public func check(_ instance: FormInstance, into findings: inout [Finding]) {
        // Nothing to find in a column read without an unreadable value (nor, for integers, a fraction).
        if let traits = instance.traits(slot),
            !traits.contains(.invalid), column.type != .integer || !traits.contains(.fraction)
        {
            return
        }
        var reported: Set<String>?
        instance.forEachCell(slot) { index, value in
            var location: FindingLocation { instance.location(of: column.key, on: instance.rows[index])! }
            var quoted: FindingValue { instance.rows[index].values[slot]!.quoted }
            switch value {
            case .number(let value) where column.type == .integer:
                guard value.exponent < 0, value.rounded(toPlaces: 0) != value else { return }
                findings.append(
                    Finding(
                        rule: id, severity: .error, location: location, expected: .number(value.rounded(toPlaces: 0)),
                        actual: .number(value), message: FindingText.notWhole(column: label, actual: value)))
            case .invalid:
                if reported == nil {
                    reported = Set(
                        instance.findings.compactMap { finding in
                            finding.location.cell.map { "\(finding.location.sheet ?? "")!\($0)" }
                        })
                }
                if reported!.contains("\(location.sheet ?? "")!\(location.cell ?? "")") { return }
                findings.append(
                    Finding(
                        rule: id, severity: .error, location: location, actual: quoted,
                        message: FindingText.notOfType(column: label, type: column.type, actual: quoted)))
            default:
                return
            }
        }
    }
}
