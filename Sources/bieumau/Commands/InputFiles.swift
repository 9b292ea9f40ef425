import Foundation
import SheetCore

/// An input file found on the command line or inside an input folder.
struct InputFile {
    var path: String
    /// The folder below the input folder it was found in (`""` for a file named directly), kept in the output.
    var relativeFolder: String
    /// The file name without its extension.
    var stem: String
}

/// Finding inputs and placing outputs.
enum InputFiles {
    /// The files named, and those inside the folders named (recursively), with one of the extensions; sorted.
    static func collect(_ arguments: [String], extensions: Set<String>) throws -> [InputFile] {
        var files: [InputFile] = []
        let manager = FileManager.default
        for argument in arguments {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: argument, isDirectory: &isFolder) else {
                throw InputFailure(
                    file: argument, vietnamese: "không có tệp hoặc thư mục này", english: "no such file or folder")
            }
            let url = URL(fileURLWithPath: argument)
            guard isFolder.boolValue else {
                files.append(
                    InputFile(path: argument, relativeFolder: "", stem: url.deletingPathExtension().lastPathComponent))
                continue
            }
            guard let walker = manager.enumerator(atPath: argument) else { continue }
            var found: [String] = []
            for case let relative as String in walker
            where extensions.contains((relative as NSString).pathExtension.lowercased()) {
                if (relative as NSString).lastPathComponent.hasPrefix("~$") { continue }  // Excel's lock files
                found.append(relative)
            }
            for relative in found.sorted() {
                let path = (argument as NSString).appendingPathComponent(relative)
                let folder = (relative as NSString).deletingLastPathComponent
                let stem = ((relative as NSString).lastPathComponent as NSString).deletingPathExtension
                files.append(InputFile(path: path, relativeFolder: folder, stem: stem))
            }
        }
        return files
    }

    /// Creates a folder and its parents if needed.
    static func makeFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw UsageFailure(
                vietnamese: "không tạo được thư mục đầu ra \(path)", english: "cannot create the output folder \(path)")
        }
    }

    /// The folder an input's outputs go to, ending in `/`: the output folder plus the input's relative folder.
    static func outputFolder(for input: InputFile, under root: String) throws -> String {
        var folder = root.hasSuffix("/") ? root : root + "/"
        if !input.relativeFolder.isEmpty {
            folder += input.relativeFolder + "/"
            try makeFolder(folder)
        }
        return folder
    }

    /// A sheet name made safe as part of a file name (no path separators or characters Windows refuses).
    static func safeName(_ name: String) -> String {
        let forbidden: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]
        let cleaned = String(name.map { forbidden.contains($0) || $0.isNewline ? "_" : $0 })
        return cleaned.isEmpty ? "_" : cleaned
    }

    /// Whether a path names an existing file.
    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Whether two paths name the same existing file (same device and inode).
    static func isSameFile(_ a: String, _ b: String) -> Bool {
        var first = stat()
        var second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }
}
