/// A national target programme as data: its tree of projects and sub-projects, its fund sources and types, its
/// measures, and provincial counterpart rules. Read from `Mappings/programmes/*.yaml`.
///
/// ```swift
/// let programmes = try Programmes.loadBundled(from: "Mappings")
/// let programme = programmes.programme(key: "mtqg-gnbv-2021-2025")!
/// programme.children(of: "da4").map(\.key)   // ["da4.tda1", "da4.tda2", "da4.tda3"]
/// programme.parent(of: "da4.tda2")?.key      // "da4"
/// ```
public struct Programme: Sendable {
    /// The stable key (`mtqg-gnbv-2021-2025`).
    public let key: String
    /// The name in Vietnamese.
    public let vietnameseName: String
    /// The name in English.
    public let englishName: String
    /// The legal text that approved it.
    public let legalBasis: String
    /// The days it runs.
    public let validity: Validity
    /// The unit money is reported in (`triệu đồng`).
    public let moneyUnit: String
    /// Every component, depth-first in the order of the file (a project, then its sub-projects).
    public let components: [Component]
    /// The fund sources, in form order.
    public let fundSources: [FundSource]
    /// The fund types, in form order.
    public let fundTypes: [FundType]
    /// The measures, in form order.
    public let measures: [Measure]
    /// The provincial counterpart rules.
    public let counterpartRules: [CounterpartRule]
    /// Where it was read (`file:line`).
    public let source: String

    private let indexByKey: [String: Int]

    /// A programme; normally read with ``Programme/load(file:)``. Components must be depth-first with unique keys.
    public init(
        key: String, vietnameseName: String, englishName: String, legalBasis: String, validity: Validity,
        moneyUnit: String, components: [Component], fundSources: [FundSource], fundTypes: [FundType],
        measures: [Measure], counterpartRules: [CounterpartRule], source: String = ""
    ) {
        self.key = key
        self.vietnameseName = vietnameseName
        self.englishName = englishName
        self.legalBasis = legalBasis
        self.validity = validity
        self.moneyUnit = moneyUnit
        self.components = components
        self.fundSources = fundSources
        self.fundTypes = fundTypes
        self.measures = measures
        self.counterpartRules = counterpartRules
        self.source = source
        var index: [String: Int] = [:]
        for (position, component) in components.enumerated() where index[component.key] == nil {
            index[component.key] = position
        }
        self.indexByKey = index
    }

    /// The component with `key`, `nil` when there is none.
    public func component(key: String) -> Component? {
        indexByKey[key].map { components[$0] }
    }

    /// The projects at the top of the tree, in order.
    public var topLevelComponents: [Component] {
        components.filter { $0.parentKey == nil }
    }

    /// The components money is reported on directly (those without children), in order.
    public var leafComponents: [Component] {
        components.filter(\.isLeaf)
    }

    /// The parent of the component `key`, `nil` for a project or an unknown key.
    public func parent(of key: String) -> Component? {
        component(key: key)?.parentKey.flatMap { component(key: $0) }
    }

    /// The children of the component `key`, in order (empty for a leaf or an unknown key).
    public func children(of key: String) -> [Component] {
        component(key: key)?.childKeys.compactMap { component(key: $0) } ?? []
    }

    /// The fund source with `key` (`nstw`).
    public func fundSource(key: String) -> FundSource? {
        fundSources.first { $0.key == key }
    }

    /// The fund type with `key` (`sn`).
    public func fundType(key: String) -> FundType? {
        fundTypes.first { $0.key == key }
    }

    /// The measure with `key` (`giai-ngan`).
    public func measure(key: String) -> Measure? {
        measures.first { $0.key == key }
    }

    /// The counterpart rule of the province `provinceCode` in force on `date`, `nil` when it has none.
    ///
    /// - Parameters:
    ///   - provinceCode: the province's code (`62`).
    ///   - date: the day, usually a period's ``ReportingPeriod/endDate``.
    public func counterpartRule(provinceCode: String, at date: CalendarDate) -> CounterpartRule? {
        counterpartRules.first { $0.provinceCode == provinceCode && $0.validity.contains(date) }
    }
}

/// Every programme known: lookup by key or by date.
///
/// ```swift
/// let programmes = try Programmes.loadBundled(from: "Mappings")
/// programmes.programme(at: CalendarDate("2024-12-31")!)?.key   // "mtqg-gnbv-2021-2025"
/// ```
public struct Programmes: Sendable {
    /// The programmes, ordered by the start of their validity.
    public let programmes: [Programme]

    /// A catalogue of `programmes`.
    ///
    /// - Throws: ``PovertyError/Code/duplicate`` when two share a key.
    public init(_ programmes: [Programme]) throws(PovertyError) {
        var seen: [String: String] = [:]
        for programme in programmes {
            if let other = seen[programme.key] {
                throw PovertyError(
                    .duplicate, vi: "Chương trình “\(programme.key)” đã được định nghĩa ở \(other).",
                    en: "Programme “\(programme.key)” is already defined at \(other).", file: programme.source)
            }
            seen[programme.key] = programme.source
        }
        self.programmes = programmes.sorted { $0.validity.start < $1.validity.start }
    }

    /// The programme with `key`.
    public func programme(key: String) -> Programme? {
        programmes.first { $0.key == key }
    }

    /// The programmes running on `date` (several national programmes may run at once).
    public func programmes(at date: CalendarDate) -> [Programme] {
        programmes.filter { $0.validity.contains(date) }
    }

    /// The first programme running on `date`, `nil` when none.
    public func programme(at date: CalendarDate) -> Programme? {
        programmes(at: date).first
    }
}
