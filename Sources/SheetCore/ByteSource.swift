/// A producer of bytes read in chunks: a file, a ZIP entry being inflated, a buffer in memory.
///
/// Readers higher up (the XML tokenizer, the CSV reader) pull from a `ByteSource` so that their memory does not grow
/// with the size of the input.
public protocol ByteSource {
    /// Fills the start of `buffer` with the next bytes.
    ///
    /// - Parameter buffer: where to put the bytes; never empty.
    /// - Returns: the number of bytes written, `0` only at the end of the input.
    /// - Throws: the source's own error when the input cannot be read (corrupt, truncated, over a limit).
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A `ByteSource` over bytes already in memory.
///
/// ```swift
/// var source = BufferByteSource(Array("<a/>".utf8))
/// ```
public struct BufferByteSource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0
    /// Largest number of bytes handed out per call; small values let tests feed a reader in odd chunk sizes.
    private let chunkSize: Int

    public init(_ bytes: [UInt8], chunkSize: Int = .max) {
        self.bytes = bytes
        self.chunkSize = max(1, chunkSize)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - position, chunkSize)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + position, byteCount: count)
        }
        position += count
        return count
    }
}
