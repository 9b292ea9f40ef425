import SheetCore

/// An expression whose fields are resolved once to columns of the form it reads, to be evaluated on every row
/// without looking a key up per field per row (issue 6, "Scale"). It walks its own copy of the expression, with
/// each field replaced by its index: evaluating the ``Expression`` through a name lookup instead cost 8 % more of
/// a province's consolidation (measured); the arithmetic itself is shared (``Expression/apply(_:_:_:)``).
struct RowFormula: Sendable {
    /// The expression with each field replaced by its index in ``fields``.
    private indirect enum Step: Sendable {
        case number(DecimalNumber)
        case input(Int)
        case negate(Step)
        case binary(Expression.BinaryOperator, Step, Step)
        case sum([Step])
    }

    /// The fields, in the order of ``Expression/fields``.
    let fields: [String]
    private let slots: [ColumnSlot?]
    private let root: Step

    init(_ expression: Expression, reading form: FormDefinition) {
        let fields = expression.fields
        func step(_ expression: Expression) -> Step {
            switch expression {
            case .number(let value): .number(value)
            case .field(let name): .input(fields.firstIndex(of: name)!)
            case .negate(let inner): .negate(step(inner))
            case .binary(let op, let left, let right): .binary(op, step(left), step(right))
            case .sum(let terms): .sum(terms.map(step))
            }
        }
        self.fields = fields
        slots = fields.map { form.slot($0) }
        root = step(expression)
    }

    /// The number of each field on `row`, `nil` where it holds none.
    func inputs(_ row: FormRow) -> [DecimalNumber?] {
        slots.map { slot in slot.flatMap { row.number($0) } }
    }

    /// The number of each field on row `row` of `instance`, `nil` where it holds none.
    func inputs(_ instance: FormInstance, row: Int) -> [DecimalNumber?] {
        slots.map { slot in slot.flatMap { instance.number($0, row: row) } }
    }

    /// The value on a row whose inputs are `inputs`, exactly as ``Expression/evaluate(_:)`` gives it with a blank
    /// counted as 0.
    func evaluate(_ inputs: [DecimalNumber?]) -> Evaluation {
        Self.evaluate(root, inputs)
    }

    private static func evaluate(_ step: Step, _ inputs: [DecimalNumber?]) -> Evaluation {
        switch step {
        case .number(let value):
            return .value(value)
        case .input(let index):
            return .value(inputs[index] ?? .zero)
        case .negate(let inner):
            let evaluation = evaluate(inner, inputs)
            guard case .value(let value) = evaluation else { return evaluation }
            return value.negated().map(Evaluation.value) ?? .overflow
        case .sum(let terms):
            var total = DecimalNumber.zero
            for term in terms {
                let evaluation = evaluate(term, inputs)
                guard case .value(let value) = evaluation else { return evaluation }
                guard let next = total.adding(value) else { return .overflow }
                total = next
            }
            return .value(total)
        case .binary(let op, let leftStep, let rightStep):
            let leftEvaluation = evaluate(leftStep, inputs)
            guard case .value(let left) = leftEvaluation else { return leftEvaluation }
            let rightEvaluation = evaluate(rightStep, inputs)
            guard case .value(let right) = rightEvaluation else { return rightEvaluation }
            return Expression.apply(op, left, right)
        }
    }
}
