import Forms
import Foundation
import Poverty

/// Who reports to whom in one consolidation: the consolidating unit, its expected subordinate units for the
/// period, and where each input belongs — matched by code, never by name (DESIGN §2). Findings name what is
/// missing, duplicated, outside the area, of another period, or remapped.
///
/// Several periods may be consolidated together, as a district plan does (the review at the end of 2023, the
/// first half of 2024): each form is consolidated per period, and units are those in force at the end of the
/// first period.
struct ConsolidationPlan {
    let hierarchy: UnitHierarchy
    let periods: [ReportingPeriod]
    let level: ConsolidationLevel
    let unitOption: String?
    let remap: Bool

    struct Result {
        var unit: AdministrativeUnit
        var consolidation: Consolidation
        var findings: [Finding]
        var sources: [SourceRecord]
        var usedFiles: Int
    }

    /// The place printed before the date of signature: the unit's name without its kind (`Ia H'Drai`).
    static func placeName(_ name: String) -> String {
        for prefix in ["Thành phố ", "Huyện ", "Tỉnh ", "Thị xã ", "Xã ", "Phường ", "Thị trấn "]
        where name.hasPrefix(prefix) {
            return String(name.dropFirst(prefix.count))
        }
        return name
    }

    private var date: CalendarDate { periods[0].endDate }

    /// The period a form states (`Năm 2023` → 2023), else the first period consolidated.
    private func period(of instance: FormInstance) -> ReportingPeriod {
        instance.period.flatMap(ReportingPeriod.init(formText:)) ?? periods[0]
    }

    private func finding(
        _ rule: String, _ severity: Severity, file: String, vi: String, en: String, sheet: String? = nil
    ) -> Finding {
        Finding(
            rule: "consolidate/\(rule)", severity: severity, location: FindingLocation(file: file, sheet: sheet),
            message: LocalizedText(vi: vi, en: en))
    }

    /// The unit an input's code stands for in this period: itself, or (with `--remap`) the unit it merged into.
    private func current(_ code: String) -> (
        unit: AdministrativeUnit?, remappedFrom: String?, retired: AdministrativeUnit?
    ) {
        if let unit = hierarchy.unit(code: code, at: date) { return (unit, nil, nil) }
        guard let successor = hierarchy.successor(of: code, at: date) else { return (nil, nil, nil) }
        return remap ? (successor, code, nil) : (nil, nil, successor)
    }

    /// The consolidating unit: `--unit`, else the ancestor at `--level` of the first input unit found.
    private func reportingUnit(_ outcomes: [FileOutcome]) throws -> AdministrativeUnit {
        if let code = unitOption {
            guard let unit = current(code).unit ?? hierarchy.unit(code: code, at: date) else {
                throw UsageFailure(
                    vietnamese: "không có đơn vị mã \(code) vào \(date) trong Mappings/units",
                    english: "no unit with code \(code) on \(date) in Mappings/units")
            }
            return unit
        }
        for outcome in outcomes {
            for instance in outcome.instances {
                guard let code = instance.unitCode, let unit = current(code).unit else { continue }
                if unit.level == level.unitLevel { return unit }
                if let ancestor = hierarchy.ancestors(of: unit.code, at: date).first(where: {
                    $0.level == level.unitLevel
                }) {
                    return ancestor
                }
            }
        }
        throw UsageFailure(
            vietnamese: "không suy ra được đơn vị tổng hợp cấp \(level.rawValue) từ các tệp; chỉ rõ bằng --unit MÃ",
            english: "cannot infer the \(level.rawValue) to consolidate from the inputs; name it with --unit CODE")
    }

