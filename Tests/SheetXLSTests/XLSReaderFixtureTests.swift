import Foundation
import SheetCore
import SheetTestSupport
import Testing

@testable import SheetXLS

extension TestPaths {
    static let xlsFixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures/xls")
}

@Suite("XLS reader on xlwt-made fixtures")
struct XLSReaderFixtureTests {
    @Test func readsBaoCaoAsItsSnapshotSays() throws {
        let path = TestPaths.xlsFixtures.appendingPathComponent("bao-cao-xlwt.xls").path
        let workbook = try XLSReader(path: path).workbook()
        let snapshot = TestPaths.xlsFixtures.appendingPathComponent("bao-cao-xlwt.expected.txt")
        #expect(Snapshot.matches(WorkbookRendering.render(workbook), snapshot: snapshot))
    }

    @Test func readsVietnameseTextDatesAndFormulaCells() throws {
        let reader = try XLSReader(path: TestPaths.xlsFixtures.appendingPathComponent("bao-cao-xlwt.xls").path)
        #expect(reader.sheets.map(\.name) == ["Biểu 01", "Ẩn"])
        #expect(reader.sheets[1].visibility == .hidden)
        let sheet = try reader.worksheet(at: 0)
        #expect(sheet[CellAddress("A1")!]?.value == .string("Cộng hòa xã hội chủ nghĩa Việt Nam"))
        #expect(
            sheet[CellAddress("D3")!]?.value == .dateTime(ExcelDateTime(serial: 45657, system: .from1900, kind: .date)))
        #expect(sheet[CellAddress("B5")!]?.value == .number(1_234_567))
        #expect(sheet.mergedRanges == [CellRange("A1:D1")!])
        // xlwt writes no cached result for formulas: an empty string, as xlrd reports too.
        #expect(sheet[CellAddress("B6")!]?.value == .string(""))
        let vnTime = try #require(sheet[CellAddress("C7")!])
        #expect(reader.styles.font(forStyle: vnTime.styleIndex)?.name == ".VnTime")
    }

    @Test func readsSharedStringsSpreadOverManyContinueRecords() throws {
        let reader = try XLSReader(path: TestPaths.xlsFixtures.appendingPathComponent("many-strings-xlwt.xls").path)
        let sheet = try reader.worksheet(at: 0)
        #expect(sheet.rows.count == 600)
        for row in [0, 1, 97, 298, 451, 599] {
            let cells = sheet.rows[row].cells
            let number = String(row)
            let padded = String(repeating: "0", count: 4 - number.count) + number
            #expect(cells[0].value == .string("Hộ số \(padded) ở thôn Plei Ơi – huyện Ia Grai"))
            #expect(
                cells[1].value == .string("plain ascii text number \(row) " + String(repeating: "x", count: row % 37)))
            #expect(cells[2].value == .number(Double(row) * 1.25))
        }
    }

    @Test func rowsStreamInOrderAndMatchTheMaterialisedSheet() throws {
        let reader = try XLSReader(path: TestPaths.xlsFixtures.appendingPathComponent("bao-cao-xlwt.xls").path)
        let rows = try reader.rows(ofSheet: 0)
        var indexes: [Int] = []
        while let row = try rows.next() { indexes.append(row.index) }
        #expect(indexes == (try reader.worksheet(at: 0)).rows.map(\.index))
        #expect(indexes == indexes.sorted())
        #expect(throws: XLSError.self) { try reader.rows(ofSheet: 9) }
    }

    @Test(arguments: ["bao-cao-xlwt", "many-strings-xlwt"])
    func survivesRandomDamageToARealFile(name: String) throws {
        let path = TestPaths.xlsFixtures.appendingPathComponent("\(name).xls").path
        let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        var state: UInt64 = 0xD1B5_4A32_D192_ED03
        func random() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        var outcomes: [String: Int] = [:]
        let rounds = name == "bao-cao-xlwt" ? 1500 : 300
        for round in 0..<rounds {
            var bytes = original
            if round % 10 == 0 {
                bytes.removeLast(Int(random() % UInt64(bytes.count)))
            } else {
                for _ in 0..<(1 + random() % 6) {
                    bytes[Int(random() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random())
                }
            }
            do {
                let reader = try XLSReader(bytes: bytes)
                for sheet in reader.sheets { _ = try reader.worksheet(at: sheet.index) }
                outcomes["read", default: 0] += 1
            } catch {
                outcomes[error.code.description, default: 0] += 1
            }
        }
        #expect(outcomes.values.reduce(0, +) == rounds)
    }

    @Test func rejectsAnXLSXFileAsNotACompoundFile() throws {
        let xlsx = TestPaths.xlsxFixtures.appendingPathComponent("everything.xlsx").path
        do {
            _ = try XLSReader(path: xlsx)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .notCompoundFile)
            #expect(error.file == xlsx)
        }
    }

    @Test func reportsAMissingFile() {
        do {
            _ = try XLSReader(path: "/nonexistent/xa.xls")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .io)
        }
    }
}
