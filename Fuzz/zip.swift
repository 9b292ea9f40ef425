// libFuzzer target: the ZIP container (SheetZip). Scripts/fuzz.sh zip SECONDS
//
// Opens the input as an archive and inflates every entry through the streaming reader, under limits well below the
// fuzzer's -malloc_limit_mb, so any allocation past them is a bug. Every failure must be a ZipError, never a trap.
import SheetZip

private let limits = ZipLimits(
    maxEntryCount: 1_000, maxEntrySize: 32 << 20, maxTotalSize: 64 << 20, maxCompressionRatio: 1_000,
    compressionRatioThreshold: 1 << 20)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZip(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    guard let archive = try? ZipArchive(bytes: bytes, limits: limits) else { return 0 }
    var buffer = [UInt8](repeating: 0, count: 64 << 10)
    for entry in archive.entries {
        guard var reader = try? archive.reader(for: entry) else { continue }
        while true {
            let n = (try? buffer.withUnsafeMutableBytes { try reader.read(into: $0) }) ?? 0
            if n == 0 { break }
        }
    }
    if let first = archive.entries.first { _ = try? archive.contents(of: first) }
    return 0
}
