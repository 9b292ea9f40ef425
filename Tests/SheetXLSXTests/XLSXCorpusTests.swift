import Foundation
import SheetCore
import SheetTestSupport
import SheetZip
import Testing

@testable import SheetXLSX

/// Workbooks saved by Excel itself (`../shared/corpora/excel-made/`): every one opens and every sheet reads.
@Suite("XLSX reader on the corpus of Excel-made workbooks", .enabled(if: TestPaths.sharedCorpora != nil))
struct XLSXCorpusTests {
    static let folder = TestPaths.sharedCorpora?.appendingPathComponent("excel-made")

    /// The corpus's `.xlsx` and `.xlsm` files, by name; empty when the corpus is absent.
    static let files: [String] = {
        guard let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            return []
        }
        return names.filter { $0.hasSuffix(".xlsx") || $0.hasSuffix(".xlsm") }.sorted()
    }()

    @Test func corpusHoldsWorkbooks() {
        #expect(Self.files.count > 100, "only \(Self.files.count) workbooks found in \(Self.folder?.path ?? "-")")
    }

    @Test(arguments: files)
    func opensAndReadsEverySheet(_ name: String) throws {
        let path = try #require(Self.folder).appendingPathComponent(name).path
        let reader = try XLSXReader(path: path)
        #expect(!reader.sheets.isEmpty)
        for sheet in reader.sheets {
            let whole = try reader.worksheet(at: sheet.index)
            #expect(whole.name == sheet.name)
        }
    }

    @Test(arguments: files)
    func streamingGivesTheSameCellsAsTheWholeSheet(_ name: String) throws {
        let path = try #require(Self.folder).appendingPathComponent(name).path
        // Two readers, so the streamed rows do not share any state with the materialised ones.
        let wholeReader = try XLSXReader(path: path)
        let streamReader = try XLSXReader(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(streamReader.sheets == wholeReader.sheets)
        for sheet in wholeReader.sheets {
            let whole = try wholeReader.worksheet(at: sheet.index)
            let rows = try streamReader.rows(ofSheet: sheet.index)
            var streamed: [Row] = []
            while let row = try rows.next() { streamed.append(row) }
            #expect(try rows.next() == nil)
            #expect(streamed.map(\.index) == whole.rows.map(\.index), "sheet \(sheet.name)")
            #expect(streamed.map(\.isHidden) == whole.rows.map(\.isHidden), "sheet \(sheet.name)")
            for (one, other) in zip(streamed, whole.rows) where one.cells != other.cells {
                Issue.record("sheet \(sheet.name) row \(one.index + 1) differs")
            }
            #expect(rows.mergedRanges == whole.mergedRanges, "sheet \(sheet.name)")
            #expect(rows.declaredDimension == whole.declaredDimension, "sheet \(sheet.name)")
            #expect(rows.columns == whole.columns, "sheet \(sheet.name)")
            // Each row's cells come sorted by column, each row after the last.
            for row in streamed
            where zip(row.cells, row.cells.dropFirst()).contains(where: {
                $0.address.column >= $1.address.column || $0.address.row != row.index
            }) {
                Issue.record("sheet \(sheet.name) row \(row.index + 1): cells out of order or in the wrong row")
            }
            #expect(zip(streamed, streamed.dropFirst()).allSatisfy { $0.index < $1.index }, "sheet \(sheet.name)")
        }
    }
}

/// Damaged copies of a good workbook must be read or refused with an `XLSXError`: never a trap, never a hang.
/// The test finishing is the proof; the seed in each failure message reproduces it.
@Suite("XLSX reader on seeded random damage")
struct XLSXFuzzTests {
    static let fixture = TestPaths.xlsxFixtures.appendingPathComponent("everything.xlsx")

    /// Opens `bytes` and reads every sheet whole and streamed; returns how far it got.
    @discardableResult
    static func readEverything(_ bytes: [UInt8]) -> Outcome {
        let reader: XLSXReader
        do {
            reader = try XLSXReader(bytes: bytes)
        } catch {
            #expect(!error.description.isEmpty)
            return .refusedToOpen
        }
        var outcome = Outcome.readAll
        for sheet in reader.sheets {
            do {
                let whole = try reader.worksheet(at: sheet.index)
                _ = whole.usedRange
                for row in whole.rows { for cell in row.cells { _ = cell.value.canonicalText } }
            } catch {
                #expect(!error.description.isEmpty)
                outcome = .refusedASheet
            }
        }
        return outcome
    }

    enum Outcome { case refusedToOpen, refusedASheet, readAll }

    @Test func fixtureReadsUndamaged() throws {
        #expect(Self.readEverything(Array(try Data(contentsOf: Self.fixture))) == .readAll)
    }