    mutating func run(_ outcomes: [FileOutcome], links: [LinkDefinition]) throws -> Result {
        let unit = try reportingUnit(outcomes)
        let expected = hierarchy.children(of: unit.code, at: date)
        var consolidation = Consolidation(
            unit: ConsolidationUnit(code: unit.code, name: unit.name),
            expected: expected.map { ConsolidationUnit(code: $0.code, name: $0.name) })
        var findings: [Finding] = []
        var sources: [SourceRecord] = []
        var seen: [String: String] = [:]  // form id + original unit code → the file that gave it
        var reported: [String: Set<String>] = [:]  // expected unit → forms
        var groups: [String: [FormInstance]] = [:]  // original unit code → its forms, for the links between them
        var usedFiles = 0
        for outcome in outcomes {
            findings += outcome.findings
            guard outcome.failure == nil else {
                sources.append(
                    SourceRecord(
                        file: outcome.path, sha256: outcome.sha256 ?? "", unitCode: "", unitName: "", form: "",
                        period: "",
                        status: LocalizedText(
                            vi: "không đọc được: \(outcome.failure!)", en: "unreadable: \(outcome.failure!)")))
                continue
            }
            if outcome.instances.isEmpty {
                sources.append(
                    SourceRecord(
                        file: outcome.path, sha256: outcome.sha256 ?? "", unitCode: "", unitName: "", form: "",
                        period: "", status: LocalizedText(vi: "không nhận ra biểu nào", en: "no known form")))
                continue
            }
            var used = false
            for instance in outcome.instances {
                let (status, target) = attribute(
                    instance, to: unit, expected: expected, seen: &seen, findings: &findings)
                let code = instance.unitCode ?? ""
                sources.append(
                    SourceRecord(
                        file: outcome.path, sha256: outcome.sha256 ?? "", unitCode: code,
                        unitName: hierarchy.versions(of: code).last?.name ?? instance.header["unit_name"]?.value.text
                            ?? "",
                        form: instance.definition.id, period: instance.period ?? "", status: status))
                guard let target else { continue }
                used = true
                let period = self.period(of: instance)
                consolidation.add(
                    Consolidation.Contribution(instance), to: target, period: period.vietnameseName.capitalizedFirst)
                reported[target, default: []].insert(
                    periods.count == 1 ? instance.definition.id : "\(instance.definition.id) (\(period))")
                groups[code, default: []].append(instance)
            }
            if used { usedFiles += 1 }
        }
        // Links between the forms of one unit and period, whichever files they came in.
        let linkCheck = LinkCheck(links: links)
        for code in groups.keys.sorted() { findings += linkCheck.check(groups[code] ?? []) }
        findings += completeness(unit: unit, expected: expected, reported: reported)
        return Result(
            unit: unit, consolidation: consolidation, findings: findings, sources: sources, usedFiles: usedFiles)
    }

