// One cell's markup (ECMA-376 Part 1, §18.3.1.4 `c`; cell types §18.18.11 ST_CellType):
//
//   number     <c r="B7" s="3"><v>1234.5</v></c>
//   string     <c r="A7" t="s"><v>12</v></c>                    shared-strings index
//              <c r="A7" t="inlineStr"><is><t>Ia Đal</t></is></c>  past the table's budget, or `.inline` storage
//   boolean    <c r="C7" t="b"><v>1</v></c>
//   error      <c r="D7" t="e"><v>#DIV/0!</v></c>
//   date       <c r="E7" s="5"><v>45658</v></c>                  a serial in the 1900 system, with a date format
//   formula    <c r="F7" s="4"><f>SUM(F2:F6)</f><v>987</v></c>   t="str" / "b" / "e" for a text, boolean or error result
//   blank      <c r="G7" s="2"/>                                 only when styled
import SheetCore
import SheetXML

extension SheetWriter {
    /// Most characters (UTF-16 code units) in a cell's text (Excel's specifications and limits).
    static let maxTextLength = 32_767
    /// Most characters in a formula.
    static let maxFormulaLength = 8_192

    /// Appends a cell's markup to the block; `false` when the cell writes nothing (an unstyled blank).
    ///
    /// - Complexity: O(length of the cell's text).
    func appendCell(_ cell: WriteCell, row: Int) throws(XLSXError) -> Bool {
        var style = cell.style.index
        guard style >= 0, style < state.styles.formats.count else {
            throw unwritable("the style was not registered with this workbook", row, cell.column)
        }
        if let formula = cell.formula {
            return try appendFormulaCell(cell, formula: formula, style: style, row: row)
        }
        switch cell.value {
        case .empty:
            guard style != 0 else { return false }
            openCell(cell.column, style: style)
            block.append("/>")
        case .number(let number):
            guard number.isFinite else {
                throw unwritable("\(number) is not a number Excel can store", row, cell.column)
            }
            openCell(cell.column, style: style)
            block.append("><v>")
            NumberText.append(number, to: block)
            block.append("</v></c>")
        case .string(let text):
            if text.isEmpty {
                guard style != 0 else { return false }
                openCell(cell.column, style: style)
                block.append("/>")
                return true
            }
            try checkLength(text, row, cell.column)
            if let strings = state.strings, let index = sharedIndex(text, in: strings) {
                openCell(cell.column, style: style)
                block.append(" t=\"s\"><v>")
                block.appendDecimal(index)
                block.append("</v></c>")
            } else {
                openCell(cell.column, style: style)
                block.append(" t=\"inlineStr\"><is>")
                appendTextElement(text)
                block.append("</is></c>")
            }
        case .richText(let rich):
            try checkLength(rich.text, row, cell.column)
            openCell(cell.column, style: style)
            block.append(" t=\"inlineStr\"><is>")
            for run in rich.runs where !run.text.isEmpty {
                block.append("<r>")
                appendRunProperties(run)
                appendTextElement(run.text)
                block.append("</r>")
            }
            block.append("</is></c>")
        case .boolean(let flag):
            openCell(cell.column, style: style)
            block.append(flag ? " t=\"b\"><v>1</v></c>" : " t=\"b\"><v>0</v></c>")
        case .error(let error):
            openCell(cell.column, style: style)
            block.append(" t=\"e\"><v>")
            block.append(contentsOf: error.text)
            block.append("</v></c>")
        case .dateTime(let date):
            let serial = try serial1900(date, row, cell.column)
            style = state.dateStyle(style, kind: date.kind)
            openCell(cell.column, style: style)
            block.append("><v>")
            NumberText.append(serial, to: block)
            block.append("</v></c>")
        }
        return true
    }

