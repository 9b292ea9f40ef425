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
    /// The files named, and those inside the folders named (recursively), with one of the extensions, sorted; inputs
    /// whose outputs would share a name (`a.xls` and `a.csv` → `a.xlsx`) keep their extension in it (`a.xls.xlsx`).
    static func collect(_ arguments: [String], extensions: Set<String>, target: Convert.Target) throws -> [InputFile] {
        var files = try collect(arguments, extensions: extensions)
        var owners: [String: Int] = [:]
        for file in files { owners[file.relativeFolder + "/" + file.stem, default: 0] += 1 }
        for index in files.indices where owners[files[index].relativeFolder + "/" + files[index].stem]! > 1 {
            files[index].stem = (files[index].path as NSString).lastPathComponent
        }
        return files
    }

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

    /// Refuses an output folder that is, or is inside, an input folder: outputs go beside no input, and a second run
    /// would take them for inputs.
    static func checkOutputFolder(_ output: String, inputs: [String]) throws {
        let outputPath = canonical(output)
        for input in inputs {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isFolder), isFolder.boolValue else {
                continue
            }
            let inputPath = canonical(input)
            if outputPath == inputPath || outputPath.hasPrefix(inputPath.hasSuffix("/") ? inputPath : inputPath + "/") {
                throw UsageFailure(
                    vietnamese: "thư mục đầu ra \(output) nằm trong thư mục đầu vào \(input); hãy chọn thư mục khác",
                    english: "the output folder \(output) is inside the input folder \(input); choose another one")
            }
        }
    }

    /// An absolute path with symbolic links resolved, for a path that may not exist yet (its existing parent is).
    private static func canonical(_ path: String) -> String {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var missing: [String] = []
        while !FileManager.default.fileExists(atPath: url.path), url.path != "/" {
            missing.insert(url.lastPathComponent, at: 0)
            url.deleteLastPathComponent()
        }
        var resolved = url.resolvingSymlinksInPath().path
        for component in missing { resolved = (resolved as NSString).appendingPathComponent(component) }
        return resolved
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
