import Forms
import SheetCore

/// One line of a funding table (TT 10/2022: funding results, funding needs), typed: the programme component it
/// is for and its amounts in triệu đồng by column key (`plan_nstw_dtpt`, `paid_nsdp_sn`…), each with its cell.
///
/// ```swift
/// let lines = FundLine.lines(in: needs, programme: programme)
/// lines.first { $0.componentKey == "da4.tda2" }?.amounts["nsdp"]?.value   // 49,7
/// ```
public struct FundLine: Hashable, Sendable {
    /// The line key of the form (`da4_tda2`) and the programme component it names (`da4.tda2`), if any.
    public var lineKey: String
    public var componentKey: String?
    /// The row code as printed (`4.2`) and the label.
    public var code: String
    public var label: String
    /// Amounts by column key; a line that totals others (`sum_of`) is marked so.
    public var amounts: [String: Sourced<DecimalNumber>]
    public var isTotal: Bool
    public var unitCode: String?
    public var period: String?

    /// The lines found in a `lines` form, in form order; the component is the programme's whose key matches the
    /// line key with `.` for `_` (`da1_tda1` → `da1.tda1`).
    public static func lines(in instance: FormInstance, programme: Programme?) -> [FundLine] {
        let definition = instance.definition
        return instance.rows.compactMap { row in
            guard let key = row.line, let line = definition.line(key) else { return nil }
            var amounts: [String: Sourced<DecimalNumber>] = [:]
            for column in definition.columns where column.type == .money || column.type == .percent {
                if let amount = row.sourcedNumber(column.key) { amounts[column.key] = amount }
            }
            let componentKey = key.replacingOccurrences(of: "_", with: ".")
            return FundLine(
                lineKey: key, componentKey: programme?.component(key: componentKey)?.key, code: line.code,
                label: line.label.vi, amounts: amounts, isTotal: !line.sumOf.isEmpty, unitCode: instance.unitCode,
                period: instance.period)
        }
    }
}
