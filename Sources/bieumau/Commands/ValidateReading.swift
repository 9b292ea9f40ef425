import Forms
import Foundation
import SheetCore
import VietText

/// Reading the files given to `validate` into forms: each workbook is opened by its content, its sheets are
/// materialised with legacy text converted to Unicode (as `cat` does), its SHA-256 taken, and every sheet
/// detected and extracted.
struct FormReading {
    var detector: FormDetector
    var extractor = FormExtractor()
    var encoding: TextEncodingOption
    var formID: String?

    /// What one file gave.
    struct FileResult {
        var file: FindingsReport.File
        var instances: [FormInstance]
        /// Sheets that matched no form, forced forms, what reading found outside any instance.
        var findings: [Finding]
    }

    /// Reads `path`.
    ///
    /// - Throws: ``InputFailure`` when the file cannot be opened or read.
    /// - Parameter memo: texts normalised before on the calling thread.
    func read(_ path: String, isPrevious: Bool = false, memo: MatchTextMemo? = nil) throws(InputFailure) -> FileResult {
        let reader = try WorkbookOpener.open(path, encoding: encoding)
        let digest: String
        let workbook: Workbook
        do {
            digest = try SHA256.hexDigest(ofFileAt: path)
            var sheets: [Worksheet] = []
            let policy = encoding.policy(for: reader)
            for info in reader.sheets where info.isWorksheet {
                let rows = LegacyTextRows(try reader.sheetRows(at: info.index), styles: reader.styles, policy: policy)
                var all: [Row] = []
                while let row = try rows.next() { all.append(row) }
                sheets.append(
                    Worksheet(
                        name: info.name, visibility: info.visibility, rows: all, mergedRanges: rows.mergedRanges,
                        declaredDimension: rows.declaredDimension, columns: rows.columns))
            }
            workbook = Workbook(
                sheets: sheets, definedNames: reader.definedNames, styles: reader.styles, dateSystem: reader.dateSystem)
        } catch {
            throw InputFailure(error, file: path)
        }
        let document = SourceDocument(path: path, sha256: digest)
        let readings = extractor.read(workbook, document: document, detector: detector, forcing: formID, memo: memo)
        let matched = readings.contains { $0.instance != nil }
        var findings: [Finding] = []
        var instances: [FormInstance] = []
        var sheets: [FindingsReport.Sheet] = []
        for reading in readings {
            if let finding = reading.detection.finding(file: path, unknownSeverity: matched ? .info : .warning) {
                findings.append(finding)
            }
            if let instance = reading.instance {
                instances.append(instance)
                sheets.append(FindingsReport.Sheet(instance))
            } else {
                sheets.append(FindingsReport.Sheet(name: reading.detection.sheet))
            }
        }
        return FileResult(
            file: FindingsReport.File(path: path, sha256: digest, isPrevious: isPrevious, sheets: sheets),
            instances: instances, findings: findings)
    }
}
