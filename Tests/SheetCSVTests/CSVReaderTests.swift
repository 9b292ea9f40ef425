import Foundation
import SheetCore
import Testing

@testable import SheetCSV

@Suite("CSV in, RFC 4180")
struct CSVReaderTests {
    static let cases: [(String, [[String]])] = [
        ("", []),
        ("a,b,c\n", [["a", "b", "c"]]),
        ("a,b,c", [["a", "b", "c"]]),
        ("a,b\r\nc,d\r\n", [["a", "b"], ["c", "d"]]),
        ("a,b\rc,d\r", [["a", "b"], ["c", "d"]]),
        ("a,b\nc,d\r\ne,f\rg,h", [["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"]]),
        ("\"a,b\",c\n", [["a,b", "c"]]),
        ("\"a\"\"b\",c", [["a\"b", "c"]]),
        ("\"\"\"\"", [["\""]]),
        ("\"\"\"a\"\"\"", [["\"a\""]]),
        ("\"line\nbreak\",x\n", [["line\nbreak", "x"]]),
        ("\"cr\r\nlf\",x\r\n", [["cr\r\nlf", "x"]]),
        ("\"lone\rcr\",x", [["lone\rcr", "x"]]),
        ("\"\",x", [["", "x"]]),
        ("\"\"", [[""]]),
        ("a,,c", [["a", "", "c"]]),
        (",", [["", ""]]),
        (",\n,", [["", ""], ["", ""]]),
        ("a,b,\n", [["a", "b", ""]]),
        ("a,\"b\"", [["a", "b"]]),
        ("a,\"b\"\n", [["a", "b"]]),
        ("\n", [[""]]),
        ("\n\n", [[""], [""]]),
        ("a\n\nb", [["a"], [""], ["b"]]),
        ("a\r\n\r\nb\r\n", [["a"], [""], ["b"]]),
        ("\"ab\"c,d", [["abc", "d"]]),
        ("ab\"c,d", [["ab\"c", "d"]]),
        ("a\"\"b,c", [["a\"\"b", "c"]]),
        ("\"a\" ,b", [["a ", "b"]]),
        (" a , b ", [[" a ", " b "]]),
        (" \"a\",b", [[" \"a\"", "b"]]),
        ("\"a\"\"\",b", [["a\"", "b"]]),
        (
            "Xã,Hộ nghèo,Tỷ lệ (%)\nIa Đal,300,\"7,93\"\n",
            [["Xã", "Hộ nghèo", "Tỷ lệ (%)"], ["Ia Đal", "300", "7,93"]]
        ),
        ("\"Đề nghị \"\"hộ nghèo\"\"\",x", [["Đề nghị \"hộ nghèo\"", "x"]]),
        ("a\n\"b\nc\nd\"\ne", [["a"], ["b\nc\nd"], ["e"]]),
    ]

    @Test(arguments: cases)
    func readsRecordsAsRFC4180Says(_ input: String, _ expected: [[String]]) {
        let result = readAll(input, options: comma)
        #expect(result.error == nil)
        #expect(result.records == expected)
    }

    @Test(arguments: cases)
    func readsTheSameRecordsWhateverTheChunkSize(_ input: String, _ expected: [[String]]) {
        let whole = readAll(input, options: comma)
        for chunk in [1, 2, 3, 5, 7] {
            for bufferSize in [16, 17, 1 << 20] {
                #expect(readAll(input, chunkSize: chunk, bufferSize: bufferSize, options: comma) == whole)
            }
        }
    }

    /// A larger input with every construct, crossing buffer boundaries in every place.
    static let mixed: String = {
        var text = "STT,Xã,Ghi chú,Số hộ\r\n"
        for index in 1...300 {
            switch index % 7 {
            case 0: text += "\(index),Ia Đal,\"có dấu phẩy, và \"\"ngoặc\"\"\",\(index * 3)\n"
            case 1: text += "\(index),\"Ia Dom\",\"hai\r\ndòng\",\(index)\r\n"
            case 2: text += "\(index),Ia Tơi,,\r"
            case 3: text += "\r\n"
            case 4: text += "\(index),\"\",\"\"\"\",x\n"
            case 5: text += "\(index),Plei Ơi,\"ba\ndòng\ntrong một ô\",\(index)\n"
            default: text += "\(index),Thôn \(index),\(String(repeating: "Đ", count: index % 40)),\(index)\n"
            }
        }
        return text + "cuối,không,xuống,dòng"
    }()

