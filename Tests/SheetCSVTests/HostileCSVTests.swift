// Hostile CSV (Tests/Fixtures/hostile/, LIMITS.md): the stored files, and a 1 GiB unterminated quote generated on
// the fly (never written to disk), which must stop at the field limit with memory bounded by it.
import Foundation
import SheetCSV
import SheetCore
import SheetTestSupport
import Testing

/// `1,"` and then `a` for `size` bytes: a quote that never closes.
struct UnterminatedQuoteSource: ByteSource {
    let size: Int
    private(set) var produced = 0

    init(size: Int) { self.size = size }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, size - produced)
        guard count > 0 else { return 0 }
        buffer.initializeMemory(as: UInt8.self, repeating: UInt8(ascii: "a"))
        if produced == 0 {
            let head = Array("STT,Don vi\n1,\"".utf8)
            for (index, byte) in head.prefix(count).enumerated() { buffer[index] = byte }
        }
        produced += count
        return count
    }
}

@Suite("Hostile CSV files")
struct HostileCSVTests {
    static func outcome(_ reader: CSVReader) -> String {
        do {
            while try reader.nextRow() != nil {}
            return "ok"
        } catch {
            return "CSVError.\(error.code)"
        }
    }

    @Test(arguments: HostileCorpus.cases(withExtension: "csv"))
    func hostileCSVGivesItsTypedError(_ item: HostileCase) throws {
        #expect(Self.outcome(try CSVReader(path: item.url.path)) == item.expected)
    }

    @Test func aOneGibibyteUnterminatedQuoteStopsAtTheFieldLimit() throws {
        let source = UnterminatedQuoteSource(size: 1 << 30)
        let reader = try CSVReader(source: source)
        do {
            while try reader.nextRow() != nil {}
            Issue.record("the 1 GiB field was read")
        } catch {
            #expect(error.code == .limitExceeded)
            #expect(error.message.contains("CSVLimits.maxFieldSize"))
            #expect(error.message.contains("BIEUMAU_LIMITS=csv.maxFieldSize="))
        }
    }

    @Test func anUnterminatedQuoteUnderTheLimitIsNamedAsSuch() throws {
        let reader = try CSVReader(source: UnterminatedQuoteSource(size: 1 << 20))
        #expect(Self.outcome(reader) == "CSVError.unterminatedQuote")
    }

    @Test func raisingTheFieldLimitLetsALargeFieldThrough() throws {
        let text = "a,b\n1,\"" + String(repeating: "x", count: 3 << 20) + "\"\n"
        var options = CSVOptions()
        options.limits.maxFieldSize = 1 << 20
        #expect(
            Self.outcome(try CSVReader(source: BufferByteSource(Array(text.utf8)), options: options))
                == "CSVError.limitExceeded")
        options.limits.maxFieldSize = 8 << 20
        #expect(Self.outcome(try CSVReader(source: BufferByteSource(Array(text.utf8)), options: options)) == "ok")
    }
}
