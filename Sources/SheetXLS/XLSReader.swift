// An Excel 97–2003 workbook (.xls): a Compound File ([MS-CFB]) whose "Workbook" stream holds BIFF8 records
// ([MS-XLS]):
//
//   Compound File → stream "Workbook" ("Book" in Excel 5/95 files)
//     globals substream   BOF … BOUNDSHEET8 × n … SST … EOF
//     sheet substreams    BOF … cells … EOF, one per BOUNDSHEET8, at the offset it names
//
// The file is read into memory whole (bounded by ``XLSLimits/maxFileSize``, 512 MiB by default); sheets are
// parsed when asked for.
import SheetCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Opens an `.xls` workbook (Excel 97–2003 BIFF8, or Excel 5.0/95 BIFF5 with its code page) and reads its sheets
/// onto the same model as `XLSXReader`.
///
/// ```swift
/// let reader = try XLSReader(path: "bao-cao-xa.xls")
/// for sheet in reader.sheets { print(sheet.name) }
/// let first = try reader.worksheet(at: 0)
/// ```
public final class XLSReader {
    /// The sheets in tab order (charts and macro sheets included, with `isWorksheet == false`).
    public let sheets: [SheetInfo]
    /// The workbook's date system (the DATEMODE record).
    public let dateSystem: DateSystem
    /// Defined names: not read yet, always empty.
    public let definedNames: [DefinedName] = []
    /// Fonts, number formats and cell formats (one ``CellFormat`` per XF record, so a cell's XF index is its style).
    public let styles: Styles
    /// The CODEPAGE record's value, when present: the code page of a BIFF5 file's text (1252, 1258, …); 1200 in
    /// BIFF8 files, whose text is UTF-16 or Latin-1 whatever it says.
    public let codePage: Int?

    private let file: String?
    private let streamName: String
    private let stream: ByteReader
    private let globals: WorkbookGlobals

    /// Opens a workbook file.
    ///
    /// - Parameters:
    ///   - path: the file; it is read into memory whole (at most `limits.maxFileSize` bytes).
    ///   - limits: bounds on the file's size and the counts of strings and sheets.
    /// - Throws: ``XLSError`` naming the file, stream and record that cannot be read.
    public convenience init(path: String, limits: XLSLimits = .default) throws(XLSError) {
        let bytes: [UInt8]
        do {
            bytes = try Self.readFile(path, limit: limits.maxFileSize)
        } catch {
            var located = error
            located.file = path
            throw located
        }
        try self.init(bytes: bytes, file: path, limits: limits)
    }

    /// Opens a workbook held in memory.
    ///
    /// - Throws: ``XLSError`` as ``init(path:limits:)``.
    public convenience init(bytes: [UInt8], limits: XLSLimits = .default) throws(XLSError) {
        try self.init(bytes: bytes, file: nil, limits: limits)
    }

    private init(bytes: [UInt8], file: String?, limits: XLSLimits) throws(XLSError) {
        self.file = file
        var streamName: String? = nil
        var isBareWorksheet = false
        do throws(XLSError) {
            guard bytes.count <= limits.maxFileSize else {
                throw XLSError(
                    .limitExceeded,
                    "the file is larger than \(limits.maxFileSize) bytes (\(XLSLimits.hint("maxFileSize")))")
            }
            let data: [UInt8]
            if !CompoundFile.hasSignature(bytes), let bare = Self.bareBIFFVersion(bytes) {
                guard bare.isReadable else {
                    throw XLSError(
                        .unsupported,
                        "this is an \(bare.name) file (a bare BIFF stream, before Excel 97), which is not read; save it as .xlsx in Excel or LibreOffice"
                    )
                }
                data = bytes
                isBareWorksheet = true
            } else {
                let found = try Self.workbookStream(
                    in: try CompoundFile(bytes: bytes, maxSectorsVisited: limits.maxSectorsVisited))
                streamName = found.name
                data = found.data
            }
            let stream = ByteReader(data)
            self.stream = stream
            self.streamName = streamName ?? "BIFF stream"
            self.globals = try WorkbookGlobals(stream: stream, limits: limits)
        } catch {
            var located = error
            located.file = file
            if located.stream == nil { located.stream = streamName }
            throw located
        }
        var sheets = globals.sheets
        if isBareWorksheet, let file {
            // Excel names a bare BIFF3/BIFF4 worksheet's tab after its file.
            let base = file.split(separator: "/").last.map(String.init) ?? file
            let stem = base.lowercased().hasSuffix(".xls") ? String(base.dropLast(4)) : base
            if !stem.isEmpty { sheets[0].name = stem }
        }
        self.sheets = sheets
        self.dateSystem = globals.dateSystem
        self.styles = globals.styles
        self.codePage = globals.codePage
    }

