import SheetCore
import Testing

@testable import SheetCSV

/// Seeded random inputs made of the bytes CSV cares about, valid and invalid UTF-8 among them.
func randomInputs(count: Int, seed: UInt64) -> [[UInt8]] {
    var state = seed
    func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }
    let pieces: [[UInt8]] = [
        [0x2C], [0x3B], [0x09], [0x22], [0x22, 0x22], [0x0D], [0x0A], [0x0D, 0x0A], [0x61], [0x62, 0x63], [0x20],
        Array("Đ".utf8), Array("ệ".utf8), Array("𝔸".utf8), [0xFF], [0xC3], [0xE1, 0xBA], [0x00], [0xEF, 0xBB, 0xBF],
    ]
    return (0..<count).map { _ in
        let length = Int(next() % 60)
        return (0..<length).flatMap { _ in pieces[Int(next() % UInt64(pieces.count))] }
    }
}

@Suite("CSV in: random input never traps or hangs, and chunking never changes the outcome")
struct CSVReaderFuzzTests {
    static func inputs(count: Int, seed: UInt64) -> [[UInt8]] { randomInputs(count: count, seed: seed) }

    @Test(arguments: [1, 2, 3])
    func randomBytesGiveTheSameRecordsOrErrorWhateverTheChunks(seed: UInt64) {
        for input in randomInputs(count: 300, seed: seed) {
            for (invalid, delimiter) in [
                (CSVOptions.InvalidUTF8Handling.error, nil), (.replace, nil), (.error, UInt8(ascii: ",")),
            ] {
                var options = CSVOptions(delimiter: delimiter)
                options.invalidUTF8 = invalid
                let whole = readAll(input, options: options)
                for chunk in [1, 3] {
                    let pieces = readAll(input, chunkSize: chunk, bufferSize: 16, options: options)
                    #expect(pieces == whole, "input \(input)")
                }
            }
        }
    }
}
