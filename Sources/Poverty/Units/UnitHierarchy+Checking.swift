extension UnitHierarchy {
    /// Checks the whole list: overlapping versions, parents, successors and loops (see ``init(units:)``).
    /// Units are checked in the order given, so the first error is the first bad line of the files.
    func check(inInputOrder input: [AdministrativeUnit]) throws(PovertyError) {
        var seen: [String: [AdministrativeUnit]] = [:]
        for unit in input {
            for earlier in seen[unit.code] ?? [] where earlier.validity.overlaps(unit.validity) {
                throw error(
                    .duplicate, unit,
                    vi:
                        "Mã \(unit.code) đã có hiệu lực trùng thời gian ở \(earlier.source) (\(earlier.validity) và \(unit.validity)).",
                    en:
                        "Code \(unit.code) is already valid for overlapping days at \(earlier.source) (\(earlier.validity) and \(unit.validity))."
                )
            }
            seen[unit.code, default: []].append(unit)
        }
        for unit in input {
            try checkParent(of: unit)
            try checkSuccessor(of: unit)
        }
        try checkParentLoops(input)
    }

    private func error(_ code: PovertyError.Code, _ unit: AdministrativeUnit, vi: String, en: String) -> PovertyError {
        let parts = unit.source.split(separator: ":")
        if parts.count >= 2, let line = Int(parts.last!) {
            return PovertyError(code, vi: vi, en: en, file: parts.dropLast().joined(separator: ":"), line: line)
        }
        return PovertyError(code, vi: vi, en: en, file: unit.source.isEmpty ? nil : unit.source)
    }

    private func checkParent(of unit: AdministrativeUnit) throws(PovertyError) {
        guard let parentCode = unit.parentCode else {
            guard unit.level == .province else {
                throw error(
                    .unknownParent, unit, vi: "Đơn vị \(unit.code) (cấp \(unit.level.rawValue)) phải có parent_code.",
                    en: "Unit \(unit.code) (level \(unit.level.rawValue)) needs a parent_code.")
            }
            return
        }
        guard unit.level != .province else {
            throw error(
                .unknownParent, unit, vi: "Tỉnh \(unit.code) không được có parent_code.",
                en: "Province \(unit.code) must not have a parent_code.")
        }
        let parents = versions(of: parentCode)
        guard !parents.isEmpty else {
            throw error(
                .unknownParent, unit,
                vi:
                    "Đơn vị cha \(parentCode) của \(unit.code) không có trong danh sách; hãy thêm dòng của \(parentCode) hoặc sửa parent_code.",
                en:
                    "Parent \(parentCode) of unit \(unit.code) is not in the list; add a line for \(parentCode) or correct parent_code."
            )
        }
        // The parent's versions must cover every day of the child's validity.
        let overlapping = parents.filter { $0.validity.overlaps(unit.validity) }
        guard covers(overlapping.map(\.validity), unit.validity) else {
            let spans = parents.map(\.validity.description).joined(separator: ", ")
            throw error(
                .unknownParent, unit,
                vi:
                    "Đơn vị cha \(parentCode) của \(unit.code) không có hiệu lực trong suốt \(unit.validity) (cha: \(spans)).",
                en:
                    "Parent \(parentCode) of unit \(unit.code) is not valid throughout \(unit.validity) (parent: \(spans))."
            )
        }
        for parent in overlapping where parent.level >= unit.level {
            throw error(
                .unknownParent, unit,
                vi:
                    "Đơn vị cha \(parentCode) (cấp \(parent.level.rawValue)) phải ở cấp trên của \(unit.code) (cấp \(unit.level.rawValue)).",
                en:
                    "Parent \(parentCode) (level \(parent.level.rawValue)) must be above unit \(unit.code) (level \(unit.level.rawValue))."
            )
        }
    }

    /// Whether the union of `spans` covers every day of `target`.
    private func covers(_ spans: [Validity], _ target: Validity) -> Bool {
        let ordered = spans.sorted { $0.start < $1.start }
        var reached: CalendarDate? = target.from  // every day before `reached` is covered; nil = from the start
        var openStart = target.from == nil
        for span in ordered {
            if openStart {
                guard span.from == nil else { return false }
                openStart = false
            } else if let from = span.from, let reached, from > reached {
                return false
            }
            guard let to = span.to else { return true }
            if let current = reached, to < current { continue }
            if let targetTo = target.to, to >= targetTo { return true }
            reached = to.nextDay
        }
        return false
    }

    private func checkSuccessor(of unit: AdministrativeUnit) throws(PovertyError) {
        guard let successorCode = unit.successorCode else { return }
        guard let end = unit.validity.to else {
            throw error(
                .unknownSuccessor, unit,
                vi: "Đơn vị \(unit.code) có successor_code \(successorCode) nhưng không có valid_to (ngày kết thúc).",
                en: "Unit \(unit.code) has successor_code \(successorCode) but no valid_to (last day).")
        }
        guard let successor = self.unit(code: successorCode, at: end.nextDay) else {
            throw error(
                .unknownSuccessor, unit,
                vi:
                    "Đơn vị kế thừa \(successorCode) của \(unit.code) không có hiệu lực vào ngày \(end.nextDay) (ngày sau valid_to).",
                en:
                    "Successor \(successorCode) of unit \(unit.code) is not valid on \(end.nextDay), the day after valid_to."
            )
        }
        guard successor.level == unit.level else {
            throw error(
                .unknownSuccessor, unit,
                vi:
                    "Đơn vị kế thừa \(successorCode) (cấp \(successor.level.rawValue)) phải cùng cấp với \(unit.code) (cấp \(unit.level.rawValue)).",
                en:
                    "Successor \(successorCode) (level \(successor.level.rawValue)) must be at the level of \(unit.code) (\(unit.level.rawValue))."
            )
        }
    }

    /// Parent links looping (A under B under A): possible only when levels are inconsistent, checked anyway.
    private func checkParentLoops(_ input: [AdministrativeUnit]) throws(PovertyError) {
        for unit in input {
            let date = unit.validity.start
            var seen: Set<String> = [unit.code]
            var current = unit.parentCode
            while let code = current {
                guard seen.insert(code).inserted else {
                    throw error(
                        .cycle, unit, vi: "Quan hệ cấp trên của \(unit.code) tạo thành vòng lặp qua \(code).",
                        en: "The parent links of \(unit.code) loop through \(code).")
                }
                current = self.unit(code: code, at: date)?.parentCode
            }
        }
    }
}
