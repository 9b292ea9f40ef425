import SheetCore
import SheetXML
import SheetZip

/// The one error SheetXLSX throws: what could not be read, and where, in the workbook's own terms.
///
/// ```swift
/// do { _ = try XLSXReader(path: "xa.xlsx") } catch { print(error) }
/// // xa.xlsx: sheet "Biểu 02" (xl/worksheets/sheet2.xml), cell E12: the number "12,5" is not valid
/// ```
public struct XLSXError: Error, CustomStringConvertible, Sendable {
    /// A growable set of error kinds.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        public var description: String { name }

        /// The ZIP container is damaged, too large or not a ZIP; see ``XLSXError/cause``.
        public static let container = Code(name: "container")
        /// A part is not well-formed XML; see ``XLSXError/cause``.
        public static let xml = Code(name: "xml")
        /// A part the package needs is absent (the workbook, a sheet a relationship points to).
        public static let missingPart = Code(name: "missingPart")
        /// A part is well-formed but says something impossible (a bad cell reference, a string index out of range).
        public static let invalidContent = Code(name: "invalidContent")
        /// A value cannot be read as its declared type (a non-numeric `<v>` in a number cell).
        public static let invalidValue = Code(name: "invalidValue")
        /// The caller asked for a sheet the workbook does not have.
        public static let noSuchSheet = Code(name: "noSuchSheet")
        /// The package uses a feature we cannot read (an encrypted workbook, a binary `.xlsb` part).
        public static let unsupported = Code(name: "unsupported")
        /// A size or count above ``XLSXLimits``.
        public static let limitExceeded = Code(name: "limitExceeded")
    }

    public var code: Code
    /// What happened, in a sentence.
    public var message: String
    /// The file read, when known.
    public var file: String?
    /// The package part, `xl/worksheets/sheet2.xml`.
    public var part: String?
    /// The sheet's name, when the problem is in a sheet.
    public var sheet: String?
    /// The cell, `E12`, when the problem is in a cell.
    public var cell: String?
    /// The byte offset inside the (uncompressed) part.
    public var offset: Int?
    /// The underlying ZIP or XML error.
    public var cause: (any Error)?

    public init(
        _ code: Code, _ message: String, part: String? = nil, sheet: String? = nil, cell: String? = nil,
        offset: Int? = nil, cause: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.part = part
        self.sheet = sheet
        self.cell = cell
        self.offset = offset
        self.cause = cause
    }

    /// One line naming the file, sheet, part, cell and offset that apply.
    public var description: String {
        var place: [String] = []
        if let file { place.append(file) }
        switch (sheet, part) {
        case (let sheet?, let part?): place.append("sheet \"\(sheet)\" (\(part))")
        case (let sheet?, nil): place.append("sheet \"\(sheet)\"")
        case (nil, let part?): place.append(part)
        case (nil, nil): break
        }
        if let cell { place.append("cell \(cell)") }
        if let offset, cell == nil { place.append(code == .container ? "file offset \(offset)" : "byte \(offset)") }
        let location = place.joined(separator: ", ")
        return location.isEmpty ? message : "\(location): \(message)"
    }

    /// Wraps a ZIP error, keeping its entry name as the part.
    static func container(_ error: ZipError, part: String? = nil) -> XLSXError {
        var wrapped = XLSXError(.container, error.message, part: error.entry ?? part, cause: error)
        wrapped.offset = error.offset
        return wrapped
    }

    /// Any error met while reading a part, as an `XLSXError` located in that part (and sheet).
    static func wrap(_ error: any Error, part: String, sheet: String? = nil) -> XLSXError {
        switch error {
        case var error as XLSXError:
            if error.part == nil { error.part = part }
            if error.sheet == nil { error.sheet = sheet }
            return error
        case let error as XMLError:
            return xml(error, part: part, sheet: sheet)
        case let error as ZipError:
            var wrapped = container(error, part: part)
            wrapped.sheet = sheet
            return wrapped
        default:
            return XLSXError(.invalidContent, "\(error)", part: part, sheet: sheet, cause: error)
        }
    }

    /// Wraps an XML error in a part; a ZIP error underneath it (a damaged entry) is reported as such.
    static func xml(_ error: XMLError, part: String, sheet: String? = nil) -> XLSXError {
        if let zip = error.cause as? ZipError {
            var wrapped = container(zip, part: part)
            wrapped.sheet = sheet
            return wrapped
        }
        if let inner = error.cause as? XLSXError { return inner }
        return XLSXError(.xml, error.message, part: part, sheet: sheet, offset: error.offset, cause: error)
    }
}

/// Bounds on what a workbook may ask of the reader, on top of the ZIP and XML limits (LIMITS.md lists them all).
///
/// ```swift
/// var limits = XLSXLimits.default
/// limits.maxCellsPerSheet = 200_000_000  // a trusted, very large export
/// let reader = try XLSXReader(path: "xa.xlsx", limits: limits)
/// ```
public struct XLSXLimits: Sendable {
    public var zip: ZipLimits
    public var xml: XMLLimits
    /// Most entries in the shared-strings table. Default 16 Mi.
    public var maxSharedStrings: Int
    /// Most UTF-8 bytes of text in the shared-strings table, all items together (it is held in memory while the
    /// workbook is open). Default 1 GiB.
    public var maxSharedStringBytes: Int
    /// Most sheets in a workbook. Default 4,096.
    public var maxSheets: Int
    /// Most cells (with a value or a formula) one sheet may give, so that reading a sheet whole stays bounded;
    /// Excel's own grid is 1,048,576 rows × 16,384 columns, which no reader bound here relaxes. Default 100 M.
    public var maxCellsPerSheet: Int

    /// Limits for one reader; every parameter defaults to the documented value.
    ///
    /// - Parameters:
    ///   - zip: bounds on the package's ZIP container.
    ///   - xml: bounds on every XML part.
    ///   - maxSharedStrings: most shared strings.
    ///   - maxSharedStringBytes: most bytes of shared-string text in total.
    ///   - maxSheets: most sheets.
    ///   - maxCellsPerSheet: most cells read from one sheet.
    public init(
        zip: ZipLimits = .default, xml: XMLLimits = .default, maxSharedStrings: Int = 16 << 20,
        maxSharedStringBytes: Int = 1 << 30, maxSheets: Int = 4096, maxCellsPerSheet: Int = 100_000_000
    ) {
        self.zip = zip
        self.xml = xml
        self.maxSharedStrings = maxSharedStrings
        self.maxSharedStringBytes = maxSharedStringBytes
        self.maxSheets = maxSheets
        self.maxCellsPerSheet = maxCellsPerSheet
    }

    /// The documented values (LIMITS.md) with the overrides of `BIEUMAU_LIMITS` (``ReadLimits``) applied.
    public static let `default` = XLSXLimits(
        maxSharedStrings: ReadLimits.value("xlsx.maxSharedStrings", default: 16 << 20),
        maxSharedStringBytes: ReadLimits.value("xlsx.maxSharedStringBytes", default: 1 << 30),
        maxSheets: ReadLimits.value("xlsx.maxSheets", default: 4096),
        maxCellsPerSheet: ReadLimits.value("xlsx.maxCellsPerSheet", default: 100_000_000))
}
