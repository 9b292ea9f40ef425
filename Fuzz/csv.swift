import SheetCSV
// libFuzzer target: the CSV reader (SheetCSV). Scripts/fuzz.sh csv SECONDS
//
// Reads the input as text rows (delimiter sniffed, invalid UTF-8 an error), as typed rows with invalid UTF-8
// replaced, and fed in 3-byte chunks; the last input byte picks the way. Every failure must be a CSVError.
import SheetCore

private let limits = CSVLimits(maxFieldSize: 1 << 20, maxRecordSize: 4 << 20, maxFieldCount: 10_000)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let mode = bytes.last.map { Int($0) % 4 } ?? 0
    var options = CSVOptions(limits: limits, bufferSize: mode == 2 ? 16 : 4096)
    if mode == 1 || mode == 3 { options.invalidUTF8 = .replace }
    let source = BufferByteSource(bytes, chunkSize: mode == 2 ? 3 : .max)
    guard let reader = try? CSVReader(source: source, options: options) else { return 0 }
    switch mode {
    case 1:
        while let row = try? reader.nextTypedRow(locale: .vi) { _ = row.cells.count }
    case 3:
        while let row = try? reader.nextTypedRow(locale: .en) { _ = row.cells.count }
    default:
        while let row = try? reader.nextRow() { _ = row.cells.count }
    }
    return 0
}
