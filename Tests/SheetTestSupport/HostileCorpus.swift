import Foundation

/// One file of the hostile corpus (`Tests/Fixtures/hostile/`, LIMITS.md) with the outcome it must give.
public struct HostileCase: Sendable, CustomStringConvertible {
    /// The file name, `zip-bomb-flat.xlsx`.
    public var file: String
    /// `ok`, or the typed error: the module's error type and code, then the cause's (`XLSXError.container
    /// ZipError.limitExceeded`).
    public var expected: String

    public var url: URL { HostileCorpus.folder.appendingPathComponent(file) }
    public var description: String { file }
}

/// The hostile corpus, as listed in its `expected.txt` (written by `make_hostile_fixtures.py`).
public enum HostileCorpus {
    public static let folder = TestPaths.repositoryRoot.appendingPathComponent("Tests/Fixtures/hostile")

    /// Every case whose file ends with `.` + `fileExtension`.
    public static func cases(withExtension fileExtension: String) -> [HostileCase] {
        all.filter { $0.file.hasSuffix("." + fileExtension) }
    }

    /// Every case of the corpus.
    public static let all: [HostileCase] = {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8) else {
            return []
        }
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard fields.count == 2 else { return nil }
            return HostileCase(
                file: String(fields[0]), expected: fields[1].trimmingCharacters(in: .whitespaces))
        }
    }()
}
