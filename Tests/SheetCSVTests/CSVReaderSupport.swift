import SheetCore

@testable import SheetCSV

/// Everything a reader reports about an input, for comparing runs fed in different chunk sizes.
struct ReadResult: Equatable, CustomStringConvertible {
    var records: [[String]] = []
    var lines: [Int] = []
    var delimiter: UInt8 = 0
    var ragged: [CSVReader.RaggedRecord] = []
    var error: String?
    var errorCode: CSVError.Code?

    var description: String { "\(records) lines \(lines) ragged \(ragged) error \(error ?? "none")" }
}

/// Reads all of `bytes`, handing them out `chunkSize` bytes at a time through a buffer of `bufferSize`.
func readAll(
    _ bytes: [UInt8], chunkSize: Int = .max, bufferSize: Int = 1 << 20, options: CSVOptions = CSVOptions()
) -> ReadResult {
    var options = options
    options.bufferSize = bufferSize
    var result = ReadResult()
    do {
        let reader = try CSVReader(source: BufferByteSource(bytes, chunkSize: chunkSize), options: options)
        result.delimiter = reader.delimiter
        while try reader.nextRecord() {
            result.records.append(reader.strings)
            result.lines.append(reader.lineNumber)
        }
        result.ragged = reader.raggedRecords
    } catch {
        result.error = error.description
        result.errorCode = error.code
    }
    return result
}

func readAll(_ text: String, chunkSize: Int = .max, bufferSize: Int = 1 << 20, options: CSVOptions = CSVOptions())
    -> ReadResult
{
    readAll(Array(text.utf8), chunkSize: chunkSize, bufferSize: bufferSize, options: options)
}

/// The error a reader throws on `bytes`, `nil` when it reads to the end.
func readError(_ bytes: [UInt8], chunkSize: Int = .max, bufferSize: Int = 1 << 20, options: CSVOptions = CSVOptions())
    -> CSVError?
{
    var options = options
    options.bufferSize = bufferSize
    do {
        let reader = try CSVReader(source: BufferByteSource(bytes, chunkSize: chunkSize), options: options)
        while try reader.nextRecord() { for index in 0..<reader.fieldCount { _ = reader.field(index) } }
        return nil
    } catch {
        return error
    }
}

let comma = CSVOptions(delimiter: UInt8(ascii: ","))
