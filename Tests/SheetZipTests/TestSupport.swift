import Foundation
import Testing

@testable import SheetZip

/// Sample content that compresses like worksheet XML.
func sampleXML(rows: Int) -> [UInt8] {
    var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sheetData>"
    for row in 1...max(rows, 1) {
        text +=
            "<row r=\"\(row)\"><c r=\"A\(row)\" t=\"s\"><v>\(row % 97)</v></c><c r=\"B\(row)\"><v>\(row * 31 % 1000)"
        text += ".5</v></c></row>"
    }
    return Array((text + "</sheetData>").utf8)
}

/// Bytes that do not compress, from a fixed seed.
func noise(count: Int, seed: UInt64 = 1) -> [UInt8] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
}

/// A small deterministic generator, so a failing fuzz case can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Reads the whole entry through a streaming reader in chunks of `chunkSize`.
func readStreaming(_ archive: ZipArchive, _ entry: ZipEntry, chunkSize: Int) throws(ZipError) -> [UInt8] {
    var reader = try archive.reader(for: entry)
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: chunkSize)
    while true {
        let count = try reader.read(into: &chunk)
        if count == 0 { break }
        output += chunk[0..<count]
    }
    return output
}

/// Opens `bytes` and reads every entry; the first error is thrown.
func openAndReadAll(_ bytes: [UInt8], limits: ZipLimits = .default) throws(ZipError) -> [[UInt8]] {
    let archive = try ZipArchive(bytes: bytes, limits: limits)
    var contents: [[UInt8]] = []
    for entry in archive.entries { contents.append(try archive.contents(of: entry)) }
    return contents
}

/// The error thrown by `body`, or `nil` when it succeeds.
func zipError<T>(_ body: () throws(ZipError) -> T) -> ZipError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

extension ZipEntryReader {
    /// Reads into the start of `array` (the standard library's `withUnsafeMutableBytes` is not typed-throws).
    mutating func read(into array: inout [UInt8]) throws(ZipError) -> Int {
        let result = array.withUnsafeMutableBytes { raw in Result { () throws(ZipError) in try self.read(into: raw) } }
        return try result.get()
    }
}
