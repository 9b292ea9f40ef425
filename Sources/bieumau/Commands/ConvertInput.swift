// One input of `bieumau convert`, as a worker converts it: describe it (size, SHA-256), decide whether its outputs
// are already done, convert, commit, and say what happened in a `ConversionRecord`.
//
//   skipped   every output exists and is newer than the input (an earlier run made it: outputs appear only whole)
//   failed    an output exists that this run would not make the same, without --force; or the input is unreadable
//   ok        converted now; outputs written as `.NAME.tmp-…` and renamed when complete
import SheetCSV
import SheetCore
import SheetXLSX
import VietText

#if canImport(Glibc)
    import Glibc
#endif

/// Converts one input file into its outputs.
struct ConvertInput {
    let options: ConversionOptions

    /// Converts an input and describes the result; never throws: a failure is a record.
    func convert(_ input: InputFile) -> ConversionRecord {
        let started = BulkClock.now()
        var record = ConversionRecord(path: input.path)
        do {
            try describe(input, into: &record)
            switch options.target {
            case .csv: try convertToCSV(input, into: &record)
            case .xlsx: try convertToXLSX(input, into: &record)
            }
        } catch is ConversionInterrupted {
            record.status = .failed
            record.interrupted = true
            record.reason = ErrorMessages.bilingual(vietnamese: "bị dừng", english: "interrupted")
        } catch {
            record.status = .failed
            record.reason = Self.reason(error, file: input.path)
        }
        record.seconds = BulkClock.now() - started
        return record
    }

    /// Size and, for a report, SHA-256; a folder or a file that cannot be opened fails here.
    private func describe(_ input: InputFile, into record: inout ConversionRecord) throws {
        var info = stat()
        guard stat(input.path, &info) == 0 else {
            throw InputFailure(
                file: input.path,
                reason: ErrorMessages.bilingual(
                    vietnamese: "không có tệp này", english: String(cString: strerror(errno))))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw InputFailure(file: input.path, vietnamese: "đây là một thư mục", english: "this is a folder")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw InputFailure(
                file: input.path, vietnamese: "không phải tệp thông thường (thiết bị, đường ống…)",
                english: "not a regular file (a device, a pipe…)")
        }
        record.size = Int(info.st_size)
        if info.st_size == 0 {
            throw InputFailure(
                file: input.path, vietnamese: "tệp rỗng (0 byte)", english: "the file is empty (0 bytes)")
        }
        do {
            if options.computesChecksums {
                record.sha256 = try SHA256.hexDigest(ofFileAt: input.path)
            } else {
                // Readable at all? (A file without read permission fails here, as with the checksum.)
                let descriptor = open(input.path, O_RDONLY)
                guard descriptor >= 0 else { throw FileError(.io, path: input.path, errno: errno, "cannot be read") }
                close(descriptor)
            }
        } catch let error as FileError {
            let cause = error.errno.map { String(cString: strerror($0)) } ?? error.message
            throw InputFailure(
                file: input.path,
                reason: ErrorMessages.bilingual(
                    vietnamese: "không mở được tệp để đọc (\(cause))", english: "cannot be read: \(cause)"))
        }
    }

    // MARK: CSV outputs

    /// Each worksheet as `<stem>.<sheet>.csv` (a CSV input as `<stem>.csv`), all or none.
    private func convertToCSV(_ input: InputFile, into record: inout ConversionRecord) throws {
        let folder = try InputFiles.outputFolder(for: input, under: options.outputFolder)
        var sheets: [(open: () throws -> any SheetRowReading, name: String)] = []
        var styles = Styles()
        var policy = options.encoding.workbookPolicy
        if CSVWorkbook.isCSVName(input.path) {
            let (reader, _) = try openCSV(input, into: &record)
            let rows = ConvertCSVRows(reader: reader, sheet: SheetInfo(index: 0, name: input.stem))
            sheets = [({ rows }, input.stem + ".csv")]
            policy = .none
        } else {
            let reader = try WorkbookOpener.open(input.path, encoding: options.encoding)
            record.format = reader.formatName
            styles = reader.styles
            record.legacyFound = Self.legacyFonts(in: styles)
            for sheet in reader.sheets where sheet.isWorksheet {
                let name = input.stem + "." + InputFiles.safeName(sheet.name) + ".csv"
                sheets.append(({ try Self.opened(reader, sheet: sheet.index, file: input.path) }, name))
            }
        }
        let paths = sheets.map { folder + $0.name }
        record.sheets = sheets.count
        if let same = paths.first(where: { InputFiles.isSameFile($0, input.path) }) {
            throw FileError(.exists, path: same, "the output would replace the input")
        }
        if !options.force, try Self.areDone(paths, input: input.path) {
            record.status = .skipped
            record.outputs = paths
            return
        }
        var outputs: [OutputFile] = []
        var report = LegacyTextReport()
        for (index, sheet) in sheets.enumerated() {
            let output = try OutputFile(path: paths[index])
            outputs.append(output)
            if options.bom { try output.write([0xEF, 0xBB, 0xBF]) }
            let legacy = LegacyTextRows(Self.readAhead(try sheet.open(), record), styles: styles, policy: policy)
            let rows = BulkRows(legacy)
            do {
                try SheetCSVExport.write(rows, to: CSVWriter(fileDescriptor: output.fileDescriptor))
            } catch let error as CSVWriter.WriteError {
                throw error
            } catch let error as ConversionInterrupted {
                throw error
            } catch {
                throw InputFailure(error, file: input.path)
            }
            record.cells += rows.cellCount
            report.merge(legacy.report)
        }
        Self.add(report, to: &record)
        try commit(outputs, force: options.force)
        record.outputs = paths
        record.status = .ok
    }

