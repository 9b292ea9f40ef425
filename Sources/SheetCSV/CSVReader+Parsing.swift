// The record scanner and the buffer behind it (see the drawing in CSVReader.swift).
import SheetCore

extension CSVReader {
    enum ParseOutcome {
        /// A whole record: the next one starts at `next`; `lineBreaks` were inside quoted fields.
        case record(next: Int, fieldCount: Int, lineBreaks: Int)
        case endOfInput
        /// The record runs past the checked bytes; `fieldStart` is where the open field began.
        case needMore(fieldStart: Int, position: Int, fieldIndex: Int)
        case unterminatedQuote(fieldStart: Int, fieldIndex: Int)
        case fieldTooLarge(fieldStart: Int, fieldIndex: Int)
        case tooManyFields(position: Int)
    }

    /// Scans the record starting at `cursor`, noting its fields; nothing is copied or changed. A quoted field with
    /// nothing to unescape is noted as its inner range (state 2); others keep their quotes (state 1) until asked for.
    ///
    /// - Complexity: O(record length). The plain-field loop is the hot path of the reader: one load and, for most
    ///   bytes (letters, digits, UTF-8 above 0x0D), two comparisons.
    @inline(__always)
    func parseRecord() -> ParseOutcome {
        let base = buffer
        let limit = validEnd
        let final = sourceEnded && pendingProblem == nil && validEnd == dataEnd
        // Whether the byte after `limit`, if any, is known not to be a quote or LF: true at the end of the input and
        // before a UTF-8 problem (an invalid byte or NUL is neither), so lookahead need not wait for more bytes.
        let lookaheadKnown = final || pendingProblem != nil
        let delimiter = self.delimiter
        let delimiterWord = UInt64(delimiter) &* 0x0101_0101_0101_0101
        let quoteWord: UInt64 = 0x2222_2222_2222_2222
        let maxFieldSize = options.limits.maxFieldSize
        let quote = UInt8(ascii: "\"")
        let lineFeed: UInt8 = 0x0A
        let carriageReturn: UInt8 = 0x0D
        var index = cursor
        var count = 0
        var lineBreaks = 0
        if index >= limit {
            return final ? .endOfInput : .needMore(fieldStart: index, position: index, fieldIndex: 0)
        }
        while true {
            if count == fieldCapacity {
                guard growFields() else { return .tooManyFields(position: index) }
            }
            let start = index
            var state: UInt8 = 0
            if index < limit, base[index] == quote {
                state = 1
                index += 1
                var inQuotes = true
                // Nothing but the outer quotes to remove (no `""`, nothing after the closing quote): the field is
                // its inner range, with no unescaping later.
                var plain = true
                while true {
                    if index >= limit {
                        if !final { return .needMore(fieldStart: start, position: index, fieldIndex: count) }
                        if inQuotes { return .unterminatedQuote(fieldStart: start, fieldIndex: count) }
                        break
                    }
                    if inQuotes {
                        // Eight bytes per step to the next quote or byte below 0x0E (CR, LF and rarer controls).
                        while index &+ 8 <= limit {
                            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                            let quotes = word ^ quoteWord
                            let hits =
                                ((quotes &- 0x0101_0101_0101_0101) & ~quotes
                                    | (word &- 0x0E0E_0E0E_0E0E_0E0E) & ~word) & 0x8080_8080_8080_8080
                            if hits != 0 {
                                index &+= hits.trailingZeroBitCount &>> 3
                                break
                            }
                            index &+= 8
                        }
                        if index >= limit { continue }
                    }
                    let byte = base[index]
                    if inQuotes {
                        if byte == quote {
                            if index + 1 >= limit, !lookaheadKnown {
                                return .needMore(fieldStart: start, position: index, fieldIndex: count)
                            }
                            if index + 1 < limit, base[index + 1] == quote {
                                index += 2
                                plain = false
                                continue
                            }
                            inQuotes = false
                        } else if byte == lineFeed {
                            lineBreaks += 1
                        } else if byte == carriageReturn {
                            if index + 1 >= limit {
                                if !lookaheadKnown {
                                    return .needMore(fieldStart: start, position: index, fieldIndex: count)
                                }
                                lineBreaks += 1
                            } else if base[index + 1] != lineFeed {
                                lineBreaks += 1
                            }
                        }
                        index += 1
                    } else {
                        if byte == delimiter || byte == lineFeed || byte == carriageReturn { break }
                        if byte == quote { inQuotes = true }
                        plain = false
                        index += 1
                    }
                }
                if plain { state = 2 }
            } else {
                // Eight bytes per step: stop at the first byte that is the delimiter or below 0x0E (CR, LF, and
                // rarer controls such as TAB, which are then checked one by one).
                scan: while true {
                    while index &+ 8 <= limit {
                        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                        let delimiters = word ^ delimiterWord
                        let hits =
                            ((delimiters &- 0x0101_0101_0101_0101) & ~delimiters
                                | (word &- 0x0E0E_0E0E_0E0E_0E0E) & ~word) & 0x8080_8080_8080_8080
                        if hits != 0 {
                            index &+= hits.trailingZeroBitCount &>> 3
                            break
                        }
                        index &+= 8
                    }
                    while index < limit {
                        let byte = base[index]
                        if byte == delimiter || byte == lineFeed || byte == carriageReturn { break scan }
                        index &+= 1
                        if byte < 0x0E { continue scan }
                    }
                    break
                }
            }
            if index &- start > maxFieldSize { return .fieldTooLarge(fieldStart: start, fieldIndex: count) }
            let trim = state == 2 ? 1 : 0
            fieldBounds[2 &* count] = start &+ trim
            fieldBounds[2 &* count &+ 1] = index &- trim
            fieldState[count] = state
            count &+= 1
            if index >= limit {
                if !final { return .needMore(fieldStart: start, position: index, fieldIndex: count - 1) }
                return .record(next: index, fieldCount: count, lineBreaks: lineBreaks)
            }
            let byte = base[index]
            if byte == delimiter {
                index &+= 1
                continue
            }
            if byte == lineFeed { return .record(next: index + 1, fieldCount: count, lineBreaks: lineBreaks) }
            // A CR: alone, or the first half of CRLF.
            if index + 1 < limit {
                let next = base[index + 1] == lineFeed ? index + 2 : index + 1
                return .record(next: next, fieldCount: count, lineBreaks: lineBreaks)
            }
            if !lookaheadKnown { return .needMore(fieldStart: start, position: index, fieldIndex: count - 1) }
            return .record(next: index + 1, fieldCount: count, lineBreaks: lineBreaks)
        }
    }

