import Testing

@testable import SheetXLSX

@Suite("Shared formulas moved to each cell of their range")
struct FormulaShifterTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var formula: String
        var rows: Int
        var columns: Int
        var expected: String
        init(_ formula: String, by rows: Int, _ columns: Int, _ expected: String) {
            self.formula = formula
            self.rows = rows
            self.columns = columns
            self.expected = expected
        }
        var testDescription: String { "\(formula) by (\(rows),\(columns)) → \(expected)" }
    }

    static let relativeAndAbsolute: [Case] = [
        Case("A1*2+$A$5", by: 1, 0, "A2*2+$A$5"),
        Case("A1*2+$A$5", by: 0, 1, "B1*2+$A$5"),
        Case("A1", by: 3, 2, "C4"),
        Case("$A1", by: 1, 1, "$A2"),
        Case("A$1", by: 1, 1, "B$1"),
        Case("$A$1", by: 100, 100, "$A$1"),
        Case("C7-B7", by: -1, -1, "B6-A6"),
        Case("Z1+AA1", by: 0, 1, "AA1+AB1"),
        Case("XFC1", by: 0, 1, "XFD1"),
        Case("A1048575", by: 1, 0, "A1048576"),
        Case("A1+1", by: 1, 0, "A2+1"),
        Case("A1^2", by: 1, 0, "A2^2"),
        Case("-A1", by: 1, 0, "-A2"),
        Case("(A1)", by: 1, 0, "(A2)"),
        Case("A1%", by: 1, 0, "A2%"),
        Case("A1 B1", by: 1, 0, "A2 B2"),  // intersection operator
        Case("0.5*A1", by: 1, 0, "0.5*A2"),
        Case("1E+5*A1", by: 1, 0, "1E+5*A2"),
        Case("A1=TRUE", by: 1, 0, "A2=TRUE"),
    ]

    static let ranges: [Case] = [
        Case("SUM(A1:B2)", by: 1, 0, "SUM(A2:B3)"),
        Case("SUM(A1:B2)", by: 0, 2, "SUM(C1:D2)"),
        Case("SUM($A$1:B2)", by: 1, 1, "SUM($A$1:C3)"),
        Case("SUM(A5:A7)", by: 0, 2, "SUM(C5:C7)"),
        Case("SUMIF($B$2:$B$40,\"Ia Đal\",E2:E40)", by: 1, 0, "SUMIF($B$2:$B$40,\"Ia Đal\",E3:E41)"),
        Case("IF(A1>0,B1/A1,0)", by: 4, 0, "IF(A5>0,B5/A5,0)"),
    ]

    static let sheetQualified: [Case] = [
        Case("Sheet1!A1", by: 1, 0, "Sheet1!A2"),
        Case("Sheet1!A1:B2", by: 1, 1, "Sheet1!B2:C3"),
        Case("'My Sheet'!B2", by: 1, 0, "'My Sheet'!B3"),
        Case("'Biểu 01'!C3+'Biểu 02'!$C$3", by: 0, 1, "'Biểu 01'!D3+'Biểu 02'!$C$3"),
        Case("'O''Brien A1'!A1", by: 1, 0, "'O''Brien A1'!A2"),  // doubled quote inside the sheet name
        Case("'A1'!A1", by: 1, 0, "'A1'!A2"),
        Case("Data2024!A1", by: 1, 0, "Data2024!A2"),
        Case("[1]Sheet1!A1", by: 1, 0, "[1]Sheet1!A2"),
        Case("SUM(Sheet1:Sheet3!B2)", by: 1, 1, "SUM(Sheet1:Sheet3!C3)"),
        // A 3D reference between sheets whose names read like columns: the names stay.
        Case("SUM(Jan:Mar!B2)", by: 1, 1, "SUM(Jan:Mar!C3)"),
        Case("SUM(Jan:Dec!B2:B5)", by: 0, 1, "SUM(Jan:Dec!C2:C5)"),
    ]

    static let literalsAndNames: [Case] = [
        Case("\"A1\"&A1", by: 1, 0, "\"A1\"&A2"),
        Case("\"say \"\"B2\"\"\"&B2", by: 1, 0, "\"say \"\"B2\"\"\"&B3"),  // doubled quotes in a literal
        Case("LOG10(A1)", by: 1, 0, "LOG10(A2)"),
        Case("ATAN2(A1,B1)", by: 1, 0, "ATAN2(A2,B2)"),
        Case("DAYS360(A1,B1)", by: 1, 0, "DAYS360(A2,B2)"),
        Case("DEC2BIN(A1)", by: 1, 0, "DEC2BIN(A2)"),
        Case("LOG10(A1)+LN(A1)", by: 0, 1, "LOG10(B1)+LN(B1)"),
        Case("_xlfn.XLOOKUP(A1,B1:B9,C1:C9)", by: 1, 0, "_xlfn.XLOOKUP(A2,B2:B10,C2:C10)"),
        // Three letters past XFD cannot be a column, so these are names and stay.
        Case("XFE1*A1", by: 1, 0, "XFE1*A2"),
        Case("XYZ2023+A1", by: 1, 0, "XYZ2023+A2"),
        Case("ZZZ1", by: 1, 1, "ZZZ1"),
        // Four letters or more, or letters after digits, are names too.
        Case("RATE2024*A1", by: 1, 0, "RATE2024*A2"),
        Case("TAXES2023*A1", by: 1, 0, "TAXES2023*A2"),
        Case("tax_2023*A1", by: 1, 0, "tax_2023*A2"),
        Case("A1B2", by: 1, 0, "A1B2"),
        Case("Table1[Col1]", by: 1, 0, "Table1[Col1]"),
        Case("SUM(Table1[Q1])+A1", by: 1, 0, "SUM(Table1[Q1])+A2"),
        Case("Table1[[#This Row],[B2]]*A1", by: 1, 0, "Table1[[#This Row],[B2]]*A2"),
        Case("A12345678", by: 1, 0, "A12345678"),  // more rows than the grid has
    ]

    static let beyondTheGrid: [Case] = [
        Case("A1", by: -1, 0, "#REF!"),
        Case("A1", by: 0, -1, "#REF!"),
        Case("A1048576", by: 1, 0, "#REF!"),
        Case("XFD1", by: 0, 1, "#REF!"),
        Case("$A1", by: 0, -1, "$A1"),
        Case("A$1", by: -1, 0, "A$1"),
        Case("B2+A1", by: -1, -1, "A1+#REF!"),
    ]

    static let lowercase: [Case] = [
        Case("a1*2", by: 1, 0, "A2*2"),
        Case("sum(a1:b2)", by: 1, 1, "sum(B2:C3)"),
        Case("$b$2+c3", by: 1, 0, "$B$2+C4"),
        Case("log10(a1)", by: 1, 0, "log10(A2)"),
    ]

    @Test(arguments: relativeAndAbsolute)
    func movesRelativePartsAndKeepsAbsoluteOnes(_ c: Case) {
        #expect(FormulaShifter.shift(c.formula, rows: c.rows, columns: c.columns) == c.expected)
    }

    @Test(arguments: ranges)
    func movesBothEndsOfRanges(_ c: Case) {
        #expect(FormulaShifter.shift(c.formula, rows: c.rows, columns: c.columns) == c.expected)
    }

    @Test(arguments: sheetQualified)
    func movesSheetQualifiedReferencesAndNotSheetNames(_ c: Case) {
        #expect(FormulaShifter.shift(c.formula, rows: c.rows, columns: c.columns) == c.expected)
    }

    @Test(arguments: literalsAndNames)
    func leavesStringLiteralsFunctionNamesAndDefinedNamesAlone(_ c: Case) {
        #expect(FormulaShifter.shift(c.formula, rows: c.rows, columns: c.columns) == c.expected)
    }

    @Test(arguments: beyondTheGrid)
    func writesREFForReferencesMovedOffTheGrid(_ c: Case) {
        #expect(FormulaShifter.shift(c.formula, rows: c.rows, columns: c.columns) == c.expected)
    }

    @Test(arguments: lowercase)
    func movesLowercaseReferencesAndWritesThemUppercase(_ c: Case) {
        #expect(FormulaShifter.shift(c.formula, rows: c.rows, columns: c.columns) == c.expected)
    }

    /// `TAX2023` looks like a name but column TAX (13,570) is inside the grid (XFD is 16,384), so it is a cell
    /// reference, as Excel reads it: Excel refuses to define a name spelled like a cell.
    @Test func readsThreeLetterColumnsUpToXFDAsReferences() {
        #expect(FormulaShifter.shift("TAX2023*A1", rows: 1, columns: 0) == "TAX2024*A2")
        #expect(FormulaShifter.shift("XFD1", rows: 1, columns: 0) == "XFD2")
    }

    /// Whole columns (`A:A`) move with the column offset, whole rows (`1:1`) with the row offset (Excel fills a
    /// shared `SUM(A:A)` right as `SUM(B:B)`).
    @Test(arguments: [
        Case("SUM(A:A)", by: 0, 1, "SUM(B:B)"),
        Case("SUM(A:A)", by: 5, 0, "SUM(A:A)"),
        Case("SUM($A:A)", by: 0, 1, "SUM($A:B)"),
        Case("COUNTIF($A:$A,A2)", by: 0, 1, "COUNTIF($A:$A,B2)"),
        Case("SUM(1:1)", by: 1, 0, "SUM(2:2)"),
        Case("SUM(1:1)", by: 0, 3, "SUM(1:1)"),
        Case("SUM($1:$2)", by: 1, 0, "SUM($1:$2)"),
    ])
    func movesWholeColumnAndWholeRowRanges(_ c: Case) {
        #expect(FormulaShifter.shift(c.formula, rows: c.rows, columns: c.columns) == c.expected)
    }

    @Test(arguments: ["a1*2", "SUM(a1:b2)", "A1", "$A$1", "'x'!A1", "\"unterminated", "", "A1:XFD1048576"])
    func returnsTheFormulaUnchangedWhenNotMoved(_ formula: String) {
        #expect(FormulaShifter.shift(formula, rows: 0, columns: 0) == formula)
    }

    @Test func keepsAnUnterminatedLiteralAsWritten() {
        #expect(FormulaShifter.shift("A1&\"B2", rows: 1, columns: 0) == "A2&\"B2")
        #expect(FormulaShifter.shift("'Sheet1!A1", rows: 1, columns: 0) == "'Sheet1!A1")
    }
}
