import SheetCore

/// An expression whose fields are resolved once to columns of the form it reads, to be evaluated on every row
/// without looking a key up per field per row (issue 6, "Scale"). It is compiled to a program in postfix order,
/// each field replaced by its index, run over a small stack: evaluating the ``Expression`` through a name lookup
/// instead cost 8 % more of a province's consolidation, walking a tree of indirect cases 1 % more (measured); the
/// arithmetic itself is shared (``Expression/apply(_:_:_:)``).
struct RowFormula: Sendable {
    /// One step of the program. A sum starts at zero and adds each term as soon as it is known, so that steps run
    /// in the order the expression is evaluated in (the first failure is the one ``Expression/evaluate(_:)``
    /// reports).
    private enum Step: Sendable {
        case number(DecimalNumber)
        case input(Int)
        case negate
        case binary(Expression.BinaryOperator)
        case sumStart
        case sumAdd
    }

    /// The fields, in the order of ``Expression/fields``.
    let fields: [String]
    private let slots: [ColumnSlot?]
    private let program: [Step]
    /// The most values the program holds at once.
    private let depth: Int

    init(_ expression: Expression, reading form: FormDefinition) {
        let fields = expression.fields
        var program: [Step] = []
        var height = 0
        var depth = 0
        func push(_ step: Step, _ change: Int) {
            program.append(step)
            height += change
            depth = max(depth, height)
        }
        func emit(_ expression: Expression) {
            switch expression {
            case .number(let value): push(.number(value), 1)
            case .field(let name): push(.input(fields.firstIndex(of: name)!), 1)
            case .negate(let inner):
                emit(inner)
                push(.negate, 0)
            case .binary(let op, let left, let right):
                emit(left)
                emit(right)
                push(.binary(op), -1)
            case .sum(let terms):
                push(.sumStart, 1)
                for term in terms {
                    emit(term)
                    push(.sumAdd, -1)
                }
            }
        }
        emit(expression)
        self.fields = fields
        slots = fields.map { form.slot($0) }
        self.program = program
        self.depth = depth
    }

    /// The number of each field on `row`, `nil` where it holds none.
    func inputs(_ row: FormRow) -> [DecimalNumber?] {
        slots.map { slot in slot.flatMap { row.number($0) } }
    }

    /// Whether some field holds a number on row `row` of `instance`.
    func hasInput(_ instance: FormInstance, row: Int) -> Bool {
        slots.contains { slot in slot.flatMap { instance.number($0, row: row) } != nil }
    }

    /// The value on a row whose inputs are `inputs`, exactly as ``Expression/evaluate(_:)`` gives it with a blank
    /// counted as 0.
    func evaluate(_ inputs: [DecimalNumber?]) -> Evaluation {
        inputs.withUnsafeBufferPointer(run)
    }

    /// The value on row `row` of `instance`, a blank counted as 0.
    func evaluate(_ instance: FormInstance, row: Int) -> Evaluation {
        // The inputs are read first into a buffer on the stack: no array per row, no closure holding the instance.
        withUnsafeTemporaryAllocation(of: DecimalNumber?.self, capacity: max(slots.count, 1)) { inputs in
            for index in slots.indices {
                inputs.initializeElement(at: index, to: slots[index].flatMap { instance.number($0, row: row) })
            }
            return run(UnsafeBufferPointer(inputs))
        }
    }

    private func run(_ inputs: UnsafeBufferPointer<DecimalNumber?>) -> Evaluation {
        withUnsafeTemporaryAllocation(of: DecimalNumber.self, capacity: max(depth, 1)) { stack in
            var top = 0
            for step in program {
                switch step {
                case .number(let value):
                    stack.initializeElement(at: top, to: value)
                    top += 1
                case .input(let index):
                    stack.initializeElement(at: top, to: inputs[index] ?? .zero)
                    top += 1
                case .negate:
                    guard let negated = stack[top - 1].negated() else { return .overflow }
                    stack[top - 1] = negated
                case .binary(let op):
                    let evaluation = Expression.apply(op, stack[top - 2], stack[top - 1])
                    guard case .value(let result) = evaluation else { return evaluation }
                    top -= 1
                    stack[top - 1] = result
                case .sumStart:
                    stack.initializeElement(at: top, to: .zero)
                    top += 1
                case .sumAdd:
                    guard let total = stack[top - 2].adding(stack[top - 1]) else { return .overflow }
                    top -= 1
                    stack[top - 1] = total
                }
            }
            return .value(stack[0])
        }
    }
}