    /// The rows of one sheet.
    ///
    /// - Parameter index: zero-based position in ``sheets``.
    /// - Throws: ``XLSError`` when there is no such sheet or its records are damaged.
    public func rows(ofSheet index: Int) throws(XLSError) -> XLSSheetReader {
        guard sheets.indices.contains(index) else {
            var error = XLSError(
                .noSuchSheet, "the workbook has \(sheets.count) sheets; there is no sheet \(index + 1)")
            error.file = file
            throw error
        }
        do {
            return try XLSSheetReader(
                sheet: sheets[index], stream: stream, position: globals.sheetPositions[index], globals: globals,
                file: file, streamName: streamName)
        } catch {
            var located = error
            located.file = file
            throw located
        }
    }

    /// One sheet read whole.
    ///
    /// - Throws: ``XLSError`` as ``rows(ofSheet:)``.
    public func worksheet(at index: Int) throws(XLSError) -> Worksheet {
        let reader = try rows(ofSheet: index)
        var rows: [Row] = []
        while let row = try reader.next() { rows.append(row) }
        let sheet = sheets[index]
        return Worksheet(
            name: sheet.name, visibility: sheet.visibility, rows: rows, mergedRanges: reader.mergedRanges,
            declaredDimension: reader.declaredDimension, columns: reader.columns)
    }

    /// The whole workbook read into memory.
    ///
    /// - Throws: ``XLSError`` as ``worksheet(at:)``.
    public func workbook() throws(XLSError) -> Workbook {
        var worksheets: [Worksheet] = []
        for sheet in sheets { worksheets.append(try worksheet(at: sheet.index)) }
        return Workbook(sheets: worksheets, definedNames: definedNames, styles: styles, dateSystem: dateSystem)
    }

    /// The "Workbook" stream (BIFF8), else "Book" (BIFF5).
    private static func workbookStream(in container: CompoundFile) throws(XLSError) -> (name: String, data: [UInt8]) {
        if let workbook = try container.stream(named: "Workbook") { return ("Workbook", workbook) }
        if let book = try container.stream(named: "Book") { return ("Book", book) }
        if container.entries.contains(where: { $0.name == "EncryptedPackage" }) {
            throw XLSError(
                .encrypted,
                "this is a password-protected (encrypted) Office file; remove the password and save it again")
        }
        throw XLSError(.missingStream, "the Compound File has no Workbook stream: it is not an Excel workbook")
    }

    /// Excel 2.x–4.0 files are a bare BIFF stream, not a Compound File: the BOF record's type tells the version.
    /// BIFF3 and BIFF4 worksheets (BOF `dt` 0x0010) are read; BIFF2, BIFF4 workbooks and bare BIFF5 are not.
    private static func bareBIFFVersion(_ bytes: [UInt8]) -> (name: String, isReadable: Bool)? {
        let reader = ByteReader(bytes)
        guard let type = reader.getU16(at: 0), let length = reader.getU16(at: 2), length >= 4, length <= 20 else {
            return nil
        }
        let isWorksheet = reader.getU16(at: 6) == BIFFRecord.substreamWorksheet
        switch type {
        case BIFFRecord.bofBIFF2: return ("Excel 2.x (BIFF2)", false)
        case BIFFRecord.bofBIFF3: return ("Excel 3.0 (BIFF3)", isWorksheet)
        case BIFFRecord.bofBIFF4:
            return (isWorksheet ? "Excel 4.0 (BIFF4)" : "Excel 4.0 workbook (BIFF4W)", isWorksheet)
        case BIFFRecord.bof:
            return reader.getU16(at: 4) == BIFFRecord.versionBIFF5 ? ("Excel 5.0/95 (BIFF5)", false) : nil
        default: return nil
        }
    }

    private static func readFile(_ path: String, limit: Int) throws(XLSError) -> [UInt8] {
        guard let handle = fopen(path, "rb") else {
            throw XLSError(.io, "the file cannot be opened (\(String(cString: strerror(errno))))")
        }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        if fseek(handle, 0, SEEK_END) == 0 {
            let size = ftell(handle)
            guard size <= limit else {
                throw XLSError(
                    .limitExceeded,
                    "the file is larger than \(limit) bytes, the most read into memory (\(XLSLimits.hint("maxFileSize")))"
                )
            }
            if size > 0 { bytes.reserveCapacity(size) }
            rewind(handle)
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let read = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
            if read > 0 { bytes.append(contentsOf: chunk[0..<read]) }
            guard bytes.count <= limit else {
                throw XLSError(
                    .limitExceeded,
                    "the file is larger than \(limit) bytes, the most read into memory (\(XLSLimits.hint("maxFileSize")))"
                )
            }
            if read < chunk.count {
                if ferror(handle) != 0 { throw XLSError(.io, "the file cannot be read") }
                break
            }
        }
        return bytes
    }
}