    /// Commits outputs; without `force`, an output that exists already must hold exactly the bytes just written
    /// (a run killed between two renames), or nothing is committed.
    private func commit(_ outputs: [OutputFile], force: Bool) throws {
        var fresh: [OutputFile] = []
        for output in outputs {
            if !force && InputFiles.exists(output.path) {
                guard Self.sameContents(output.temporaryPath, output.path) else {
                    throw FileError(.exists, path: output.path, "the output already exists; use --force to replace it")
                }
                continue
            }
            fresh.append(output)
        }
        for output in fresh { try output.commit(replacing: force) }
        for output in outputs { output.discard() }
    }

    // MARK: Shared

    /// A CSV input decoded to UTF-8 (its legacy encoding detected or as `--encoding` says).
    func openCSV(_ input: InputFile, into record: inout ConversionRecord) throws -> (CSVReader, String?) {
        record.format = "csv"
        do {
            let (reader, used) = try LegacyCSV.open(input.path, encoding: options.encoding)
            if let used {
                let encoding = String(used.prefix { $0 != " " })
                record.legacyFound = [encoding.uppercased()]
                record.reason = ErrorMessages.bilingual(
                    vietnamese: "đọc theo bảng mã \(used)", english: "read as \(used)")
            }
            return (reader, used)
        } catch {
            throw InputFailure(error, file: input.path)
        }
    }

    /// A sheet's rows.
    static func opened(_ reader: any WorkbookReading, sheet: Int, file: String) throws -> any SheetRowReading {
        do {
            return try reader.sheetRows(at: sheet)
        } catch {
            throw InputFailure(error, file: file)
        }
    }

    /// Files from this size on are read on a second thread while this one converts and writes; smaller ones are
    /// done on one thread: handing rows over costs thread wake-ups, which a busy machine makes slow.
    static let readAheadSize = 4 << 20

    static func isLarge(_ record: ConversionRecord) -> Bool { (record.size ?? 0) >= readAheadSize }

    /// A sheet's rows, read ahead on a second thread for a large file.
    static func readAhead(_ rows: any SheetRowReading, _ record: ConversionRecord) -> any SheetRowReading {
        isLarge(record) ? PrefetchingRows(rows) : rows
    }

    /// Whether every output exists and is at least as new as the input.
    static func areDone(_ paths: [String], input: String) throws -> Bool {
        var inputInfo = stat()
        guard stat(input, &inputInfo) == 0 else { return false }
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
            let newer =
                info.st_mtim.tv_sec > inputInfo.st_mtim.tv_sec
                || (info.st_mtim.tv_sec == inputInfo.st_mtim.tv_sec
                    && info.st_mtim.tv_nsec >= inputInfo.st_mtim.tv_nsec)
            guard newer else { return false }
        }
        return !paths.isEmpty
    }

    /// Whether two files hold the same bytes.
    static func sameContents(_ first: String, _ second: String) -> Bool {
        guard let a = fopen(first, "rb") else { return false }
        defer { fclose(a) }
        guard let b = fopen(second, "rb") else { return false }
        defer { fclose(b) }
        var left = [UInt8](repeating: 0, count: 65536)
        var right = [UInt8](repeating: 0, count: 65536)
        while true {
            let countA = fread(&left, 1, left.count, a)
            let countB = fread(&right, 1, right.count, b)
            if countA != countB || left[0..<countA] != right[0..<countB] { return false }
            if countA == 0 { return true }
        }
    }

    /// The legacy encodings the fonts of a workbook betray: `TCVN3 (.VnTime)`.
    static func legacyFonts(in styles: Styles) -> [String] {
        var found: [String] = []
        for font in styles.fonts {
            guard let name = font.name, let (encoding, _) = ConvertFonts.legacyEncoding(of: name) else { continue }
            let label = ConvertFonts.label(encoding: encoding, font: name)
            if !found.contains(label) { found.append(label) }
        }
        return found
    }

    /// Adds what was converted to a record.
    static func add(_ report: LegacyTextReport, to record: inout ConversionRecord) {
        for (entry, count) in report.counts.sorted(by: { $0.key.fontName < $1.key.fontName }) {
            record.legacyConverted += count
            let label = ConvertFonts.label(encoding: entry.encoding, font: entry.fontName)
            if !record.legacyFound.contains(label) { record.legacyFound.append(label) }
        }
    }

    /// A one-line reason for a failure, in the user's language.
    static func reason(_ error: any Error, file: String) -> String {
        switch error {
        case let failure as InputFailure: failure.reason
        case let error as FileError: ErrorMessages.unwritable(error)
        case let error as XLSXError: ErrorMessages.reason(error)
        default: "\(error)"
        }
    }
}
