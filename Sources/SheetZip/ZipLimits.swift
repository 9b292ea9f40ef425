import SheetCore

/// Bounds on what a ``ZipArchive`` accepts from an untrusted file: the defence against zip bombs and absurd headers.
///
/// Sizes are checked twice: as declared (the central directory's sizes, before anything is inflated) and as actually
/// produced while inflating, so a header that lies is still stopped.
///
/// ```swift
/// var limits = ZipLimits.default
/// limits.maxEntrySize = 200 << 20  // 200 MiB per part is plenty for this job
/// let archive = try ZipArchive(path: "book.xlsx", limits: limits)
/// ```
public struct ZipLimits: Sendable, Hashable {
    /// Most entries the central directory may list. Default 10,000.
    public var maxEntryCount: Int
    /// Largest uncompressed size of one entry, declared or produced. Default 1 GiB.
    public var maxEntrySize: UInt64
    /// Most uncompressed bytes produced across all reads from one archive (re-reading an entry counts again).
    /// Default 4 GiB.
    public var maxTotalSize: UInt64
    /// Largest ratio of uncompressed to compressed bytes, checked only once an entry's output exceeds
    /// ``compressionRatioThreshold`` so that tiny, highly compressible parts are fine. Default 1,000.
    public var maxCompressionRatio: UInt64
    /// Output size of an entry above which ``maxCompressionRatio`` applies. Default 1 MiB.
    public var compressionRatioThreshold: UInt64
    /// Longest entry name in bytes. Default 4,096.
    public var maxNameLength: Int

    /// Creates limits; every parameter defaults to the value in ``default``.
    ///
    /// - Parameters:
    ///   - maxEntryCount: most entries in the central directory.
    ///   - maxEntrySize: largest uncompressed size of one entry, in bytes.
    ///   - maxTotalSize: most uncompressed bytes read from the archive in total.
    ///   - maxCompressionRatio: largest uncompressed / compressed ratio once past `compressionRatioThreshold`.
    ///   - compressionRatioThreshold: output size from which the ratio is checked.
    ///   - maxNameLength: longest entry name, in bytes.
    public init(
        maxEntryCount: Int = 10_000,
        maxEntrySize: UInt64 = 1 << 30,
        maxTotalSize: UInt64 = 4 << 30,
        maxCompressionRatio: UInt64 = 1_000,
        compressionRatioThreshold: UInt64 = 1 << 20,
        maxNameLength: Int = 4_096
    ) {
        self.maxEntryCount = maxEntryCount
        self.maxEntrySize = maxEntrySize
        self.maxTotalSize = maxTotalSize
        self.maxCompressionRatio = maxCompressionRatio
        self.compressionRatioThreshold = compressionRatioThreshold
        self.maxNameLength = maxNameLength
    }

    /// The limits used when none are given: generous for any spreadsheet, fatal to a zip bomb. The documented
    /// values (LIMITS.md) with the overrides of `BIEUMAU_LIMITS` (``ReadLimits``) applied.
    public static let `default` = ZipLimits(
        maxEntryCount: ReadLimits.value("zip.maxEntryCount", default: 10_000),
        maxEntrySize: ReadLimits.value("zip.maxEntrySize", default: UInt64(1) << 30),
        maxTotalSize: ReadLimits.value("zip.maxTotalSize", default: UInt64(4) << 30),
        maxCompressionRatio: ReadLimits.value("zip.maxCompressionRatio", default: UInt64(1_000)),
        compressionRatioThreshold: ReadLimits.value("zip.compressionRatioThreshold", default: UInt64(1) << 20),
        maxNameLength: ReadLimits.value("zip.maxNameLength", default: 4_096))
}
