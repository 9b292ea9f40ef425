import SheetCore
import Testing

@testable import SheetCSV

private func utf16(_ text: String, bigEndian: Bool, bom: Bool = true) -> [UInt8] {
    var bytes: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
    for unit in text.utf16 {
        let high = UInt8(unit >> 8)
        let low = UInt8(unit & 0xFF)
        bytes += bigEndian ? [high, low] : [low, high]
    }
    return bytes
}

@Suite("CSV in: encodings and delimiters")
struct CSVReaderEncodingTests {
    static let vietnamese =
        "Xã;Hộ nghèo;Ghi chú\r\nIa Đal;300;\"Đề nghị; \"\"hỗ trợ\"\"\"\r\nIa Tơi;285;𝔸 ngoài BMP\r\n"
    static let expected = [
        ["Xã", "Hộ nghèo", "Ghi chú"], ["Ia Đal", "300", "Đề nghị; \"hỗ trợ\""], ["Ia Tơi", "285", "𝔸 ngoài BMP"],
    ]

    @Test func skipsAUTF8ByteOrderMark() throws {
        let reader = try CSVReader(source: BufferByteSource([0xEF, 0xBB, 0xBF] + Array(Self.vietnamese.utf8)))
        #expect(reader.encoding == .utf8WithBOM)
        #expect(reader.delimiter == UInt8(ascii: ";"))
        var records: [[String]] = []
        while try reader.nextRecord() { records.append(reader.strings) }
        #expect(records == Self.expected)
    }

    @Test(arguments: [false, true])
    func transcodesUTF16WithAByteOrderMark(bigEndian: Bool) throws {
        let bytes = utf16(Self.vietnamese, bigEndian: bigEndian)
        for chunk in [1, 2, 3, 5, 4096] {
            for bufferSize in [16, 1 << 20] {
                var options = CSVOptions()
                options.bufferSize = bufferSize
                let reader = try CSVReader(source: BufferByteSource(bytes, chunkSize: chunk), options: options)
                #expect(reader.encoding == (bigEndian ? .utf16BigEndian : .utf16LittleEndian))
                #expect(reader.delimiter == UInt8(ascii: ";"))
                var records: [[String]] = []
                while try reader.nextRecord() { records.append(reader.strings) }
                #expect(records == Self.expected)
            }
        }
    }

    @Test func readsExcelUnicodeTextTabSeparated() throws {
        let bytes = utf16("Xã\tSố hộ\nIa Đal\t300\n", bigEndian: false)
        let result = readAll(bytes)
        #expect(result.delimiter == 0x09)
        #expect(result.records == [["Xã", "Số hộ"], ["Ia Đal", "300"]])
    }

    @Test func rejectsUTF16WithAnOddNumberOfBytes() {
        let error = readError(utf16("a,b", bigEndian: false) + [0x41])
        #expect(error?.code == .invalidUTF16)
    }

    @Test(arguments: [false, true])
    func rejectsAnUnpairedSurrogate(bigEndian: Bool) throws {
        let bytes =
            utf16("a,", bigEndian: bigEndian) + (bigEndian ? [0xD8, 0x00, 0x00, 0x41] : [0x00, 0xD8, 0x41, 0x00])
        let error = readError(bytes)
        #expect(error?.code == .invalidUTF16)
        #expect(error?.byteOffset == 4)
        var options = CSVOptions()
        options.invalidUTF8 = .replace
        #expect(readAll(bytes, options: options).records == [["a", "\u{FFFD}A"]])
        for twoThreads in [false, true] {
            options.usesSecondThread = twoThreads
            let reader = try CSVReader(source: BufferByteSource(bytes), options: options)
            while try reader.nextRecord() {}
            #expect(reader.replacementCount == 1)
        }
    }

    @Test func readsUTF16WithoutAnythingAfterTheMark() {
        #expect(readAll([0xFF, 0xFE]).records == [])
        #expect(readAll([0xEF, 0xBB, 0xBF]).records == [])
    }

    static let sniffed: [(String, Character)] = [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1;2;3\n", ";"),
        ("a\tb\tc\n1\t2\t3\n", "\t"),
        ("a|b|c\n1|2|3\n", "|"),
        ("Xã;Thu nhập;Tỷ lệ\nIa Đal;49,7;7,93\nIa Dom;50,1;7,53\n", ";"),
        ("a,b\n\"x;y;z\",1\n\"p;q;r\",2\n", ","),
        ("Ghi chú; tên, tuổi\n", ";"),
        ("a,b;c\n1,2;3\n4,5;6;7\n", ","),
        ("single column\nrow 2\n", ","),
        ("", ","),
        ("a;b\n", ";"),
        ("x|y,z\n1|2,3\n1|2\n", "|"),
        ("\"a,b\";c\n\"d,e\";f\n", ";"),
    ]

    @Test(arguments: sniffed)
    func sniffsTheDelimiterFromTheFirstLines(_ text: String, _ expected: Character) {
        #expect(readAll(text).delimiter == expected.asciiValue!)
        #expect(readAll(text, chunkSize: 1, bufferSize: 16).delimiter == readAll(text).delimiter)
    }

    @Test func sniffsOnlyTheFirstBytesAsked() {
        let text = "a,b\n" + String(repeating: "x;y;z\n", count: 100)
        var options = CSVOptions()
        options.sniffLength = 4
        #expect(readAll(text, options: options).delimiter == UInt8(ascii: ","))
        #expect(readAll(text).delimiter == UInt8(ascii: ";"))
    }

    @Test func usesTheGivenDelimiterWithoutSniffing() {
        let result = readAll("a;b,c\n", options: CSVOptions(delimiter: UInt8(ascii: ",")))
        #expect(result.records == [["a;b", "c"]])
    }

    @Test(arguments: [UInt8(ascii: "\""), 0x0A, 0x0D, 0, 0xC3])
    func refusesADelimiterThatCannotSeparate(_ delimiter: UInt8) {
        #expect(readError(Array("a".utf8), options: CSVOptions(delimiter: delimiter))?.code == .invalidOption)
    }
}
