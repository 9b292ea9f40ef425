// A worker killed mid-file (SIGKILL, a power cut, a timeout) leaves its output's temporary file behind:
// `folder/.NAME.tmp-<12 hex digits>` (SheetCore's `OutputFile`). It is never taken for an output (the name differs);
// the next run deletes every such file in its output tree before it starts, and the runner deletes those of a worker
// it kills (time limit) or loses (crash) at once.
import Foundation

/// Finding and deleting the temporary files left by an interrupted conversion.
enum TemporaryFiles {
    /// Deletes every temporary file in a tree of outputs: what runs killed before (SIGKILL, a power cut) left.
    /// - Parameter root: the output folder of a run.
    /// - Returns: how many files were deleted.
    @discardableResult
    static func sweepTree(_ root: String) -> Int {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return 0 }
        var deleted = 0
        let base = root.hasSuffix("/") ? root : root + "/"
        for case let relative as String in walker {
            let name = (relative as NSString).lastPathComponent
            if isTemporaryName(name), unlink(base + relative) == 0 { deleted += 1 }
        }
        return deleted
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
        let bytes = Array(name.utf8)
        guard bytes.count > 18, bytes[0] == UInt8(ascii: "."),
            bytes[bytes.count - 17..<bytes.count - 12].elementsEqual(".tmp-".utf8)
        else { return false }
        return bytes[(bytes.count - 12)...].allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
        }
    }
}
