import SheetCore

// Consolidation (DESIGN §2 data flow): records of many units → the totals of the unit above them.
//
//   units forms   each input gives its unit's own row (code 1, per block row); the output has the reporting
//                 unit as row 1 (a total of rows 1.1, 1.2… in unit-code order) and one row per subordinate unit
//   lines forms   inputs of the unit itself or of its subordinates add up line by line; totals stay formulas
//   records       household lists hold personal data: never copied upward (DESIGN §6), only counted by links
//
// Sums are exact (DecimalNumber); derived columns (rates) are never summed: rendering writes their formulas and
// caches the value recomputed from the summed numerator and denominator. An input is reduced to the numbers it
// contributes as soon as it is read (``Contribution``), so memory does not grow with the inputs' size.

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
/// for instance in instances {
///     consolidation.add(Consolidation.Contribution(instance), to: "23535", period: "Năm 2023")
/// }
/// let contents = consolidation.contents(authority: "UBND HUYỆN IA H'DRAI")
/// ```
public struct Consolidation: Sendable {
    /// The unit the output reports for (the district, or the province).
    public let unit: ConsolidationUnit
    /// The subordinate units expected, in code order.
    public let expected: [ConsolidationUnit]
    private var definitions: [String: FormDefinition] = [:]
    /// Sums by form id, then unit code (units forms) or `""` (lines forms), then cell key.
    private var sums: [String: [String: [CellKey: DecimalNumber]]] = [:]
    /// Text of line columns (the unit of an output), first seen.
    private var texts: [String: [CellKey: String]] = [:]

    /// A numeric cell of a consolidated form: column and block row (units) or line (lines).
    struct CellKey: Hashable, Sendable {
        var column: String
        var row: String
    }

    /// The numbers one input adds: its unit's own row (units forms, per block row) or its entered lines.
    public struct Contribution: Sendable {
        public let definition: FormDefinition
        let values: [CellKey: DecimalNumber]
        let texts: [CellKey: String]

        /// Reduces an extracted form to what consolidation needs of it.
        public init(_ instance: FormInstance) {
            definition = instance.definition
            var values: [CellKey: DecimalNumber] = [:]
            var texts: [CellKey: String] = [:]
            switch definition.kind {
            case .units:
                for block in Consolidation.blockKeys(definition) {
                    guard let row = Consolidation.unitRow(instance, block: block) else { continue }
                    // By index: a column is looked at, not copied, for every row.
                    for index in definition.columns.indices where definition.columns[index].aggregate == .sum {
                        let key = definition.columns[index].key
                        if let number = row.values.field(key)?.number {
                            values[CellKey(column: key, row: block)] = number
                        }
                    }
                }
            case .lines:
                for row in instance.rows {
                    guard let key = row.line, let line = definition.line(key), line.sumOf.isEmpty else { continue }
                    for index in definition.columns.indices {
                        let (column, isNumeric) = (definition.columns[index].key, definition.columns[index].isNumeric)
                        let cell = CellKey(column: column, row: key)
                        if isNumeric, definition.columns[index].formula == nil,
                            let number = row.values.field(column)?.number
                        {
                            values[cell] = number
                        } else if !isNumeric, column != definition.table.codeColumn,
                            let text = row.values.field(column)?.text
                        {
                            texts[cell] = text
                        }
                    }
                }
            case .records:
                break
            }
            self.values = values
            self.texts = texts
        }

        /// Whether the form is consolidated at all (household lists are not).
        public var isConsolidated: Bool { definition.kind != .records }
    }

    public init(unit: ConsolidationUnit, expected: [ConsolidationUnit]) {
        self.unit = unit
        self.expected = expected.sorted { $0.code < $1.code }
    }

