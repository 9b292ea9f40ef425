import SheetCore

/// Cross-form links (`Mappings/links.yaml`): poor households in report 1 = end of period in report 2 = households
/// in report 4 = poor households in the list. Sheets are grouped by unit code and period (from their headings,
/// whether in one file or several); a link is checked in every group that has both forms. A link with
/// `previous_period` reads its right side from the previous period's sheets of the same unit (`--previous`).
/// Each finding is at the left value's cell and names the right value's file and cell too.
public struct LinkCheck: Sendable {
    public let links: [LinkDefinition]
    /// The links (by index) that read each form, on either side.
    let linksByForm: [String: [Int]]

    public init(links: [LinkDefinition]) {
        self.links = links
        var byForm: [String: [Int]] = [:]
        for (index, link) in links.enumerated() {
            byForm[link.left.form, default: []].append(index)
            if link.right.form != link.left.form { byForm[link.right.form, default: []].append(index) }
        }
        linksByForm = byForm
    }

    /// A value read through a reference, with where it was read.
    struct Reading {
        var value: DecimalNumber
        var quoted: FindingValue
        /// Where it was read: made into a location only for a finding.
        var place: SheetPlace
        var location: FindingLocation { place.location }
    }

    /// The finding of a link whose two sides disagree, at the left side's cell, naming the right side's.
    static func mismatch(
        _ link: LinkDefinition, left: FormDefinition, _ leftReading: Reading, right: FormDefinition,
        _ rightReading: Reading
    ) -> Finding {
        Finding(
            rule: RuleID.link(link.id), severity: link.severity, location: leftReading.location,
            expected: rightReading.quoted, actual: leftReading.quoted,
            message: FindingText.withDeclared(
                link.message,
                FindingText.linkMismatch(
                    left: FindingText.reference(link.left, in: left), leftValue: leftReading.value,
                    leftAt: leftReading.location, right: FindingText.reference(link.right, in: right),
                    rightValue: rightReading.value, rightAt: rightReading.location,
                    previousPeriod: link.previousPeriod)),
            related: [rightReading.location])
    }

    public func check(_ instances: [FormInstance], previous: [FormInstance] = []) -> [Finding] {
        guard !links.isEmpty else { return [] }
        // unit + period → form id → sheets; previous: unit → form id → sheets. Built once, read per link.
        var groups: [String: [String: [Int]]] = [:]
        for (index, instance) in instances.enumerated() {
            guard let unit = instance.unitCode else { continue }
            groups["\(unit)\u{1}\(instance.period ?? "")", default: [:]][instance.definition.id, default: []].append(
                index)
        }
        var previousByUnit: [String: [String: [Int]]] = [:]
        for (index, instance) in previous.enumerated() {
            guard let unit = instance.unitCode else { continue }
            previousByUnit[unit, default: [:]][instance.definition.id, default: []].append(index)
        }
        let keys = groups.keys.sorted()
        var findings: [Finding] = []
        for link in links {
            for key in keys {
                let group = groups[key]!
                guard let lefts = group[link.left.form] else { continue }
                let unit = instances[lefts[0]].unitCode!
                let rights: [FormInstance] =
                    link.previousPeriod
                    ? (previousByUnit[unit]?[link.right.form] ?? []).map { previous[$0] }
                    : (group[link.right.form] ?? []).map { instances[$0] }
                guard !rights.isEmpty else { continue }
                let rightReadings = rights.map { LinkCheck.read(link.right, in: $0) }
                for leftIndex in lefts {
                    let left = instances[leftIndex]
                    guard let leftReading = LinkCheck.read(link.left, in: left) else { continue }
                    for (right, reading) in zip(rights, rightReadings) {
                        guard let rightReading = reading, leftReading.value != rightReading.value else { continue }
                        findings.append(
                            LinkCheck.mismatch(
                                link, left: left.definition, leftReading, right: right.definition, rightReading))
                    }
                }
            }
        }
        return findings
    }

    /// The value a reference names in one sheet: the unit's own row (code `1`, else the first row), or the block
    /// row / line named by `row`; the number of records; or a field summed over them. A blank counts as 0;
    /// `nil` when the field is not on the sheet or not a number.
    ///
    /// - Parameter codes: the instance's ``FormInstance/effectiveCodes``, when the caller has them.
    static func read(_ reference: ValueReference, in instance: FormInstance, codes: [String?]? = nil) -> Reading? {
        switch reference.aggregate {
        case .count:
            let count = DecimalNumber(instance.rows.count)
            return Reading(value: count, quoted: .number(count), place: instance.place(ofRecords: ()))
        case .sum:
            guard let field = reference.field, let slot = instance.definition.slot(field) else { return nil }
            var sum: DecimalNumber? = .zero
            instance.forEachCell(slot) { _, value in
                if case .number(let number) = value { sum = sum?.adding(number) }
            }
            guard let sum else { return nil }
            return Reading(value: sum, quoted: .number(sum), place: instance.place(ofColumn: slot))
        case .value:
            guard let field = reference.field, let row = unitRow(reference.row, in: instance, codes: codes),
                let value = row.values.field(field), let place = instance.place(of: field, on: row)
            else { return nil }
            switch value {
            case .number(let value): return Reading(value: value, quoted: .number(value), place: place)
            case .missing: return Reading(value: .zero, quoted: .blank, place: place)
            default: return nil
            }
        }
    }

    static func unitRow(_ key: String?, in instance: FormInstance, codes: [String?]? = nil) -> FormRow? {
        switch instance.definition.kind {
        case .lines:
            guard let key else { return instance.rows.first }
            return instance.rows.first { $0.line == key }
        case .units, .records:
            let codes = codes ?? instance.effectiveCodes
            let top = codes.firstIndex { $0 == "1" } ?? codes.firstIndex { $0 != nil } ?? 0
            guard top < instance.rows.count else { return nil }
            guard let key else { return instance.rows[top] }
            let code = codes[top]
            for index in top..<instance.rows.count where codes[index] == code && instance.rows[index].block == key {
                return instance.rows[index]
            }
            return nil
        }
    }
}
