import Testing

@testable import SheetCore

/// Hands out `bytes` in chunks of at most `chunkSize`, then throws `Failure` instead of reporting the end.
private struct FailingSource: ByteSource {
    struct Failure: Error, Equatable {}
    var inner: BufferByteSource

    init(_ bytes: [UInt8], chunkSize: Int) {
        inner = BufferByteSource(bytes, chunkSize: chunkSize)
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try inner.read(into: buffer)
        if count == 0 { throw Failure() }
        return count
    }
}

/// Deterministic pseudo-random bytes (a 64-bit LCG), so a failure can be reproduced.
private func pattern(_ count: Int, seed: UInt64 = 0x5EED) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 56)
    }
}

/// Reads `source` to its end with a caller buffer of `bufferSize` bytes.
private func drain(_ source: ReadAheadByteSource, bufferSize: Int) throws -> [UInt8] {
    var result: [UInt8] = []
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 1)
    defer { buffer.deallocate() }
    while true {
        let count = try source.read(into: buffer)
        if count == 0 { return result }
        #expect(count <= bufferSize)
        result.append(contentsOf: buffer[..<count])
    }
}

@Suite("Reading ahead on a second thread")
struct ReadAheadByteSourceTests {
    static let input = pattern(3 << 20 | 12_345)

    struct Setting: Sendable, CustomTestStringConvertible {
        var sourceChunk: Int
        var readAheadChunk: Int
        var chunkCount: Int
        var callerBuffer: Int
        var testDescription: String {
            "source \(sourceChunk), ahead \(readAheadChunk)×\(chunkCount), caller \(callerBuffer)"
        }
    }

    static let settings: [Setting] = [
        Setting(sourceChunk: 1000, readAheadChunk: 4096, chunkCount: 2, callerBuffer: 1),
        Setting(sourceChunk: 7, readAheadChunk: 4096, chunkCount: 4, callerBuffer: 7),
        Setting(sourceChunk: 4096, readAheadChunk: 4096, chunkCount: 2, callerBuffer: 4096),
        Setting(sourceChunk: 5000, readAheadChunk: 1 << 16, chunkCount: 3, callerBuffer: 4096),
        Setting(sourceChunk: .max, readAheadChunk: 1 << 16, chunkCount: 2, callerBuffer: 1 << 20),
        Setting(sourceChunk: 333, readAheadChunk: 1, chunkCount: 1, callerBuffer: 1 << 20),
        Setting(sourceChunk: .max, readAheadChunk: 256 << 10, chunkCount: 4, callerBuffer: 7),
    ]

    @Test(arguments: settings)
    func readsEverythingBackInOrder(_ setting: Setting) throws {
        let source = ReadAheadByteSource(
            wrapping: BufferByteSource(Self.input, chunkSize: setting.sourceChunk),
            chunkSize: setting.readAheadChunk, chunkCount: setting.chunkCount)
        let output = try drain(source, bufferSize: setting.callerBuffer)
        #expect(output.count == Self.input.count)
        #expect(output == Self.input)
    }

    @Test func keepsReportingTheEndAfterTheEnd() throws {
        let source = ReadAheadByteSource(wrapping: BufferByteSource(pattern(10_000)), chunkSize: 4096)
        #expect(try drain(source, bufferSize: 999) == pattern(10_000))
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16, alignment: 1)
        defer { buffer.deallocate() }
        for _ in 0..<5 { #expect(try source.read(into: buffer) == 0) }
    }

    @Test func emptySourceEndsAtOnceAndStaysEnded() throws {
        let source = ReadAheadByteSource(wrapping: BufferByteSource([]))
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 1)
        defer { buffer.deallocate() }
        for _ in 0..<3 { #expect(try source.read(into: buffer) == 0) }
    }

    @Test(arguments: [0, 1, 4095, 4096, 4097, 100_000, 1 << 20])
    func handsOverEveryByteBeforeTheSourcesError(failingAfter count: Int) throws {
        let bytes = pattern(count)
        let source = ReadAheadByteSource(
            wrapping: FailingSource(bytes, chunkSize: 3000), chunkSize: 4096, chunkCount: 2)
        var received: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1000, alignment: 1)
        defer { buffer.deallocate() }
        var failure: (any Error)?
        do {
            while true {
                let n = try source.read(into: buffer)
                if n == 0 { break }
                received.append(contentsOf: buffer[..<n])
            }
        } catch {
            failure = error
        }
        #expect(received == bytes, "received \(received.count) of \(bytes.count) bytes")
        #expect(failure as? FailingSource.Failure == FailingSource.Failure(), "the error should follow the bytes")
    }

    @Test func releasingAfterAPartialReadStopsTheThread() throws {
        let input = pattern(1 << 20)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 100, alignment: 1)
        defer { buffer.deallocate() }
        for round in 0..<200 {
            let source = ReadAheadByteSource(
                wrapping: BufferByteSource(input, chunkSize: 1 + round * 37), chunkSize: 4096, chunkCount: 2)
            // Sometimes nothing, sometimes a little, sometimes across several chunks.
            let reads = round % 5 == 0 ? 0 : round % 3 == 0 ? 200 : 1
            var position = 0
            for _ in 0..<reads {
                let n = try source.read(into: buffer)
                if Array(buffer[..<n]) != Array(input[position..<(position + n)]) {
                    Issue.record("round \(round): wrong bytes at \(position)")
                    return
                }
                position += n
            }
        }
    }
}
