// Content detection (reference §7.2, §10 item 6), for text with no telling font (CSV files, plain cells):
//   1. valid UTF-8 → UTF-8 (confidence 1);
//   2. otherwise trial-decode the first 1 MiB as TCVN3, VNI, Windows-1258, VISCII and VPS, and score each decoding:
//      every word holding a non-ASCII letter either spells a Vietnamese syllable (onset + vowel cluster + coda,
//      one tone at most, no capital after a lower-case letter) or counts against; every non-ASCII symbol that is no common punctuation and every
//      control character counts against. Score = good / (good + bad), scaled by min(1, good / 4) so that a
//      name or a code (1–3 words) never gives strong evidence;
//   3. language guards on the decoded text (viparse's, from a 48-document corpus): more than 4 % of words longer
//      than 7 letters, or more than 5 % of words with f, j, w or z, halve the score (Spanish and German text
//      otherwise scores like Vietnamese under a VNI decoding);
//   4. ties go to the more common encoding: TCVN3, VNI, Windows-1258, VISCII, VPS. VIQR is pure ASCII and so
//      never reaches this step; VISCII and VPS share 90 byte values, so expect them to run close.

extension VietText {
    /// Guesses the encoding of Vietnamese text from its bytes.
    ///
    /// Valid UTF-8 wins outright; otherwise each legacy decoding is scored by how much of the decoded text spells
    /// Vietnamese syllables, with language guards (see the file comment in `VietText+Detection.swift`). Check
    /// ``Detection/isConfident`` before converting text that has no other evidence.
    ///
    /// - Parameter bytes: the text; only the first 1 MiB is scored.
    /// - Returns: the best encoding, its confidence and the runner-up.
    /// - Complexity: O(n) for the UTF-8 check, plus five decodings of at most 1 MiB.
    ///
    /// ```swift
    /// let bytes: [UInt8] = [0x43, 0xE9, 0x6E, 0x67, 0x20, 0x68, 0xDF, 0x61]   // "Céng hßa"
    /// bytes.withUnsafeBufferPointer { VietText.detect($0) }.encoding   // .legacy(.tcvn3)
    /// ```
    public static func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> Detection {
        if String(validating: bytes, as: UTF8.self) != nil {
            return Detection(encoding: .utf8, confidence: 1, runnerUp: nil, runnerUpConfidence: 0)
        }
        let sample = UnsafeBufferPointer(rebasing: bytes[..<min(bytes.count, 1 << 20)])
        let candidates: [LegacyEncoding] = [.tcvn3, .vni, .cp1258, .viscii, .vps]
        let scored = candidates.map { ($0, score(decode(sample, from: $0))) }
        let ranked = scored.enumerated().sorted {
            $0.element.1 != $1.element.1 ? $0.element.1 > $1.element.1 : $0.offset < $1.offset
        }.map(\.element)
        return Detection(
            encoding: .legacy(ranked[0].0), confidence: ranked[0].1,
            runnerUp: .legacy(ranked[1].0), runnerUpConfidence: ranked[1].1)
    }

    /// Scores decoded text as Vietnamese, 0...1.
    static func score(_ text: String) -> Double {
        var good = 0
        var bad = 0
        var words = 0
        var longWords = 0
        var foreignLetterWords = 0
        var word: [UInt32] = []

        func endWord() {
            guard !word.isEmpty else { return }
            words += 1
            if word.count > 7 { longWords += 1 }
            if word.contains(where: { [0x66, 0x6A, 0x77, 0x7A, 0x46, 0x4A, 0x57, 0x5A].contains($0) }) {
                foreignLetterWords += 1
            }
            if word.contains(where: { $0 > 0x7F }) {
                if VietSyllable.isSpellable(word) && !hasMixedCase(word) { good += 1 } else { bad += 1 }
            }
            word.removeAll(keepingCapacity: true)
        }

        for scalar in text.unicodeScalars {
            let value = scalar.value
            if scalar.properties.isAlphabetic {
                word.append(value)
                continue
            }
            endWord()
            if value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D { bad += 1 }
            if value > 0x7F && !neutralSymbols.contains(value) { bad += 1 }
        }
        endWord()
        guard good + bad > 0 else { return 0 }
        var result = Double(good) / Double(good + bad) * min(1, Double(good) / 4)
        if words > 0 && (Double(longWords) > 0.04 * Double(words) || Double(foreignLetterWords) > 0.05 * Double(words))
        {
            result /= 2
        }
        return result
    }

    /// `ViỆt`: a capital after a lower-case letter, which wrong decodings give (VPS read as TCVN3 and so on).
    private static func hasMixedCase(_ word: [UInt32]) -> Bool {
        var sawLower = false
        for value in word {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if scalar.properties.isLowercase {
                sawLower = true
            } else if sawLower && scalar.properties.isUppercase {
                return true
            }
        }
        return false
    }

    /// Punctuation that is common in any encoding's text and says nothing about it.
    private static let neutralSymbols: Set<UInt32> = [
        0xA0, 0xB0, 0xA9, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x20AC,
    ]
}
