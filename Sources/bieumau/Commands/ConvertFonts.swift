// A legacy Vietnamese font's Unicode counterpart (issue 7, `--fix-fonts`): once the text is Unicode, the `.VnTime`
// glyph tables would show it wrongly, so the font becomes the Unicode face it imitated.
//
//   .VnTime, .VnTimeH, VNI-Times, VPS Times, VI Times   → Times New Roman
//   .VnArial, VNI-Helve, VNI-Univer                     → Arial        (.VnArial Narrow → Arial Narrow)
//   .VnCourier, VNI-Couri                               → Courier New
//   any other legacy face                               → Times New Roman (the usual face of official forms)
import VietText

/// Unicode counterparts of legacy fonts.
enum ConvertFonts {
    /// The Unicode font to use instead of a legacy one, `nil` for a font that is not legacy.
    /// - Parameter name: a font name as stored in a workbook.
    ///
    /// ```swift
    /// ConvertFonts.unicodeCounterpart(of: ".VnTimeH")   // "Times New Roman"
    /// ConvertFonts.unicodeCounterpart(of: "Arial")      // nil
    /// ```
    static func unicodeCounterpart(of name: String) -> String? {
        if let known = counterparts[name] { return known }
        let found = counterpart(of: name)
        if counterparts.count < 4096 { counterparts[name] = .some(found) }
        return found
    }

    /// The legacy encoding a font name implies (`VietText.encoding(forFontName:)`), remembered per name.
    static func legacyEncoding(of name: String) -> (encoding: LegacyEncoding, upperCase: Bool)? {
        if let known = encodings[name] { return known }
        let found = VietText.encoding(forFontName: name)
        if encodings.count < 4096 { encodings[name] = .some(found) }
        return found
    }

    // A worker converts file after file with the same few fonts; each process has one converting thread.
    nonisolated(unsafe) private static var counterparts: [String: String?] = [:]
    nonisolated(unsafe) private static var encodings: [String: (encoding: LegacyEncoding, upperCase: Bool)?] = [:]

    private static func counterpart(of name: String) -> String? {
        guard legacyEncoding(of: name) != nil else { return nil }
        let family = name.lowercased()
        if family.contains("arial") || family.contains("helve") || family.contains("univer") {
            if family.contains("narrow") { return "Arial Narrow" }
            if family.contains("black") { return "Arial Black" }
            return "Arial"
        }
        if family.contains("cour") { return "Courier New" }
        if family.contains("tahoma") { return "Tahoma" }
        if family.contains("verdana") { return "Verdana" }
        if family.contains("book") { return "Bookman Old Style" }
        if family.contains("avant") || family.contains("gothic") { return "Century Gothic" }
        return "Times New Roman"
    }

    /// How a record names the legacy encoding a font betrays: `TCVN3 (.VnTime)`.
    static func label(encoding: LegacyEncoding, font: String) -> String {
        encoding.rawValue.uppercased() + " (" + font + ")"
    }
}
