import Foundation
import SheetCore
import SheetTestSupport
import Testing

@testable import Forms

@Suite struct DetectionTests {
    static let detector = FormDetector(definitions: TestSheets.allDefinitions)

    /// The ways a real file differs from the template that detection must see through (issue 5, point 3).
    enum Tolerance: String, CaseIterable, CustomTestStringConvertible {
        case asExported
        case lowerCase
        case upperCase
        case decomposedNFD
        case extraSpacesAndLineBreaks
        case titleOnFirstRow
        case titleFewRowsDown
        case otherSheetName
        case blankRowsAbove
        case blankRowsInsideHeading
        case blankColumnsLeftAndInside
        case allAtOnce

        var testDescription: String { rawValue }

        var sheet: Worksheet {
            switch self {
            case .asExported: TestSheets.bc01()
            case .lowerCase: TestSheets.bc01 { $0.lowercased() }
            case .upperCase: TestSheets.bc01 { $0.uppercased() }
            case .decomposedNFD: TestSheets.bc01(transform: TestSheets.nfd)
            case .extraSpacesAndLineBreaks:
                TestSheets.bc01 { $0.replacingOccurrences(of: " ", with: "  \n ").appending("\u{A0}") }
            case .titleOnFirstRow: TestSheets.bc01(titleRow: 0)
            case .titleFewRowsDown: TestSheets.bc01(titleRow: 5)
            case .otherSheetName: TestSheets.bc01(name: "Sheet1")
            case .blankRowsAbove: TestSheets.bc01(rowOffset: 25)
            case .blankRowsInsideHeading: TestSheets.bc01(blankRowsAfter: [0: 4, 2: 3, 5: 2])
            case .blankColumnsLeftAndInside: TestSheets.bc01(columnOffset: 3, blankColumnsAfter: 1)
            case .allAtOnce:
                TestSheets.bc01(
                    name: "Sheet3", titleRow: 4, rowOffset: 7, columnOffset: 2, blankRowsAfter: [1: 2],
                    blankColumnsAfter: 3
                ) { TestSheets.nfd($0.uppercased().replacingOccurrences(of: " ", with: "\n")) }
            }
        }
    }

