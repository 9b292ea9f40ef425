import SheetCore

// The tokenizer's buffer and bookkeeping: reading more bytes, the stack of open elements, and byte scans.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension XMLTokenizer {
    // MARK: Buffer

    /// Moves the unread bytes from `start` to the front, grows the buffer if it is full, and reads more.
    func compactAndReadMore(keepingFrom start: Int) throws(XMLError) -> Bool {
        if start > 0 {
            let kept = end - start
            if kept > 0 { memmove(storage, storage + start, kept) }
            discarded += start
            end = kept
            position -= start
        }
        if end == capacity {
            guard capacity < limits.maxTokenSize else {
                throw XMLError(
                    .limitExceeded,
                    "a token (a tag with its attributes, a text, a comment) longer than \(limits.maxTokenSize) bytes "
                        + "(XMLLimits.maxTokenSize; \(ReadLimits.hint("xml.maxTokenSize")))", offset: discarded)
            }
            let grown = min(capacity * 2, limits.maxTokenSize)
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            bigger.update(from: storage, count: end)
            storage.deallocate()
            storage = bigger
            capacity = grown
        }
        return try readMore()
    }

    /// Appends bytes from the source after `end`; `false` at the end of the source.
    func readMore() throws(XMLError) -> Bool {
        guard !sourceIsExhausted, end < capacity else { return false }
        let count: Int
        do {
            count = try source.read(into: UnsafeMutableRawBufferPointer(start: storage + end, count: capacity - end))
        } catch {
            throw XMLError(.sourceFailed, "the bytes could not be read", offset: discarded + end, cause: error)
        }
        if count == 0 {
            sourceIsExhausted = true
            if utf8.isInsideSequence {
                throw XMLError(
                    .unsupportedEncoding, "the document ends inside a UTF-8 character", offset: discarded + end)
            }
            return false
        }
        if let bad = utf8.firstInvalidByte(in: UnsafeRawBufferPointer(start: storage + end, count: count)) {
            throw invalidUTF8(at: end + bad)
        }
        end += count
        return true
    }

    /// The error for a byte that is not well-formed UTF-8 (XML 1.0 §4.3.3 requires the declared encoding; we read
    /// only UTF-8): with the byte's value and offset, and UTF-16 named when the document starts with its mark.
    private func invalidUTF8(at index: Int) -> XMLError {
        let offset = discarded + index
        if discarded == 0, index <= 1, storage[0] == 0xFF || storage[0] == 0xFE {
            return XMLError(.unsupportedEncoding, "the document is UTF-16; only UTF-8 is read", offset: 0)
        }
        let byte = storage[index]
        let hex = (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        let what =
            utf8.lastFailureCutsCharacterShort
            ? "a UTF-8 character is cut short before byte 0x\(hex)" : "byte 0x\(hex) is not valid UTF-8"
        return XMLError(
            .unsupportedEncoding, what + " (the text is damaged or in another encoding)", offset: offset)
    }

    func skipByteOrderMark() throws(XMLError) {
        while end - position < 3, !sourceIsExhausted { _ = try readMore() }
        if end - position >= 3, storage[position] == 0xEF, storage[position + 1] == 0xBB, storage[position + 2] == 0xBF
        {
            position += 3
        } else if end - position >= 2,
            (storage[position] == 0xFE && storage[position + 1] == 0xFF)
                || (storage[position] == 0xFF && storage[position + 1] == 0xFE)
        {
            throw XMLError(.unsupportedEncoding, "the document is UTF-16; only UTF-8 is read", offset: 0)
        }
    }

    /// Refuses a declaration naming an encoding other than UTF-8 (XML 1.0 §4.3.3).
    func checkDeclaredEncoding() throws(XMLError) {
        let stop = content.start + content.count
        guard let key = find(sequence: "encoding", from: content.start), key < stop else { return }
        var index = key + 8
        while index < stop, isSpace(storage[index]) || storage[index] == UInt8(ascii: "=") { index += 1 }
        guard index < stop else { return }
        let quote = storage[index]
        guard let close = find(quote, from: index + 1, to: stop) else { return }
        let encoding = text(XMLSlice(start: index + 1, count: close - index - 1)).lowercased()
        guard ["utf-8", "utf8", "us-ascii", "ascii"].contains(encoding) else {
            throw XMLError(
                .unsupportedEncoding, "the document declares encoding \(encoding); only UTF-8 is read",
                offset: tokenOffset)
        }
    }

    // MARK: Open elements

    func setName(start: Int, end nameEnd: Int) {
        name = XMLSlice(start: start, count: nameEnd - start)
        var colon = nameEnd - 1
        while colon >= start, storage[colon] != UInt8(ascii: ":") { colon -= 1 }
        localName = XMLSlice(start: colon + 1, count: nameEnd - colon - 1)
    }

    func pushOpenName() throws(XMLError) {
        guard openCount < limits.maxDepth else {
            throw XMLError(
                .limitExceeded,
                "elements nested deeper than \(limits.maxDepth) (XMLLimits.maxDepth; \(ReadLimits.hint("xml.maxDepth")))",
                offset: tokenOffset)
        }
        if openCount == 0 {
            guard !hadRoot else { throw XMLError(.malformed, "a second root element", offset: tokenOffset) }
            hadRoot = true
        }
        openNames.append(UnsafeBufferPointer(start: storage + name.start, count: name.count))
        openNameEnds[openCount] = openNames.count
        openCount += 1
    }

    func popOpenName() {
        openCount -= 1
        openNames.removeLast(openNames.count - (openCount > 0 ? openNameEnds[openCount - 1] : 0))
    }

    func openElementName() -> String {
        guard openCount > 0 else { return "" }
        let from = openCount > 1 ? openNameEnds[openCount - 2] : 0
        return String(
            decoding: UnsafeBufferPointer(rebasing: openNames.bytes[from..<openNameEnds[openCount - 1]]), as: UTF8.self)
    }

    // MARK: Byte scanning

    @inline(__always)
    func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    func isWhitespace(from start: Int, to stop: Int) -> Bool {
        var index = start
        while index < stop {
            if !isSpace(storage[index]) { return false }
            index += 1
        }
        return true
    }

    func find(_ byte: UInt8, from start: Int, to stop: Int? = nil) -> Int? {
        let limit = stop ?? end
        guard start < limit, let hit = memchr(storage + start, Int32(byte), limit - start) else { return nil }
        return storage.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    func find(sequence: StaticString, from start: Int) -> Int? {
        let pattern = sequence.utf8Start
        let length = sequence.utf8CodeUnitCount
        var index = start
        while let hit = find(pattern[0], from: index) {
            guard hit + length <= end else { return nil }
            if memcmp(storage + hit, pattern, length) == 0 { return hit }
            index = hit + 1
        }
        return nil
    }

    func hasPrefix(_ prefix: StaticString, at start: Int) -> Bool {
        let length = prefix.utf8CodeUnitCount
        return end - start >= length && memcmp(storage + start, prefix.utf8Start, length) == 0
    }

    /// Whether `count` bytes at two places are equal; names are short, so a loop beats a call to `memcmp`.
    @inline(__always)
    func equalBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var index = 0
        while index < count {
            if a[index] != b[index] { return false }
            index += 1
        }
        return true
    }

    /// The raw bytes of a slice as text, for messages.
    func text(_ slice: XMLSlice) -> String {
        String(decoding: UnsafeBufferPointer(start: storage + slice.start, count: slice.count), as: UTF8.self)
    }
}
