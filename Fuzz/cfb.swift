// libFuzzer target: the Compound File container ([MS-CFB], SheetXLS/Container). Scripts/fuzz.sh cfb SECONDS
//
// Reads the header, FAT, DIFAT, mini FAT and directory, then every stream. Every failure must be an XLSError.
@testable import SheetXLS

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCFB(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: data, count: count))
    // Most mutations would break the signature; put it back so the fuzzer explores the container itself.
    if bytes.count >= 8 { bytes.replaceSubrange(0..<8, with: CompoundFile.signature) }
    guard let file = try? CompoundFile(bytes: bytes) else { return 0 }
    for entry in file.entries where entry.kind == .stream {
        _ = try? file.stream(named: entry.name)
    }
    return 0
}
