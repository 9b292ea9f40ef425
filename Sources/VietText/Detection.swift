/// What ``VietText/detect(_:)`` found: the most likely encoding of some bytes, how sure it is, and the runner-up.
///
/// ```swift
/// let bytes: [UInt8] = Array("Xin chào".utf8)
/// let detection = bytes.withUnsafeBufferPointer { VietText.detect($0) }
/// detection.encoding   // .utf8
/// ```
public struct Detection: Sendable, Equatable, CustomStringConvertible {
    /// UTF-8 or one of the legacy encodings.
    public enum Encoding: Sendable, Equatable, Hashable, CustomStringConvertible {
        case utf8
        case legacy(LegacyEncoding)

        /// `utf-8` or the legacy encoding's raw value, as the CLI reports it.
        public var description: String {
            switch self {
            case .utf8: return "utf-8"
            case .legacy(let encoding): return encoding.rawValue
            }
        }
    }

    /// The best-scoring encoding.
    public let encoding: Encoding
    /// Its score, 0...1: 1 for valid UTF-8; for a legacy decoding, the share of words with non-ASCII letters that
    /// spell Vietnamese syllables, scaled down when there are fewer than four such words and halved when a
    /// language guard fails (see ``VietText/detect(_:)``).
    public let confidence: Double
    /// The second-best legacy encoding, `nil` for UTF-8 input.
    public let runnerUp: Encoding?
    /// The runner-up's score, 0 when there is none.
    public let runnerUpConfidence: Double

    /// `true` when the evidence is strong: confidence at least 0.6 and at least 0.2 ahead of the runner-up.
    /// Below that, callers that convert without a telling font should leave the text alone or ask.
    public var isConfident: Bool { confidence >= 0.6 && confidence - runnerUpConfidence >= 0.2 }

    /// The choice and its confidence, e.g. `tcvn3 (confidence 1.0; runner-up viscii 0.57)`.
    public var description: String {
        let confidence = (self.confidence * 100).rounded() / 100
        guard let runnerUp else { return "\(encoding) (confidence \(confidence))" }
        let other = (runnerUpConfidence * 100).rounded() / 100
        return "\(encoding) (confidence \(confidence); runner-up \(runnerUp) \(other))"
    }
}
