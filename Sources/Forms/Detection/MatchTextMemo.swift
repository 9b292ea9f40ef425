/// Texts already normalised for matching, by their raw UTF-8: the headings of a district's files repeat the same
/// titles, labels and signature lines (and a list its areas, classes and ethnic groups), so most are normalised
/// once per reading thread instead of once per sheet.
///
/// One memo per thread (it is not shared): ``FormExtractor/read(_:document:detector:forcing:memo:)`` takes it.
/// Keys are compared byte for byte, hashed from their bytes (hashing Vietnamese text as a `String` would normalise
/// it again). At most ``capacity`` texts of at most ``longestText`` bytes are kept; past that the memo starts
/// afresh.
public final class MatchTextMemo {
    private struct Key: Hashable {
        let text: String
        let hash: UInt64

        init(_ text: String, hash: UInt64) {
            self.text = text
            self.hash = hash
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }

        static func == (a: Key, b: Key) -> Bool {
            guard a.hash == b.hash else { return false }
            var (x, y) = (a.text, b.text)
            return x.withUTF8 { x in y.withUTF8 { y in x.count == y.count && x.elementsEqual(y) } }
        }
    }

    private var texts: [Key: MatchText] = [:]
    /// The most texts kept.
    public static let capacity = 8192

    public init() {}

    /// Longer texts are normalised without being kept: the memo stays small whatever the cells hold.
    public static let longestText = 256

    /// `raw` normalised, from the memo when it was met before.
    public func text(_ raw: String) -> MatchText {
        guard raw.utf8.count <= Self.longestText else { return MatchText(raw) }
        var raw = raw
        let hash = raw.withUTF8(Self.hash)
        let key = Key(raw, hash: hash)
        if let known = texts[key] { return known }
        let text = MatchText(raw)
        if texts.count >= Self.capacity { texts.removeAll(keepingCapacity: true) }
        texts[key] = text
        return text
    }

    /// FNV-1a over the bytes.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01B3
        }
        return hash
    }
}
