/// Rules written in code, by the name a mapping file gives them (`custom: household-class`): the Poverty module
/// registers its own (``FormRule``s that need the poverty standard) and the mapping loader checks every `custom`
/// name against ``names``.
///
/// ```swift
/// var registry = CustomRuleRegistry()
/// registry.register("household-class") { request in try HouseholdClassRule(request, standards: standards) }
/// let validator = Validator(forms: forms, registry: registry)
/// ```
public struct CustomRuleRegistry: Sendable {
    /// What a factory gets: the form, the rule as declared, and its parameters.
    public struct Request: Sendable {
        public var form: FormDefinition
        public var rule: RuleDefinition
        /// The registered name (`household-class`).
        public var name: String
        /// The `parameters` of the rule (field keys by role: `income: income`).
        public var parameters: [String: String]

        /// The rule id its findings carry (`tt07-ds-ngheo/household-class`).
        public var id: String { RuleID.declared(form.id, rule.id) }
    }

    /// Why a custom rule could not be made from its declaration (a parameter naming a missing field).
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var message: LocalizedText
        public init(_ message: LocalizedText) { self.message = message }
        public var description: String { message.en }
    }

    public typealias Factory = @Sendable (Request) throws(Problem) -> any FormRule

    private var factories: [String: Factory] = [:]

    public init() {}

    /// Registers (or replaces) the rule called `name`.
    public mutating func register(_ name: String, factory: @escaping Factory) {
        factories[name] = factory
    }

    /// The names a mapping file may use after `custom:`.
    public var names: Set<String> { Set(factories.keys) }

    /// The rule for a `custom` declaration.
    ///
    /// - Throws: ``Problem`` for a name not registered, or what the factory says of the parameters.
    public func make(form: FormDefinition, rule: RuleDefinition) throws(Problem) -> any FormRule {
        guard case .custom(let name, let parameters) = rule.kind else {
            throw Problem(
                LocalizedText(vi: "Quy tắc \(rule.id) không phải quy tắc custom", en: "\(rule.id) is not a custom rule")
            )
        }
        guard let factory = factories[name] else {
            throw Problem(FindingText.unknownCustomRule(form: form.id, rule: rule.id, name: name, known: names))
        }
        return try factory(Request(form: form, rule: rule, name: name, parameters: parameters))
    }

    /// Every `custom` declaration in `forms` that names no registered rule or that its factory refuses, as
    /// messages naming the form file and rule: the CLI refuses such mappings before reading any input.
    public func problems(in forms: [FormDefinition]) -> [LocalizedText] {
        var problems: [LocalizedText] = []
        for form in forms {
            for rule in form.rules {
                guard case .custom = rule.kind else { continue }
                do { _ = try make(form: form, rule: rule) } catch {
                    let file = form.sourcePath.isEmpty ? form.id : form.sourcePath
                    problems.append(
                        LocalizedText(vi: "\(file): \(error.message.vi)", en: "\(file): \(error.message.en)"))
                }
            }
        }
        return problems
    }
}
