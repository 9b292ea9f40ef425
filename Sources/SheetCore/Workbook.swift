/// A whole workbook read into memory: sheets in tab order, defined names, styles and the date system.
public struct Workbook: Sendable {
    public var sheets: [Worksheet]
    public var definedNames: [DefinedName]
    public var styles: Styles
    public var dateSystem: DateSystem

    public init(
        sheets: [Worksheet], definedNames: [DefinedName] = [], styles: Styles = Styles(),
        dateSystem: DateSystem = .from1900
    ) {
        self.sheets = sheets
        self.definedNames = definedNames
        self.styles = styles
        self.dateSystem = dateSystem
    }

    /// The sheet with a name, compared as Excel does (case-insensitively).
    public func sheet(named name: String) -> Worksheet? {
        let wanted = name.lowercased()
        return sheets.first { $0.name.lowercased() == wanted }
    }
}

/// A name defined in the workbook (ECMA-376 Part 1, §18.2.5 `definedName`), such as `_xlnm.Print_Area`.
public struct DefinedName: Hashable, Sendable {
    public var name: String
    /// What the name refers to, as formula text: `'Biểu 01'!$A$1:$N$40`.
    public var formula: String
    /// The zero-based sheet the name is local to, `nil` for a workbook-wide name.
    public var localSheetIndex: Int?
    public var isHidden: Bool

    public init(name: String, formula: String, localSheetIndex: Int? = nil, isHidden: Bool = false) {
        self.name = name
        self.formula = formula
        self.localSheetIndex = localSheetIndex
        self.isHidden = isHidden
    }
}
