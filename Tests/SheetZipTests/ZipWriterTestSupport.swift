import Foundation
import Testing

@testable import SheetZip

/// A fresh empty folder under the system's temporary folder, removed by ``remove()``.
struct ScratchFolder {
    let path: String

    init(_ label: String = "zipwriter") {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// `path/name`.
    func file(_ name: String) -> String { path + "/" + name }

    /// The names in the folder, hidden temporary files included, sorted.
    var contents: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// An entry to write: a name and its bytes, with the way they are fed to the writer.
struct WrittenEntry {
    var name: String
    var bytes: [UInt8]
    var mayExceed4GiB = false
}

/// Writes `entries` to `path`, each in writes of `chunk` bytes, and finishes; `background` uses two workers (more than
/// the machine may have cores, to exercise out-of-order completion), `workers` any other number.
func writeArchive(
    _ entries: [WrittenEntry], to path: String, level: Int32 = 6, background: Bool = true, workers: Int? = nil,
    chunk: Int = 10_000, deflateChunkSize: Int = ZipWriter.defaultChunkSize, configure: (ZipWriter) -> Void = { _ in }
) throws(ZipError) {
    let writer = try ZipWriter(
        path: path, compressionLevel: level, chunkSize: deflateChunkSize, workers: workers ?? (background ? 2 : 0))
    configure(writer)
    for entry in entries {
        try writer.startEntry(entry.name, mayExceed4GiB: entry.mayExceed4GiB)
        var start = 0
        while start < entry.bytes.count {
            let end = min(entry.bytes.count, start + max(1, chunk))
            let result = entry.bytes[start..<end].withUnsafeBytes { raw in
                Result { () throws(ZipError) in try writer.write(raw) }
            }
            try result.get()
            start = end
        }
        try writer.finishEntry()
    }
    try writer.finish()
}

/// Writes `bytes` into the writer's open entry.
func write(_ bytes: [UInt8], to writer: ZipWriter) throws(ZipError) {
    let result = bytes.withUnsafeBytes { raw in Result { () throws(ZipError) in try writer.write(raw) } }
    try result.get()
}

/// Whether two byte arrays are equal; through a function, so a failing expectation does not print megabytes.
func same(_ first: [UInt8], _ second: [UInt8]) -> Bool { first == second }

/// The bytes of a file.
func fileBytes(_ path: String) -> [UInt8] {
    (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? []
}

/// The little-endian integer at `offset` of `bytes`.
func littleEndian<T: FixedWidthInteger>(_ bytes: [UInt8], at offset: Int, as: T.Type = T.self) -> T {
    var value: T = 0
    for index in (0..<(T.bitWidth / 8)).reversed() { value = value << 8 | T(bytes[offset + index]) }
    return value
}

/// Runs an external program; `nil` when it cannot be started (not installed).
func runTool(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String)? {
    let candidates = ["/usr/bin/", "/usr/local/bin/", "/bin/"].map { $0 + executable }
    let environmentPath = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let fromPath = environmentPath.split(separator: ":").map { "\($0)/\(executable)" }
    guard let binary = (fromPath + candidates).first(where: { FileManager.default.isExecutableFile(atPath: $0) })
    else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Checks an archive with Python's `zipfile` (testzip: every CRC-32) and prints its names, one a line, after `OK`.
let pythonZipCheck = """
    import sys, zipfile
    with zipfile.ZipFile(sys.argv[1]) as z:
        bad = z.testzip()
        if bad is not None:
            print("BAD", bad); sys.exit(1)
        infos = z.infolist()
        print("OK", len(infos))
        for i in infos[:20]:
            print(i.filename, i.file_size, i.compress_type, i.flag_bits)
    """
