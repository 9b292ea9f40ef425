/// A rule a form's values obey, as declared in its mapping file. Each derived column's formula is a rule too,
/// implied by the column; these are the others.
public struct RuleDefinition: Sendable {
    /// Stable identifier of this rule in findings (`tt07-bc01/dtts-le-poor`); the mapping gives the last part.
    public var id: String
    /// What the rule checks.
    public var kind: Kind
    /// How serious a violation is.
    public var severity: Severity
    /// What a person should read when it fails (optional: each kind has a default message).
    public var message: LocalizedText?

    public init(id: String, kind: Kind, severity: Severity = .error, message: LocalizedText? = nil) {
        self.id = id
        self.kind = kind
        self.severity = severity
        self.message = message
    }

    /// What a rule checks.
    public enum Kind: Sendable {
        /// In a ``FormKind/units`` form: each row (`1`) equals the sum of its child rows (`1.1`, `1.2`…) in
        /// every column aggregated by ``Aggregation/sum``; in a ``FormKind/lines`` form: each line with `sum_of`
        /// equals the sum of those lines, in every summed column.
        case totals
        /// A comparison between expressions over the fields of one row (`dtts_poor <= poor`), checked on every
        /// row (or record).
        case check(Comparison)
        /// No two records share a value of this field (household codes).
        case unique(field: String)
        /// A rule implemented in code and registered by name (`household-class` in the Poverty module).
        case custom(name: String, parameters: [String: String])
    }
}

/// How serious a finding is (DESIGN §2).
public enum Severity: String, Sendable, CaseIterable, Comparable {
    /// Information: a rounding difference within tolerance, a note on what was done.
    case info
    /// Something a person should look at; the figures may still be right.
    case warning
    /// The figures are wrong or cannot be read.
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        let order: [Severity] = [.info, .warning, .error]
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }
}
