import Testing

@testable import SheetXLS

@Suite struct CompoundFileTests {
    static let payload: [UInt8] = (0..<5000).map { UInt8($0 % 251) }

    @Test func readsStreamInRegularSectors() throws {
        let file = CFBBuilder(stream: Self.payload)
        let container = try CompoundFile(bytes: file.bytes)
        #expect(container.sectorSize == 512)
        #expect(try container.stream(named: "Workbook") == Self.payload)
        #expect(try container.stream(named: "workbook") == Self.payload)
        #expect(try container.stream(named: "Book") == nil)
    }

    @Test func reads4096ByteSectors() throws {
        let large: [UInt8] = (0..<50_000).map { UInt8($0 % 253) }
        let file = CFBBuilder(stream: large, sectorShift: 12)
        let container = try CompoundFile(bytes: file.bytes)
        #expect(container.sectorSize == 4096)
        #expect(try container.stream(named: "Workbook") == large)
        let small = Array(large.prefix(3000))
        #expect(
            try CompoundFile(bytes: CFBBuilder(stream: small, sectorShift: 12).bytes).stream(named: "Workbook") == small
        )
    }

    @Test func detectsFATChainLoopWith4096ByteSectors() {
        var file = CFBBuilder(stream: (0..<50_000).map { UInt8($0 % 253) }, sectorShift: 12)
        file.setFAT(8, 4)
        #expect(code(of: file.bytes) == .container)
    }

    @Test func readsStreamInMiniStream() throws {
        let small = Array(Self.payload.prefix(1000))
        let container = try CompoundFile(bytes: CFBBuilder(stream: small).bytes)
        #expect(try container.stream(named: "Workbook") == small)
    }

    @Test func rejectsFileWithoutSignature() {
        #expect(throws: XLSError.self) { try CompoundFile(bytes: Array("PK\u{3}\u{4} not a compound file".utf8)) }
        do {
            _ = try CompoundFile(bytes: [UInt8](repeating: 0, count: 600))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .notCompoundFile)
        }
    }

    @Test func rejectsTruncatedHeader() {
        let bytes = Array(CFBBuilder(stream: Self.payload).bytes.prefix(300))
        #expect(code(of: bytes) == .truncated)
    }

    @Test func detectsFATChainLoop() {
        var file = CFBBuilder(stream: Self.payload)
        file.setFAT(5, 3)  // sector 5 points back to sector 3
        #expect(code(of: file.bytes) == .container)
        do {
            let container = try CompoundFile(bytes: file.bytes)
            _ = try container.stream(named: "Workbook")
        } catch {
            #expect(error.message.contains("loops"))
        }
    }

    @Test func detectsDirectoryChainLoop() {
        var file = CFBBuilder(stream: Self.payload)
        file.setFAT(1, 1)  // the directory's sector points to itself
        #expect(code(of: file.bytes) == .container)
    }

    @Test func detectsSectorIndexPastEnd() {
        var file = CFBBuilder(stream: Self.payload)
        file.setFAT(3, 100)  // inside the FAT's range, but past the end of the file
        #expect(code(of: file.bytes) == .container)
        file.setFAT(3, 5000)  // past the FAT itself
        #expect(code(of: file.bytes) == .container)
    }

    @Test func detectsStreamCutShort() {
        let file = CFBBuilder(stream: Self.payload)
        let bytes = Array(file.bytes.prefix(file.bytes.count - 1500))
        let error = code(of: bytes)
        #expect(error == .container || error == .truncated)
    }

    @Test func rejectsBadSectorShift() {
        var file = CFBBuilder(stream: Self.payload)
        file.bytes[0x1E] = 10
        #expect(code(of: file.bytes) == .container)
    }

    /// Reads the container and its stream; returns the error code (or nil when it reads).
    func code(of bytes: [UInt8]) -> XLSError.Code? {
        do {
            let container = try CompoundFile(bytes: bytes)
            _ = try container.stream(named: "Workbook")
            return nil
        } catch {
            return error.code
        }
    }

    @Test func survivesEveryTruncationAndByteFlip() {
        let file = CFBBuilder(stream: Self.payload).bytes
        for length in stride(from: 0, to: file.count, by: 97) { _ = code(of: Array(file.prefix(length))) }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<400 {
            var bytes = file
            for _ in 0..<4 {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                let at = Int(state % UInt64(min(bytes.count, 2048)))
                bytes[at] = UInt8(truncatingIfNeeded: state >> 32)
            }
            _ = code(of: bytes)
        }
    }
}
