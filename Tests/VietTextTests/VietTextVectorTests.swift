import Foundation
import SheetTestSupport
import Testing
import VietText

/// `../shared/reference/legacy-vectors.tsv`, `nil` when the shared folder is absent.
private let referenceVectors: [GoldenVector]? = {
    guard let corpora = TestPaths.sharedCorpora else { return nil }
    let url = corpora.deletingLastPathComponent().appendingPathComponent("reference/legacy-vectors.tsv")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
    return text.split(separator: "\n").dropFirst().compactMap { line in
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count == 3 else { return nil }
        return GoldenVector(label: String(fields[0]), hex: String(fields[1]), expected: String(fields[2]))
    }
}()

@Suite("VietText golden vectors")
struct VietTextVectorTests {
    @Test("the committed subset decodes to the exact NFC scalars", arguments: committedVectors)
    func committedVectorDecodesExactly(_ vector: GoldenVector) {
        #expect(Array(vector.decoded().unicodeScalars) == Array(vector.expected.unicodeScalars))
    }

    @Test("the committed subset decodes the same from workbook text", arguments: committedVectors)
    func committedVectorDecodesFromWorkbookText(_ vector: GoldenVector) {
        guard let decoded = vector.decodedFromWorkbookText() else { return }
        #expect(Array(decoded.unicodeScalars) == Array(vector.expected.unicodeScalars))
    }

    @Test("every vector of legacy-vectors.tsv decodes exactly, from bytes and from workbook text",
          .enabled(if: referenceVectors != nil, "../shared/reference/legacy-vectors.tsv is absent"))
    func everyReferenceVectorDecodesExactly() throws {
        let vectors = try #require(referenceVectors)
        #expect(vectors.count == 1_122)
        var failures: [String] = []
        var passed = 0
        for vector in vectors {
            let expected = Array(vector.expected.unicodeScalars)
            let fromBytes = vector.decoded()
            let fromText = vector.decodedFromWorkbookText() ?? fromBytes
            if Array(fromBytes.unicodeScalars) == expected && Array(fromText.unicodeScalars) == expected {
                passed += 1
            } else {
                failures.append("\(vector): got \(fromBytes.unicodeScalars.map { String($0.value, radix: 16) }) / \(fromText)")
            }
        }
        print("VietText: \(passed)/\(vectors.count) golden vectors decode exactly")
        #expect(failures.isEmpty, "\(failures.count) vectors failed:\n\(failures.prefix(20).joined(separator: "\n"))")
    }
}
