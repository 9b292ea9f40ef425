import SheetCore

// RFC 4180 CSV out: fields separated by commas, records by line feeds (LF, as Unix tools expect), a field
// quoted only when it holds a comma, a quote, CR or LF, with quotes doubled inside.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes CSV records to a file descriptor through one reused buffer.
///
/// ```swift
/// let csv = CSVWriter(fileDescriptor: STDOUT_FILENO)
/// try csv.writeRecord([.string("Ia Đal"), .number(300)])
/// try csv.flush()
/// ```
public final class CSVWriter {
    /// The error of a failed write: the descriptor's `errno`.
    public struct WriteError: Error, CustomStringConvertible, Sendable {
        public var errno: Int32
        public var description: String { "cannot write the output: \(String(cString: strerror(errno)))" }
    }

    private let fileDescriptor: Int32
    private let buffer: ByteBuffer
    private let field = ByteBuffer(capacity: 256)
    private let flushThreshold: Int

    /// - Parameters:
    ///   - fileDescriptor: where records go; not closed by the writer.
    ///   - bufferSize: bytes gathered before each `write(2)`.
    public init(fileDescriptor: Int32, bufferSize: Int = 256 << 10) {
        self.fileDescriptor = fileDescriptor
        self.flushThreshold = bufferSize
        buffer = ByteBuffer(capacity: bufferSize + 4096)
    }

    /// Writes one record; `values[i]` is field `i`, padded with empty fields up to `width`.
    ///
    /// - Throws: ``WriteError`` when the output cannot be written.
    public func writeRecord(_ values: some Sequence<CellValue>, width: Int = 0) throws {
        var count = 0
        for value in values {
            if count > 0 { buffer.append(UInt8(ascii: ",")) }
            appendField(value)
            count += 1
        }
        appendEmptyFields(count: width - count, after: count > 0)
        try endRecord()
    }

    /// Writes one row of cells at their columns, padded with empty fields up to `width`.
    public func writeRow(_ cells: [Cell], width: Int) throws {
        var column = 0
        for cell in cells {
            while column < cell.address.column {
                if column > 0 { buffer.append(UInt8(ascii: ",")) }
                column += 1
            }
            if column > 0 { buffer.append(UInt8(ascii: ",")) }
            appendField(cell.value)
            column += 1
        }
        appendEmptyFields(count: width - column, after: column > 0)
        try endRecord()
    }

    /// Writes a record of `width` empty fields (a blank row).
    public func writeEmptyRecord(width: Int) throws {
        appendEmptyFields(count: width, after: false)
        try endRecord()
    }

    /// Sends what is buffered.
    public func flush() throws {
        let bytes = buffer.bytes
        var offset = 0
        while offset < bytes.count {
            let written = write(fileDescriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteError(errno: errno)
            }
            offset += written
        }
        buffer.removeAll()
    }

    private func appendEmptyFields(count: Int, after hasFields: Bool) {
        guard count > 0 else { return }
        for index in 0..<count where hasFields || index > 0 { buffer.append(UInt8(ascii: ",")) }
    }

    private func endRecord() throws {
        buffer.append(0x0A)
        if buffer.count >= flushThreshold { try flush() }
    }

    private func appendField(_ value: CellValue) {
        switch value {
        case .empty: return
        case .string(var text):
            text.withUTF8 { appendQuotedIfNeeded($0) }
        case .number, .boolean, .error, .dateTime, .richText:
            // Numbers, booleans, errors and dates never need quotes; rich text is rare.
            field.removeAll()
            value.appendCanonicalText(to: field)
            appendQuotedIfNeeded(field.bytes)
        }
    }

    private func appendQuotedIfNeeded(_ bytes: UnsafeBufferPointer<UInt8>) {
        var needsQuotes = false
        for byte in bytes where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D
        {
            needsQuotes = true
            break
        }
        guard needsQuotes else {
            buffer.append(bytes)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
            buffer.append(byte)
        }
        buffer.append(UInt8(ascii: "\""))
    }
}
