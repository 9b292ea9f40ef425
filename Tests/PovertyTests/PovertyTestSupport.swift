import Foundation
import Poverty
import SheetCore
import SheetTestSupport

/// Paths to the repository's mapping files.
enum PovertyTestPaths {
    /// The repository's `Mappings/` folder.
    static let mappingsFolder = TestPaths.repositoryRoot.appendingPathComponent("Mappings").path
}

/// The day `text` (`YYYY-MM-DD`); traps on a typo in a test.
func day(_ text: String) -> CalendarDate {
    CalendarDate(text)!
}

/// The exact decimal `text`; traps on a typo in a test.
func decimal(_ text: String) -> DecimalNumber {
    DecimalNumber(text)!
}

/// The error `body` throws, `nil` when it throws none.
func povertyError<T>(_ body: () throws(PovertyError) -> T) -> PovertyError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}
