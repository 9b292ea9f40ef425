// A Vietnamese written syllable: onset + vowel cluster + coda, with at most one tone mark. The check is loose on
// purpose (it does not pair clusters with codas): it only has to tell Vietnamese from the mojibake and the
// Western words that a wrong legacy decoding gives.

/// Checks whether a word spells a Vietnamese syllable.
enum VietSyllable {
    /// Lower-case base letter (tone removed, shape kept) and tone of each non-ASCII Vietnamese letter.
    static let letterInfo: [UInt32: (base: UInt32, tone: UInt8)] = Dictionary(
        uniqueKeysWithValues: LegacyTables.letters.map { ($0.scalar, (base: $0.base, tone: $0.tone)) })

    static let onsets: [String] = [
        "ngh", "ng", "nh", "gh", "gi", "kh", "ph", "th", "tr", "ch", "qu", "b", "c", "d", "đ", "g", "h", "k", "l", "m",
        "n", "p", "r", "s", "t", "v", "x", "",
    ]

    static let codas: [String] = ["ng", "nh", "ch", "c", "m", "n", "p", "t", ""]

    static let clusters: Set<String> = [
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
        "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo",
        "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê",
        "iêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu", "yêu", "uyê",
    ]

    /// `true` when `word` (Unicode scalars, any case) spells a Vietnamese syllable with at most one tone.
    static func isSpellable(_ word: [UInt32]) -> Bool {
        var base = ""
        var tones = 0
        for value in word {
            if value >= 0x41 && value <= 0x5A {
                base.unicodeScalars.append(Unicode.Scalar(value + 0x20)!)
            } else if value >= 0x61 && value <= 0x7A {
                base.unicodeScalars.append(Unicode.Scalar(value)!)
            } else if let info = letterInfo[value] {
                base.unicodeScalars.append(Unicode.Scalar(info.base)!)
                if info.tone != 0 { tones += 1 }
            } else {
                return false
            }
        }
        guard tones <= 1, base.count <= 7 else { return false }
        for onset in onsets where base.hasPrefix(onset) {
            let rest = base.dropFirst(onset.count)
            for coda in codas where rest.hasSuffix(coda) {
                let cluster = rest.dropLast(coda.count)
                if clusters.contains(String(cluster)) { return true }
                // "gi" and "qu" lend their vowel: "gì" = gi + (none), "gìn"
                if cluster.isEmpty && onset == "gi" { return true }
            }
        }
        return false
    }
}
