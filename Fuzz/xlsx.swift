// libFuzzer target: a whole .xlsx package (SheetXLSX over SheetZip and SheetXML). Scripts/fuzz.sh xlsx SECONDS
//
// Opens the workbook (content types, relationships, workbook, styles, shared strings) and streams every sheet's
// rows, under limits below the fuzzer's -malloc_limit_mb. Every failure must be an XLSXError, never a trap.
import SheetXLSX
import SheetZip

private let limits: XLSXLimits = {
    var limits = XLSXLimits.default
    limits.zip = ZipLimits(maxEntryCount: 1_000, maxEntrySize: 32 << 20, maxTotalSize: 64 << 20)
    limits.maxSharedStrings = 1 << 20
    return limits
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    guard let reader = try? XLSXReader(bytes: bytes, limits: limits) else { return 0 }
    for sheet in reader.sheets {
        guard let rows = try? reader.rows(ofSheet: sheet.index) else { continue }
        var cells = 0
        while let row = try? rows.next() {
            cells += row.cells.count
            for cell in row.cells { _ = cell.value.canonicalText }
        }
        _ = rows.mergedRanges
    }
    return 0
}
