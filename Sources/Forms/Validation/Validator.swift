import Dispatch
import Synchronization

/// The validation engine: runs every rule of each sheet's form and every cross-form link over a set of sheets,
/// and collects all findings, in the order of their location (STYLE: findings are values, never thrown).
///
/// ```swift
/// let validator = Validator(forms: forms, links: links, registry: registry)
/// let findings = validator.validate(instances, previous: lastYear)
/// ```
public struct Validator: Sendable {
    /// The rules of each form, built once.
    private var rulesByForm: [String: [RuleBox]] = [:]

    /// A rule held by reference: called where it lies, not copied out of the array for each sheet.
    private final class RuleBox: Sendable {
        let rule: any FormRule
        init(_ rule: any FormRule) { self.rule = rule }
    }
    private let registry: CustomRuleRegistry
    /// The cross-form links checked by ``validate(_:previous:)``.
    public let links: [LinkDefinition]

    /// - Parameters:
    ///   - forms: the forms whose rules are built now (others are built when first met).
    ///   - links: the links of `Mappings/links.yaml`.
    ///   - registry: the rules written in code, by name.
    public init(forms: [FormDefinition] = [], links: [LinkDefinition] = [], registry: CustomRuleRegistry = .init()) {
        self.links = links
        self.registry = registry
        // Built on every core: a run starts with them, before any file is read.
        let rules = Mutex([[any FormRule]](repeating: [], count: forms.count))
        DispatchQueue.concurrentPerform(iterations: forms.count) { index in
            let built = Validator.rules(for: forms[index], registry: registry)
            rules.withLock { $0[index] = built }
        }
        for (form, built) in zip(forms, rules.withLock { $0 }) { rulesByForm[form.id] = built.map(RuleBox.init) }
    }

    /// The rules of a form: for each column its formula, range and type; the declared rules; required values;
    /// typed-over formulas. A `custom` rule the registry cannot make is left out (``CustomRuleRegistry/problems(in:)``
    /// reports it when the mappings are loaded).
    public static func rules(for form: FormDefinition, registry: CustomRuleRegistry) -> [any FormRule] {
        var rules: [any FormRule] = []
        if let required = RequiredRule(form: form) { rules.append(required) }
        for column in form.columns {
            if let rule = TypeRule(form: form, column: column) { rules.append(rule) }
            if let rule = RangeRule(form: form, column: column) { rules.append(rule) }
            if let rule = DerivedColumnRule(form: form, column: column) { rules.append(rule) }
        }
        for declared in form.rules {
            switch declared.kind {
            case .totals: rules.append(TotalsRule(form: form, rule: declared))
            case .check: if let rule = CheckRule(form: form, rule: declared) { rules.append(rule) }
            case .unique: if let rule = UniqueRule(form: form, rule: declared) { rules.append(rule) }
            case .custom: if let rule = try? registry.make(form: form, rule: declared) { rules.append(rule) }
            }
        }
        if form.columns.contains(where: { $0.formula != nil }) || form.rules.contains(where: { $0.isTotals }) {
            rules.append(TypedOverFormulaRule(form: form))
        }
        return rules
    }

    /// What reading found on the sheet, then what every rule of its form finds, ordered by location.
    ///
    /// - Complexity: O(rows × columns) for the rules of this module.
    public func validate(_ instance: FormInstance) -> [Finding] {
        var findings = instance.findings
        let rules =
            rulesByForm[instance.definition.id]
            ?? Validator.rules(for: instance.definition, registry: registry).map(RuleBox.init)
        for box in rules { box.rule.check(instance, into: &findings) }
        return Validator.ordered(findings)
    }

    /// Every sheet's findings, then the cross-form links between sheets of the same unit and period and, with
    /// `previous`, across periods; ordered by location.
    ///
    /// - Parameters:
    ///   - instances: the sheets read from the files given.
    ///   - previous: the sheets of the previous period (`--previous`).
    public func validate(_ instances: [FormInstance], previous: [FormInstance] = []) -> [Finding] {
        var findings: [Finding] = []
        for instance in instances { findings.append(contentsOf: validate(instance)) }
        findings.append(contentsOf: LinkCheck(links: links).check(instances, previous: previous))
        findings.append(contentsOf: CrossFormFormulaCheck().check(instances))
        return Validator.ordered(findings)
    }

    /// Findings by file, sheet, row, column, then rule id.
    public static func ordered(_ findings: [Finding]) -> [Finding] {
        guard findings.count > 1 else { return findings }
        return findings.enumerated().sorted { a, b in
            if a.element.location != b.element.location { return a.element.location < b.element.location }
            if a.element.rule != b.element.rule { return a.element.rule < b.element.rule }
            return a.offset < b.offset
        }.map(\.element)
    }
}

extension RuleDefinition {
    var isTotals: Bool {
        if case .totals = kind { return true }
        return false
    }
}