    /// Damage to the ZIP file as stored: mostly caught by the container (CRC, sizes, deflate).
    @Test func survivesRandomDamageToTheFile() throws {
        let original = Array(try Data(contentsOf: Self.fixture))
        var generator = SplitMix64(seed: 0xB1E0_4A01)
        var outcomes: [Outcome: Int] = [:]
        for _ in 0..<3_000 {
            let damaged = Mutator.mutate(original, using: &generator)
            outcomes[Self.readEverything(damaged), default: 0] += 1
        }
        #expect(outcomes.values.reduce(0, +) == 3_000)
    }

    /// Damage to the XML inside, repacked with valid CRCs, so it reaches the XML and worksheet readers.
    @Test func survivesRandomDamageToThePartsInside() throws {
        let archive = try ZipArchive(path: Self.fixture.path)
        let parts = try archive.entries.map { entry in (entry.name, try archive.contents(of: entry)) }
        var generator = SplitMix64(seed: 0xB1E0_4A02)
        var outcomes: [Outcome: Int] = [:]
        for _ in 0..<3_000 {
            var damaged = parts
            let victims = Int.random(in: 1...2, using: &generator)
            for _ in 0..<victims {
                let index = Int.random(in: 0..<damaged.count, using: &generator)
                damaged[index].1 = Mutator.mutate(damaged[index].1, using: &generator)
            }
            outcomes[Self.readEverything(StoredZip.make(damaged)), default: 0] += 1
        }
        #expect(outcomes.values.reduce(0, +) == 3_000)
        // Some damage must get past the container, or this test proves nothing about the parsers.
        #expect(outcomes[.readAll, default: 0] + outcomes[.refusedASheet, default: 0] > 300, "\(outcomes)")
    }

    @Test func repackedFixtureReadsAsTheOriginal() throws {
        let archive = try ZipArchive(path: Self.fixture.path)
        let parts = try archive.entries.map { entry in (entry.name, try archive.contents(of: entry)) }
        let original = try XLSXReader(path: Self.fixture.path).workbook()
        let repacked = try XLSXReader(bytes: StoredZip.make(parts)).workbook()
        #expect(WorkbookRendering.render(repacked) == WorkbookRendering.render(original))
    }
}

/// Byte-level damage: flips, insertions, deletions, truncation, duplicated and overwritten runs.
enum Mutator {
    /// Bytes that matter to XML and to ZIP headers, more likely to reach interesting paths than random ones.
    static let interesting: [UInt8] =
        Array("<>/\"'=&;#x0123456789-.eE:_ rsvtcfnb".utf8) + [0x00, 0x0A, 0x0D, 0x80, 0xC3, 0xFF]

    static func mutate(_ input: [UInt8], using generator: inout SplitMix64) -> [UInt8] {
        var bytes = input
        let edits = Int.random(in: 1...4, using: &generator)
        for _ in 0..<edits {
            guard !bytes.isEmpty else {
                bytes.append(interesting.randomElement(using: &generator)!)
                continue
            }
            let position = Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<7, using: &generator) {
            case 0:
                bytes[position] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
            case 1:
                bytes[position] = UInt8.random(in: 0...255, using: &generator)
            case 2:
                bytes.insert(interesting.randomElement(using: &generator)!, at: position)
            case 3:
                bytes.remove(at: position)
            case 4:
                bytes.removeSubrange(position...)
            case 5:
                let end = min(bytes.count, position + Int.random(in: 1...64, using: &generator))
                bytes.insert(contentsOf: bytes[position..<end], at: Int.random(in: 0...bytes.count, using: &generator))
            default:
                let end = min(bytes.count, position + Int.random(in: 1...16, using: &generator))
                for index in position..<end { bytes[index] = interesting.randomElement(using: &generator)! }
            }
        }
        return bytes
    }
}

/// A minimal ZIP writer (stored entries only, APPNOTE 4.3), for repacking damaged parts with correct CRCs.
enum StoredZip {
    static func make(_ entries: [(String, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for (name, data) in entries {
            let nameBytes = Array(name.utf8)
            let offset = UInt32(out.count)
            let crc = crc32(data)
            out += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
            out += le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count))
            out += le16(UInt16(nameBytes.count)) + le16(0) + nameBytes + data
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
            central += le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count))
            central += le16(UInt16(nameBytes.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset)
            central += nameBytes
        }
        let centralOffset = UInt32(out.count)
        out += central
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        out += le32(UInt32(central.count)) + le32(centralOffset) + le16(0)
        return out
    }

    private static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private static func le32(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }

    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
