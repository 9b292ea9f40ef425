import Testing
import VietText

private func decode(_ bytes: [UInt8], _ encoding: LegacyEncoding, upperCase: Bool = false) -> String {
    bytes.withUnsafeBufferPointer { VietText.decode($0, from: encoding, upperCase: upperCase) }
}

private func scalars(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

@Suite("VietText decoding")
struct VietTextDecodingTests {
    @Test func tcvn3ByteADDecodesToUHornAndIsNotDroppedAsSoftHyphen() {
        #expect(scalars(decode([0xAE, 0xAD, 0x61], .tcvn3)) == scalars("đưa"))
        #expect(scalars(VietText.decode("\u{AE}\u{AD}a", from: .tcvn3)) == scalars("đưa"))
        let many = [UInt8](repeating: 0xAD, count: 1000)
        #expect(decode(many, .tcvn3).unicodeScalars.count == 1000)
    }

    @Test func vnTimeHUpperCasesOnlyVietnameseAndASCIILetters() {
        // 0xDF is TCVN3 ò, upper-cased to Ò; digits and punctuation stay as they are.
        let text = VietText.decode("céng hßa x· héi - 2024 ®­a", from: .tcvn3, upperCase: true)
        #expect(scalars(text) == scalars("CỘNG HÒA XÃ HỘI - 2024 ĐƯA"))
        #expect(scalars(VietText.decode("M« h×nh hãa vµ m« pháng", from: .tcvn3, upperCase: true))
            == scalars("MÔ HÌNH HÓA VÀ MÔ PHỎNG"))
    }

    @Test func upperCaseLeavesNonLetterPassthroughAlone() {
        // In VNI, 0xDF (ß) and 0xFF (ÿ) are no letters: they must not become "SS" or "Ÿ".
        #expect(scalars(decode([0x61, 0xDF, 0xFF], .vni, upperCase: true)) == scalars("A\u{DF}\u{FF}"))
    }

    @Test func workbookTextMapsCP1252CharactersBackToTheirByte() {
        // VISCII 0x80 = Ạ arrives from a workbook as U+20AC €; 0x9E = Ụ as U+017E ž.
        #expect(scalars(VietText.decode("\u{20AC}\u{17E}", from: .viscii)) == scalars("ẠỤ"))
    }

    @Test func workbookTextKeepsRealUnicodeAsItIs() {
        #expect(scalars(VietText.decode("Céng → Việt", from: .tcvn3)) == scalars("Cộng → Việt"))
    }

    @Test func tcvn3ReadsCP1252PunctuationAsTheVN1CapitalOfItsByte() {
        // The TCVN 5712 VN1 capitals sit where CP1252 has its punctuation: – is byte 0x96, VN1 Ọ. Documented
        // trade-off (VietText.swift): the golden vectors require the VN1 table.
        #expect(scalars(VietText.decode("\u{2013}", from: .tcvn3)) == ["\u{1ECC}"])
    }

    @Test func vniDecodesTwoBytesBeforeOne() {
        // 0xF4 is ơ alone and the base of ớ with 0xF9.
        #expect(scalars(VietText.decode("\u{F4}\u{F9} \u{F4}", from: .vni)) == scalars("ớ ơ"))
    }

    @Test func vniKeepsAnOrphanModifierAsItsLatin1Letter() {
        #expect(scalars(VietText.decode("Caf\u{E9}", from: .vni)) == scalars("Caf\u{E9}"))
    }

    @Test func viqrEscapesWithBackslashAndKeepsSentenceEndAfterATone() {
        #expect(scalars(VietText.decode("Vie^.t Nam", from: .viqr)) == scalars("Việt Nam"))
        #expect(scalars(VietText.decode("a\\'", from: .viqr)) == scalars("a'"))
        #expect(scalars(VietText.decode("to^i o+? ha` no^.i.", from: .viqr)) == scalars("tôi ở hà nội."))
        #expect(scalars(VietText.decode("dda^`u address", from: .viqr)) == scalars("đầu address"))
    }

    @Test func cp1258OutputIsNFC() {
        #expect(scalars(decode([0x56, 0x69, 0xEA, 0xF2, 0x74], .cp1258)) == scalars("Vi\u{1EC7}t"))
    }

    @Test func emptyInputDecodesToEmptyString() {
        for encoding in LegacyEncoding.allCases { #expect(decode([], encoding).isEmpty) }
    }
}

@Suite("VietText NFC")
struct VietTextNFCTests {
    @Test func composesDecomposedVietnameseInCanonicalOrder() {
        #expect(scalars(VietText.nfc("Vie\u{0323}\u{0302}t")) == ["V", "i", "\u{1EC7}", "t"])
        // Marks in non-canonical order (circumflex before dot below) compose the same.
        #expect(scalars(VietText.nfc("Vie\u{0302}\u{0323}t")) == ["V", "i", "\u{1EC7}", "t"])
        // UniKey "tổ hợp": precomposed shape letter + combining tone.
        #expect(scalars(VietText.nfc("\u{EA}\u{0323}")) == ["\u{1EC7}"])
        #expect(scalars(VietText.nfc("u\u{031B}\u{0300}")) == ["\u{1EEB}"])
    }

    @Test func leavesNFCTextAndForeignMarksCorrect() {
        #expect(scalars(VietText.nfc("Cộng hòa")) == scalars("Cộng hòa"))
        // A mark with no composite stays after its (composed) base.
        #expect(scalars(VietText.nfc("q\u{0301}")) == ["q", "\u{0301}"])
        // Other scripts go through Foundation.
        #expect(scalars(VietText.nfc("\u{1100}\u{1161} e\u{0301}")) == ["\u{AC00}", " ", "\u{E9}"])
    }
}

@Suite("VietText font names")
struct VietTextFontNameTests {
    @Test(arguments: [
        (".VnTime", LegacyEncoding.tcvn3, false), (".VnTimeH", .tcvn3, true), (".VnTimeh", .tcvn3, true),
        (".VnArial Narrow", .tcvn3, false), (".VnArial NarrowH", .tcvn3, true), (".VnTimeH Bold", .tcvn3, true),
        (".VNTime", .tcvn3, false), (".VnTeknical", .tcvn3, false), ("ABCDEF+.VnTimeH", .tcvn3, true),
        ("VNI-Times", .vni, false), ("VNI-Helve", .vni, false), ("VNI Couri", .vni, false),
        ("VPS Times", .vps, false), ("VPS Times Hoa", .vps, true), ("VPS Long An (Hoa)", .vps, true),
        ("VI Times", .viscii, false), ("VI Times H", .viscii, true), ("Heo May Hoa 1.1", .viscii, true),
        ("HoangYenH 1.1", .viscii, true), ("MinhQuân 1.1", .viscii, false),
    ])
    func fontNameImpliesEncoding(name: String, encoding: LegacyEncoding, upperCase: Bool) {
        let found = VietText.encoding(forFontName: name)
        #expect(found?.encoding == encoding)
        #expect(found?.upperCase == upperCase)
    }

    @Test(arguments: ["Times New Roman", "Arial", "Calibri", "", "VNI", ".VNI-Times", "Vietnam Sans"])
    func unicodeFontsImplyNothing(name: String) {
        if name == "VNI" { return }  // a bare "VNI" family counts as VNI
        #expect(VietText.encoding(forFontName: name) == nil)
    }
}

@Suite("VietText detection")
struct VietTextDetectionTests {
    private func detect(_ bytes: [UInt8]) -> Detection { bytes.withUnsafeBufferPointer { VietText.detect($0) } }
    private func latin1(_ text: String) -> [UInt8] { text.unicodeScalars.map { UInt8($0.value) } }

    @Test func validUTF8IsUTF8() {
        #expect(detect(Array("Cộng hòa xã hội chủ nghĩa Việt Nam".utf8)).encoding == .utf8)
        #expect(detect(Array("plain ascii".utf8)).encoding == .utf8)
    }

    @Test func tcvn3SentenceIsTCVN3() {
        let detection = detect(latin1("Céng hßa x· héi chñ nghÜa ViÖt Nam"))
        #expect(detection.encoding == .legacy(.tcvn3))
        #expect(detection.isConfident, "\(detection)")
    }

    @Test func vniSentenceIsVNI() {
        let detection = detect(latin1("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Ñoäc laäp - Töï do - Haïnh phuùc"))
        #expect(detection.encoding == .legacy(.vni))
        #expect(detection.isConfident, "\(detection)")
    }

    @Test func cp1258SentenceIsCP1258() {
        let bytes: [UInt8] = [
            0x43, 0xF4, 0xF2, 0x6E, 0x67, 0x20, 0x68, 0x6F, 0xCC, 0x61, 0x20, 0x78, 0x61, 0xDE, 0x20, 0x68, 0xF4, 0xF2,
            0x69, 0x20, 0x63, 0x68, 0x75, 0xD2, 0x20, 0x6E, 0x67, 0x68, 0x69, 0xDE, 0x61, 0x20, 0x56, 0x69, 0xEA, 0xF2,
            0x74, 0x20, 0x4E, 0x61, 0x6D,
        ]
        #expect(detect(bytes).encoding == .legacy(.cp1258))
    }

    @Test func visciiAndVPSSentencesAreThemselves() {
        // "Cộng hòa xã hội chủ nghĩa Việt Nam" in VISCII and in VPS (reference §9). VPS read as TCVN3 also spells
        // syllables, so VPS wins without a confident margin.
        let viscii = latin1("C\u{B5}ng h\u{F2}a x\u{E3} h\u{B5}i ch\u{FC} ngh\u{EE}a Vi\u{AE}t Nam")
        #expect(detect(viscii).encoding == .legacy(.viscii))
        #expect(detect(viscii).isConfident)
        let vps = latin1("C\u{B6}ng h\u{F2}a x\u{E3} h\u{B6}i ch\u{FB} ngh\u{EF}a Vi\u{8C}t Nam")
        #expect(detect(vps).encoding == .legacy(.vps))
    }

    @Test func tcvn3RegisterRowIsTCVN3() {
        let detection = detect(latin1("Hä vµ tªn,Th«n,Hé nghÌo,Thu nhËp b×nh qu©n\nNguyÔn V¨n An,Th«n 3,Cã,450000"))
        #expect(detection.encoding == .legacy(.tcvn3), "\(detection)")
    }

    @Test func germanLatin1TextIsNotConfidentVietnamese() {
        let detection = detect(latin1("Die Prüfung der Gemeindeberichte für das Jahr wurde abgeschlossen, Müller"))
        #expect(!detection.isConfident, "\(detection)")
    }

    @Test func aShortCellGivesNoStrongEvidence() {
        #expect(!detect(latin1("Hé")).isConfident)
    }
}
