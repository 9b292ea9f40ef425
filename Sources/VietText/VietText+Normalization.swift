import Foundation
import SheetCore

// NFD → NFC for Vietnamese. Text made of scalars below U+0300 and the precomposed Vietnamese letters
// (U+1EA0–U+1EF9), with the eight combining marks Vietnamese uses (U+0300 U+0301 U+0302 U+0303 U+0306 U+0309
// U+031B U+0323), is composed here with the Unicode composition pairs of those marks (generated from Unicode
// data): marks after a starter are put in canonical order (nặng U+0323, class 220, before the circumflex, class
// 230; horn U+031B is class 216) and composed unless blocked. Anything else goes to Foundation's
// `precomposedStringWithCanonicalMapping`.

extension VietText {
    /// Normalises text to NFC, fast for Vietnamese (decomposed Unicode, Windows-1258 output, UniKey "tổ hợp").
    ///
    /// - Parameter text: any text.
    /// - Returns: `text` in Unicode Normalization Form C.
    /// - Complexity: O(n) for Vietnamese text; text without combining marks is returned as it is.
    ///
    /// ```swift
    /// VietText.nfc("Vie\u{0323}\u{0302}t")   // "Việt", U+1EC7
    /// ```
    public static func nfc(_ text: String) -> String {
        if isStablyNFC(text) { return text }
        var hasMark = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x300 || (value >= 0x1EA0 && value <= 0x1EF9) || isStablePunctuation(value) { continue }
            if combiningClass[value] != nil {
                hasMark = true
                continue
            }
            return text.precomposedStringWithCanonicalMapping
        }
        guard hasMark else { return text }
        return composeVietnamese(text)
    }

    /// Whether `text` is NFC as it stands, read from its UTF-8 rather than as `String` scalars: every scalar below U+0300,
    /// in the Vietnamese block or stable punctuation (the test the loop of ``nfc(_:)`` makes, for the commonest
    /// texts).
    private static func isStablyNFC(_ text: String) -> Bool {
        text.withUTF8Bytes(isStablyNFC)
    }

    /// ``isStablyNFC(_:)-(String)`` of a text's UTF-8, for a caller already looking at its bytes: when it holds,
    /// ``nfc(_:)`` gives the text unchanged.
    public static func isStablyNFC(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            let (value, length) = UTF8Encoding.scalar(in: bytes, at: index)
            guard value < 0x300 || (value >= 0x1EA0 && value <= 0x1EF9) || isStablePunctuation(value) else {
                return false
            }
            index += length
        }
        return true
    }

    /// General punctuation, `€` and `™`: NFC by themselves and never composed with a mark.
    private static func isStablePunctuation(_ value: UInt32) -> Bool {
        (value >= 0x2010 && value <= 0x2027) || (value >= 0x2030 && value <= 0x203A) || value == 0x20AC
            || value == 0x2122
    }

    static let combiningClass: [UInt32: UInt8] = Dictionary(
        uniqueKeysWithValues: LegacyTables.combiningClass.map { ($0.mark, $0.ccc) })

    static let compositionMap: [UInt64: UInt32] = Dictionary(
        uniqueKeysWithValues: LegacyTables.compositions.map {
            (UInt64($0.starter) << 32 | UInt64($0.mark), $0.composite)
        })

    static let decompositionMap: [UInt32: (starter: UInt32, mark: UInt32)] = Dictionary(
        uniqueKeysWithValues: LegacyTables.compositions.map { ($0.composite, (starter: $0.starter, mark: $0.mark)) })

    private static func composeVietnamese(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var starter: UInt32? = nil
        var marks: [UInt32] = []

        func flush() {
            guard var current = starter, !marks.isEmpty else {
                if let starter { output.append(Unicode.Scalar(starter)!) }
                for mark in marks { output.append(Unicode.Scalar(mark)!) }
                marks.removeAll(keepingCapacity: true)
                return
            }
            // Decompose the starter fully (ê + nặng must become e + nặng + circumflex before composing to ệ).
            var leading: [UInt32] = []
            while let parts = decompositionMap[current] {
                current = parts.starter
                leading.insert(parts.mark, at: 0)
            }
            marks = leading + marks
            // Canonical order: stable sort by combining class.
            if marks.count > 1 {
                marks = marks.enumerated().sorted {
                    let (a, b) = (combiningClass[$0.element]!, combiningClass[$1.element]!)
                    return a != b ? a < b : $0.offset < $1.offset
                }.map(\.element)
            }
            var kept: [UInt32] = []
            var lastClass: UInt8 = 0
            for mark in marks {
                let ccc = combiningClass[mark]!
                let blocked = !kept.isEmpty && lastClass >= ccc
                if !blocked, let composite = compositionMap[UInt64(current) << 32 | UInt64(mark)] {
                    current = composite
                } else {
                    kept.append(mark)
                    lastClass = ccc
                }
            }
            output.append(Unicode.Scalar(current)!)
            for mark in kept { output.append(Unicode.Scalar(mark)!) }
            marks.removeAll(keepingCapacity: true)
            starter = nil
        }

        for scalar in text.unicodeScalars {
            if combiningClass[scalar.value] != nil {
                marks.append(scalar.value)
            } else {
                flush()
                starter = scalar.value
            }
        }
        flush()
        return String(output)
    }
}
