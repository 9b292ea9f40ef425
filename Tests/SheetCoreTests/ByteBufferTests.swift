import Testing

@testable import SheetCore

@Suite("ByteBuffer")
struct ByteBufferTests {
    private func contents(_ buffer: ByteBuffer) -> [UInt8] { Array(buffer.bytes) }

    @Test func startsEmpty() {
        let buffer = ByteBuffer()
        #expect(buffer.isEmpty)
        #expect(buffer.count == 0)
        #expect(buffer.bytes.isEmpty)
    }

    @Test(arguments: [0, 1, 16, 17, 256])
    func appendsSingleBytesAcrossManyDoublings(capacity: Int) {
        let buffer = ByteBuffer(capacity: capacity)
        var expected: [UInt8] = []
        for index in 0..<(1 << 20) {
            let byte = UInt8(truncatingIfNeeded: index &* 31 &+ index >> 8)
            buffer.append(byte)
            expected.append(byte)
        }
        #expect(buffer.count == expected.count)
        #expect(contents(buffer) == expected)
    }

    @Test func appendsRunsLargerThanTheWholeCapacity() {
        let buffer = ByteBuffer(capacity: 16)
        let run = (0..<100_000).map { UInt8(truncatingIfNeeded: $0) }
        buffer.append(contentsOf: [1, 2, 3])
        buffer.append(contentsOf: run)
        buffer.append(contentsOf: [])
        run.withUnsafeBufferPointer { buffer.append($0) }
        #expect(contents(buffer) == [1, 2, 3] + run + run)
    }

    @Test func appendsStringsAsUTF8() {
        let buffer = ByteBuffer(capacity: 16)
        buffer.append(contentsOf: "Ia Đal")
        #expect(buffer.count == 7)
        buffer.append(contentsOf: "")
        buffer.append(contentsOf: String(repeating: "Xã ", count: 1000))
        buffer.append(contentsOf: "😀")
        let expected = "Ia Đal" + String(repeating: "Xã ", count: 1000) + "😀"
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == expected)
        #expect(buffer.count == expected.utf8.count)
    }

    @Test func appendsStringsCutFromLongerOnes() {
        let buffer = ByteBuffer()
        let long = String(repeating: "abc", count: 100)
        buffer.append(contentsOf: String(long.dropFirst(1).prefix(5)))
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == "bcabc")
    }

    @Test func removesTheLastBytesAndClampsAtEmpty() {
        let buffer = ByteBuffer()
        buffer.append(contentsOf: "hello, world")
        buffer.removeLast(7)
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == "hello")
        buffer.removeLast(0)
        #expect(buffer.count == 5)
        buffer.removeLast(100)
        #expect(buffer.isEmpty)
        buffer.append(contentsOf: "again")
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == "again")
    }

    @Test func keepsWorkingAfterRemoveAllInALoop() {
        let buffer = ByteBuffer(capacity: 16)
        for round in 0..<200 {
            buffer.removeAll()
            #expect(buffer.isEmpty)
            let text = String(repeating: "r\(round),", count: round * 10 + 1)
            buffer.append(contentsOf: text)
            if String(decoding: buffer.bytes, as: UTF8.self) != text {
                Issue.record("round \(round) holds the wrong bytes")
                return
            }
        }
    }

    @Test func removeAllKeepsTheGrownCapacity() {
        let buffer = ByteBuffer(capacity: 16)
        buffer.append(contentsOf: [UInt8](repeating: 7, count: 10_000))
        let grown = buffer.capacity
        #expect(grown >= 10_000)
        buffer.removeAll()
        #expect(buffer.capacity == grown)
        buffer.append(contentsOf: [UInt8](repeating: 9, count: 10_000))
        #expect(buffer.capacity == grown)
        #expect(contents(buffer) == [UInt8](repeating: 9, count: 10_000))
    }
}
