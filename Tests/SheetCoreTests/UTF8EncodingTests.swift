import Testing

@testable import SheetCore

@Suite("UTF-8 scalars written and read back")
struct UTF8EncodingTests {
    /// Every scalar of one to four bytes reads back as written, with its length; a sequence cut short by the end of
    /// the buffer reads as U+FFFD.
    @Test func scalarsReadBackAsWritten() {
        let values: [UInt32] = [
            0x00, 0x41, 0x7F, 0x80, 0xE0, 0x111, 0x300, 0x7FF, 0x800, 0x1EC7, 0x2028, 0xFEFF, 0xFFFD,
            0x10000, 0x1D400, 0x10FFFF,
        ]
        for value in values {
            var bytes: [UInt8] = []
            UTF8Encoding.forEachByte(of: value) { bytes.append($0) }
            #expect(Array(String(Unicode.Scalar(value)!).utf8) == bytes)
            bytes.withUnsafeBufferPointer { buffer in
                let scalar = UTF8Encoding.scalar(in: buffer, at: 0)
                #expect(scalar.value == value && scalar.length == bytes.count, "U+\(String(value, radix: 16))")
                if bytes.count > 1 {
                    let cut = UnsafeBufferPointer(rebasing: buffer.dropLast())
                    #expect(UTF8Encoding.scalar(in: cut, at: 0) == (0xFFFD, bytes.count - 1))
                }
            }
        }
    }
}
