import Foundation
import SheetCore
import Testing

@testable import SheetCSV

/// Runs `body` with a writer on a fresh temporary file, flushes, and returns what reached the file.
private func written(bufferSize: Int = 256 << 10, _ body: (CSVWriter) throws -> Void) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("csvwriter-\(UUID().uuidString).csv")
    #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
    defer { try? FileManager.default.removeItem(at: url) }
    let handle = try FileHandle(forWritingTo: url)
    let writer = CSVWriter(fileDescriptor: handle.fileDescriptor, bufferSize: bufferSize)
    try body(writer)
    try writer.flush()
    try handle.close()
    return String(decoding: try Data(contentsOf: url), as: UTF8.self)
}

private func cell(_ a1: String, _ value: CellValue) -> Cell {
    Cell(address: CellAddress(a1)!, value: value)
}

@Suite("CSV out, RFC 4180")
struct CSVWriterTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("Ia Đal", "Ia Đal"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("\"", "\"\"\"\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("carriage\rreturn", "\"carriage\rreturn\""),
        ("crlf\r\n", "\"crlf\r\n\""),
        (" padded ", " padded "),
        ("  ", "  "),
        ("tab\there", "tab\there"),
        ("semi;colon", "semi;colon"),
        ("'quote", "'quote"),
        ("", ""),
    ])
    func quotesOnlyFieldsWithCommaQuoteCROrLF(_ text: String, _ expected: String) throws {
        #expect(try written { try $0.writeRecord([.string(text)]) } == expected + "\n")
    }

    @Test func separatesFieldsWithCommasAndRecordsWithLineFeeds() throws {
        let output = try written { csv in
            try csv.writeRecord([.string("Xã"), .string("Hộ nghèo"), .number(12)])
            try csv.writeRecord([.string("Ia Đal"), .string("a,b"), .number(0.5)])
        }
        #expect(output == "Xã,Hộ nghèo,12\nIa Đal,\"a,b\",0.5\n")
    }

    @Test(arguments: [
        (CellValue.number(45000), "45000"),
        (.number(-0.5), "-0.5"),
        (.number(0.1), "0.1"),
        (.number(-0.0), "0"),
        (.number(1e21), "1e+21"),
        (.number(1e-7), "1e-07"),
        (.number(3.3333333333333335), "3.3333333333333335"),
        (.number(1234.5), "1234.5"),
        (.boolean(true), "TRUE"),
        (.boolean(false), "FALSE"),
        (.error(.divisionByZero), "#DIV/0!"),
        (.error(.notAvailable), "#N/A"),
        (.error(.name), "#NAME?"),
        (.dateTime(ExcelDateTime(serial: 45658, system: .from1900, kind: .date)), "2025-01-01"),
        (.dateTime(ExcelDateTime(serial: 45658.75, system: .from1900, kind: .dateTime)), "2025-01-01T18:00:00"),
        (.dateTime(ExcelDateTime(serial: 0.5, system: .from1900, kind: .time)), "12:00:00"),
        (.dateTime(ExcelDateTime(serial: 1.5, system: .from1900, kind: .duration)), "PT36H0M0S"),
        (.dateTime(ExcelDateTime(serial: -1, system: .from1900, kind: .date)), "-1"),
        (.richText(RichText(runs: [TextRun(text: "Xã "), TextRun(text: "Ia §al", fontName: ".VnTime")])), "Xã Ia §al"),
        (.richText(RichText(runs: [TextRun(text: "a,"), TextRun(text: "\"b\"")])), "\"a,\"\"b\"\"\""),
        (.richText(RichText(runs: [])), ""),
        (.empty, ""),
    ])
    func writesValuesAsTheirCanonicalText(_ value: CellValue, _ expected: String) throws {
        #expect(try written { try $0.writeRecord([value]) } == expected + "\n")
    }

    @Test func padsRecordsWithEmptyFieldsUpToTheWidth() throws {
        let output = try written { csv in
            try csv.writeRecord([.string("a")], width: 3)
            try csv.writeRecord([], width: 3)
            try csv.writeRecord([.string("a"), .string("b"), .string("c"), .string("d")], width: 2)
            try csv.writeRecord([.empty, .empty])
            try csv.writeRecord([])
            try csv.writeRecord([.string("x")], width: 1)
        }
        #expect(output == "a,,\n,,\na,b,c,d\n,\n\nx\n")
    }

    @Test func placesRowCellsAtTheirColumnsWithGaps() throws {
        let output = try written { csv in
            try csv.writeRow([cell("B1", .string("b")), cell("D1", .number(4))], width: 5)
            try csv.writeRow([cell("A2", .string("a")), cell("C2", .boolean(true))], width: 3)
            try csv.writeRow([cell("C3", .string("c"))], width: 0)
            try csv.writeRow([cell("A4", .string("a"))], width: 1)
            try csv.writeRow([], width: 4)
            try csv.writeRow([cell("A6", .string("a")), cell("B6", .string("x,y"))], width: 1)
            try csv.writeRow([cell("E7", .empty)], width: 5)
        }
        #expect(output == ",b,,4,\na,,TRUE\n,,c\na\n,,,\na,\"x,y\"\n,,,,\n")
    }

    @Test func writesEmptyRecordsOfTheWidth() throws {
        let output = try written { csv in
            try csv.writeEmptyRecord(width: 0)
            try csv.writeEmptyRecord(width: 1)
            try csv.writeEmptyRecord(width: 4)
        }
        #expect(output == "\n\n,,,\n")
    }

    @Test(arguments: [64, 4096, 256 << 10])
    func keepsEveryByteOfLargeOutputAcrossFlushes(bufferSize: Int) throws {
        var expected = ""
        let output = try written(bufferSize: bufferSize) { csv in
            for index in 0..<100_000 {
                let text = index % 7 == 0 ? "Thôn \(index), \"Ia\"" : "Thôn \(index)"
                try csv.writeRecord([
                    .number(Double(index)), .string(text), .boolean(index % 2 == 0), .number(Double(index) / 8),
                ])
                let field = index % 7 == 0 ? "\"Thôn \(index), \"\"Ia\"\"\"" : "Thôn \(index)"
                expected +=
                    "\(index),\(field),\(index % 2 == 0 ? "TRUE" : "FALSE"),\(NumberText.text(Double(index) / 8))\n"
            }
        }
        #expect(output.utf8.count == expected.utf8.count)
        #expect(output == expected)
    }

    @Test func writesAFieldLargerThanTheBuffer() throws {
        let big = String(repeating: "Đal,\"x\"\n", count: 200_000)
        let quoted = "\"" + big.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let output = try written(bufferSize: 1024) { csv in
            try csv.writeRecord([.string("before")])
            try csv.writeRecord([.string(big), .number(1)])
            try csv.writeRecord([.string("after")])
        }
        #expect(output == "before\n" + quoted + ",1\nafter\n")
    }

    @Test func reportsTheErrnoOfAFailedWrite() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csvwriter-ro-\(UUID().uuidString)")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let csv = CSVWriter(fileDescriptor: handle.fileDescriptor)
        try csv.writeRecord([.string("a")])
        #expect {
            try csv.flush()
        } throws: { error in
            (error as? CSVWriter.WriteError)?.errno == EBADF
        }
    }
}
