// Strings in BIFF8 ([MS-XLS] 2.5.293 XLUnicodeRichExtendedString, 2.5.294 XLUnicodeString):
//
//   cch u16 | flags u8 (0x01 fHighByte, 0x04 fExtSt, 0x08 fRichSt) | [cRun u16] | [cbExtRst i32]
//   | characters (cch bytes Latin-1, or cch × 2 bytes UTF-16LE) | [cRun × (ich u16, ifnt u16)] | [ExtRst]
//
// When the characters cross into a CONTINUE record, the continuation opens with a fresh flags byte whose
// fHighByte gives the width of the characters that follow ([MS-XLS] 2.4.58): one string can mix widths.
// Compressed characters are kept as U+0000–U+00FF so that legacy Vietnamese bytes (TCVN3, VNI) can be recovered.

import SheetCore

/// Reads bytes and strings across a record's data and its CONTINUE records.
struct BIFFStringCursor {
    let stream: ByteReader
    private let segments: [Range<Int>]
    private var segment = 0
    private(set) var position: Int

    init(stream: ByteReader, record: BIFFRecordFrame, skipping prefix: Int = 0) {
        self.stream = stream
        self.segments = [record.data] + record.continuations
        self.position = record.data.lowerBound + min(prefix, record.data.count)
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool {
        var index = segment
        var at = position
        while index < segments.count {
            if at < segments[index].upperBound { return false }
            index += 1
            if index < segments.count { at = segments[index].lowerBound }
        }
        return true
    }

    private func truncated(_ what: String) -> XLSError {
        XLSError(.truncated, "the record ends inside \(what)", offset: position)
    }

    /// Moves into the next segment when the current one is used up; returns whether it moved.
    private mutating func advanceIfNeeded() -> Bool {
        guard position >= segments[segment].upperBound, segment + 1 < segments.count else { return false }
        segment += 1
        position = segments[segment].lowerBound
        return true
    }

    mutating func readU8(_ what: String = "a field") throws(XLSError) -> UInt8 {
        _ = advanceIfNeeded()
        guard position < segments[segment].upperBound, let byte = stream.getU8(at: position) else {
            throw truncated(what)
        }
        position += 1
        return byte
    }

    mutating func readU16(_ what: String = "a field") throws(XLSError) -> UInt16 {
        let low = try readU8(what)
        return UInt16(low) | UInt16(try readU8(what)) << 8
    }

    mutating func readU32(_ what: String = "a field") throws(XLSError) -> UInt32 {
        let low = try readU16(what)
        return UInt32(low) | UInt32(try readU16(what)) << 16
    }

    /// Skips `count` bytes across segments (run arrays, phonetic data).
    mutating func skip(_ count: Int, _ what: String) throws(XLSError) {
        var left = count
        while left > 0 {
            _ = advanceIfNeeded()
            let available = segments[segment].upperBound - position
            guard available > 0 else { throw truncated(what) }
            let step = min(available, left)
            position += step
            left -= step
        }
    }

    /// `count` raw bytes across segments (BIFF5 8-bit characters).
    mutating func readBytes(_ count: Int, _ what: String) throws(XLSError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(count, 8224))
        while out.count < count {
            _ = advanceIfNeeded()
            let available = segments[segment].upperBound - position
            guard available > 0 else { throw truncated(what) }
            let step = min(available, count - out.count)
            out.append(contentsOf: stream.bytes[position..<(position + step)])
            position += step
        }
        return out
    }

    /// `count` characters, starting `highByte` wide; a seam re-reads the width from the continuation's flags byte.
    mutating func readCharacters(_ count: Int, highByte: Bool) throws(XLSError) -> [UInt16] {
        var units: [UInt16] = []
        units.reserveCapacity(min(count, 8224))
        var wide = highByte
        while units.count < count {
            if position >= segments[segment].upperBound {
                guard advanceIfNeeded() else { throw truncated("a string's characters") }
                guard let flags = stream.getU8(at: position), position < segments[segment].upperBound else {
                    throw truncated("a string's characters")
                }
                position += 1
                wide = flags & 0x01 != 0
            }
            let available = segments[segment].upperBound - position
            let width = wide ? 2 : 1
            let take = min(count - units.count, available / width)
            if take == 0 {
                // An odd byte left over: the CONTINUE cut a UTF-16 unit in half.
                throw XLSError(
                    .invalidRecord, "a CONTINUE record splits a UTF-16 character in half", offset: position)
            }
            let bytes = stream.bytes
            if wide {
                for index in 0..<take {
                    let at = position + 2 * index
                    units.append(UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8)
                }
            } else {
                for index in 0..<take { units.append(UInt16(bytes[position + index])) }
            }
            position += take * width
        }
        return units
    }

