import SheetCSV
import SheetCore
import SheetXLS
import SheetXLSX

#if canImport(Glibc)
    import Glibc
#endif

/// An input that could not be read: the command stops with exit code 3 and this one-line reason.
struct InputFailure: Error {
    var file: String
    /// Where in the file and what is wrong, in the user's language.
    var reason: String

    /// A failure described in both languages (the CLI shows the one chosen).
    init(file: String, vietnamese: String, english: String) {
        self.file = file
        reason = ErrorMessages.bilingual(vietnamese: vietnamese, english: english)
    }

    /// A reason already rendered in the user's language.
    init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    /// From a reader's error, which names the part, sheet, cell and offset.
    init(_ error: any Error, file: String) {
        self.file = file
        switch error {
        case let failure as InputFailure: reason = failure.reason
        case let error as XLSXError: reason = ErrorMessages.reason(error)
        case let error as CSVError: reason = ErrorMessages.reason(error)
        case let error as XLSError: reason = ErrorMessages.reason(error)
        default: reason = "\(error)"
        }
    }

    /// The one line shown: the file, then the reason.
    var message: String { ErrorMessages.unreadable(file: file, reason: reason) }
}

/// A request that cannot be met as asked (a sheet the workbook does not have): exit code 2.
struct UsageFailure: Error {
    var message: String

    init(vietnamese: String, english: String) {
        message = ErrorMessages.bilingual(vietnamese: vietnamese, english: english)
    }
}

/// Opens a workbook by its content, not its name: a Compound File is a legacy `.xls`, anything else is tried as an
/// `.xlsx` package (whose reader says clearly what a file that is neither is).
enum WorkbookOpener {
    static func open(_ path: String, encoding: TextEncodingOption = .auto) throws(InputFailure) -> any WorkbookReading {
        let head = firstBytes(path, count: 8)
        do {
            if CSVWorkbook.isCSVName(path) { return try CSVWorkbook(path: path, encoding: encoding) }
            if head == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] || isBareBIFF(head) {
                return try XLSReader(path: path)
            }
            return try XLSXReader(path: path)
        } catch {
            throw InputFailure(error, file: path)
        }
    }

    /// A worksheet of Excel 2.x–4.0, a bare BIFF2–4 stream that starts with its BOF record ([MS-XLS] 2.4.21):
    /// the `.xls` reader reads BIFF3 and BIFF4 and says clearly what it cannot.
    private static func isBareBIFF(_ head: [UInt8]) -> Bool {
        head.count >= 2 && [0x0009, 0x0209, 0x0409].contains(Int(head[0]) | Int(head[1]) << 8)
    }

    /// The first bytes of a file (fewer when it is shorter or unreadable): [MS-CFB] §2.2 puts the Compound File
    /// signature D0 CF 11 E0 A1 B1 1A E1 there, a ZIP package starts with `PK`.
    private static func firstBytes(_ path: String, count: Int) -> [UInt8] {
        guard let file = fopen(path, "rb") else { return [] }
        defer { fclose(file) }
        var bytes = [UInt8](repeating: 0, count: count)
        let read = fread(&bytes, 1, count, file)
        return Array(bytes.prefix(read))
    }
}
