/// The part of a workbook's styles that reading needs: number formats and fonts per cell format.
public struct Styles: Hashable, Sendable {
    /// Custom number formats by id; built-in ids resolve through ``NumberFormat/builtin(id:)``.
    public var customNumberFormats: [Int: NumberFormat]
    public var fonts: [Font]
    /// Cell formats (`cellXfs`), indexed by a cell's style index.
    public var cellFormats: [CellFormat]

    public init(customNumberFormats: [Int: NumberFormat] = [:], fonts: [Font] = [], cellFormats: [CellFormat] = []) {
        self.customNumberFormats = customNumberFormats
        self.fonts = fonts
        self.cellFormats = cellFormats
    }

    /// The number format of a cell format; General when the index or id is unknown.
    public func numberFormat(forStyle index: Int) -> NumberFormat {
        guard index >= 0, index < cellFormats.count else { return .general }
        let id = cellFormats[index].numberFormatID
        return customNumberFormats[id] ?? NumberFormat.builtin(id: id) ?? .general
    }

    /// The font of a cell format, `nil` when the file does not say.
    public func font(forStyle index: Int) -> Font? {
        guard index >= 0, index < cellFormats.count else { return nil }
        let fontIndex = cellFormats[index].fontIndex
        guard fontIndex >= 0, fontIndex < fonts.count else { return nil }
        return fonts[fontIndex]
    }
}

/// One cell format (`xf` in `cellXfs`, ECMA-376 Part 1, §18.8.45).
public struct CellFormat: Hashable, Sendable {
    public var numberFormatID: Int
    public var fontIndex: Int

    public init(numberFormatID: Int, fontIndex: Int) {
        self.numberFormatID = numberFormatID
        self.fontIndex = fontIndex
    }
}

/// A font as far as reading needs it: the name tells legacy Vietnamese encodings apart (`.VnTime` → TCVN3).
public struct Font: Hashable, Sendable {
    public var name: String?
    public var size: Double?
    public var isBold: Bool
    public var isItalic: Bool

    public init(name: String?, size: Double? = nil, isBold: Bool = false, isItalic: Bool = false) {
        self.name = name
        self.size = size
        self.isBold = isBold
        self.isItalic = isItalic
    }
}
