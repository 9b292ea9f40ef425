// Built-in number formats: ids a style may use without declaring a `numFmt` (ECMA-376 Part 1, §18.8.30).
//
//   0–4    General and plain numbers          14–22  dates and times (en-US)
//   5–8    currency (locale-dependent)        27–36  East-Asian dates (locale-dependent)
//   9–10   percentages                        37–44  accounting (41–44 locale-dependent)
//   11–13  scientific and fractions           45–49  times, elapsed time, scientific, text
//   23–26  not defined                        50–58  East-Asian dates (locale-dependent)
//
// Locale-dependent ids get the code Excel shows for them in an en-US install; the East-Asian date ids are
// shown as id 14, so a workbook saved in Tokyo or Taipei still reads its dates as dates.

extension NumberFormat {
    /// The built-in number format with this id; `nil` for ids that are not built in.
    ///
    /// Covers the ids listed in ECMA-376 Part 1, §18.8.30 (0–22, 37–40, 45–49), the currency and accounting
    /// ids 5–8 and 41–44 with their en-US codes, and the East-Asian date ids 27–36 and 50–58, which Excel on
    /// other locales shows as a short date (`mm-dd-yy`, kind `.temporal(.date)`). Ids 23–26 and 59 and up are
    /// not built in: a workbook must declare them.
    ///
    /// ```swift
    /// NumberFormat.builtin(id: 14)?.code   // "mm-dd-yy"
    /// NumberFormat.builtin(id: 164)        // nil
    /// ```
    ///
    /// - Parameter id: The `numFmtId` of a cell format.
    /// - Complexity: O(1): the table is classified once, on first use.
    public static func builtin(id: Int) -> NumberFormat? {
        guard id >= 0, id < builtinTable.count else { return nil }
        return builtinTable[id]
    }

    /// The codes of the built-in formats by id, `nil` where an id is not built in.
    static let builtinCodes: [String?] = [
        "General",  // 0
        "0",  // 1
        "0.00",  // 2
        "#,##0",  // 3
        "#,##0.00",  // 4
        ##""$"#,##0_);("$"#,##0)"##,  // 5
        ##""$"#,##0_);[Red]("$"#,##0)"##,  // 6
        ##""$"#,##0.00_);("$"#,##0.00)"##,  // 7
        ##""$"#,##0.00_);[Red]("$"#,##0.00)"##,  // 8
        "0%",  // 9
        "0.00%",  // 10
        "0.00E+00",  // 11
        "# ?/?",  // 12
        "# ??/??",  // 13
        "mm-dd-yy",  // 14
        "d-mmm-yy",  // 15
        "d-mmm",  // 16
        "mmm-yy",  // 17
        "h:mm AM/PM",  // 18
        "h:mm:ss AM/PM",  // 19
        "h:mm",  // 20
        "h:mm:ss",  // 21
        "m/d/yy h:mm",  // 22
        nil, nil, nil, nil,  // 23–26
        eastAsianDate, eastAsianDate, eastAsianDate, eastAsianDate, eastAsianDate,  // 27–31
        eastAsianDate, eastAsianDate, eastAsianDate, eastAsianDate, eastAsianDate,  // 32–36
        "#,##0 ;(#,##0)",  // 37
        "#,##0 ;[Red](#,##0)",  // 38
        "#,##0.00;(#,##0.00)",  // 39
        "#,##0.00;[Red](#,##0.00)",  // 40
        #"_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)"#,  // 41
        #"_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)"#,  // 42
        #"_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)"#,  // 43
        #"_("$"* #,##0.00_);_("$"* \(#,##0.00\);_("$"* "-"??_);_(@_)"#,  // 44
        "mm:ss",  // 45
        "[h]:mm:ss",  // 46
        "mmss.0",  // 47
        "##0.0E+0",  // 48
        "@",  // 49
        eastAsianDate, eastAsianDate, eastAsianDate, eastAsianDate, eastAsianDate,  // 50–54
        eastAsianDate, eastAsianDate, eastAsianDate, eastAsianDate,  // 55–58
    ]

    /// The code given to the East-Asian date ids: Excel outside those locales shows them as id 14.
    private static let eastAsianDate = "mm-dd-yy"

    /// The built-in formats by id, classified once.
    private static let builtinTable: [NumberFormat?] = builtinCodes.enumerated().map { id, code in
        code.map { NumberFormat(id: id, code: $0) }
    }
}
