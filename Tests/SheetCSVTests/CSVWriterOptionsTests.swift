import Foundation
import SheetCore
import Testing

@testable import SheetCSV

/// The bytes a writer with `options` sends to a file.
private func output(_ options: CSVWriter.Options, bufferSize: Int = 256 << 10, _ body: (CSVWriter) throws -> Void)
    throws -> [UInt8]
{
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("csvwriter-opt-\(UUID().uuidString).csv")
    #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
    defer { try? FileManager.default.removeItem(at: url) }
    let handle = try FileHandle(forWritingTo: url)
    let writer = CSVWriter(fileDescriptor: handle.fileDescriptor, bufferSize: bufferSize, options: options)
    try body(writer)
    try writer.flush()
    try handle.close()
    return Array(try Data(contentsOf: url))
}

private func text(_ options: CSVWriter.Options, _ body: (CSVWriter) throws -> Void) throws -> String {
    String(decoding: try output(options, body), as: UTF8.self)
}

@Suite("CSV out: options")
struct CSVWriterOptionsTests {
    @Test func writesTheByteOrderMarkOnceAtTheStart() throws {
        let bytes = try output(CSVWriter.Options(byteOrderMark: true), bufferSize: 16) { csv in
            for index in 0..<20 { try csv.writeRecord([.string("Hộ nghèo \(index)")]) }
        }
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let body = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(body == (0..<20).map { "Hộ nghèo \($0)\n" }.joined())
        #expect(try output(CSVWriter.Options()) { try $0.writeRecord([.string("a")]) } == Array("a\n".utf8))
    }

    @Test func aBOMFileReadsBackWithoutTheMark() throws {
        let bytes = try output(CSVWriter.Options(byteOrderMark: true)) { csv in
            try csv.writeRecord([.string("Xã"), .string("Số hộ")])
        }
        let reader = try CSVReader(source: BufferByteSource(bytes))
        #expect(reader.encoding == .utf8WithBOM)
        #expect(try reader.nextRecord())
        #expect(reader.strings == ["Xã", "Số hộ"])
    }

    @Test func endsRecordsWithCRLFWhenAsked() throws {
        let written = try text(CSVWriter.Options(lineEnding: .crlf)) { csv in
            try csv.writeRecord([.string("a"), .string("b\nc")])
            try csv.writeEmptyRecord(width: 2)
            try csv.writeRow([Cell(address: CellAddress(row: 2, column: 1), value: .number(1))], width: 2)
        }
        #expect(written == "a,\"b\nc\"\r\n,\r\n,1\r\n")
    }

    @Test(arguments: [
        ("=1+2", "'=1+2"),
        ("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        ("+84 912 345 678", "'+84 912 345 678"),
        ("-a", "'-a"),
        ("-5", "'-5"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "\"'\rcmd\""),
        ("=a,b", "\"'=a,b\""),
        ("a=b", "a=b"),
        ("Ia Đal", "Ia Đal"),
        ("#N/A", "#N/A"),
        ("'=already", "'=already"),
        (" =1", " =1"),
        ("", ""),
    ])
    func neutralisesTextThatLooksLikeAFormula(_ input: String, _ expected: String) throws {
        let options = CSVWriter.Options(neutralizesFormulas: true)
        #expect(try text(options) { try $0.writeRecord([.string(input)]) } == expected + "\n")
        let rich = CellValue.richText(RichText(runs: [TextRun(text: input)]))
        #expect(try text(options) { try $0.writeRecord([rich]) } == expected + "\n")
        #expect(try text(CSVWriter.Options()) { try $0.writeRecord([.string("=1+2")]) } == "=1+2\n")
    }

    @Test(arguments: [
        (CellValue.number(-5), "-5"),
        (.number(-0.5), "-0.5"),
        (.number(-1e21), "-1e+21"),
        (.dateTime(ExcelDateTime(serial: -1, system: .from1900, kind: .date)), "-1"),
        (.boolean(true), "TRUE"),
        (.error(.notAvailable), "#N/A"),
    ])
    func leavesTypedValuesAlone(_ value: CellValue, _ expected: String) throws {
        let options = CSVWriter.Options(neutralizesFormulas: true)
        #expect(try text(options) { try $0.writeRecord([value]) } == expected + "\n")
        #expect(
            try text(options) {
                try $0.writeRow([Cell(address: CellAddress(row: 0, column: 0), value: value)], width: 1)
            }
                == expected + "\n")
    }

    @Test func usesAnotherDelimiterAndQuotesFieldsHoldingIt() throws {
        let written = try text(CSVWriter.Options(delimiter: UInt8(ascii: ";"))) { csv in
            try csv.writeRecord([.string("49,7"), .string("a;b"), .number(2)], width: 4)
            try csv.writeRow([Cell(address: CellAddress(row: 1, column: 2), value: .string("x"))], width: 3)
        }
        #expect(written == "49,7;\"a;b\";2;\n;;x\n")
    }

    static let tricky = [
        "", "plain", "Ia Đal", "a,b", "a;b", "\"", "\"\"", "say \"hi\"", "line\nbreak", "cr\rreturn", "crlf\r\n",
        "\r\n", ",", " padded ", "tab\there", "=1+2", "-5", "Đề nghị \"hỗ trợ\", năm 2024\nký tên",
    ]

    @Test(arguments: [CSVWriter.Options.LineEnding.lf, .crlf], [false, true])
    func whatIsWrittenReadsBackTheSame(lineEnding: CSVWriter.Options.LineEnding, bom: Bool) throws {
        let records = Self.tricky.indices.map { index in
            (0..<4).map { Self.tricky[(index + $0 * 5) % Self.tricky.count] }
        }
        let bytes = try output(CSVWriter.Options(byteOrderMark: bom, lineEnding: lineEnding)) { csv in
            for record in records { try csv.writeRecord(record.map { CellValue.string($0) }) }
        }
        for chunk in [1, 3, 1 << 20] {
            let result = readAll(bytes, chunkSize: chunk, bufferSize: 16, options: comma)
            #expect(result.error == nil)
            #expect(result.records == records)
        }
    }
}