    @Test(arguments: [1, 2, 3, 5, 7, 11, 13, 64, 100, 4096])
    func chunkBoundariesDoNotChangeRecords(chunkSize: Int) {
        let whole = readAll(Self.mixed)
        #expect(whole.error == nil)
        #expect(whole.records.count == 302)
        #expect(whole.delimiter == UInt8(ascii: ","))
        for bufferSize in [16, 31, 256, 1 << 20] {
            #expect(readAll(Self.mixed, chunkSize: chunkSize, bufferSize: bufferSize) == whole)
            // With the delimiter given, the small buffer stays small (sniffing grows it to the sniffed length).
            #expect(readAll(Self.mixed, chunkSize: chunkSize, bufferSize: bufferSize, options: comma) == whole)
        }
    }

    @Test func countsLinesOfRecordsSpanningSeveralLines() {
        let result = readAll("a,b\n\"x\ny\",z\r\n\"1\r2\r\n3\",4\nlast", options: comma)
        #expect(result.records == [["a", "b"], ["x\ny", "z"], ["1\r2\r\n3", "4"], ["last"]])
        #expect(result.lines == [1, 2, 4, 7])
    }

    @Test func reportsRaggedRecordsAndKeepsReading() {
        let text = "a,b,c\n1,2,3\n1,2\n\n1,2,3,4\n1,2,3\n"
        let result = readAll(text, options: comma)
        #expect(result.error == nil)
        #expect(result.records.count == 6)
        #expect(
            result.ragged == [
                CSVReader.RaggedRecord(record: 3, line: 3, fieldCount: 2),
                CSVReader.RaggedRecord(record: 5, line: 5, fieldCount: 4),
            ])
    }

    @Test func exposesExpectedAndActualFieldCounts() throws {
        var options = comma
        options.raggedRecordsKept = 1
        let reader = try CSVReader(source: BufferByteSource(Array("\na,b\n1\n1,2,3\n1,2\n".utf8)), options: options)
        var seen: [(Int, Bool)] = []
        while try reader.nextRecord() { seen.append((reader.fieldCount, reader.isRagged)) }
        #expect(seen.map(\.0) == [1, 2, 1, 3, 2])
        #expect(seen.map(\.1) == [false, false, true, true, false])
        #expect(reader.expectedFieldCount == 2)
        #expect(reader.raggedRecordCount == 2)
        #expect(reader.raggedRecords == [CSVReader.RaggedRecord(record: 3, line: 3, fieldCount: 1)])
    }

    @Test func rowsPlaceNonEmptyFieldsAtTheirColumns() throws {
        let reader = try CSVReader(source: BufferByteSource(Array("Xã,,Số hộ\nIa Đal,\"\",300\n\n".utf8)))
        var rows: [Row] = []
        while let row = try reader.nextRow() { rows.append(row) }
        #expect(rows.map(\.index) == [0, 1, 2])
        #expect(rows[0].cells.map(\.address.a1) == ["A1", "C1"])
        #expect(rows[0].cells.map(\.value) == [.string("Xã"), .string("Số hộ")])
        #expect(rows[1].cells.map(\.address.a1) == ["A2", "C2"])
        #expect(rows[1].cells.map(\.value) == [.string("Ia Đal"), .string("300")])
        #expect(rows[2].cells.isEmpty)
        #expect(try reader.nextRow() == nil)
    }

    @Test func tellsQuotedFieldsApart() throws {
        let reader = try CSVReader(source: BufferByteSource(Array("\"007\",007,\"a\"\"b\"".utf8)))
        #expect(try reader.nextRecord())
        #expect((0..<3).map { reader.isQuoted(at: $0) } == [true, false, true])
        #expect(reader.strings == ["007", "007", "a\"b"])
        #expect(reader.isQuoted(at: 2))
        #expect(reader.withField(2) { $0.count } == 3)
    }

    @Test func readsAFileFromItsPath() throws {
        let path = "/tmp/csvreader-\(UInt64.random(in: 0...UInt64.max)).csv"
        let text = Self.mixed
        let file = fopen(path, "w")!
        fputs(text, file)
        fclose(file)
        defer { remove(path) }
        let reader = try CSVReader(path: path)
        var records: [[String]] = []
        while try reader.nextRecord() { records.append(reader.strings) }
        #expect(records == readAll(text).records)
    }

    @Test func recordOffsetsCountFromTheStartOfTheFile() throws {
        var options = comma
        options.bufferSize = 16
        let text = "\u{FEFF}ab,c\n\"d\ne\",f\nlonger record here,g\n"
        let reader = try CSVReader(source: BufferByteSource(Array(text.utf8), chunkSize: 3), options: options)
        var offsets: [Int] = []
        while try reader.nextRecord() { offsets.append(reader.recordByteOffset) }
        #expect(offsets == [3, 8, 16])
    }
}

