// Font name → encoding (reference §7.1). The font is the only strong signal for legacy text in a workbook:
//   `.Vn*` (ABC fonts: `.VnTime`, `.VnArial Narrow`)        → TCVN3; a family ending in `H` (`.VnTimeH`, `.VnTimeh`,
//                                                            `.VnArial NarrowH`) is a capital font
//   `VNI-*`, `VNI *` (`VNI-Times`, `VNI Couri`)              → VNI (no capital fonts)
//   `VPS *` (`VPS Times`, `VPS Times Hoa`, `VPS Long An (Hoa)`) → VPS; `Hoa` marks a capital font
//   `VI *` (`VI Times`, `VI Times H`, `VI Arial`) and the VISCII "1.1" families (`Heo May 1.1`, `HoangYenH 1.1`,
//   `MinhQuân 1.1`, `PhuongThao 1.1`, `ThaHuong 1.1`, `UHoài 1.1`, `ÁnhMinh 1.1`) → VISCII; `H`/`Hoa` = capital
// A PDF subset tag (`ABCDEF+`) and style words (`Bold`, `Italic`, …) are ignored. Prefix rules, not closed lists:
// the ABC and VNI packages hold many more faces than any list.

extension VietText {
    /// The legacy encoding a font name implies, and whether it is a capital font.
    ///
    /// - Parameter forFontName: a font name as stored in a workbook (`<name val>`, `<rFont val>`, BIFF FONT).
    /// - Returns: the encoding and `upperCase: true` for capital fonts, or `nil` for Unicode and unknown fonts.
    ///
    /// ```swift
    /// VietText.encoding(forFontName: ".VnTimeH")    // (.tcvn3, upperCase: true)
    /// VietText.encoding(forFontName: "VNI-Times")   // (.vni, upperCase: false)
    /// VietText.encoding(forFontName: "Arial")       // nil
    /// ```
    public static func encoding(forFontName: String) -> (encoding: LegacyEncoding, upperCase: Bool)? {
        var name = Substring(forFontName).trimmingSpaces
        if let plus = name.firstIndex(of: "+"), name.distance(from: name.startIndex, to: plus) == 6,
            name[..<plus].allSatisfy({ $0.isASCII && $0.isUppercase })
        {
            name = name[name.index(after: plus)...]
        }
        var words = name.split(separator: " ").map(String.init)
        while let last = words.last, words.count > 1, styleWords.contains(last.lowercased()) { words.removeLast() }
        guard let first = words.first else { return nil }
        let upper = first.uppercased()
        let lastWord = words.last!

        if upper.hasPrefix(".VN") && !upper.hasPrefix(".VNI") {
            return (.tcvn3, lastWord.count > 1 && lastWord.last.map { $0 == "H" || $0 == "h" } == true)
        }
        if upper.hasPrefix("VNI-") || upper == "VNI" || (upper.hasPrefix("VNI") && words.count == 1) {
            return (.vni, false)
        }
        if upper == "VPS" && words.count > 1 {
            return (.vps, words.dropFirst().contains { $0 == "Hoa" || $0 == "(Hoa)" })
        }
        if upper == "VI" && words.count > 1 {
            return (.viscii, lastWord == "H" || lastWord == "Hoa")
        }
        if lastWord == "1.1" && words.count > 1 {
            var family = words.dropLast().joined(separator: " ")
            var capital = false
            if family.hasSuffix(" Hoa") {
                family.removeLast(4)
                capital = true
            } else if family.hasSuffix("H"), visciiFamilies.contains(String(family.dropLast())) {
                family.removeLast()
                capital = true
            }
            if visciiFamilies.contains(family) { return (.viscii, capital) }
        }
        return nil
    }

    private static let styleWords: Set<String> = [
        "bold", "italic", "normal", "regular", "oblique", "bolditalic", "bold-italic", "light", "medium",
    ]

    /// VISCII font families of the "1.1" series (reference §7.1, from a Java converter's font list).
    private static let visciiFamilies: Set<String> = [
        "Heo May", "HoangYen", "MinhQuân", "PhuongThao", "ThaHuong", "UHoài", "ÁnhMinh",
    ]
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var result = self
        while result.first?.isWhitespace == true { result.removeFirst() }
        while result.last?.isWhitespace == true { result.removeLast() }
        return result
    }
}
