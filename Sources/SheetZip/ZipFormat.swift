// The ZIP container as SheetZip reads it (PKWARE APPNOTE.TXT 6.3.x; section numbers below refer to it).
//
//   offset 0 ─▶ ┌──────────────────────────────┐
//               │ local file header 1  (4.3.7) │  signature, flags, method, CRC-32, sizes, name, extra
//               │ file data 1          (4.3.8) │  stored bytes or a raw deflate stream
//               │ [data descriptor 1]  (4.3.9) │  only when flag bit 3 is set: CRC-32 + sizes after the data
//               │ local file header 2 …        │
//               ├──────────────────────────────┤
//               │ central directory   (4.3.12) │  one record per entry: the authoritative sizes, CRC-32, method,
//               │                              │  name and the offset of the entry's local header
//               ├──────────────────────────────┤
//               │ [ZIP64 end of central        │  only when a count, size or offset overflows the classic
//               │  directory record]  (4.3.14) │  16/32-bit fields: the same fields, 64 bits wide
//               │ [ZIP64 EOCD locator](4.3.15) │  where the ZIP64 record starts
//               ├──────────────────────────────┤
//               │ end of central directory     │  entry count, central directory size and offset, comment
//               │ record (EOCD)       (4.3.16) │  (≤ 65,535 bytes): the reader finds it by scanning back
//   end of file └──────────────────────────────┘
//
// A reader trusts the central directory: it lists the entries, gives their sizes (also for entries written with a
// data descriptor, whose local header carries zeros) and points at each local header. The local header is read only
// for its signature and its own name and extra-field lengths, after which the data starts.

/// Constants of the ZIP format, each named after its APPNOTE section.
enum ZipFormat {
    // MARK: Signatures

    /// `PK\3\4`, starts every local file header. APPNOTE 4.3.7
    static let localFileHeader: UInt32 = 0x0403_4b50
    /// `PK\7\8`, optionally starts a data descriptor. APPNOTE 4.3.9.3
    static let dataDescriptor: UInt32 = 0x0807_4b50
    /// `PK\1\2`, starts every central directory file header. APPNOTE 4.3.12
    static let centralDirectoryFileHeader: UInt32 = 0x0201_4b50
    /// `PK\6\6`, starts the ZIP64 end of central directory record. APPNOTE 4.3.14
    static let zip64EndOfCentralDirectory: UInt32 = 0x0606_4b50
    /// `PK\6\7`, starts the ZIP64 end of central directory locator. APPNOTE 4.3.15
    static let zip64EndOfCentralDirectoryLocator: UInt32 = 0x0706_4b50
    /// `PK\5\6`, starts the end of central directory record. APPNOTE 4.3.16
    static let endOfCentralDirectory: UInt32 = 0x0605_4b50

    // MARK: Fixed sizes

    /// Fixed part of a local file header, before the name and extra field. APPNOTE 4.3.7
    static let localFileHeaderSize = 30
    /// Fixed part of a central directory file header, before name, extra field and comment. APPNOTE 4.3.12
    static let centralDirectoryFileHeaderSize = 46
    /// Fixed part of the end of central directory record, before the comment. APPNOTE 4.3.16
    static let endOfCentralDirectorySize = 22
    /// Longest archive comment: its length is a 16-bit field. APPNOTE 4.3.16
    static let maximumCommentLength = 0xFFFF
    /// How far back from the end of the file the EOCD can start: fixed part plus the longest comment (65,557).
    static let endOfCentralDirectorySearchSpan = endOfCentralDirectorySize + maximumCommentLength
    /// Size of the ZIP64 end of central directory locator. APPNOTE 4.3.15
    static let zip64LocatorSize = 20
    /// Fixed part of the ZIP64 end of central directory record, before its extensible data. APPNOTE 4.3.14
    static let zip64EndOfCentralDirectorySize = 56

    // MARK: Sentinels

    /// A 16-bit count or disk number whose real value is in the ZIP64 record or extra field. APPNOTE 4.4.1.4
    static let zip64Sentinel16: UInt16 = 0xFFFF
    /// A 32-bit size or offset whose real value is in the ZIP64 record or extra field. APPNOTE 4.4.1.4
    static let zip64Sentinel32: UInt32 = 0xFFFF_FFFF

    // MARK: General purpose bit flags (APPNOTE 4.4.4)

    /// Bit 0: the entry is encrypted (traditional PKWARE or strong encryption).
    static let flagEncrypted: UInt16 = 1 << 0
    /// Bit 3: CRC-32 and sizes are zero in the local header and follow the data in a data descriptor.
    static let flagDataDescriptor: UInt16 = 1 << 3
    /// Bit 6: strong encryption. APPNOTE 7.
    static let flagStrongEncryption: UInt16 = 1 << 6
    /// Bit 11 (language encoding flag): name and comment are UTF-8. APPNOTE Appendix D.
    static let flagUTF8: UInt16 = 1 << 11

    // MARK: Compression methods (APPNOTE 4.4.5)

    /// Method 0: stored, no compression.
    static let methodStored: UInt16 = 0
    /// Method 8: deflate (RFC 1951), read with zlib's raw inflate.
    static let methodDeflate: UInt16 = 8
    /// Method 99: WinZip AES encryption (APPNOTE 4.4.5, "AE-x encryption marker").
    static let methodAESEncrypted: UInt16 = 99

    // MARK: Extra field header ids (APPNOTE 4.5.2, 4.6)

    /// ZIP64 extended information extra field. APPNOTE 4.5.3
    static let extraZip64: UInt16 = 0x0001
    /// Info-ZIP Unicode Path extra field: a UTF-8 name for producers that wrote a legacy-encoded one. APPNOTE 4.6.9
    static let extraUnicodePath: UInt16 = 0x7075

    /// A readable name for a compression method, for error messages. APPNOTE 4.4.5
    static func methodName(_ method: UInt16) -> String {
        switch method {
        case 0: "stored"
        case 1: "shrunk"
        case 2, 3, 4, 5: "reduced"
        case 6: "imploded"
        case 8: "deflate"
        case 9: "deflate64"
        case 10: "PKWARE DCL implode"
        case 12: "bzip2"
        case 14: "LZMA"
        case 18: "IBM TERSE"
        case 19: "IBM LZ77 z"
        case 93: "Zstandard"
        case 94: "MP3"
        case 95: "XZ"
        case 96: "JPEG"
        case 97: "WavPack"
        case 98: "PPMd"
        case 99: "AES-encrypted"
        default: "unknown"
        }
    }
}
