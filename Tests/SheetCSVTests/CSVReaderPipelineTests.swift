import SheetCore
import Testing

@testable import SheetCSV

/// `readAll` with the work split over two threads.
private func readOnTwoThreads(
    _ bytes: [UInt8], chunkSize: Int = .max, bufferSize: Int = 1 << 20,
    options: CSVOptions = CSVOptions()
) -> ReadResult {
    var options = options
    options.usesSecondThread = true
    return readAll(bytes, chunkSize: chunkSize, bufferSize: bufferSize, options: options)
}

@Suite("CSV in: two threads read the same as one")
struct CSVReaderPipelineTests {
    @Test(arguments: [1, 7, 4096])
    func recordsLinesAndRaggedRecordsAreTheSame(chunkSize: Int) {
        let bytes = Array(CSVReaderTests.mixed.utf8)
        let one = readAll(bytes)
        for bufferSize in [16, 1 << 20] {
            #expect(readOnTwoThreads(bytes, chunkSize: chunkSize, bufferSize: bufferSize) == one)
        }
    }

    @Test func manyBatchesAndARecordLargerThanABatch() throws {
        var text = "Xã,Ghi chú,Số hộ\n"
        for index in 0..<40_000 { text += "Ia Đal \(index),\"ghi, \"\"chú\"\" \(index)\",\(index)\n" }
        text += "lớn,\"" + String(repeating: "Đ", count: 1_500_000) + "\",1\n"
        for index in 0..<1000 { text += "Ia Dom \(index),,\(index)\n" }
        text += "1,2\n"
        let bytes = Array(text.utf8)
        let one = readAll(bytes)
        let two = readOnTwoThreads(bytes, chunkSize: 65_536)
        #expect(one.error == nil)
        #expect(one.records.count == 41_003)
        #expect(two == one)
    }

    @Test(arguments: CSVReaderBadInputTests.invalid)
    func errorsComeAfterTheRecordsBeforeThemWithTheSamePlace(_ bad: [UInt8], _ badIndex: Int) {
        let bytes = Array("Xã,Hộ\n\"Ia\nĐal\",".utf8) + bad + Array(",x\n".utf8)
        #expect(readOnTwoThreads(bytes) == readAll(bytes))
        #expect(readOnTwoThreads(bytes).errorCode == .invalidUTF8)
    }

    @Test func unterminatedQuoteAndLimitsAreTheSame() {
        let open = Array("a,b\nc,\"open\nstill open\nand more".utf8)
        #expect(readOnTwoThreads(open) == readAll(open))
        var options = CSVOptions()
        options.limits.maxFieldSize = 4
        let long = Array("abc,abcd\nab,\"abcdefgh\"".utf8)
        #expect(readOnTwoThreads(long, options: options) == readAll(long, options: options))
        #expect(readOnTwoThreads(long, options: options).errorCode == .limitExceeded)
    }

    @Test func typedRowsAndFindingsAreTheSame() throws {
        let text = "Xã;Hộ nghèo;Tỷ lệ;Vốn\nIa Đal;300;7,93%;1.234\nIa Dom;(12);0,5 %;007\n"
        var rows: [[[Row]]] = []
        var findings: [[CSVReader.AmbiguousNumber]] = []
        for twoThreads in [false, true] {
            let reader = try CSVReader(
                source: BufferByteSource(Array(text.utf8)), options: CSVOptions(usesSecondThread: twoThreads))
            var read: [Row] = []
            while let row = try reader.nextTypedRow(locale: .vi) { read.append(row) }
            rows.append([read])
            findings.append(reader.ambiguousNumbers)
        }
        #expect(rows[0][0].map(\.cells) == rows[1][0].map(\.cells))
        #expect(findings[0] == findings[1])
        #expect(findings[1].count == 1)
    }

    @Test func aReaderLeftEarlyStopsItsThread() throws {
        let text = String(repeating: "a,b,c\n", count: 1_000_000)
        for _ in 0..<20 {
            let reader = try CSVReader(
                source: BufferByteSource(Array(text.utf8)), options: CSVOptions(usesSecondThread: true))
            #expect(try reader.nextRecord())
            #expect(reader.strings == ["a", "b", "c"])
        }
    }

    @Test(arguments: [4, 5])
    func randomInputsGiveTheSameOutcome(seed: UInt64) {
        for input in CSVReaderFuzzTests.inputs(count: 200, seed: seed) {
            #expect(readOnTwoThreads(input, bufferSize: 16) == readAll(input), "input \(input)")
        }
    }
}