    @Test(arguments: Tolerance.allCases)
    func report1IsRecognisedDespite(_ tolerance: Tolerance) throws {
        let sheet = tolerance.sheet
        let detection = Self.detector.detect(sheet)
        #expect(detection.form?.id == "tt07-bc01", "\(detection.explanation(in: .en))")
        #expect(detection.best?.isMatch == true)
        #expect(detection.finding(file: "bc.xlsx") == nil)

        // The same figures come out, from the same relative cells.
        let instance = FormExtractor().extract(
            sheet, as: try #require(detection.form), styles: TestSheets.styles, document: TestSheets.document)
        #expect(instance.rows.map(\.code) == ["1", "1.1", "1.2", "1.3"])
        #expect(instance.rows.map { $0.number("households") } == [3782, 1250, 1282, 1250])
        #expect(instance.rows.first?.number("poor_rate") == DecimalNumber("7.93"))
        #expect(instance.rows.last?.number("middle_persons_rate") == DecimalNumber("3.19"))
        #expect(instance.unitCode == "618")
        #expect(instance.period == "2024")
        #expect(instance.findings.isEmpty, "\(instance.findings.map(\.message.en))")
    }

    @Test func eachFormOfTheSetIsToldApart() {
        let sheets: [(Worksheet, String)] = [
            (TestSheets.bc01(), "tt07-bc01"),
            (TestSheets.sheet(rows: TestSheets.bc02Rows()), "tt07-bc02"),
            (TestSheets.sheet(rows: TestSheets.fundsRows()), "tt10-kq-von"),
            (TestSheets.sheet(rows: TestSheets.listRows(), merged: TestSheets.listMerged), "tt07-ds-ngheo"),
        ]
        for (sheet, id) in sheets {
            let detection = Self.detector.detect(sheet)
            #expect(detection.form?.id == id)
            #expect(detection.alternatives.isEmpty)
        }
    }

    /// A sheet that matches nothing: the closest form and exactly what it lacks.
    struct Miss: Sendable, CustomTestStringConvertible {
        var name: String
        var rows: [[TestCell]]
        var closest: String
        var missingTitle: [String]
        var missingLabels: [String]
        var testDescription: String { name }
    }

    static let misses: [Miss] = [
        Miss(
            name: "household list without the head-of-household column",
            rows: [["DANH SÁCH CHI TIẾT HỘ NGHÈO NĂM 2024"], ["STT", "Mã hộ", "Tên", "Phân loại"]],
            closest: "tt07-ds-ngheo", missingTitle: [], missingLabels: ["Họ và tên chủ hộ"]),
        Miss(
            name: "report 1 with a shortened title",
            rows: Array(TestSheets.bc01Rows(title: "TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO NĂM 2024")),
            closest: "tt07-bc01", missingTitle: ["mức sống trung bình"], missingLabels: []),
        Miss(
            name: "title phrases split over two cells",
            rows: [["KẾT QUẢ PHÂN BỔ, GIẢI NGÂN VỐN"], ["CHƯƠNG TRÌNH GIẢM NGHÈO BỀN VỮNG"]]
                + Array(TestSheets.fundsRows().dropFirst()),
            closest: "tt10-kq-von", missingTitle: ["giảm nghèo bền vững"], missingLabels: []),
    ]

    @Test(arguments: misses)
    func unmatchedSheetNamesTheClosestFormAndWhy(_ miss: Miss) throws {
        let detection = Self.detector.detect(TestSheets.sheet("Sheet1", rows: miss.rows))
        #expect(detection.form == nil)
        let closest = try #require(detection.closest)
        #expect(closest.definition.id == miss.closest)
        #expect(closest.missingTitlePhrases == miss.missingTitle)
        #expect(closest.missingLabels == miss.missingLabels)
        let finding = try #require(detection.finding(file: "x.xlsx"))
        #expect(finding.rule == "structure/unknown-form")
        #expect(finding.severity == .warning)
        for phrase in miss.missingTitle + miss.missingLabels {
            #expect(finding.message.vi.contains(phrase))
            #expect(finding.message.en.contains(phrase))
        }
        #expect(finding.message.vi.contains(miss.closest))
    }

    @Test func aBlankSheetMatchesNothingAndSaysSo() {
        let detection = Self.detector.detect(Worksheet(name: "Trống"))
        #expect(detection.form == nil)
        #expect(detection.closest?.score == 0)
        #expect(detection.explanation(in: .en).hasPrefix("Trống: no form recognised"))
    }

    @Test func forcingAFormReadsTheSheetAsItAndWarnsWhatItLacks() throws {
        let sheet = TestSheets.sheet(rows: TestSheets.bc01Rows(title: "BÁO CÁO SỐ HỘ"))
        #expect(Self.detector.detect(sheet).form == nil)
        let forced = try #require(Self.detector.detect(sheet, forcing: "tt07-bc01"))
        #expect(forced.form?.id == "tt07-bc01")
        #expect(forced.isForced)
        let finding = try #require(forced.finding(file: "x.xlsx"))
        #expect(finding.rule == "structure/fingerprint-mismatch")
        #expect(Self.detector.detect(sheet, forcing: "no-such-form") == nil)
    }

    @Test func workbookReadingDetectsEachSheetAndForcingPicksTheClosest() throws {
        let workbook = Workbook(
            sheets: [
                TestSheets.sheet("Hướng dẫn", rows: [["Hướng dẫn điền biểu"]]),
                TestSheets.bc01(name: "B01"),
                TestSheets.sheet("B02", rows: TestSheets.bc02Rows()),
            ], styles: TestSheets.styles)
        let readings = FormExtractor().read(workbook, document: TestSheets.document, detector: Self.detector)
        #expect(readings.map { $0.detection.form?.id } == [nil, "tt07-bc01", "tt07-bc02"])
        #expect(readings.map { $0.instance?.rows.count } == [nil, 4, 6])

        let forced = FormExtractor().read(
            workbook, document: TestSheets.document, detector: Self.detector, forcing: "tt07-bc02")
        #expect(forced.map(\.sheetIndex) == [2])
        #expect(forced.first?.detection.isForced == true)
    }

    @Test func labelsFarBelowTheSearchRowsAreNotFound() {
        var definition = TestSheets.bc01Definition
        definition.fingerprint.searchRows = 2
        let detector = FormDetector(definitions: [definition])
        // Title on the second non-blank row: found; header labels more than 2 + 10 rows down: not.
        var rows = TestSheets.bc01Rows()
        rows.insert(contentsOf: Array(repeating: ["ghi chú"], count: 10), at: 3)
        let detection = detector.detect(TestSheets.sheet(rows: rows))
        #expect(detection.form == nil)
        #expect(detection.closest?.missingTitlePhrases == [])
        #expect(detection.closest?.missingLabels.isEmpty == false)
    }

    @Test func realMappingFilesRecogniseTheTestSheets() throws {
        let folder = TestPaths.repositoryRoot.appendingPathComponent("Mappings/forms").path
        let forms = try MappingLoader.loadForms(inFolder: folder)
        let detector = FormDetector(definitions: forms)
        #expect(detector.detect(TestSheets.bc01(transform: TestSheets.nfd)).form?.id == "tt07-bc01")
        let list = TestSheets.sheet(
            rows: TestSheets.listRows().map { row in
                row.map { cell in
                    if case .text("Phân loại") = cell { return TestCell.text("Phân loại hộ") }
                    return cell
                }
            }, merged: TestSheets.listMerged)
        #expect(detector.detect(list).form?.id == "tt07-ds-ngheo")
        let funds = TestSheets.sheet(rows: TestSheets.fundsRows())
        #expect(detector.detect(funds).form?.id == "tt10-kq-von")
    }
}

@Suite struct MatchTextTests {
    @Test(arguments: [
        ("TỔNG HỢP  KẾT QUẢ\nRÀ SOÁT", "tổng hợp kết quả rà soát"),
        ("  Số hộ\r\n nghèo\u{A0}", "số hộ nghèo"),
        ("ĐƠN VỊ", "đơn vị"),
        ("Ðơn vị", "đơn vị"),  // Icelandic eth from a legacy converter
        ("Vie\u{0323}\u{0302}t Nam", "việt nam"),  // NFD
        ("Hòa Bình", "hoà bình"),
        ("THỦY LỢI", "thuỷ lợi"),
        ("sức khỏe", "sức khoẻ"),
        ("hoàn thành", "hoàn thành"),  // closed syllable: one spelling only
        ("quý", "quý"),  // qu + y: the tone is on y in both spellings
        ("Số\u{200B}hộ", "sốhộ"),
        ("ABC  def", "abc def"),
        ("", ""),
    ])
    func normalises(_ raw: String, _ expected: String) {
        #expect(MatchText.normalize(raw) == expected)
    }