    /// A formula with its cached result.
    private func appendFormulaCell(_ cell: WriteCell, formula: String, style: Int, row: Int) throws(XLSXError) -> Bool {
        var text = Substring(formula)
        if text.first == "=" { text = text.dropFirst() }
        guard !text.isEmpty else { throw unwritable("the formula is empty", row, cell.column) }
        if text.utf8.count > Self.maxFormulaLength, text.utf16.count > Self.maxFormulaLength {
            throw unwritable("the formula is longer than Excel's \(Self.maxFormulaLength) characters", row, cell.column)
        }
        var style = style
        var type: StaticString = ""
        let cached = ByteBuffer(capacity: 32)
        switch cell.value {
        case .empty:
            break
        case .number(let number):
            guard number.isFinite else {
                throw unwritable("\(number) is not a number Excel can store", row, cell.column)
            }
            NumberText.append(number, to: cached)
        case .string(let string):
            try checkLength(string, row, cell.column)
            type = " t=\"str\""
            XMLEscaping.appendText(string, to: cached)
        case .richText(let rich):
            try checkLength(rich.text, row, cell.column)
            type = " t=\"str\""
            XMLEscaping.appendText(rich.text, to: cached)
        case .boolean(let flag):
            type = " t=\"b\""
            cached.append(flag ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        case .error(let error):
            type = " t=\"e\""
            cached.append(contentsOf: error.text)
        case .dateTime(let date):
            NumberText.append(try serial1900(date, row, cell.column), to: cached)
            style = state.dateStyle(style, kind: date.kind)
        }
        openCell(cell.column, style: style)
        block.append(type)
        block.append("><f>")
        // A formula is plain XML text (Excel writes no `_xHHHH_` escapes in `<f>`).
        XMLEscaping.appendText(String(text), to: block, forbidden: .remove)
        block.append("</f>")
        if case .empty = cell.value {
        } else {
            block.append("<v>")
            block.append(cached.bytes)
            block.append("</v>")
        }
        block.append("</c>")
        return true
    }

    /// `<c r="AB12"` and ` s="N"` when styled.
    @inline(__always)
    private func openCell(_ column: Int, style: Int) {
        block.append("<c r=\"")
        let a = UInt8(ascii: "A")
        if column < 26 {
            block.append(a + UInt8(column))
        } else if column < 702 {
            let c = column - 26
            block.append(a + UInt8(c / 26))
            block.append(a + UInt8(c % 26))
        } else {
            let c = column - 702
            block.append(a + UInt8(c / 676))
            block.append(a + UInt8(c / 26 % 26))
            block.append(a + UInt8(c % 26))
        }
        block.append(rowLabel.bytes)
        block.append(UInt8(ascii: "\""))
        if style != 0 {
            block.append(" s=\"")
            block.appendDecimal(style)
            block.append(UInt8(ascii: "\""))
        }
    }

    /// `<t>` with `xml:space="preserve"` when the text starts or ends with white space, which XML would drop.
    private func appendTextElement(_ text: String) {
        if XMLEscaping.needsSpacePreserve(text) {
            block.append("<t xml:space=\"preserve\">")
        } else {
            block.append("<t>")
        }
        XMLEscaping.appendText(text, to: block)
        block.append("</t>")
    }

    private func sharedIndex(_ text: String, in strings: SharedStringTable) -> Int? {
        return text.withUTF8Bytes { strings.index(of: $0) }
    }

    private func checkLength(_ text: String, _ row: Int, _ column: Int) throws(XLSXError) {
        if text.utf8.count > Self.maxTextLength, text.utf16.count > Self.maxTextLength {
            throw unwritable("the text is longer than Excel's \(Self.maxTextLength) characters in a cell", row, column)
        }
    }

    /// The value's serial in the 1900 date system, which the writer always uses.
    private func serial1900(_ date: ExcelDateTime, _ row: Int, _ column: Int) throws(XLSXError) -> Double {
        guard date.serial.isFinite else { throw unwritable("the date's serial is not a number", row, column) }
        switch date.system {
        case .from1900: return date.serial
        case .from1904: return date.serial + 1462
        }
    }

    private func unwritable(_ message: String, _ row: Int, _ column: Int) -> XLSXError {
        XLSXError(.unwritableValue, message, part: part, sheet: name, cell: CellAddress(row: row, column: column).a1)
    }
}
