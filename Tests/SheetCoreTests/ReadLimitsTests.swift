// BIEUMAU_LIMITS parsing (ReadLimits, LIMITS.md) and the streaming UTF-8 check the XML tokenizer relies on.
import SheetCore
import Testing

@Suite("Read limits and UTF-8 validation")
struct ReadLimitsTests {
    @Test func overridesParseSizesWithBinarySuffixes() {
        let parsed = ReadLimits.parse(
            "zip.maxEntrySize=2GiB, xml.maxDepth=512;csv.maxFieldSize=64K xlsx.maxCellsPerSheet=1_000")
        #expect(parsed.values["zip.maxEntrySize"] == 2 << 30)
        #expect(parsed.values["xml.maxDepth"] == 512)
        #expect(parsed.values["csv.maxFieldSize"] == 64 << 10)
        #expect(parsed.values["xlsx.maxCellsPerSheet"] == 1_000)
        #expect(parsed.problems.isEmpty)
    }

    @Test func unknownNamesAndBadValuesAreReportedNotApplied() {
        let parsed = ReadLimits.parse("zip.maxBombs=1,xml.maxDepth=deep,xml.maxAttributes=99999999999999999999G")
        #expect(parsed.values.isEmpty)
        #expect(parsed.problems.count == 3)
    }

    @Test func theHintNamesTheVariable() {
        #expect(ReadLimits.hint("xml.maxDepth") == "to raise it, set BIEUMAU_LIMITS=xml.maxDepth=N (LIMITS.md)")
        #expect(ReadLimits.names.contains("xls.maxSectorsVisited"))
    }

    static func firstInvalid(_ bytes: [UInt8], chunk: Int) -> Int? {
        var validator = UTF8Validator()
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            let found = bytes[start..<end].withUnsafeBytes { validator.firstInvalidByte(in: $0) }
            if let found { return start + found }
            start = end
        }
        return validator.isInsideSequence ? bytes.count : nil
    }

    @Test func validTextOfEveryLengthIsAccepted() {
        let text = Array("Cộng hòa xã hội chủ nghĩa Việt Nam — 𝔸 ∑ 1.234,5 ₫ ".utf8)
        for chunk in 1...9 { #expect(Self.firstInvalid(text, chunk: chunk) == nil) }
        #expect(Self.firstInvalid(text + text + text, chunk: 1 << 10) == nil)
    }

    @Test func theFirstBadByteIsFoundWhateverTheChunking() {
        let cases: [([UInt8], Int)] = [
            (Array("abcdefgh".utf8) + [0x80], 8),
            (Array("ab".utf8) + [0xC3, 0x41], 3),
            ([0xE0, 0x9F, 0x80], 1),
            ([0xED, 0xBF, 0xBF], 1),
            ([0xF0, 0x8F, 0xBF, 0xBF], 1),
            ([0xF4, 0x90, 0x80, 0x80], 1),
            ([0xC1, 0xBF], 0),
            (Array("0123456789abcdef".utf8) + [0xF5], 16),
            ([0xE1, 0xBB], 2),
        ]
        for (bytes, expected) in cases {
            for chunk in [1, 2, 3, 8, 64] {
                #expect(Self.firstInvalid(bytes, chunk: chunk) == expected, "\(bytes) in chunks of \(chunk)")
            }
        }
    }
}
