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
///
/// Inputs are added one file at a time, in input order, as they are read (``add(_:)``); each form is folded into
/// the sums at once and only the values the links read are kept (``LinkCheck/Digest``), so memory does not grow
/// with the forms' size (issue 6, "Scale"). The result is the same whatever the number of reading threads.
struct ConsolidationPlan {
    let hierarchy: UnitHierarchy
    let periods: [ReportingPeriod]
    let level: ConsolidationLevel
    let remap: Bool
    let linkCheck: LinkCheck

    /// The consolidating unit, once known: `--unit`, else inferred from the first input that names a unit.
    private(set) var unit: AdministrativeUnit?
    private var expected: [AdministrativeUnit] = []
    /// Expected unit code → itself, for placing an input under the expected unit it belongs to.
    private var expectedCodes: Set<String> = []
    private var consolidation: Consolidation?
    /// Outcomes read before the consolidating unit is known (usually none: the first file names it).
    private var pending: [FileOutcome] = []
    private var findings: [Finding] = []
    private var sources: [SourceRecord] = []
    private var seen: [String: String] = [:]  // form id + original unit code → the file that gave it
    private var reported: [String: Set<String>] = [:]  // expected unit → forms
    private var digests: [LinkCheck.Digest] = []  // what the links read of each form checked, for the end
    private var usedFiles = 0
    /// The expected unit each code met counts for (a commune's forms and lists all ask).
    private var members: [String: String?] = [:]

    struct Result {
        var unit: AdministrativeUnit
        var consolidation: Consolidation
        var findings: [Finding]
        var sources: [SourceRecord]
        var usedFiles: Int
    }

