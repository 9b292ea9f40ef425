import SheetCore

/// Texts already normalised for matching, by their raw UTF-8: the headings of a district's files repeat the same
/// titles, labels and signature lines (and a list its areas, classes and ethnic groups), so most are normalised
/// once per reading thread instead of once per sheet.
///
/// One memo per thread (it is not shared): ``FormExtractor/read(_:document:detector:forcing:memo:)`` takes it.
/// Texts are found by their bytes (``TextMemo``): hashing Vietnamese text as a `String` would normalise it again.
/// At most ``capacity`` texts of at most ``longestText`` bytes are kept; past that the memo starts afresh.
public final class MatchTextMemo {
    // Unchecked: the memo is one thread's, and the checks would cost more than the lookups.
    @exclusivity(unchecked) private var texts = TextMemo<MatchText>(capacity: MatchTextMemo.capacity)
    /// The most texts kept.
    public static let capacity = 8192

    public init() {}

    /// Longer texts are normalised without being kept: the memo stays small whatever the cells hold.
    public static let longestText = 256

    /// `raw` normalised, from the memo when it was met before.
    public func text(_ raw: String) -> MatchText {
        guard raw.utf8.count <= Self.longestText else { return MatchText(raw) }
        return texts.value(for: raw) { MatchText($0) }
    }
}