    /// An XLUnicodeRichExtendedString (SST entries): text and its formatting runs (`ich`, `ifnt`).
    mutating func readRichExtendedString() throws(XLSError) -> (units: [UInt16], runs: [(Int, Int)]) {
        let count = Int(try readU16("a string's length"))
        let flags = try readU8("a string's flags")
        let runCount = flags & 0x08 != 0 ? Int(try readU16("a string's run count")) : 0
        let extLength = flags & 0x04 != 0 ? Int(try readU32("a string's phonetic size")) : 0
        let units = try readCharacters(count, highByte: flags & 0x01 != 0)
        var runs: [(Int, Int)] = []
        runs.reserveCapacity(runCount)
        for _ in 0..<runCount {
            let start = Int(try readU16("a rich-text run"))
            let font = Int(try readU16("a rich-text run"))
            runs.append((start, font))
        }
        if extLength > 0 { try skip(extLength, "a string's phonetic data") }
        return (units, runs)
    }

    /// An SST entry as a cell value. A plain string that lies inside the current record is decoded straight from
    /// its bytes; one with runs, phonetic data or a CONTINUE seam takes ``readRichExtendedString()``.
    mutating func readSharedString(fonts: [Font]) throws(XLSError) -> CellValue {
        let end = segments[segment].upperBound
        if position + 3 <= end, let count = stream.getU16(at: position), let flags = stream.getU8(at: position + 2),
            flags & 0x0C == 0
        {
            let wide = flags & 0x01 != 0
            let from = position + 3
            let length = Int(count) * (wide ? 2 : 1)
            if from + length <= end {
                position = from + length
                return stream.bytes.withUnsafeBytes { raw in
                    .string(
                        String(
                            biffCharacters: UnsafeRawBufferPointer(rebasing: raw[from..<(from + length)]),
                            count: Int(count), wide: wide))
                }
            }
        }
        let (units, runs) = try readRichExtendedString()
        return RichTextAssembly.value(units: units, runs: runs, fonts: fonts)
    }

    /// An XLUnicodeString (LABEL, FORMAT, STRING): `cch` u16, flags, characters.
    mutating func readUnicodeString() throws(XLSError) -> [UInt16] {
        let count = Int(try readU16("a string's length"))
        let flags = try readU8("a string's flags")
        return try readCharacters(count, highByte: flags & 0x01 != 0)
    }

    /// A ShortXLUnicodeString (sheet and font names): `cch` u8, flags, characters.
    mutating func readShortUnicodeString() throws(XLSError) -> [UInt16] {
        let count = Int(try readU8("a name's length"))
        let flags = try readU8("a name's flags")
        return try readCharacters(count, highByte: flags & 0x01 != 0)
    }
}

extension String {
    /// Text from UTF-16 code units (compressed BIFF characters are already U+0000–U+00FF); lone surrogates become
    /// U+FFFD.
    init(biffUnits units: [UInt16]) {
        self = units.withUnsafeBytes { raw in
            String(biffCharacters: UnsafeRawBufferPointer(rebasing: raw[...]), count: units.count, wide: true)
        }
    }

    /// Text from BIFF characters held in bytes: `count` Latin-1 bytes, or `count` UTF-16 units in little-endian
    /// byte order when `wide` (the host is little-endian on every platform we build for, and UInt16 arrays are read
    /// through the same path). Encodes UTF-8 directly: `String(decoding:as: UTF16.self)` took a fifth of the time
    /// reading a 65,535 × 20 sheet of short strings.
    init(biffCharacters bytes: UnsafeRawBufferPointer, count: Int, wide: Bool) {
        precondition(bytes.count >= count * (wide ? 2 : 1))
        self = String(unsafeUninitializedCapacity: count * 3) { out in
            var written = 0
            var index = 0
            @inline(__always) func unit(_ at: Int) -> UInt32 {
                wide ? UInt32(bytes[2 * at]) | UInt32(bytes[2 * at + 1]) << 8 : UInt32(bytes[at])
            }
            while index < count {
                let code = unit(index)
                index += 1
                if code < 0x80 {
                    out[written] = UInt8(code)
                    written += 1
                } else if code < 0x800 {
                    out[written] = UInt8(0xC0 | (code >> 6))
                    out[written + 1] = UInt8(0x80 | (code & 0x3F))
                    written += 2
                } else if code & 0xFC00 == 0xD800, index < count, unit(index) & 0xFC00 == 0xDC00 {
                    let scalar = 0x10000 + ((code - 0xD800) << 10) + (unit(index) - 0xDC00)
                    index += 1
                    out[written] = UInt8(0xF0 | (scalar >> 18))
                    out[written + 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
                    out[written + 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                    out[written + 3] = UInt8(0x80 | (scalar & 0x3F))
                    written += 4
                } else {
                    let scalar = code & 0xF800 == 0xD800 ? 0xFFFD : code
                    out[written] = UInt8(0xE0 | (scalar >> 12))
                    out[written + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                    out[written + 2] = UInt8(0x80 | (scalar & 0x3F))
                    written += 3
                }
            }
            return written
        }
    }
}