    /// Doubles the field table; `false` past ``CSVLimits/maxFieldCount``.
    func growFields() -> Bool {
        guard fieldCapacity < options.limits.maxFieldCount else { return false }
        let newCapacity = min(fieldCapacity * 2, options.limits.maxFieldCount)
        let bounds = UnsafeMutablePointer<Int>.allocate(capacity: 2 * newCapacity)
        bounds.update(from: fieldBounds, count: 2 * fieldCapacity)
        fieldBounds.deallocate()
        fieldBounds = bounds
        let state = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        state.update(from: fieldState, count: fieldCapacity)
        fieldState.deallocate()
        fieldState = state
        fieldCapacity = newCapacity
        return true
    }

    /// Makes more checked bytes available to a record that ran past them: throws a UTF-8 problem the scanner has
    /// reached, checks the limits, moves the record to the front of the buffer, grows the buffer if the record
    /// fills it, reads and checks more bytes.
    func refill(fieldStart: Int, position: Int, fieldIndex: Int) throws(CSVError) {
        // The scanner asks for more only at the last checked byte, so a problem noted there is the next thing.
        if let problem = pendingProblem {
            throw utf8Error(problem, fieldIndex: fieldIndex)
        }
        let limits = options.limits
        if position - fieldStart > limits.maxFieldSize {
            throw limitError(
                "a field is larger than the limit of \(limits.maxFieldSize) bytes (CSVLimits.maxFieldSize; "
                    + "\(ReadLimits.hint("csv.maxFieldSize")))", at: fieldStart,
                fieldIndex: fieldIndex)
        }
        if dataEnd - cursor > limits.maxRecordSize {
            throw limitError(
                "a record is larger than the limit of \(limits.maxRecordSize) bytes (CSVLimits.maxRecordSize; "
                    + "\(ReadLimits.hint("csv.maxRecordSize")))", at: cursor,
                fieldIndex: fieldIndex)
        }
        if cursor > 0 {
            let kept = dataEnd - cursor
            if kept > 0 { buffer.update(from: buffer + cursor, count: kept) }
            bufferBase += cursor
            dataEnd -= cursor
            validEnd -= cursor
            recordStart = 0
            cursor = 0
        }
        if dataEnd == capacity {
            let newCapacity = min(capacity * 2, max(limits.maxRecordSize, limits.maxFieldSize) + 8)
            if newCapacity <= capacity {
                throw limitError(
                    "a record is larger than the limit of \(limits.maxRecordSize) bytes (CSVLimits.maxRecordSize; "
                        + "\(ReadLimits.hint("csv.maxRecordSize")))", at: cursor,
                    fieldIndex: fieldIndex)
            }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity + CSVReader.padding)
            bigger.update(from: buffer, count: dataEnd)
            buffer.deallocate()
            buffer = bigger
            capacity = newCapacity
        }
        try fill()
        validateNewBytes()
    }

    /// Reads from the source until the buffer is full or the source ends.
    func fill() throws(CSVError) {
        while dataEnd < capacity, !sourceEnded {
            let count: Int
            do {
                count = try source.read(
                    into: UnsafeMutableRawBufferPointer(start: buffer + dataEnd, count: capacity - dataEnd))
            } catch let error as CSVError {
                var error = error
                error.record = recordNumber + 1
                throw error
            } catch {
                throw CSVError(
                    .sourceFailed, "the input could not be read: \(error)", byteOffset: bufferBase + dataEnd,
                    cause: error)
            }
            if count == 0 { sourceEnded = true }
            dataEnd += count
        }
    }

    /// Looks for a byte order mark at the start of the input; puts a UTF-16 transcoder in front of the source
    /// when there is a UTF-16 one.
    func detectEncoding() throws(CSVError) {
        if dataEnd >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            encoding = .utf8WithBOM
            cursor = 3
            recordStart = 3
            validEnd = 3
            return
        }
        guard dataEnd >= 2, (buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF)
        else { return }
        let bigEndian = buffer[0] == 0xFE
        encoding = bigEndian ? .utf16BigEndian : .utf16LittleEndian
        let prefix = Array(UnsafeBufferPointer(start: buffer + 2, count: dataEnd - 2))
        source = UTF16ByteSource(
            wrapping: AnyByteSource(source), bigEndian: bigEndian,
            replacesInvalid: options.invalidUTF8 == .replace, prefix: prefix)
        dataEnd = 0
        sourceEnded = false
        try fill()
    }
}

/// A concrete wrapper so an existential source can be handed to a generic initialiser.
struct AnyByteSource: ByteSource {
    var base: any ByteSource
    init(_ base: any ByteSource) { self.base = base }
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { try base.read(into: buffer) }
}
