import Foundation
import SheetTestSupport
import Testing

@testable import SheetZip

/// Sanity check against real files saved by Excel, when the shared corpora are present.
@Suite struct ZipCorpusTests {
    static var excelMade: URL? {
        guard let corpora = TestPaths.sharedCorpora else { return nil }
        let url = corpora.appendingPathComponent("excel-made")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    @Test(.enabled(if: excelMade != nil, "needs ../shared/corpora/excel-made"))
    func everyExcelMadeWorkbookOpensAndEveryEntryPassesItsCRC() throws {
        let folder = try #require(Self.excelMade)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".xlsx") || $0.hasSuffix(".xlsm") }.sorted()
        #expect(!files.isEmpty)
        var entryCount = 0
        for file in files {
            let path = folder.appendingPathComponent(file).path
            do {
                let archive = try ZipArchive(path: path)
                #expect(archive.entry(named: "[Content_Types].xml") != nil, "\(file)")
                for entry in archive.entries {
                    let bytes = try archive.contents(of: entry)
                    #expect(UInt64(bytes.count) == entry.uncompressedSize)
                    entryCount += 1
                }
            } catch {
                Issue.record("\(error)")
            }
        }
        #expect(entryCount > files.count)
    }
}
