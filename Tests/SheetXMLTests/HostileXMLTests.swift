// Hostile XML (LIMITS.md): invalid UTF-8 anywhere in a document is a typed error at its byte, whatever the chunk
// boundaries; depth, token size and attribute count stop at their limits.
import SheetCore
import SheetXML
import Testing

@Suite("Hostile XML")
struct HostileXMLTests {
    /// Tokenizes `bytes` whole, fed `chunk` bytes at a time; `ok` or the error's code and offset.
    static func outcome(_ bytes: [UInt8], chunk: Int = .max, limits: XMLLimits = .default) -> String {
        let xml = XMLTokenizer(source: BufferByteSource(bytes, chunkSize: chunk), limits: limits, initialCapacity: 64)
        do {
            while try xml.next() != .endOfDocument {}
            return "ok"
        } catch {
            return "\(error.code)@\(error.offset)"
        }
    }

    static func document(_ inner: [UInt8]) -> [UInt8] {
        Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><a b=\"".utf8) + inner + Array("\">tệp</a>".utf8)
    }

    static let invalid: [(String, [UInt8])] = [
        ("lone continuation byte", [0x80]),
        ("overlong two-byte form of /", [0xC0, 0xAF]),
        ("three-byte letter cut short", [0xE1, 0xBB]),
        ("UTF-16 surrogate", [0xED, 0xA0, 0x80]),
        ("overlong three-byte form", [0xE0, 0x80, 0xAF]),
        ("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
        ("byte never used", [0xFF]),
    ]

    @Test(arguments: 0..<invalid.count)
    func invalidUTF8IsAnErrorAtItsByteInEveryChunking(_ index: Int) {
        let bytes = Self.document(Array("x".utf8) + Self.invalid[index].1 + Array("y".utf8))
        let whole = Self.outcome(bytes)
        #expect(whole.hasPrefix("unsupportedEncoding@"), "\(Self.invalid[index].0): \(whole)")
        for chunk in [1, 2, 3, 7, 64] {
            #expect(Self.outcome(bytes, chunk: chunk) == whole, "\(Self.invalid[index].0), chunks of \(chunk)")
        }
    }

    @Test func wellFormedVietnameseSplitAnywhereIsRead() {
        let bytes = Self.document(Array("Hộ nghèo 𝑥 € ư".utf8))
        for chunk in [1, 2, 3, 5, .max] { #expect(Self.outcome(bytes, chunk: chunk) == "ok") }
    }

    @Test func aDocumentEndingInsideACharacterIsAnError() {
        let bytes = Array("<a>tệ".utf8).dropLast()
        #expect(Self.outcome(Array(bytes)).hasPrefix("unsupportedEncoding@"))
    }

    @Test func aUTF16DocumentIsNamedAsSuch() {
        let xml = XMLTokenizer(bytes: [0xFF, 0xFE, 0x3C, 0x00, 0x61, 0x00])
        do {
            try xml.next()
            Issue.record("a UTF-16 document was read")
        } catch {
            #expect(error.code == .unsupportedEncoding)
            #expect(error.message.contains("UTF-16"))
        }
    }

    @Test func nestingDeeperThanTheLimitIsRefused() {
        let bytes = Array((String(repeating: "<x>", count: 100_000) + String(repeating: "</x>", count: 100_000)).utf8)
        #expect(Self.outcome(bytes).hasPrefix("limitExceeded@"))
        #expect(Self.outcome(bytes, limits: XMLLimits(maxDepth: 100_001)) == "ok")
    }

    @Test func aTokenLargerThanTheLimitIsRefused() {
        let bytes = Array(("<a b=\"" + String(repeating: "v", count: 300_000) + "\"/>").utf8)
        #expect(Self.outcome(bytes, limits: XMLLimits(maxTokenSize: 200_000)).hasPrefix("limitExceeded@"))
        #expect(Self.outcome(bytes, limits: XMLLimits(maxTokenSize: 400_000)) == "ok")
    }

    @Test func moreAttributesThanTheLimitAreRefused() {
        let attributes = (0..<600).map { "a\($0)=\"\($0)\"" }.joined(separator: " ")
        let bytes = Array("<a \(attributes)/>".utf8)
        #expect(Self.outcome(bytes).hasPrefix("limitExceeded@"))
        #expect(Self.outcome(bytes, limits: XMLLimits(maxAttributes: 600)) == "ok")
    }

    @Test func entitiesAreNeverExpanded() {
        let bytes = Array(
            "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\"><!ENTITY l \"lol\">]><a>&x;&l;</a>".utf8)
        let xml = XMLTokenizer(bytes: bytes)
        var text = ""
        do {
            while try xml.next() != .endOfDocument {
                if xml.kind == .text { text += try xml.string(xml.content) }
            }
            Issue.record("the entity was accepted: \(text)")
        } catch {
            #expect(error.code == .undefinedEntity)
        }
    }
}