    @Test func containsAndPrefixCompareNormalisedBytes() {
        let cell = MatchText("Tổng hợp kết quả\nRÀ SOÁT hộ nghèo")
        #expect(cell.contains(MatchText("rà soát Hộ Nghèo")))
        #expect(cell.contains(MatchText("Ra soat")) == false)
        #expect(cell.hasPrefix(MatchText("TỔNG HỢP")))
        #expect(cell.hasPrefix(MatchText("hộ nghèo")) == false)
        #expect(cell.firstRange(of: MatchText("kết")) == 13..<18)  // "tổng hợp " is 13 bytes
    }

    /// A memo gives what normalising gives, for texts met again, long texts it does not keep, and after it starts
    /// afresh (more texts than it keeps).
    @Test func memoGivesWhatNormalisingGives() {
        let memo = MatchTextMemo()
        var generator = SplitMix64(seed: 0x4D_656D6F)
        for index in 0..<(MatchTextMemo.capacity * 2 + 500) {
            let text =
                index % 5 == 0
                ? String(repeating: "Số HỘ nghèo ", count: Int(generator.next() % 40))
                : "Thôn \(generator.next() % UInt64(MatchTextMemo.capacity * 3))"
            #expect(memo.text(text) == MatchText(text))
        }
    }

    /// The byte-by-byte shortcut gives what the scalar-by-scalar normalisation gives, whichever of them runs: texts
    /// drawn from letters, marks, spaces and punctuation that take every branch of either.
    @Test func byteShortcutAgreesWithScalars() {
        let pieces = [
            "a", "A", "o", "O", "u", "y", "Y", "e", "q", "Q", "1", ":", "(", "%", " ", "  ", "\n", "\t", "\r\n",
            "\u{A0}", "\u{2003}", "\u{3000}", "\u{200B}", "\u{AD}", "\u{FEFF}", "ò", "Ó", "õ", "ỏ", "Ọ", "ù", "Ú",
            "ũ", "ủ", "Ụ", "à", "É", "ỹ", "Ỳ", "Đ", "đ", "Ð", "ð", "Ơ", "ư", "Ă", "Â", "ê", "ô", "ộ", "Ố", "ệ", "Ẫ",
            "ŀ", "Ÿ", "Ǆ", "ß", "×", "÷", "\u{0301}", "\u{0323}", "\u{0302}", "–", "…", "€", "™", "Ω", "ﬁ", "ǅ",
            "\u{1D400}", "中", "Å", "Ω", "Ⱥ", "Ⱦ", "ẞ",
        ]
        var generator = SplitMix64(seed: 0x6269_6575_6D61_75)
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 9)
            let text = (0..<length).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            #expect(MatchText.normalizedBytes(text) == MatchText.normalizedScalars(text), "\(text.debugDescription)")
        }
    }
}

extension TestSheets {
    /// NFD (decomposed) text, as some Mac and UniKey "tổ hợp" input writes it.
    static func nfd(_ text: String) -> String { text.decomposedStringWithCanonicalMapping }
}
