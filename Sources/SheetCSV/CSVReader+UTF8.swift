import SheetCore

// UTF-8 well-formedness, checked on the bytes as they arrive (Unicode §3.9, Table 3-7):
//
//   00..7F                 (00 is refused: NUL is not text)
//   C2..DF 80..BF
//   E0 A0..BF 80..BF       E1..EC 80..BF 80..BF     ED 80..9F 80..BF      EE..EF 80..BF 80..BF
//   F0 90..BF 80..BF 80..BF   F1..F3 80..BF 80..BF 80..BF   F4 80..8F 80..BF 80..BF
//
// Eight bytes at a time while they are ASCII and not NUL; a sequence cut by the end of the bytes read so far waits
// for the next read. Under `InvalidUTF8Handling.replace` each maximal subpart of an ill-formed sequence becomes
// U+FFFD (EF BF BD) in the buffer itself.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A UTF-8 problem in the input, at a stream offset.
struct UTF8Problem {
    enum Kind {
        case nul
        /// An ill-formed sequence whose maximal subpart is `length` bytes.
        case invalid(length: Int)
    }

    var kind: Kind
    var streamOffset: Int
}

extension CSVReader {
    /// The outcome of scanning bytes: where the valid run ends and, if it ends early, why.
    struct UTF8Scan {
        /// First byte not known to be valid: `end` when all are, else a problem or a sequence cut by `end`.
        var validEnd: Int
        var problem: UTF8Problem.Kind?
    }

    /// Scans `bytes[from..<end]` for well-formed UTF-8 without NUL.
    ///
    /// - Parameter final: `true` when no bytes follow `end`, so a cut sequence is ill-formed rather than pending.
    /// - Complexity: O(end − from); ASCII runs go eight bytes per step.
    static func scanUTF8(_ bytes: UnsafeMutablePointer<UInt8>, from: Int, to end: Int, final: Bool) -> UTF8Scan {
        UTF8Automaton.scan(bytes, from: from, to: end, final: final)
            ?? scanUTF8Exactly(bytes, from: from, to: end, final: final)
    }

