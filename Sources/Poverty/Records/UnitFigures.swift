import Forms
import SheetCore

/// The figures of one unit row of a report (household review reports, outcome indicators), typed: the row code,
/// the unit named, the block row (`households` / `persons`) and each number with its cell. An outcome table's
/// columns are its indicator values (`poor_rate`, `dtts_poor_share`…).
///
/// ```swift
/// let rows = UnitFigures.rows(in: report1)
/// rows.first { $0.code == "1" }?.values["poor"]?.value     // 96
/// ```
public struct UnitFigures: Hashable, Sendable {
    public var form: String
    public var code: String
    public var name: String?
    public var block: String?
    public var values: [String: Sourced<DecimalNumber>]
    public var unitCode: String?
    public var period: String?

    /// Every row of a `units` form (a block's later rows take the code above them).
    public static func rows(in instance: FormInstance) -> [UnitFigures] {
        guard instance.definition.kind == .units else { return [] }
        var current: (code: String, name: String?)?
        return instance.rows.compactMap { row in
            if let code = row.code, !code.isEmpty { current = (code, row.label) }
            guard let unit = current else { return nil }
            var values: [String: Sourced<DecimalNumber>] = [:]
            for column in instance.definition.columns where column.isNumeric {
                if let value = row.sourcedNumber(column.key) { values[column.key] = value }
            }
            return UnitFigures(
                form: instance.definition.id, code: unit.code, name: unit.name, block: row.block, values: values,
                unitCode: instance.unitCode, period: instance.period)
        }
    }
}
