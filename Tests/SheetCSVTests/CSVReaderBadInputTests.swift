import SheetCore
import Testing

@testable import SheetCSV

/// Endless bytes: an opening quote then `a` forever (a "100 MB single field" without the 100 MB).
private struct EndlessField: ByteSource {
    var produced = 0
    var quoted: Bool
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        for index in 0..<buffer.count { buffer[index] = produced + index == 0 && quoted ? 0x22 : 0x61 }
        produced += buffer.count
        return buffer.count
    }
}

private struct FailingSource: ByteSource {
    struct Broken: Error {}
    var sent = false
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if sent { throw Broken() }
        sent = true
        buffer.copyBytes(from: Array("a,b\nc".utf8))
        return 5
    }
}

@Suite("CSV in: bad input gives a clear error, never a crash")
struct CSVReaderBadInputTests {
    @Test(arguments: [1, 2, 3, 7, 1 << 20])
    func unterminatedQuoteNamesTheLineWhereTheFieldStarted(chunkSize: Int) {
        let text = "a,b\nc,\"open\nstill open\nand more"
        for bufferSize in [16, 1 << 20] {
            let error = readError(Array(text.utf8), chunkSize: chunkSize, bufferSize: bufferSize)
            #expect(error?.code == .unterminatedQuote)
            #expect(error?.line == 2)
            #expect(error?.column == 3)
            #expect(error?.record == 2)
            #expect(error?.field == 2)
            #expect(error?.byteOffset == 6)
            #expect(error?.description.contains("line 2") == true)
        }
    }

    @Test(arguments: [1, 3, 1 << 20])
    func aNulByteIsAnErrorWithItsPlace(chunkSize: Int) {
        let bytes = Array("Xã,Số\nIa Đal,3".utf8) + [0] + Array("00\n".utf8)
        for bufferSize in [16, 1 << 20] {
            let error = readError(bytes, chunkSize: chunkSize, bufferSize: bufferSize)
            #expect(error?.code == .nulByte)
            #expect(error?.line == 2)
            #expect(error?.column == 9)
            #expect(error?.field == 2)
            #expect(error?.record == 2)
            #expect(error?.byteOffset == 18)
        }
    }

    @Test func aNulByteInAQuotedFieldOnALaterLine() {
        let bytes = Array("h\n\"ab\nc".utf8) + [0] + Array("\"\n".utf8)
        let error = readError(bytes, options: comma)
        #expect(error?.code == .nulByte)
        #expect(error?.line == 3)
        #expect(error?.column == 2)
    }

    @Test func utf16WithoutAMarkIsNamedInTheNulMessage() {
        let bytes: [UInt8] = [0x61, 0x00, 0x2C, 0x00, 0x62, 0x00]
        let error = readError(bytes)
        #expect(error?.code == .nulByte)
        #expect(error?.message.contains("UTF-16") == true)
    }

    static let invalid: [([UInt8], Int)] = [
        ([0x80], 0),  // stray continuation byte
        ([0xC3, 0x28], 0),  // lead without continuation
        ([0xC0, 0xAF], 0),  // overlong
        ([0xE0, 0x80, 0xAF], 0),  // overlong 3-byte
        ([0xED, 0xA0, 0x80], 0),  // surrogate
        ([0xF4, 0x90, 0x80, 0x80], 0),  // above U+10FFFF
        ([0xF5], 0),
        ([0xFF], 0),
        ([0x61, 0xE1, 0xBA], 1),  // cut at the end of the file
        ([0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0xE9], 9),  // Latin-1 é after an ASCII run
    ]

    @Test(arguments: invalid)
    func invalidUTF8IsAnErrorWithLineColumnAndByte(_ bad: [UInt8], _ badIndex: Int) {
        let prefix = Array("Xã,Hộ\n\"Ia\nĐal\",".utf8)
        let bytes = prefix + bad + Array(",x\n".utf8)
        for chunk in [1, 2, 5, 1 << 20] {
            for bufferSize in [16, 1 << 20] {
                let error = readError(bytes, chunkSize: chunk, bufferSize: bufferSize)
                #expect(error?.code == .invalidUTF8)
                #expect(error?.byteOffset == prefix.count + badIndex)
                #expect(error?.line == 3)
                #expect(error?.column == 6 + badIndex)
                #expect(error?.record == 2)
                #expect(error?.field == 2)
                #expect(error?.message.contains("UTF-8") == true)
            }
        }
    }

    @Test func replacesInvalidUTF8WhenAsked() throws {
        var options = comma
        options.invalidUTF8 = .replace
        let bytes: [UInt8] =
            Array("a,".utf8) + [0xC3, 0x28] + Array(",".utf8) + [0xE1, 0x80] + Array(",ok,".utf8) + [0xF0, 0x9F]
        for chunk in [1, 2, 3, 1 << 20] {
            for bufferSize in [16, 1 << 20] {
                let result = readAll(bytes, chunkSize: chunk, bufferSize: bufferSize, options: options)
                #expect(result.error == nil)
                #expect(result.records == [["a", "\u{FFFD}(", "\u{FFFD}", "ok", "\u{FFFD}"]])
            }
        }
        let reader = try CSVReader(source: BufferByteSource(bytes), options: options)
        while try reader.nextRecord() {}
        #expect(reader.replacementCount == 3)
    }

