extension String {
    /// Calls `body` with the string's UTF-8 bytes, in place.
    ///
    /// Unlike `withUTF8`, which is `mutating`, this borrows the string: a caller holding it as a parameter does not
    /// copy it first, and the hot loops over cell texts are spared a retain and a release per text.
    @inlinable
    public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self  // not contiguous UTF-8 (a bridged string): `withUTF8` makes it so
        return try copy.withUTF8(body)
    }
}
