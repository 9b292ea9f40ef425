// Part names and relationship targets of the Open Packaging Conventions (ECMA-376 Part 2, §9.1 and §9.3).
//
//   _rels/.rels                         → xl/workbook.xml             (package relationships)
//   xl/_rels/workbook.xml.rels          → worksheets/sheet1.xml       (relative to xl/)
//                                       → /xl/sharedStrings.xml       (absolute)
//
// A part name is kept without its leading "/", as ZIP entries are named.

import SheetCore

enum PartName {
    /// The relationships part of a source part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
    static func relationships(of source: String) -> String {
        let (folder, file) = split(source)
        return folder.isEmpty ? "_rels/\(file).rels" : "\(folder)/_rels/\(file).rels"
    }

    /// Resolves a relationship target against the part that holds the relationship (§9.3.2 and RFC 3986 §5.2).
    ///
    /// - Parameters:
    ///   - target: the `Target` attribute, absolute (`/xl/a.xml`) or relative (`../a.xml`), maybe percent-encoded.
    ///   - source: the part the relationship belongs to; `""` for the package itself.
    static func resolve(_ target: String, from source: String) -> String {
        let decoded = percentDecoded(target)
        var segments: [Substring] = []
        if !decoded.hasPrefix("/") {
            segments = split(source).folder.split(separator: "/")
        }
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    private static func split(_ part: String) -> (folder: String, file: String) {
        guard let slash = part.lastIndex(of: "/") else { return ("", part) }
        return (String(part[..<slash]), String(part[part.index(after: slash)...]))
    }

    /// `%20` → space; invalid escapes are kept as written.
    private static func percentDecoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count,
                let high = ASCII.hexDigitValue(utf8[index + 1]), let low = ASCII.hexDigitValue(utf8[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