@Suite("CSV in: typed rows")
struct CSVTypedRowTests {
    @Test func typesNumbersUnderTheDeclaredLocaleAndReportsAmbiguousOnes() throws {
        let text = "Xã;Hộ nghèo;Tỷ lệ;Thu nhập;Vốn\nIa Đal;300;7,93%;49,7;1.234\nIa Dom;(12);0,5 %;1.234.567,8;007\n"
        let reader = try CSVReader(source: BufferByteSource(Array(text.utf8)))
        var rows: [Row] = []
        while let row = try reader.nextTypedRow(locale: .vi) { rows.append(row) }
        #expect(rows.count == 3)
        #expect(rows[0].cells.map(\.value) == ["Xã", "Hộ nghèo", "Tỷ lệ", "Thu nhập", "Vốn"].map { .string($0) })
        #expect(
            rows[1].cells.map(\.value) == [
                .string("Ia Đal"), .number(300), .number(0.0793), .number(49.7), .string("1.234"),
            ])
        #expect(
            rows[2].cells.map(\.value) == [
                .string("Ia Dom"), .number(-12), .number(0.005), .number(1234567.8), .number(7),
            ])
        #expect(reader.ambiguousNumberCount == 1)
        let finding = try #require(reader.ambiguousNumbers.first)
        #expect(finding.address.a1 == "E2")
        #expect(finding.text == "1.234")
        #expect(finding.declared.value == DecimalNumber("1234"))
        #expect(finding.other.value == DecimalNumber("1.234"))
    }

    @Test func readsEnglishNumbersExactly() throws {
        let reader = try CSVReader(source: BufferByteSource(Array("a,b,c\n0.1,\"1,234.5\",x\n".utf8)))
        _ = try reader.nextTypedRow(locale: .en)
        let row = try #require(try reader.nextTypedRow(locale: .en))
        #expect(row.cells.map(\.value) == [.number(0.1), .number(1234.5), .string("x")])
    }
}

@Suite("CSV in: a whole file as a worksheet")
struct CSVWorksheetTests {
    @Test func readsEveryRecordIntoRows() throws {
        let text = "Xã;Hộ nghèo;Tỷ lệ\nIa Đal;300;7,93%\nIa Dom;;7,53%\n"
        let sheet = try CSVReader(source: BufferByteSource(Array(text.utf8))).readWorksheet(named: "ia-hdrai")
        #expect(sheet.name == "ia-hdrai")
        #expect(sheet.rows.count == 3)
        #expect(sheet[CellAddress("B2")!]?.value == .string("300"))
        #expect(sheet[CellAddress("B3")!] == nil)
        #expect(sheet.usedRange?.description == "A1:C3")
        let typed = try CSVReader(source: BufferByteSource(Array(text.utf8))).readWorksheet(
            named: "ia-hdrai", numbersIn: .vi)
        #expect(typed[CellAddress("B2")!]?.value == .number(300))
        #expect(typed[CellAddress("C3")!]?.value == .number(0.0753))
    }

    @Test func refusesMoreRecordsThanASheetHolds() {
        let text = String(repeating: "a,b\n", count: 10)
        #expect {
            _ = try CSVReader(source: BufferByteSource(Array(text.utf8))).readWorksheet(named: "x", maxRows: 9)
        } throws: { error in
            (error as? CSVError)?.code == .limitExceeded && (error as? CSVError)?.line == 10
        }
    }
}

@Suite("CSV in: repeated values shared")
struct CSVInterningTests {
    @Test func everyValueReadsBackExactlyThroughTheInternTables() throws {
        // Values of every length around the short/long boundary, many sharing prefixes, repeated out of order, so
        // that slots collide and get replaced.
        var values: [String] = []
        for length in [1, 2, 7, 8, 9, 14, 15, 16, 17, 31, 64, 255, 256, 257] {
            for index in 0..<300 {
                let stem = String(repeating: "Đ", count: length / 2) + String(repeating: "a", count: length % 2)
                // A prefix cut inside a letter decodes with U+FFFD: still valid text, of a slightly other length.
                var value = String(decoding: Array(stem.utf8.prefix(max(0, length - 4))), as: UTF8.self)
                value += String(index % 10_000)
                values.append(value)
            }
        }
        var state: UInt64 = 7
        var text = ""
        var expected: [[String]] = []
        for _ in 0..<6000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1
            let first = values[Int(state >> 33) % values.count]
            let second = values[Int(state >> 40) % values.count]
            text += "\"\(first)\",\(second)\n"
            expected.append([first, second])
        }
        for bufferSize in [64, 1 << 20] {
            var options = comma
            options.bufferSize = bufferSize
            let reader = try CSVReader(source: BufferByteSource(Array(text.utf8), chunkSize: 999), options: options)
            var records: [[String]] = []
            while try reader.nextRecord() { records.append(reader.strings) }
            #expect(records == expected)
            let again = try CSVReader(source: BufferByteSource(Array(text.utf8)), options: options)
            var cells: [[String]] = []
            while let row = try again.nextRow() { cells.append(row.cells.compactMap { $0.value.text }) }
            #expect(cells == expected.map { $0.filter { !$0.isEmpty } })
        }
    }
}
