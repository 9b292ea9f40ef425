import SheetCSV
import SheetCore
import SheetXLSX

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

/// Opens a workbook by its content, for the formats read so far.
enum WorkbookOpener {
    static func open(_ path: String) throws(InputFailure) -> any WorkbookReading {
        do {
            return try XLSXReader(path: path)
        } catch {
            throw InputFailure(error, file: path)
        }
    }
}
