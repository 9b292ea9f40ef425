// A worker killed mid-file (SIGKILL, a power cut, a timeout) leaves its output's temporary file behind:
// `folder/.NAME.tmp-<12 hex digits>` (SheetCore's `OutputFile`). It is never taken for an output (the name differs),
// and the next conversion of the same input deletes it before writing.
import Foundation

/// Finding and deleting the temporary files left by an interrupted conversion.
enum TemporaryFiles {
    /// Deletes `.NAME.tmp-XXXXXXXXXXXX` files in `folder` for the output file names given.
    /// - Parameters:
    ///   - folder: the folder of the outputs, ending in `/`.
    ///   - outputNames: the outputs' file names.
    /// - Returns: how many files were deleted.
    @discardableResult
    static func sweep(folder: String, outputNames: [String]) -> Int {
        sweep(folder: folder) { name in outputNames.contains { name.hasPrefix("." + shortened($0) + ".tmp-") } }
    }

    /// Deletes temporary files in `folder` whose name starts with `.STEM.`: every output of one input.
    @discardableResult
    static func sweep(folder: String, stem: String) -> Int {
        sweep(folder: folder) { $0.hasPrefix("." + stem + ".") }
    }

    private static func sweep(folder: String, matching: (String) -> Bool) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else {
            return 0
        }
        var deleted = 0
        for name in names where isTemporaryName(name) && matching(name) {
            if unlink(folder + name) == 0 { deleted += 1 }
        }
        return deleted
    }

    /// Whether a file name has the shape of `OutputFile`'s temporary names.
    static func isTemporaryName(_ name: String) -> Bool {
        guard name.hasPrefix("."), let range = name.range(of: ".tmp-", options: .backwards) else { return false }
        let suffix = name[range.upperBound...]
        return suffix.count == 12 && suffix.allSatisfy(\.isHexDigit)
    }

    /// `OutputFile` shortens names to 200 bytes of UTF-8 in its temporary names.
    private static func shortened(_ name: String) -> String {
        guard name.utf8.count > 200 else { return name }
        var result = ""
        for character in name {
            if result.utf8.count + character.utf8.count > 200 { break }
            result.append(character)
        }
        return result
    }
}
