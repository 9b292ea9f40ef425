/// One entry of a ZIP archive as its central directory record describes it (APPNOTE 4.3.12).
///
/// Obtain entries from ``ZipArchive/entries`` or ``ZipArchive/entry(named:)``, then read them with
/// ``ZipArchive/contents(of:)`` or ``ZipArchive/reader(for:)``.
///
/// ```swift
/// let archive = try ZipArchive(path: "book.xlsx")
/// for entry in archive.entries where !entry.isDirectory {
///     print(entry.name, entry.uncompressedSize)
/// }
/// ```
public struct ZipEntry: Sendable, Hashable {
    /// General purpose bit flags of an entry. APPNOTE 4.4.4
    public struct Flags: OptionSet, Sendable, Hashable {
        /// The raw 16-bit field.
        public var rawValue: UInt16

        /// Creates flags from the raw field.
        ///
        /// - Parameter rawValue: the general purpose bit flag field.
        public init(rawValue: UInt16) { self.rawValue = rawValue }

        /// Bit 0: the entry is encrypted.
        public static let encrypted = Flags(rawValue: ZipFormat.flagEncrypted)
        /// Bit 3: sizes and CRC-32 follow the data in a data descriptor; the local header holds zeros.
        public static let dataDescriptor = Flags(rawValue: ZipFormat.flagDataDescriptor)
        /// Bit 6: strong encryption.
        public static let strongEncryption = Flags(rawValue: ZipFormat.flagStrongEncryption)
        /// Bit 11: the name is UTF-8; without it the name is code page 437.
        public static let utf8 = Flags(rawValue: ZipFormat.flagUTF8)
    }

    /// The entry's name (package part name), decoded from UTF-8 or code page 437. Directories end with `/`.
    public let name: String
    /// Size of the stored data in the archive, in bytes.
    public let compressedSize: UInt64
    /// Size of the data once inflated, in bytes, as recorded in the central directory.
    public let uncompressedSize: UInt64
    /// CRC-32 of the uncompressed data, as recorded in the central directory.
    public let crc32: UInt32
    /// Compression method: 0 stored, 8 deflate; others are listed but cannot be read. APPNOTE 4.4.5
    public let method: UInt16
    /// Offset of the entry's local file header from the start of the file (adjusted for any bytes prepended to the
    /// archive, such as a self-extractor stub).
    public let localHeaderOffset: UInt64
    /// Whether the entry is a directory (its name ends with `/`).
    public let isDirectory: Bool
    /// The general purpose bit flags.
    public let flags: Flags

    /// Whether the entry is encrypted in any way; such entries cannot be read.
    public var isEncrypted: Bool {
        !flags.isDisjoint(with: [.encrypted, .strongEncryption]) || method == ZipFormat.methodAESEncrypted
    }

    init(
        name: String, compressedSize: UInt64, uncompressedSize: UInt64, crc32: UInt32, method: UInt16,
        localHeaderOffset: UInt64, flags: Flags
    ) {
        self.name = name
        self.compressedSize = compressedSize
        self.uncompressedSize = uncompressedSize
        self.crc32 = crc32
        self.method = method
        self.localHeaderOffset = localHeaderOffset
        self.isDirectory = name.utf8.last == UInt8(ascii: "/")
        self.flags = flags
    }
}