    /// Where an input belongs: the expected unit it counts for (its code, after remapping; or the reporting
    /// unit itself), with its status for the sources sheet; `nil` when it is left out, with the finding saying why.
    private func attribute(
        _ instance: FormInstance, to unit: AdministrativeUnit, expected: [AdministrativeUnit],
        seen: inout [String: String], findings: inout [Finding]
    ) -> (LocalizedText, String?) {
        let file = instance.document.path
        let form = instance.definition.id
        guard let code = instance.unitCode, !code.isEmpty else {
            findings.append(
                finding(
                    "no-unit-code", .error, file: file,
                    vi: "biểu \(form) không ghi mã đơn vị (Mã đơn vị): không biết cộng vào đâu",
                    en: "form \(form) gives no unit code (Mã đơn vị): it cannot be placed", sheet: instance.sheet))
            return (LocalizedText(vi: "bỏ qua: không có mã đơn vị", en: "left out: no unit code"), nil)
        }
        let period = self.period(of: instance)
        guard periods.contains(period) else {
            let wanted = periods.map(\.vietnameseName).joined(separator: ", ")
            let wantedEnglish = periods.map(\.englishName).joined(separator: ", ")
            findings.append(
                finding(
                    "other-period", .warning, file: file,
                    vi: "biểu \(form) của kỳ \(period.vietnameseName), không phải \(wanted): không cộng",
                    en: "form \(form) is for \(period.englishName), not \(wantedEnglish): left out",
                    sheet: instance.sheet))
            return (LocalizedText(vi: "bỏ qua: kỳ khác", en: "left out: another period"), nil)
        }
        if instance.definition.kind == .records {
            // Household lists carry personal data: counted by the links, never copied upward (DESIGN §6).
            return (
                LocalizedText(
                    vi: "đã kiểm tra (danh sách hộ không tổng hợp)", en: "checked (lists are not consolidated)"), nil
            )
        }
        let resolved = current(code)
        guard let current = resolved.unit else {
            if let successor = resolved.retired {
                findings.append(
                    finding(
                        "unit-not-current", .error, file: file,
                        vi:
                            "mã đơn vị \(code) không còn hiệu lực vào \(date) (đã sáp nhập vào \(successor.name) \(successor.code)); dùng --remap để cộng vào đơn vị mới",
                        en:
                            "unit code \(code) is not valid on \(date) (merged into \(successor.name) \(successor.code)); use --remap to add it to the new unit",
                        sheet: instance.sheet))
            } else {
                findings.append(
                    finding(
                        "unknown-unit", .error, file: file,
                        vi: "không có đơn vị mã \(code) vào \(date) trong danh mục đơn vị hành chính",
                        en: "no unit with code \(code) on \(date) in the list of administrative units",
                        sheet: instance.sheet))
            }
            return (
                LocalizedText(
                    vi: "bỏ qua: mã đơn vị không hợp lệ trong kỳ", en: "left out: unit code not valid in the period"),
                nil
            )
        }
        let target: String
        if current.code == unit.code {
            target = unit.code
        } else if let member = expected.first(where: {
            $0.code == current.code || hierarchy.isUnit(current.code, under: $0.code, at: date)
        }) {
            target = member.code
        } else {
            findings.append(
                finding(
                    "foreign-unit", .error, file: file,
                    vi: "\(current.name) (\(current.code)) không thuộc \(unit.name) (\(unit.code)): không cộng",
                    en: "\(current.name) (\(current.code)) is not part of \(unit.name) (\(unit.code)): left out",
                    sheet: instance.sheet))
            return (LocalizedText(vi: "bỏ qua: ngoài địa bàn", en: "left out: outside the area"), nil)
        }
        let key = form + "|" + code + "|" + period.description
        if let first = seen[key] {
            findings.append(
                finding(
                    "duplicate", .error, file: file,
                    vi: "biểu \(form) của đơn vị \(code) đã có trong \(first): bản này không cộng",
                    en: "form \(form) of unit \(code) already came from \(first): this copy is left out",
                    sheet: instance.sheet))
            return (LocalizedText(vi: "bỏ qua: trùng", en: "left out: duplicate"), nil)
        }
        seen[key] = file
        if let old = resolved.remappedFrom {
            findings.append(
                finding(
                    "remapped", .info, file: file,
                    vi: "mã cũ \(old) được cộng vào \(current.name) (\(current.code)) theo sáp nhập",
                    en: "old code \(old) is added to \(current.name) (\(current.code)) after the merger",
                    sheet: instance.sheet))
            return (
                LocalizedText(
                    vi: "đã dùng, chuyển \(old) → \(current.code)", en: "used, remapped \(old) → \(current.code)"),
                target
            )
        }
        return (LocalizedText(vi: "đã dùng", en: "used"), target)
    }

    /// Every expected unit must report every consolidated form that others report.
    private func completeness(
        unit: AdministrativeUnit, expected: [AdministrativeUnit], reported: [String: Set<String>]
    ) -> [Finding] {
        let forms = reported.filter { $0.key != unit.code }.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        var findings: [Finding] = []
        for member in expected {
            let have = reported[member.code] ?? []
            if have.isEmpty, !forms.isEmpty {
                findings.append(
                    finding(
                        "missing-unit", .error, file: member.code,
                        vi: "thiếu báo cáo của \(member.name) (\(member.code))",
                        en: "no report from \(member.name) (\(member.code))"))
                continue
            }
            for form in forms.subtracting(have).sorted() {
                findings.append(
                    finding(
                        "missing-form", .error, file: member.code,
                        vi: "\(member.name) (\(member.code)) thiếu biểu \(form)",
                        en: "\(member.name) (\(member.code)) has not sent form \(form)"))
            }
        }
        return findings
    }
}