    @Test func replacingStillRefusesNul() {
        var options = comma
        options.invalidUTF8 = .replace
        let error = readError([0x61, 0xFF, 0x2C, 0x00], options: options)
        #expect(error?.code == .nulByte)
        #expect(error?.byteOffset == 5)
    }

    @Test func replacesALatin1FileThatGrowsPastTheBuffer() {
        var options = comma
        options.invalidUTF8 = .replace
        let bytes = [UInt8](repeating: 0xE9, count: 1000)
        let result = readAll(bytes, chunkSize: 7, bufferSize: 16, options: options)
        #expect(result.records == [[String(repeating: "\u{FFFD}", count: 1000)]])
    }

    @Test(arguments: [true, false])
    func aHugeFieldStopsAtTheLimitWithoutReadingTheRest(quoted: Bool) throws {
        var options = comma
        options.bufferSize = 64 << 10
        let source = EndlessField(quoted: quoted)
        let reader = try CSVReader(source: source, options: options)
        #expect {
            _ = try reader.nextRecord()
        } throws: { error in
            guard let error = error as? CSVError else { return false }
            return error.code == .limitExceeded && error.line == 1 && error.field == 1
                && error.message.contains("\(16 << 20)")
        }
        // The buffer never grew past the limit (plus the doubling step that found it).
        #expect(reader.capacity <= 32 << 20)
    }

    @Test func aFieldOverASmallLimitIsRefusedEvenInsideTheBuffer() {
        var options = comma
        options.limits.maxFieldSize = 4
        #expect(readError(Array("abc,abcd\nabcde,x".utf8), options: options)?.code == .limitExceeded)
        #expect(readError(Array("abc,abcd\nab,x".utf8), options: options) == nil)
        let error = readError(Array("abc,abcd\nab,\"abcdefgh\"".utf8), chunkSize: 1, bufferSize: 16, options: options)
        #expect(error?.code == .limitExceeded)
        #expect(error?.line == 2)
        #expect(error?.field == 2)
    }

    @Test func aRecordOverTheLimitIsRefused() {
        var options = comma
        options.limits.maxRecordSize = 64
        let long = String(repeating: "abcdefg,", count: 20)
        let error = readError(Array(("a,b\n" + long + "\n").utf8), chunkSize: 5, bufferSize: 16, options: options)
        #expect(error?.code == .limitExceeded)
        #expect(error?.line == 2)
    }

    @Test func tooManyFieldsIsRefused() {
        var options = comma
        options.limits.maxFieldCount = 100
        #expect(readError(Array(String(repeating: ",", count: 99).utf8), options: options) == nil)
        let error = readError(Array(String(repeating: ",", count: 100).utf8), options: options)
        #expect(error?.code == .limitExceeded)
    }

    @Test func aFailingSourceIsReportedWithItsCause() throws {
        #expect {
            let reader = try CSVReader(source: FailingSource(), options: CSVOptions(bufferSize: 16))
            while try reader.nextRecord() {}
        } throws: { error in
            guard let error = error as? CSVError else { return false }
            return error.code == .sourceFailed && error.cause is FailingSource.Broken
        }
    }

    @Test func aMissingFileIsASourceError() {
        #expect {
            _ = try CSVReader(path: "/nonexistent/folder/file.csv")
        } throws: { error in
            (error as? CSVError)?.code == .sourceFailed && "\(error)".contains("/nonexistent/folder/file.csv")
        }
        #expect {
            _ = try CSVReader(path: "/tmp")
        } throws: { error in
            (error as? CSVError)?.code == .sourceFailed && "\(error)".contains("folder")
        }
    }
}

@Suite("CSV in: a problem right after a quote or a CR")
struct CSVReaderLookaheadTests {
    @Test(arguments: [
        (Array("a,\"b\"".utf8) + [0xFF], 1, 6, 5),
        (Array("a\r".utf8) + [0xFF], 2, 1, 2),
        (Array("\"a\r".utf8) + [0xFF] + Array("\"".utf8), 2, 1, 3),
        (Array("a,\"b\"".utf8) + [0x00], 1, 6, 5),
        (Array("x\ny\r".utf8) + [0x00, 0x0A], 3, 1, 4),
    ])
    func isReportedAtItsPlaceWithoutWaitingForever(_ bytes: [UInt8], _ line: Int, _ column: Int, _ offset: Int) {
        for chunk in [1, 2, 1 << 20] {
            for bufferSize in [16, 1 << 20] {
                let error = readError(bytes, chunkSize: chunk, bufferSize: bufferSize, options: comma)
                #expect(error != nil)
                #expect(error?.line == line)
                #expect(error?.column == column)
                #expect(error?.byteOffset == offset)
            }
        }
    }
}
