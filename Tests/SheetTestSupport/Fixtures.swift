import Foundation

/// Where shared test material lives.
public enum TestPaths {
    /// The repository root, found from this file's location.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/corpora` beside the clone, `nil` when absent (a user's clone has none): tests using it skip.
    public static var sharedCorpora: URL? {
        let url = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}

extension TestPaths {
    /// `Tests/Fixtures/xlsx`.
    public static let xlsxFixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures/xlsx")
}
