/// What a cell holds, in one model shared by every file format.
///
/// A formula's result is a `CellValue` too: ``Cell/formula`` keeps the formula text beside it.
///
/// ```swift
/// let value = CellValue.number(1234.5)
/// value.isEmpty   // false
/// ```
public enum CellValue: Hashable, Sendable {
    case empty
    /// An IEEE double, as spreadsheets store numbers. Exact decimal work happens higher up, from the raw text.
    case number(Double)
    case string(String)
    /// Text with formatting runs; each run keeps its font name (a `.VnTime` run means TCVN3 bytes).
    case richText(RichText)
    case boolean(Bool)
    case error(CellError)
    /// A number shown as a date, time or duration by its number format.
    case dateTime(ExcelDateTime)

    public var isEmpty: Bool {
        if case .empty = self { return true }
        return false
    }

    /// The text of a string or rich-text value; `nil` for other values.
    public var text: String? {
        switch self {
        case .string(let text): return text
        case .richText(let rich): return rich.text
        default: return nil
        }
    }
}

/// Text made of runs, each with its own font (ECMA-376 Part 1, §18.4.4 `r`, §18.4.7 `rPr`).
public struct RichText: Hashable, Sendable {
    public var runs: [TextRun]

    public init(runs: [TextRun]) { self.runs = runs }

    /// The runs' text joined.
    public var text: String { runs.map(\.text).joined() }
}

/// One run of rich text.
///
/// ```swift
/// TextRun(text: "Ia §al", fontName: ".VnTime", size: 12, isBold: true)
/// ```
public struct TextRun: Hashable, Sendable {
    public var text: String
    /// The run's font (`rFont`), `nil` when the run inherits the cell's font.
    public var fontName: String?
    /// The run's size in points (`sz`), `nil` when the run does not state it.
    public var size: Double?
    /// Whether the run is bold (`b`), `nil` when the run does not state it.
    public var isBold: Bool?
    /// Whether the run is italic (`i`), `nil` when the run does not state it.
    public var isItalic: Bool?

    /// A run of text.
    /// - Parameters:
    ///   - text: The run's text.
    ///   - fontName: Its font, `nil` for the cell's.
    ///   - size: Its size in points, `nil` when not stated.
    ///   - isBold: Bold, `nil` when not stated.
    ///   - isItalic: Italic, `nil` when not stated.
    public init(
        text: String, fontName: String? = nil, size: Double? = nil, isBold: Bool? = nil, isItalic: Bool? = nil
    ) {
        self.text = text
        self.fontName = fontName
        self.size = size
        self.isBold = isBold
        self.isItalic = isItalic
    }
}

/// A spreadsheet error value (ECMA-376 Part 1, §18.18.28 ST_CellType `e`).
public enum CellError: String, CaseIterable, Hashable, Sendable {
    case null = "#NULL!"
    case divisionByZero = "#DIV/0!"
    case value = "#VALUE!"
    case reference = "#REF!"
    case name = "#NAME?"
    case number = "#NUM!"
    case notAvailable = "#N/A"
    case gettingData = "#GETTING_DATA"
    case spill = "#SPILL!"
    case calc = "#CALC!"
    case field = "#FIELD!"
    case blocked = "#BLOCKED!"
    case connect = "#CONNECT!"
    case unknown = "#UNKNOWN!"
    case busy = "#BUSY!"
    case python = "#PYTHON!"

    /// The error for its text; `nil` for text that is not an error Excel writes.
    public init?(text: some StringProtocol) {
        self.init(rawValue: String(text))
    }

    /// The text Excel shows, `#DIV/0!`.
    public var text: String { rawValue }
}
