import SheetCore

// Consolidation (DESIGN §2 data flow): records of many units → the totals of the unit above them.
//
//   units forms   each input gives its unit's own row (code 1, per block row); the output has the reporting
//                 unit as row 1 (a total of rows 1.1, 1.2… in unit-code order) and one row per subordinate unit
//   lines forms   inputs of the unit itself or of its subordinates add up line by line; totals stay formulas
//   records       household lists hold personal data: never copied upward (DESIGN §6), only counted by links
//
// Sums are exact (DecimalNumber); derived columns (rates) are never summed: rendering writes their formulas and
// caches the value recomputed from the summed numerator and denominator.

/// One administrative unit as consolidation sees it: a code (units are matched by code, never by name) and the
/// name to print.
public struct ConsolidationUnit: Hashable, Sendable {
    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// The forms of many units added up into the forms of the unit above them.
///
/// ```swift
/// var consolidation = Consolidation(unit: district, expected: communes)
/// for instance in instances { consolidation.add(instance, unit: code) }
/// let contents = consolidation.contents(authority: "UBND HUYỆN IA H'DRAI", period: "Năm 2023")
/// ```
public struct Consolidation: Sendable {
    /// The unit the output reports for (the district, or the province).
    public let unit: ConsolidationUnit
    /// The subordinate units expected, in code order.
    public let expected: [ConsolidationUnit]
    /// Inputs accepted so far, by form id then unit code.
    private var accepted: [String: [String: [FormInstance]]] = [:]
    private var definitions: [String: FormDefinition] = [:]

    public init(unit: ConsolidationUnit, expected: [ConsolidationUnit]) {
        self.unit = unit
        self.expected = expected.sorted { $0.code < $1.code }
    }

    /// Adds an input read as `instance`, for the unit `code` (after any remapping of merged units).
    public mutating func add(_ instance: FormInstance, unit code: String) {
        let id = instance.definition.id
        definitions[id] = definitions[id] ?? instance.definition
        accepted[id, default: [:]][code, default: []].append(instance)
    }

    /// The ids of the forms with at least one input, in id order.
    public var formIDs: [String] { accepted.keys.sorted() }

    /// The unit codes with inputs of a form.
    public func units(of form: String) -> Set<String> { Set(accepted[form]?.keys.map { $0 } ?? []) }

    /// The consolidated content of each form that can be consolidated (not household lists), in form id order.
    ///
    /// - Parameters:
    ///   - authority: the issuing body printed top left.
    ///   - period: the period as printed.
    public func contents(authority: String, period: String, place: String = "") -> [FormSheetContent] {
        formIDs.compactMap { id -> FormSheetContent? in
            guard let definition = definitions[id], let inputs = accepted[id] else { return nil }
            var content = FormSheetContent(
                definition: definition, authority: authority, unitName: unit.name, unitCode: unit.code,
                period: period, place: place)
            switch definition.kind {
            case .units: content.rows = unitRows(definition, inputs)
            case .lines: content.rows = lineRows(definition, inputs)
            case .records: return nil
            }
            return content
        }
    }

    private func unitRows(_ definition: FormDefinition, _ inputs: [String: [FormInstance]]) -> [FormSheetContent.Row] {
        let names = Dictionary(expected.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        let codes = inputs.keys.sorted()
        var rows = [FormSheetContent.Row(code: "1", label: unit.name, totalOf: Array(1...max(codes.count, 1)))]
        if codes.isEmpty { rows[0].totalOf = [] }
        for (index, code) in codes.enumerated() {
            let instances = inputs[code] ?? []
            var values: [String: [String: FieldValue]] = [:]
            for column in definition.columns where column.aggregate == .sum {
                for block in Self.blockKeys(definition) {
                    let parts = instances.compactMap {
                        Self.unitRow($0, block: block)?.values[column.key]?.value.number
                    }
                    guard !parts.isEmpty, let total = DecimalNumber.sum(parts) else { continue }
                    values[column.key, default: [:]][block] = .number(total)
                }
            }
            let name = names[code] ?? instances.first.flatMap { Self.unitRow($0, block: "")?.label } ?? code
            rows.append(FormSheetContent.Row(code: "1.\(index + 1)", label: name, values: values))
        }
        return rows
    }

    private func lineRows(_ definition: FormDefinition, _ inputs: [String: [FormInstance]]) -> [FormSheetContent.Row] {
        let instances = inputs.keys.sorted().flatMap { inputs[$0] ?? [] }
        let index = Dictionary(uniqueKeysWithValues: definition.lines.enumerated().map { ($1.key, $0) })
        return definition.lines.map { line in
            var values: [String: [String: FieldValue]] = [:]
            if line.sumOf.isEmpty {
                for column in definition.columns where column.isNumeric && column.formula == nil {
                    let parts = instances.compactMap { instance in
                        instance.rows.first { $0.line == line.key }?.values[column.key]?.value.number
                    }
                    if !parts.isEmpty, let total = DecimalNumber.sum(parts) {
                        values[column.key] = ["": .number(total)]
                    }
                }
            }
            for column in definition.columns where !column.isNumeric {
                // Text columns of a line (the unit of its output) are the same in every input: keep the first.
                if let text = instances.lazy.compactMap({ instance in
                    instance.rows.first { $0.line == line.key }?.values[column.key]?.value.text
                }).first, column.key != definition.table.codeColumn {
                    values[column.key] = ["": .text(text)]
                }
            }
            return FormSheetContent.Row(
                code: line.code, label: line.label.vi, values: values, totalOf: line.sumOf.compactMap { index[$0] },
                level: line.level)
        }
    }

    static func blockKeys(_ definition: FormDefinition) -> [String] {
        definition.table.block.isEmpty ? [""] : definition.table.block.map(\.key)
    }

    /// The unit's own row of an input: the first row under a top-level code (`1`, not `1.1`), in the block. A
    /// block's later rows may carry no code of their own: they belong to the code above them.
    static func unitRow(_ instance: FormInstance, block: String) -> FormRow? {
        var current: String?
        for row in instance.rows {
            if let code = row.code, !code.isEmpty { current = code }
            guard let code = current, !code.contains(".") else { continue }
            if block.isEmpty || row.block == block { return row }
        }
        return nil
    }
}
