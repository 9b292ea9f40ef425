/// The administrative units by period: every version of every unit, with lookups at a date.
///
/// Before 1 July 2025 the hierarchy is province → district → commune; from that day province → commune, with merged
/// communes linked old → new (``successor(of:at:)``). Codes, never names, identify units: two communes are called
/// "Xã Ia Dom" (23537 in Kon Tum, 23872 in Gia Lai).
///
/// ```swift
/// let units = try UnitHierarchy.loadBundled(from: "Mappings")
/// let before = CalendarDate("2024-12-31")!, after = CalendarDate("2025-07-01")!
/// units.communes(under: "618", at: before).map(\.code)   // ["23535", "23537", "23538"]
/// units.parent(of: "23538", at: after)?.code              // "51" (no district level)
/// units.successor(of: "23537", at: after)?.code           // "23538" (Ia Dom merged into Ia Tơi)
/// ```
public struct UnitHierarchy: Sendable {
    /// Every unit version, ordered by code then start of validity.
    public let units: [AdministrativeUnit]

    private let versionsByCode: [String: [Int]]
    private let childrenByParent: [String: [Int]]

    /// A hierarchy of `units`, checked as a whole.
    ///
    /// - Throws: ``PovertyError`` naming the unit's `source` (file:line): ``PovertyError/Code/duplicate`` for one
    ///   code valid twice on a day, ``PovertyError/Code/unknownParent`` for a parent missing for part of the
    ///   child's validity or at a wrong level, ``PovertyError/Code/unknownSuccessor`` for a successor not valid on
    ///   the day after the unit ends, ``PovertyError/Code/cycle`` for parent or successor links that loop.
    public init(units: [AdministrativeUnit]) throws(PovertyError) {
        let sorted = units.sorted { ($0.code, $0.validity.start) < ($1.code, $1.validity.start) }
        var byCode: [String: [Int]] = [:]
        var byParent: [String: [Int]] = [:]
        for (index, unit) in sorted.enumerated() {
            byCode[unit.code, default: []].append(index)
            if let parent = unit.parentCode { byParent[parent, default: []].append(index) }
        }
        self.units = sorted
        self.versionsByCode = byCode
        self.childrenByParent = byParent
        try check(inInputOrder: units)
    }

    /// Every version of `code`, oldest first (empty when unknown).
    public func versions(of code: String) -> [AdministrativeUnit] {
        versionsByCode[code]?.map { units[$0] } ?? []
    }

    /// The version of `code` valid on `date`, `nil` when the code is unknown or not valid then.
    public func unit(code: String, at date: CalendarDate) -> AdministrativeUnit? {
        versionsByCode[code]?.lazy.map { units[$0] }.first { $0.isValid(at: date) }
    }

    /// The units valid on `date`, optionally of one level, ordered by code.
    ///
    /// - Parameters:
    ///   - date: the day.
    ///   - level: only this level when given.
    public func units(at date: CalendarDate, level: UnitLevel? = nil) -> [AdministrativeUnit] {
        units.filter { $0.isValid(at: date) && (level == nil || $0.level == level) }
    }

    /// The parent of `code` on `date`, `nil` for a province or a code not valid then.
    public func parent(of code: String, at date: CalendarDate) -> AdministrativeUnit? {
        guard let parentCode = unit(code: code, at: date)?.parentCode else { return nil }
        return unit(code: parentCode, at: date)
    }

    /// The units directly under `code` on `date`, ordered by code.
    public func children(of code: String, at date: CalendarDate) -> [AdministrativeUnit] {
        guard unit(code: code, at: date) != nil else { return [] }
        return (childrenByParent[code] ?? []).map { units[$0] }.filter { $0.isValid(at: date) }
    }

    /// Every unit under `code` on `date`, at any depth, ordered by code.
    public func descendants(of code: String, at date: CalendarDate) -> [AdministrativeUnit] {
        var result: [AdministrativeUnit] = []
        var pending = [code]
        while let next = pending.popLast() {
            for child in children(of: next, at: date) {
                result.append(child)
                pending.append(child.code)
            }
        }
        return result.sorted { $0.code < $1.code }
    }

    /// The communes expected to report to `code` (a district or a province) on `date`: its descendants at commune
    /// level, ordered by code. Only as complete as the loaded lists.
    public func communes(under code: String, at date: CalendarDate) -> [AdministrativeUnit] {
        descendants(of: code, at: date).filter { $0.level == .commune }
    }

    /// The parent, grandparent, … of `code` on `date`, nearest first.
    public func ancestors(of code: String, at date: CalendarDate) -> [AdministrativeUnit] {
        var result: [AdministrativeUnit] = []
        var current = parent(of: code, at: date)
        while let unit = current, result.count <= UnitLevel.allCases.count {
            result.append(unit)
            current = parent(of: unit.code, at: date)
        }
        return result
    }

    /// Whether `code` lies under `ancestor` on `date` (a commune file inside the district being consolidated).
    public func isUnit(_ code: String, under ancestor: String, at date: CalendarDate) -> Bool {
        ancestors(of: code, at: date).contains { $0.code == ancestor }
    }

    /// The unit that `code` is on `date`: itself when still valid, else the unit it was merged into (following
    /// successor links through later mergers). `nil` when the code is unknown, or ended without a successor.
    ///
    /// - Parameters:
    ///   - code: a unit code, usually from data of an earlier period.
    ///   - date: the day of the target period (its ``ReportingPeriod/endDate``).
    ///
    /// ```swift
    /// units.successor(of: "23537", at: CalendarDate("2025-12-31")!)?.name   // "Xã Ia Tơi" (23538)
    /// units.successor(of: "23535", at: CalendarDate("2025-12-31")!)?.code   // "23535" (unchanged)
    /// ```
    public func successor(of code: String, at date: CalendarDate) -> AdministrativeUnit? {
        var current = code
        var visited: Set<String> = []
        while visited.insert(current).inserted {
            if let unit = unit(code: current, at: date) { return unit }
            // The latest version of `current` that ended before `date`.
            guard let ended = versions(of: current).last(where: { $0.validity.to.map { $0 < date } ?? false })
            else { return nil }
            current = ended.successorCode ?? ended.code
        }
        return nil
    }
}
