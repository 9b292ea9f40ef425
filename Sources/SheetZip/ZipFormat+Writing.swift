// What ZipWriter puts in the fields the reader only checks (APPNOTE 6.3.x; section numbers refer to it).
//
//   local file header (4.3.7), as Excel writes it: no data descriptor, CRC-32 and sizes patched in after the data
//   ┌──────┬─────────┬───────┬────────┬──────┬──────┬───────┬──────────┬────────────┬─────────┬─────────┬──────┬───────┐
//   │ PK34 │ version │ flags │ method │ time │ date │ CRC32 │ compr.   │ uncompr.   │ name    │ extra   │ name │ extra │
//   │      │ needed  │       │ 8      │      │      │       │ size     │ size       │ length  │ length  │      │       │
//   └──────┴─────────┴───────┴────────┴──────┴──────┴───────┴──────────┴────────────┴─────────┴─────────┴──────┴───────┘
//     0      4         6       8        10     12     14      18         22           26        28        30
//
// A ZIP64 entry (4.5.3) has 0xFFFFFFFF in both sizes and a 20-byte extra field 0x0001 holding them as 64-bit values.

extension ZipFormat {
    /// Version needed to extract a deflated entry: 2.0. APPNOTE 4.4.3.2
    static let versionDeflate: UInt16 = 20
    /// Version needed to extract an entry using ZIP64 extensions: 4.5. APPNOTE 4.4.3.2
    static let versionZip64: UInt16 = 45
    /// Version made by: 4.5 on host 0 (MS-DOS/FAT, APPNOTE 4.4.2.2), the value Excel writes.
    static let versionMadeBy: UInt16 = 45

    /// Offset of the CRC-32 field in a local file header; the two sizes follow it. APPNOTE 4.3.7
    static let localHeaderCRCOffset = 14
    /// Size of the ZIP64 extra field in a local header: id, length, uncompressed and compressed size. APPNOTE 4.5.3
    static let localZip64ExtraSize = 20
    /// Size of the ZIP64 end of central directory record as written: no extensible data. APPNOTE 4.3.14.1
    static let zip64EndOfCentralDirectoryWrittenSize: UInt64 = 44

    /// General purpose flag bits 1 and 2 for deflate (APPNOTE 4.4.4): the compression option used, for display by
    /// tools such as `zipinfo`. Level 0–1 writes "super fast" (what Excel sets), 2 "fast", 8–9 "maximum".
    static func deflateOptionFlags(level: Int32) -> UInt16 {
        switch level {
        case 0, 1: 0b110
        case 2: 0b100
        case 8, 9: 0b010
        default: 0
        }
    }
}
