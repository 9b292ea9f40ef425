import Foundation
import Poverty

/// The administrative units of `Mappings/units/`, loaded for a command; a broken list is a usage failure naming
/// its file and line.
enum UnitDirectory {
    static func load(_ mappingsFolder: String) throws -> UnitHierarchy {
        do {
            return try UnitHierarchy.loadBundled(from: mappingsFolder)
        } catch {
            let location = error.location.isEmpty ? "" : "\(error.location): "
            throw UsageFailure(
                vietnamese: location + error.vietnameseMessage, english: location + error.englishMessage)
        }
    }
}

extension CalendarDate {
    /// Today, in UTC.
    static var today: CalendarDate {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return CalendarDate(year: parts.year ?? 2025, month: parts.month ?? 1, day: parts.day ?? 1)!
    }
}
