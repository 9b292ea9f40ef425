/// One check over one sheet read as a form: it appends what it finds and never throws (STYLE: findings are
/// values). Each rule kind is a type in its own file; ``Validator`` runs them all and collects everything.
///
/// ```swift
/// var findings: [Finding] = []
/// RangeRule(form: definition, column: definition.column("poor_rate")!)?.check(instance, into: &findings)
/// ```
public protocol FormRule: Sendable {
    /// The rule id its findings carry (`tt07-bc01/totals`, `tt07-bc01/formula/poor_rate`).
    var id: String { get }
    /// Checks `instance`, appending a finding for each problem.
    ///
    /// - Complexity: O(rows × fields read) for the rules of this module.
    func check(_ instance: FormInstance, into findings: inout [Finding])
}

/// The stable rule ids of findings (`<form>/<rule>`), made in one place.
public enum RuleID {
    /// `tt07-bc01/formula/poor_rate`: a derived column's formula.
    public static func formula(_ form: String, _ column: String) -> String { "\(form)/formula/\(column)" }
    /// `tt07-bc01/range/poor_rate`: a column's `min` / `max`.
    public static func range(_ form: String, _ column: String) -> String { "\(form)/range/\(column)" }
    /// `tt07-bc01/type/households`: a value not of its column's type.
    public static func type(_ form: String, _ column: String) -> String { "\(form)/type/\(column)" }
    /// `tt07-bc01/required/unit_code`: a required header value or record field that is missing.
    public static func required(_ form: String, _ key: String) -> String { "\(form)/required/\(key)" }
    /// `tt07-bc01/typed-over-formula`: a typed number where the template computes one.
    public static func typedOverFormula(_ form: String) -> String { "\(form)/typed-over-formula" }
    /// `tt07-bc01/totals`: a rule declared in the mapping file, by its id.
    public static func declared(_ form: String, _ rule: String) -> String { "\(form)/\(rule)" }
    /// `link/bc01-poor-bc02-end`: a cross-form link.
    public static func link(_ id: String) -> String { "link/\(id)" }
}
