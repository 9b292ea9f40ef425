/// Text a user reads, in Vietnamese (the default) and English.
public struct LocalizedText: Hashable, Sendable, CustomStringConvertible {
    /// Vietnamese, NFC.
    public var vi: String
    /// English; the Vietnamese text when no translation was given.
    public var en: String

    /// - Parameters:
    ///   - vi: the Vietnamese text.
    ///   - en: the English text; `nil` repeats the Vietnamese.
    public init(vi: String, en: String? = nil) {
        self.vi = vi
        self.en = en ?? vi
    }

    /// The text in `language`.
    public func text(in language: Language) -> String { language == .vi ? vi : en }

    public var description: String { vi }
}

/// The language of what a user reads.
public enum Language: String, Sendable, CaseIterable {
    case vi
    case en
}
