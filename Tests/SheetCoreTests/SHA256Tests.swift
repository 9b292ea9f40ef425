import Testing

@testable import SheetCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SHA-256 against the FIPS 180-4 examples (NIST's "SHA256.pdf", "SHA2_Additional.pdf") and the NESSIE vectors.
@Suite("SHA-256")
struct SHA256Tests {
    static let vectors: [(String, String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
        (
            "The quick brown fox jumps over the lazy dog",
            "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"
        ),
    ]

    @Test("FIPS 180-4 examples", arguments: vectors)
    func digestMatchesPublishedVector(message: String, expected: String) {
        var hash = SHA256()
        hash.update(message.utf8)
        #expect(SHA256.hex(of: hash.finalize()) == expected)
    }

    @Test func millionTimesLetterA() {
        var hash = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hash.update(chunk) }
        #expect(
            SHA256.hex(of: hash.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// The padding boundaries: 55 bytes fit one block with the length, 56 need a second block, 64 exactly one.
    @Test(arguments: [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
    ])
    func paddingBoundaries(count: Int, expected: String) {
        var hash = SHA256()
        hash.update([UInt8](repeating: UInt8(ascii: "a"), count: count))
        #expect(SHA256.hex(of: hash.finalize()) == expected)
    }

    /// Fed whole, byte by byte and in odd chunk sizes, the digest is the same.
    @Test(arguments: [1, 3, 63, 64, 65, 1000])
    func chunkingDoesNotChangeDigest(chunkSize: Int) {
        let message = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var whole = SHA256()
        whole.update(message)
        var pieces = SHA256()
        var start = 0
        while start < message.count {
            let end = min(start + chunkSize, message.count)
            pieces.update(message[start..<end])
            start = end
        }
        #expect(whole.finalize() == pieces.finalize())
    }

    @Test func hexDigestOfFileStreamsTheContents() throws {
        let path = "/tmp/sha256-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(descriptor >= 0)
        defer { unlink(path) }
        for _ in 0..<1000 { _ = chunk.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } }
        close(descriptor)
        #expect(
            try SHA256.hexDigest(ofFileAt: path) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func hexDigestOfMissingFileThrows() {
        #expect(throws: FileError.self) { try SHA256.hexDigest(ofFileAt: "/nonexistent/sha256-input") }
    }
}
