import Synchronization

/// What texts read as, kept for every sheet and thread (a list's areas and classes are a handful of texts across a
/// whole run). Bounded: past ``capacity`` texts, or beyond ``longestText`` bytes, texts are read each time.
public final class TextReadings<Value: Sendable>: Sendable {
    private let read: @Sendable (String) -> Value?
    private let known = Mutex<[String: Value?]>([:])
    public static var capacity: Int { 1024 }

    public init(_ read: @escaping @Sendable (String) -> Value?) { self.read = read }

    /// Longer texts are read without being kept.
    public static var longestText: Int { 256 }

    /// What `text` reads as, read once.
    public func value(of text: String) -> Value? {
        guard text.utf8.count <= Self.longestText else { return read(text) }
        if let value = known.withLock({ $0[text] }) { return value }
        let value = read(text)
        known.withLock { if $0.count < Self.capacity { $0[text] = value } }
        return value
    }
}
