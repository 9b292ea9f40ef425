/// A link between values of two forms of the same unit (and period, or the previous period), declared in
/// `Mappings/links.yaml`: poor households in report 1 = end of period in report 2 (DESIGN §3).
public struct LinkDefinition: Sendable {
    /// Stable identifier in findings (`link/bc01-poor-bc02-end`).
    public var id: String
    /// The value that should agree with `right`.
    public var left: ValueReference
    /// The value `left` is compared with.
    public var right: ValueReference
    /// Whether `right` is read from the previous period's files (`--previous`): this start = last end.
    public var previousPeriod: Bool
    /// How serious a disagreement is.
    public var severity: Severity
    /// What a person reads when the link fails (optional; there is a default).
    public var message: LocalizedText?

    public init(
        id: String, left: ValueReference, right: ValueReference, previousPeriod: Bool = false,
        severity: Severity = .error, message: LocalizedText? = nil
    ) {
        self.id = id
        self.left = left
        self.right = right
        self.previousPeriod = previousPeriod
        self.severity = severity
        self.message = message
    }
}

/// A value of a form: a field of its unit row (`tt07-bc01` `poor`), of one block row or line (`tt07-bc02`
/// `end` on `households`), or an aggregate over a records form (`count` of `tt07-ds-ngheo`, `sum` of `d1`).
public struct ValueReference: Hashable, Sendable, CustomStringConvertible {
    /// The form id.
    public var form: String
    /// The field (column key); `nil` with ``Aggregate/count``.
    public var field: String?
    /// The block row or line key; `nil` for the unit's own row.
    public var row: String?
    /// How a records form is reduced to one value.
    public var aggregate: Aggregate

    public init(form: String, field: String?, row: String? = nil, aggregate: Aggregate = .value) {
        self.form = form
        self.field = field
        self.row = row
        self.aggregate = aggregate
    }

    /// How a reference reads its value.
    public enum Aggregate: String, Hashable, Sendable {
        /// The field's value on the unit's top row (or the named block row / line).
        case value
        /// The number of records.
        case count
        /// The sum of the field over the records.
        case sum
    }

    public var description: String {
        switch aggregate {
        case .count: "count(\(form))"
        case .sum: "sum(\(form).\(field ?? ""))"
        case .value: "\(form).\(field ?? "")" + (row.map { "[\($0)]" } ?? "")
        }
    }
}
