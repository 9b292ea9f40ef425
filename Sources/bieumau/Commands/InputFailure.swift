import SheetCore
import SheetXLSX

/// An input that could not be read: the command stops with exit code 3 and this one-line reason.
struct InputFailure: Error {
    var message: String

    init(file: String, reason: String) {
        message = "không đọc được tệp (cannot read) \(file): \(reason)"
    }

    /// From a reader error, which already names the file, part, sheet and cell.
    init(_ error: XLSXError, file: String) {
        var described = error
        described.file = nil
        self.init(file: file, reason: described.description)
    }
}

/// Opens a workbook by its content, for the formats read so far.
enum WorkbookOpener {
    static func open(_ path: String) throws(InputFailure) -> XLSXReader {
        do {
            return try XLSXReader(path: path)
        } catch {
            throw InputFailure(error, file: path)
        }
    }
}
