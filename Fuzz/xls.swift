// libFuzzer target: a whole .xls workbook (Compound File + BIFF8/BIFF5 records, SheetXLS). Scripts/fuzz.sh xls SECONDS
//
// Opens the workbook (globals: BOF, BOUNDSHEET, FONT, FORMAT, XF, SST with CONTINUE) and streams every sheet's rows.
// Every failure must be an XLSError, never a trap.
@testable import SheetXLS

private let limits = XLSLimits(maxFileSize: 16 << 20, maxSharedStrings: 1 << 20, maxSheets: 256)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLS(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: data, count: count))
    if bytes.count >= 8, bytes[0] == 0xD0 { bytes.replaceSubrange(0..<8, with: CompoundFile.signature) }
    guard let reader = try? XLSReader(bytes: bytes, limits: limits) else { return 0 }
    for sheet in reader.sheets {
        guard let rows = try? reader.rows(ofSheet: sheet.index) else { continue }
        while let row = try? rows.next() {
            for cell in row.cells { _ = cell.value.canonicalText }
        }
    }
    return 0
}
