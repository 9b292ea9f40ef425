import Foundation
import SheetCore
import SheetTestSupport
import SheetXLSX
import Testing

@testable import Forms

/// Detection and extraction stay linear and cheap next to reading (issue 5: validating 1,000 commune files costs
/// at most 1,3 × reading them). The timing comparison runs when `BIEUMAU_SPEED=1` is set, best in release:
///
///     BIEUMAU_SPEED=1 swift test -c release --filter ExtractionSpeedTests
@Suite(.serialized) struct ExtractionSpeedTests {
    static let root = TestPaths.repositoryRoot

    static func listDefinition() throws -> FormDefinition {
        let forms = try MappingLoader.loadForms(inFolder: root.appendingPathComponent("Mappings/forms").path)
        return try #require(forms.first { $0.id == "tt07-ds-ngheo" })
    }

    /// A household list of `count` records laid out as `definition` says: title, heading, header row, records.
    static func listRows(_ definition: FormDefinition, count: Int) -> [[CellValue]] {
        var rows: [[CellValue]] = [
            [.string("DANH SÁCH CHI TIẾT HỘ NGHÈO NĂM 2023")],
            [.string("Đơn vị báo cáo: Xã Ia Đal")],
            [.string("Mã ĐVHC: 23535")],
            [.string("Kỳ báo cáo: Năm 2023")],
            definition.columns.map { .string($0.label.vi) },
        ]
        rows.reserveCapacity(count + 8)
        for index in 0..<count {
            rows.append(
                definition.columns.map { column -> CellValue in
                    switch column.type {
                    case .code: .string("23535\(100_000 + index)")
                    case .text: .string(column.key == "area" ? "Nông thôn" : "Rơ Châm Thị \(index % 97)")
                    case .money: index % 10 == 0 ? .string("1.\(100 + index % 800)") : .number(Double(900_000 + index))
                    default: .number(Double(index % 2))
                    }
                })
        }
        rows.append([])
        rows.append([.empty, .string("Người lập biểu")])
        return rows
    }

    static func worksheet(_ rows: [[CellValue]]) -> Worksheet {
        Worksheet(
            name: "DS hộ nghèo",
            rows: rows.enumerated().map { index, values in
                Row(
                    index: index,
                    cells: values.enumerated().compactMap { column, value in
                        value.isEmpty ? nil : Cell(address: CellAddress(row: index, column: column), value: value)
                    })
            })
    }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let duration = try clock.measure(body)
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    @Test func extractionTimeGrowsLinearlyWithRows() throws {
        let definition = try Self.listDefinition()
        let detector = FormDetector(definitions: [definition])
        let small = Self.worksheet(Self.listRows(definition, count: 2_000))
        let large = Self.worksheet(Self.listRows(definition, count: 8_000))
        func time(_ sheet: Worksheet) -> Double {
            (0..<3).map { _ in
                Self.seconds {
                    let detection = detector.detect(sheet)
                    let instance = FormExtractor().extract(
                        sheet, as: detection.form!, styles: Styles(), document: TestSheets.document)
                    precondition(instance.rows.count > 1_000)
                }
            }.min()!
        }
        let instance = FormExtractor().extract(
            large, as: definition, styles: Styles(), document: TestSheets.document)
        #expect(instance.rows.count == 8_000)
        #expect(instance.findings.count == 800)  // every tenth income is an ambiguous text
        let ratio = time(large) / time(small)
        #expect(ratio < 8, "4 × the rows took \(ratio) × the time")
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["BIEUMAU_SPEED"] != nil))
    func readingVersusDetectingAndExtracting() throws {
        // 1. A large list written to .xlsx, read back, then detected and extracted.
        let definition = try Self.listDefinition()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bieumau-speed-list.xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try XLSXWriter(path: path)
        let sheetWriter = try writer.addSheet("DS hộ nghèo")
        let rows = Self.listRows(definition, count: 50_000)
        for values in rows {
            try sheetWriter.writeRow(
                values.enumerated().compactMap {
                    $0.element.isEmpty ? nil : WriteCell(column: $0.offset, value: $0.element)
                })
        }
        try writer.close()
        let detector = FormDetector(
            definitions: try MappingLoader.loadForms(
                inFolder: Self.root.appendingPathComponent("Mappings/forms").path))
        var workbook: Workbook?
        let read = try (0..<3).map { _ in try Self.seconds { workbook = try XLSXReader(path: path).workbook() } }.min()!
        let extract = (0..<3).map { _ in
            Self.seconds {
                let readings = FormExtractor().read(workbook!, document: TestSheets.document, detector: detector)
                precondition(readings.first?.instance?.rows.count == 50_000)
            }
        }.min()!
        print(
            "SPEED list 50,000 records × \(definition.columns.count) columns: read \(read) s, detect+extract "
                + "\(extract) s, (read + extract) / read = \((read + extract) / read)")

        // 2. The commune sample workbooks, as a bulk validation reads them: many small files.
        let samples = ExtractionSampleTests.samplePaths().filter {
            !$0.contains("/") || $0.split(separator: "/").count == 2
        }
        let rounds = 50
        var workbooks: [Workbook] = []
        let readAll = try Self.seconds {
            for _ in 0..<rounds {
                for sample in samples { workbooks.append(try ExtractionSampleTests.workbook(sample)) }
            }
        }
        let extractAll = Self.seconds {
            for workbook in workbooks {
                _ = FormExtractor().read(workbook, document: TestSheets.document, detector: detector)
            }
        }
        print(
            "SPEED \(workbooks.count) sample workbooks: read \(readAll) s, detect+extract \(extractAll) s, "
                + "(read + extract) / read = \((readAll + extractAll) / readAll)")
    }
}
