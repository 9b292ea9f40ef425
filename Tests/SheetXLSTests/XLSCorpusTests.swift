import Foundation
import SheetCore
import SheetTestSupport
import Testing

@testable import SheetXLS

extension TestPaths {
    /// `XLS_CORPUS_DIR` when set, else `../shared/corpora/xls-samples` when present.
    static let xlsCorpus: URL? = {
        if let other = ProcessInfo.processInfo.environment["XLS_CORPUS_DIR"], !other.isEmpty {
            return URL(fileURLWithPath: other)
        }
        return TestPaths.sharedCorpora?.appendingPathComponent("xls-samples")
    }()
}

/// Every `.xls` of `../shared/corpora/xls-samples` opens or fails with an ``XLSError``; never traps.
///
/// With `XLS_DUMP_DIR` set, each file's cells are written there as TSV for `Tests/Conformance/compare_xlrd.py`;
/// `XLS_CORPUS_DIR` reads another folder of `.xls` files instead.
@Suite("XLS reader on the xls-samples corpus", .enabled(if: TestPaths.xlsCorpus != nil))
struct XLSCorpusTests {
    static let folder = TestPaths.xlsCorpus

    static let files: [String] = {
        guard let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            return []
        }
        return names.filter { $0.lowercased().hasSuffix(".xls") }.sorted()
    }()

    @Test(arguments: files)
    func opensOrFailsWithXLSError(name: String) throws {
        let path = try #require(Self.folder).appendingPathComponent(name).path
        let dump: String
        do {
            let reader = try XLSReader(path: path)
            var lines: [String] = []
            for sheet in reader.sheets {
                lines.append("S\t\(sheet.index)\t\(Self.escape(sheet.name))")
                let rows = try reader.rows(ofSheet: sheet.index)
                while let row = try rows.next() {
                    for cell in row.cells {
                        lines.append(
                            "\(sheet.index)\t\(cell.address.row)\t\(cell.address.column)\t\(Self.dumpValue(cell.value))"
                        )
                    }
                }
            }
            dump = lines.joined(separator: "\n") + "\n"
        } catch {
            dump = "ERROR\t\(error.code)\t\(Self.escape(error.description))\n"
        }
        if let directory = ProcessInfo.processInfo.environment["XLS_DUMP_DIR"] {
            try dump.write(toFile: directory + "/" + name + ".tsv", atomically: true, encoding: .utf8)
        }
    }

    static func dumpValue(_ value: CellValue) -> String {
        switch value {
        case .empty: return "empty\t"
        case .number(let number): return "number\t\(number)"
        case .string(let text): return "text\t\(escape(text))"
        case .richText(let rich): return "text\t\(escape(rich.text))"
        case .boolean(let flag): return "bool\t\(flag ? 1 : 0)"
        case .error(let error): return "error\t\(error.text)"
        case .dateTime(let date): return "date\t\(date.serial)"
        }
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }
}