    /// Adds what an input contributes, for the subordinate unit `code` (after any remapping of merged units), in
    /// the period printed as `period` (`Năm 2023`): each form is consolidated per period;
    /// two inputs for one unit (merged communes) add up. Figures of the reporting unit itself (its own code) stand
    /// alone when no subordinate unit reports the form, and are left out otherwise.
    public mutating func add(_ contribution: Contribution, to code: String, period: String) {
        let definition = contribution.definition
        guard contribution.isConsolidated else { return }
        let id = definition.id + Consolidation.periodSeparator + period
        definitions[id] = definitions[id] ?? definition
        let slot = definition.kind == .units ? code : ""
        // Taken out of `sums` while it is added to, so that it is changed in place rather than copied.
        var table = sums[id]?.removeValue(forKey: slot) ?? [:]
        for (key, value) in contribution.values {
            table[key] = (table[key] ?? .zero).adding(value) ?? table[key]
        }
        sums[id, default: [:]][slot] = table
        for (key, text) in contribution.texts where texts[id]?[key] == nil { texts[id, default: [:]][key] = text }
    }

    /// Separates a form id from its period in the keys of consolidated forms.
    static let periodSeparator = "\u{1}"

    /// The consolidated forms, in form id then period order, as `(form id, period)`.
    public var forms: [(form: String, period: String)] {
        sums.keys.sorted().map { key in
            let parts = key.components(separatedBy: Consolidation.periodSeparator)
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }

    /// The unit codes with inputs of a units form in a period.
    public func units(of form: String, period: String) -> Set<String> {
        Set(sums[form + Consolidation.periodSeparator + period]?.keys.filter { !$0.isEmpty } ?? [])
    }

    /// The consolidated content of each form, in form id order.
    ///
    /// - Parameters:
    ///   - authority: the issuing body printed top left.
    ///   - place: the place printed before the date of signature.
    public func contents(authority: String, place: String = "") -> [FormSheetContent] {
        sums.keys.sorted().compactMap { id -> FormSheetContent? in
            let period = id.components(separatedBy: Consolidation.periodSeparator).dropFirst().first ?? ""
            guard let definition = definitions[id], let tables = sums[id] else { return nil }
            var content = FormSheetContent(
                definition: definition, authority: authority, unitName: unit.name, unitCode: unit.code,
                period: period, place: place)
            switch definition.kind {
            case .units: content.rows = unitRows(definition, tables)
            case .lines: content.rows = lineRows(definition, tables[""] ?? [:], texts[id] ?? [:])
            case .records: return nil
            }
            return content
        }
    }

    private func unitRows(_ definition: FormDefinition, _ tables: [String: [CellKey: DecimalNumber]])
        -> [FormSheetContent.Row]
    {
        let names = Dictionary(expected.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        let codes = tables.keys.filter { $0 != unit.code }.sorted()
        if codes.isEmpty, let own = tables[unit.code] {
            // Only the reporting unit's own figures (a district's outcome table): one row, as reported.
            var values: [String: [String: FieldValue]] = [:]
            for (key, value) in own { values[key.column, default: [:]][key.row] = .number(value) }
            return [FormSheetContent.Row(code: "1", label: unit.name, values: values)]
        }
        var rows = [FormSheetContent.Row(code: "1", label: unit.name, totalOf: Array(codes.indices.map { $0 + 1 }))]
        for (index, code) in codes.enumerated() {
            var values: [String: [String: FieldValue]] = [:]
            for (key, value) in tables[code] ?? [:] { values[key.column, default: [:]][key.row] = .number(value) }
            rows.append(FormSheetContent.Row(code: "1.\(index + 1)", label: names[code] ?? code, values: values))
        }
        return rows
    }

    private func lineRows(
        _ definition: FormDefinition, _ table: [CellKey: DecimalNumber], _ texts: [CellKey: String]
    ) -> [FormSheetContent.Row] {
        let index = Dictionary(uniqueKeysWithValues: definition.lines.enumerated().map { ($1.key, $0) })
        return definition.lines.map { line in
            var values: [String: [String: FieldValue]] = [:]
            for column in definition.columns {
                let key = CellKey(column: column.key, row: line.key)
                if let number = table[key] {
                    values[column.key] = ["": .number(number)]
                } else if let text = texts[key] {
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
