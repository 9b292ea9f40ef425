// libFuzzer target: the XML tokenizer (SheetXML). Scripts/fuzz.sh xml SECONDS
//
// Tokenizes the input whole and again in 7-byte chunks (the buffer refills mid-token), decoding every text and
// attribute value. Every failure must be an XMLError, never a trap.
import SheetCore
import SheetXML

private let limits = XMLLimits(maxDepth: 256, maxTokenSize: 1 << 20, maxAttributes: 512)

private func tokenize(_ tokenizer: XMLTokenizer) {
    var scratch: [UInt8] = []
    var tokens = 0
    while tokens < 1_000_000, let kind = try? tokenizer.next() {
        tokens += 1
        switch kind {
        case .endOfDocument: return
        case .text, .cdata:
            scratch.removeAll(keepingCapacity: true)
            do { try tokenizer.decode(tokenizer.content, into: &scratch) } catch { return }
        case .startElement:
            for attribute in tokenizer.attributes {
                guard (try? tokenizer.string(attribute.value)) != nil else { return }
            }
        default: break
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    tokenize(XMLTokenizer(bytes: bytes, limits: limits))
    tokenize(XMLTokenizer(source: BufferByteSource(bytes, chunkSize: 7), limits: limits, initialCapacity: 16))
    return 0
}