    /// The byte-by-byte scan that says exactly where and what a problem is (used when the automaton finds one).
    static func scanUTF8Exactly(_ bytes: UnsafeMutablePointer<UInt8>, from: Int, to end: Int, final: Bool)
        -> UTF8Scan
    {
        var index = from
        outer: while true {
            while index &+ 8 <= end {
                let word = UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self)
                let high = word & 0x8080_8080_8080_8080
                let zero = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
                if high | zero != 0 { break }
                index &+= 8
            }
            // Byte by byte through mixed text (Vietnamese: ~30 % of bytes in 2- and 3-byte sequences), back to
            // whole words after a run of 16 ASCII bytes.
            var asciiRun = 0
            while index < end {
                let lead = bytes[index]
                if lead < 0x80 {
                    if lead == 0 { return UTF8Scan(validEnd: index, problem: .nul) }
                    index &+= 1
                    asciiRun &+= 1
                    if asciiRun >= 16 { continue outer }
                    continue
                }
                asciiRun = 0
                if lead &- 0xC2 < 0x1E, index &+ 1 < end {
                    if bytes[index &+ 1] & 0xC0 != 0x80 {
                        return UTF8Scan(validEnd: index, problem: .invalid(length: 1))
                    }
                    index &+= 2
                    continue
                }
                if lead & 0xF0 == 0xE0, index &+ 2 < end {
                    let second = bytes[index &+ 1]
                    let third = bytes[index &+ 2]
                    let secondInRange = lead == 0xE0 ? second >= 0xA0 : (lead != 0xED || second <= 0x9F)
                    if second & 0xC0 == 0x80, third & 0xC0 == 0x80, secondInRange {
                        index &+= 3
                        continue
                    }
                }
                let sequence = checkSequence(bytes, at: index, end: end, final: final)
                if sequence <= 0 {
                    return UTF8Scan(validEnd: index, problem: sequence == 0 ? nil : .invalid(length: -sequence))
                }
                index &+= sequence
            }
            return UTF8Scan(validEnd: end, problem: nil)
        }
    }

    /// Checks the multi-byte sequence whose lead byte is at `index`.
    ///
    /// - Returns: its length when well-formed; `0` when `end` cuts it and more bytes may follow; minus the length of
    ///   its maximal subpart when ill-formed.
    @inline(never)
    static func checkSequence(_ bytes: UnsafeMutablePointer<UInt8>, at index: Int, end: Int, final: Bool) -> Int {
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        let continuations: Int
        switch bytes[index] {
        case 0xC2...0xDF: continuations = 1
        case 0xE0:
            continuations = 2
            low = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: continuations = 2
        case 0xED:
            continuations = 2
            high = 0x9F
        case 0xF0:
            continuations = 3
            low = 0x90
        case 0xF1...0xF3: continuations = 3
        case 0xF4:
            continuations = 3
            high = 0x8F
        default: return -1
        }
        var offset = 1
        while offset <= continuations {
            if index &+ offset >= end { return final ? -offset : 0 }
            let byte = bytes[index &+ offset]
            if byte < low || byte > high { return -offset }
            low = 0x80
            high = 0xBF
            offset &+= 1
        }
        return offset
    }

    /// Checks the bytes read since the last check, moving `validEnd`; notes the first problem, or repairs
    /// ill-formed sequences under ``CSVOptions/InvalidUTF8Handling/replace``.
    func validateNewBytes() {
        guard pendingProblem == nil else { return }
        let scan = CSVReader.scanUTF8(buffer, from: validEnd, to: dataEnd, final: sourceEnded)
        validEnd = scan.validEnd
        guard let kind = scan.problem else { return }
        if case .invalid = kind, options.invalidUTF8 == .replace {
            repairUTF8()
        } else {
            pendingProblem = UTF8Problem(kind: kind, streamOffset: bufferBase + validEnd)
        }
    }

    /// Rewrites `[validEnd, dataEnd)` with each ill-formed subpart replaced by U+FFFD, in one pass through a
    /// scratch copy; stops at a NUL (noted as a problem) or a sequence cut by the end of the bytes read.
    private func repairUTF8() {
        let start = validEnd
        var repaired = [UInt8]()
        repaired.reserveCapacity((dataEnd - start) + 64)
        var index = start
        var nulAt: Int?
        while index < dataEnd {
            let scan = CSVReader.scanUTF8(buffer, from: index, to: dataEnd, final: sourceEnded)
            repaired.append(contentsOf: UnsafeBufferPointer(start: buffer + index, count: scan.validEnd - index))
            index = scan.validEnd
            guard let kind = scan.problem else { break }
            switch kind {
            case .nul:
                nulAt = start + repaired.count
            case .invalid(let length):
                repaired.append(contentsOf: [0xEF, 0xBF, 0xBD])
                utf8ReplacementCount += 1
                index += length
            }
            if nulAt != nil { break }
        }
        let tail = dataEnd - index
        let needed = start + repaired.count + tail
        if needed > capacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: needed + CSVReader.padding)
            bigger.update(from: buffer, count: start)
            (bigger + start + repaired.count).update(from: buffer + index, count: tail)
            buffer.deallocate()
            buffer = bigger
            capacity = needed
        } else if tail > 0 {
            memmove(buffer + start + repaired.count, buffer + index, tail)
        }
        repaired.withUnsafeBufferPointer { (buffer + start).update(from: $0.baseAddress!, count: $0.count) }
        dataEnd = needed
        validEnd = start + repaired.count
        if let nulAt { pendingProblem = UTF8Problem(kind: .nul, streamOffset: bufferBase + nulAt) }
    }

    /// The error for a problem the scanner has reached, located in the record being read.
    func utf8Error(_ problem: UTF8Problem, fieldIndex: Int) -> CSVError {
        let position = problem.streamOffset - bufferBase
        let place = locate(position)
        let code: CSVError.Code
        let message: String
        switch problem.kind {
        case .nul:
            code = .nulByte
            message =
                position > cursor && buffer[position - 1] < 0x80 || bufferBase + position <= 1
                ? "a NUL byte (0x00) is not text: the file may be UTF-16 without a byte order mark, or not a CSV file"
                : "a NUL byte (0x00) is not text: the file may be damaged or not a CSV file"
        case .invalid(let length):
            let shown = (0..<min(length, dataEnd - position)).map { hexByte(buffer[position + $0]) }
            message =
                "invalid UTF-8 (bytes \(shown.joined(separator: " "))): the file may be in a legacy encoding "
                + "(Windows-1258, TCVN3, VNI); convert it to UTF-8, or read with invalidUTF8: .replace"
            code = .invalidUTF8
        }
        return CSVError(
            code, message, line: place.line, column: place.column, record: recordNumber + 1, field: fieldIndex + 1,
            byteOffset: problem.streamOffset)
    }

    private func hexByte(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return byte < 16 ? "0" + digits : digits
    }
}
