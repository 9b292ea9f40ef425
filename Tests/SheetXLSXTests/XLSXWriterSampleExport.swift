import Foundation
import SheetTestSupport
import Testing

@testable import SheetXLSX

/// Writes the every-feature sample where `BIEUMAU_SAMPLE_OUT` says, for checks run outside the test process
/// (`Tests/Conformance/libreoffice_check.sh` opens it in LibreOffice). Skipped when the variable is not set.
@Suite(
    "XLSXWriter sample export",
    .enabled(if: ProcessInfo.processInfo.environment["BIEUMAU_SAMPLE_OUT"] != nil))
struct XLSXWriterSampleExport {
    @Test func writesTheEveryFeatureSample() throws {
        let path = try #require(ProcessInfo.processInfo.environment["BIEUMAU_SAMPLE_OUT"])
        try XLSXWriterSamples.everyFeature(at: path)
        #expect(FileManager.default.fileExists(atPath: path))
    }
}
