import Synchronization

/// What texts read as, kept for every sheet and thread (a list's areas and classes are a handful of texts across a
/// whole run). Bounded: past ``capacity`` texts, new ones are read each time.
public final class TextReadings<Value: Sendable>: Sendable {
    private let read: @Sendable (String) -> Value?
    private let known = Mutex<[String: Value?]>([:])
    public static var capacity: Int { 1024 }

    public init(_ read: @escaping @Sendable (String) -> Value?) { self.read = read }

    /// What `text` reads as, read once.
    public func value(of text: String) -> Value? {
        if let value = known.withLock({ $0[text] }) { return value }
        let value = read(text)
        known.withLock { if $0.count < Self.capacity { $0[text] = value } }
        return value
    }
}
