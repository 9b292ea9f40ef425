extension FormSheetContent {
    /// The blank official form for one unit to fill: its own row (units), every line with the totals as
    /// formulas (lines), or empty rows under the header (records); derived cells hold their formulas.
    ///
    /// ```swift
    /// let blank = FormSheetContent.template(report1, authority: "UBND XÃ IA ĐAL", unitName: "Xã Ia Đal",
    ///                                       unitCode: "23535", period: "Năm 2024")
    /// ```
    ///
    /// - Parameter recordRows: the empty rows a list gets.
    public static func template(
        _ definition: FormDefinition, authority: String, unitName: String, unitCode: String, period: String,
        place: String = "", recordRows: Int = 50
    ) -> FormSheetContent {
        var content = FormSheetContent(
            definition: definition, authority: authority, unitName: unitName, unitCode: unitCode, period: period,
            place: place)
        switch definition.kind {
        case .units:
            content.rows = [Row(code: "1", label: unitName)]
        case .lines:
            let index = Dictionary(uniqueKeysWithValues: definition.lines.enumerated().map { ($1.key, $0) })
            content.rows = definition.lines.map { line in
                Row(
                    code: line.code, label: line.label.vi, totalOf: line.sumOf.compactMap { index[$0] },
                    level: line.level)
            }
        case .records:
            content.blankRecordRows = recordRows
        }
        return content
    }
}