    /// A plan for `periods` (at least one, in order) at `level`.
    ///
    /// - Throws: ``UsageFailure`` when `unitOption` names no unit valid in the first period.
    init(
        hierarchy: UnitHierarchy, periods: [ReportingPeriod], level: ConsolidationLevel, unitOption: String?,
        remap: Bool, links: [LinkDefinition] = []
    ) throws {
        self.hierarchy = hierarchy
        self.periods = periods
        self.level = level
        self.remap = remap
        self.linkCheck = LinkCheck(links: links)
        if let code = unitOption {
            guard let unit = current(code).unit ?? hierarchy.unit(code: code, at: date) else {
                throw UsageFailure(
                    vietnamese: "không có đơn vị mã \(code) vào \(date) trong Mappings/units",
                    english: "no unit with code \(code) on \(date) in Mappings/units")
            }
            start(unit)
        }
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
    private func period(of input: ConsolidationInput) -> ReportingPeriod {
        input.reportingPeriod ?? periods[0]
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

    /// The unit at `--level` that an input of `outcome` names: its own unit or the ancestor at that level.
    private func inferredUnit(_ outcome: FileOutcome) -> AdministrativeUnit? {
        for input in outcome.inputs {
            guard let code = input.unitCode, let unit = current(code).unit else { continue }
            if unit.level == level.unitLevel { return unit }
            if let ancestor = hierarchy.ancestors(of: unit.code, at: date).first(where: {
                $0.level == level.unitLevel
            }) {
                return ancestor
            }
        }
        return nil
    }

    private mutating func start(_ unit: AdministrativeUnit) {
        self.unit = unit
        expected = hierarchy.children(of: unit.code, at: date)
        expectedCodes = Set(expected.map(\.code))
        consolidation = Consolidation(
            unit: ConsolidationUnit(code: unit.code, name: unit.name),
            expected: expected.map { ConsolidationUnit(code: $0.code, name: $0.name) })
    }

    /// Adds the next file read, in input order.
    mutating func add(_ outcome: FileOutcome) {
        if unit == nil {
            pending.append(outcome)
            guard let found = inferredUnit(outcome) else { return }
            start(found)
            let waiting = pending
            pending = []
            for outcome in waiting { apply(outcome) }
            return
        }
        apply(outcome)
    }

    /// Checks the links between the forms of each unit, and completeness, once every file is added.
    ///
    /// - Throws: ``UsageFailure`` when no input named a unit from which to infer the consolidating one.
    mutating func finish() throws -> Result {
        guard let unit, let consolidation else {
            throw UsageFailure(
                vietnamese:
                    "không suy ra được đơn vị tổng hợp cấp \(level.rawValue) từ các tệp; chỉ rõ bằng --unit MÃ",
                english: "cannot infer the \(level.rawValue) to consolidate from the inputs; name it with --unit CODE")
        }
        findings += takeLinks().check()  // nothing when taken before
        findings += completeness(unit: unit)
        return Result(
            unit: unit, consolidation: consolidation, findings: findings, sources: sources, usedFiles: usedFiles)
    }

    /// The links between the forms of one unit and period, whichever files they came in, to check: they are taken
    /// out of the plan, to be checked beside the writing of the workbook (what they find depends on nothing else).
    mutating func takeLinks() -> PendingLinks {
        defer { digests = [] }
        return PendingLinks(linkCheck: linkCheck, digests: digests)
    }

    struct PendingLinks: Sendable {
        let linkCheck: LinkCheck
        let digests: [LinkCheck.Digest]

        /// The findings of the links, unit by unit in code order.
        func check() -> [Finding] {
            let byUnit = Dictionary(grouping: digests.indices) { digests[$0].unitCode ?? "" }
            var findings: [Finding] = []
            for code in byUnit.keys.sorted() {
                findings += linkCheck.check(digests: byUnit[code]!.map { digests[$0] })
            }
            return findings
        }
    }

    /// Reads every outcome given, then ``finish()``.
    mutating func run(_ outcomes: [FileOutcome]) throws -> Result {
        for outcome in outcomes { add(outcome) }
        return try finish()
    }

    private mutating func apply(_ outcome: FileOutcome) {
        findings += outcome.findings
        if let failure = outcome.failure {
            sources.append(
                SourceRecord(
                    file: outcome.path, sha256: outcome.sha256 ?? "", unitCode: "", unitName: "", form: "",
                    period: "",
                    status: LocalizedText(vi: "không đọc được: \(failure)", en: "unreadable: \(failure)")))
            return
        }
        if outcome.inputs.isEmpty {
            sources.append(
                SourceRecord(
                    file: outcome.path, sha256: outcome.sha256 ?? "", unitCode: "", unitName: "", form: "",
                    period: "", status: LocalizedText(vi: "không nhận ra biểu nào", en: "no known form")))
            return
        }
        var used = false
        for input in outcome.inputs {
            let (status, target, linked) = attribute(input, file: outcome.path)
            let code = input.unitCode ?? ""
            sources.append(
                SourceRecord(
                    file: outcome.path, sha256: outcome.sha256 ?? "", unitCode: code,
                    unitName: hierarchy.versions(of: code).last?.name ?? input.unitName ?? "",
                    form: input.definition.id, period: input.period ?? "", status: status))
            if linked, !code.isEmpty { digests.append(input.links) }
            guard let target else { continue }
            used = true
            let period = self.period(of: input)
            consolidation?.add(input.contribution, to: target, period: period.vietnameseName.capitalizedFirst)
            reported[target, default: []].insert(
                periods.count == 1 ? input.definition.id : "\(input.definition.id) (\(period))")
        }
        if used { usedFiles += 1 }
    }

    /// Where an input belongs: the expected unit it counts for (its code, after remapping; or the reporting
    /// unit itself), with its status for the sources sheet; `nil` when it is left out, with the finding saying why.
    /// `linked`: whether the links between the forms of its unit check it (a form used, or a household list).
    private mutating func attribute(_ input: ConsolidationInput, file: String) -> (
        status: LocalizedText, target: String?, linked: Bool
    ) {
        guard let unit else { return (LocalizedText(vi: "", en: ""), nil, false) }
        let form = input.definition.id
        guard let code = input.unitCode, !code.isEmpty else {
            findings.append(
                finding(
                    "no-unit-code", .error, file: file,
                    vi: "biểu \(form) không ghi mã đơn vị (Mã đơn vị): không biết cộng vào đâu",
                    en: "form \(form) gives no unit code (Mã đơn vị): it cannot be placed", sheet: input.sheet))
            return (LocalizedText(vi: "bỏ qua: không có mã đơn vị", en: "left out: no unit code"), nil, false)
        }
        let period = self.period(of: input)
        guard periods.contains(period) else {
            let wanted = periods.map(\.vietnameseName).joined(separator: ", ")
            let wantedEnglish = periods.map(\.englishName).joined(separator: ", ")
            findings.append(
                finding(
                    "other-period", .warning, file: file,
                    vi: "biểu \(form) của kỳ \(period.vietnameseName), không phải \(wanted): không cộng",
                    en: "form \(form) is for \(period.englishName), not \(wantedEnglish): left out",
                    sheet: input.sheet))
            return (LocalizedText(vi: "bỏ qua: kỳ khác", en: "left out: another period"), nil, false)
        }
        if input.definition.kind == .records {
            // Household lists carry personal data: counted by the links, never copied upward (DESIGN §6).
            return (
                LocalizedText(
                    vi: "đã kiểm tra (danh sách hộ không tổng hợp)", en: "checked (lists are not consolidated)"),
                nil, true
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
                        sheet: input.sheet))
            } else {
                findings.append(
                    finding(
                        "unknown-unit", .error, file: file,
                        vi: "không có đơn vị mã \(code) vào \(date) trong danh mục đơn vị hành chính",
                        en: "no unit with code \(code) on \(date) in the list of administrative units",
                        sheet: input.sheet))
            }
            return (
                LocalizedText(
                    vi: "bỏ qua: mã đơn vị không hợp lệ trong kỳ", en: "left out: unit code not valid in the period"),
                nil, false
            )
        }
        let target: String
        if current.code == unit.code {
            target = unit.code
        } else if let member = expectedMember(current.code) {
            target = member
        } else {
            findings.append(
                finding(
                    "foreign-unit", .error, file: file,
                    vi: "\(current.name) (\(current.code)) không thuộc \(unit.name) (\(unit.code)): không cộng",
                    en: "\(current.name) (\(current.code)) is not part of \(unit.name) (\(unit.code)): left out",
                    sheet: input.sheet))
            return (LocalizedText(vi: "bỏ qua: ngoài địa bàn", en: "left out: outside the area"), nil, false)
        }
        let key = form + "|" + code + "|" + period.description
        if let first = seen[key] {
            findings.append(
                finding(
                    "duplicate", .error, file: file,
                    vi: "biểu \(form) của đơn vị \(code) đã có trong \(first): bản này không cộng",
                    en: "form \(form) of unit \(code) already came from \(first): this copy is left out",
                    sheet: input.sheet))
            return (LocalizedText(vi: "bỏ qua: trùng", en: "left out: duplicate"), nil, false)
        }
        seen[key] = file
        if let old = resolved.remappedFrom {
            findings.append(
                finding(
                    "remapped", .info, file: file,
                    vi: "mã cũ \(old) được cộng vào \(current.name) (\(current.code)) theo sáp nhập",
                    en: "old code \(old) is added to \(current.name) (\(current.code)) after the merger",
                    sheet: input.sheet))
            return (
                LocalizedText(
                    vi: "đã dùng, chuyển \(old) → \(current.code)", en: "used, remapped \(old) → \(current.code)"),
                target, true
            )
        }
        return (LocalizedText(vi: "đã dùng", en: "used"), target, true)
    }

    /// The expected unit `code` counts for: itself, or the expected unit above it (expected units are siblings,
    /// so at most one is an ancestor). One walk up the hierarchy instead of one per expected unit.
    private mutating func expectedMember(_ code: String) -> String? {
        if let known = members[code] { return known }
        let member =
            expectedCodes.contains(code)
            ? code : hierarchy.ancestors(of: code, at: date).first { expectedCodes.contains($0.code) }?.code
        members[code] = member
        return member
    }

    /// Every expected unit must report every consolidated form that others report.
    private func completeness(unit: AdministrativeUnit) -> [Finding] {
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
