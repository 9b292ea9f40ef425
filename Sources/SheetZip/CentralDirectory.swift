import CZlib
import SheetCore

// Reading the end records and the central directory (APPNOTE 4.3.12–4.3.16, 4.5.3).
//
//   … central directory │ [ZIP64 EOCD record] [ZIP64 locator] │ EOCD + comment ≤ 65,535 │ end of file
//                       ▲ cdEnd                                ▲ found by scanning back ≤ 65,557 bytes
//
// The central directory must end where the ZIP64 record (or the EOCD) starts. When its recorded offset is smaller
// than that position minus its size, the difference is data prepended to the archive (a self-extractor stub) and
// every recorded offset is shifted by it, as Info-ZIP and Python's zipfile do.

/// What the end records say about the central directory.
struct EndOfCentralDirectory {
    /// Entries the archive declares.
    var entryCount: UInt64
    /// Size of the central directory in bytes.
    var size: UInt64
    /// Offset of the central directory as recorded (before adjusting for prepended data).
    var offset: UInt64
    /// Where the central directory must end: the start of the ZIP64 record, or of the EOCD.
    var end: UInt64
}

/// The parsed central directory of an archive.
struct CentralDirectory {
    /// Entries in central-directory order.
    var entries: [ZipEntry]
    /// Absolute offset where the central directory starts; entry data must end before it.
    var start: UInt64
}

extension CentralDirectory {
    /// Finds the end records and reads every central directory record, checking each against `limits`.
    ///
    /// - Throws: `notAZip`, `truncated`, `corruptCentralDirectory`, `limitExceeded`, `io`.
    static func read(from storage: ZipStorage, limits: ZipLimits) throws(ZipError) -> CentralDirectory {
        let end = try locateEnd(in: storage)
        let path = storage.path

        guard end.size <= end.end else {
            throw ZipError(
                .corruptCentralDirectory,
                "the central directory is recorded as \(end.size) bytes, more than the \(end.end) bytes before its "
                    + "end record — the file is damaged", path: path, offset: Int(clamping: end.end))
        }
        let start = end.end - end.size
        guard end.offset <= start else {
            throw ZipError(
                .corruptCentralDirectory,
                "the central directory offset \(end.offset) points past where it can start (\(start)) — the file "
                    + "is damaged or was cut short", path: path, offset: Int(clamping: end.offset))
        }
        let prepended = start - end.offset

        guard end.entryCount <= UInt64(max(0, limits.maxEntryCount)) else {
            throw ZipError(
                .limitExceeded,
                "the archive lists \(end.entryCount) entries, more than the limit of \(limits.maxEntryCount) "
                    + "(ZipLimits.maxEntryCount; \(ReadLimits.hint("zip.maxEntryCount")))", path: path)
        }
        let minimumSize = end.entryCount.multiplied(by: UInt64(ZipFormat.centralDirectoryFileHeaderSize))
        guard let minimumSize, minimumSize <= end.size else {
            throw ZipError(
                .corruptCentralDirectory,
                "the archive declares \(end.entryCount) entries but its central directory has only \(end.size) "
                    + "bytes — the file is damaged", path: path, offset: Int(clamping: start))
        }

        // end.size ≤ end.end ≤ storage.size, so it fits in memory as far as the file itself does.
        let bytes = try storage.readExactly(at: start, count: Int(end.size), what: "central directory")
        var entries: [ZipEntry] = []
        entries.reserveCapacity(Int(end.entryCount))
        let parsed = bytes.withUnsafeBytes { raw in
            Result { () throws(ZipError) in
                var reader = ByteReader(raw)
                for index in 0..<Int(end.entryCount) {
                    let entry = try readRecord(
                        &reader, index: index, directoryStart: start, prepended: prepended, limits: limits,
                        path: path)
                    entries.append(entry)
                }
            }
        }
        if case .failure(let error) = parsed { throw error }
        try checkDataRegions(entries, directoryStart: start, path: path)
        return CentralDirectory(entries: entries, start: start)
    }

    // MARK: End records

    /// Scans back for the EOCD (APPNOTE 4.3.16) and, when a locator precedes it, reads the ZIP64 record (4.3.14).
    static func locateEnd(in storage: ZipStorage) throws(ZipError) -> EndOfCentralDirectory {
        let path = storage.path
        guard storage.size >= UInt64(ZipFormat.endOfCentralDirectorySize) else {
            throw ZipError(
                .notAZip,
                "the file is too short to be a ZIP archive (\(storage.size) bytes); an .xlsx file is a ZIP "
                    + "package", path: path)
        }
        let span = min(storage.size, UInt64(ZipFormat.endOfCentralDirectorySearchSpan))
        let tailStart = storage.size - span
        let tail = try storage.readExactly(at: tailStart, count: Int(span), what: "end of central directory")

        let found: (position: Int, record: [UInt8])? = tail.withUnsafeBytes { raw in
            let reader = ByteReader(raw)
            let fixed = ZipFormat.endOfCentralDirectorySize
            // The last signature whose comment ends exactly at the end of the file wins; failing that, the last one
            // whose comment fits (bytes were appended after the archive).
            var fallback: Int?
            var index = raw.count - fixed
            while index >= 0 {
                if raw[index] == UInt8(ascii: "P"), reader.getUInt32LE(at: index) == ZipFormat.endOfCentralDirectory,
                    let commentLength = reader.getUInt16LE(at: index + 20)
                {
                    let recordEnd = index + fixed + Int(commentLength)
                    if recordEnd == raw.count { return (index, Array(raw[index..<index + fixed])) }
                    if recordEnd < raw.count, fallback == nil { fallback = index }
                }
                index -= 1
            }
            guard let fallback else { return nil }
            return (fallback, Array(raw[fallback..<fallback + fixed]))
        }
        guard let found else {
            let head = try storage.readExactly(at: 0, count: 4, what: "first local header")
            let signature = head.withUnsafeBytes { ByteReader($0).getUInt32LE(at: 0) }
            if signature == ZipFormat.localFileHeader {
                throw ZipError(
                    .truncated,
                    "the file starts like a ZIP archive but its end of central directory record is "
                        + "missing — it was cut short; copy or download it again", path: path)
            }
            throw ZipError(
                .notAZip,
                "no end of central directory record — this is not a ZIP archive (an .xlsx file is one), or "
                    + "its end was cut off", path: path)
        }

        let position = tailStart + UInt64(found.position)
        var end = found.record.withUnsafeBytes { raw in
            let reader = ByteReader(raw)
            return EndOfCentralDirectory(
                entryCount: UInt64(reader.getUInt16LE(at: 10) ?? 0),
                size: UInt64(reader.getUInt32LE(at: 12) ?? 0),
                offset: UInt64(reader.getUInt32LE(at: 16) ?? 0),
                end: position)
        }
        let needsZip64 =
            end.entryCount == UInt64(ZipFormat.zip64Sentinel16) || end.size == UInt64(ZipFormat.zip64Sentinel32)
            || end.offset == UInt64(ZipFormat.zip64Sentinel32)
        if let zip64 = try locateZip64End(in: storage, endPosition: position, required: needsZip64) {
            end = zip64
        }
        return end
    }

    /// Reads the ZIP64 locator just before the EOCD (APPNOTE 4.3.15) and the record it points at (4.3.14).
    ///
    /// - Returns: `nil` when there is no locator and `required` is false.
    private static func locateZip64End(in storage: ZipStorage, endPosition: UInt64, required: Bool)
        throws(ZipError) -> EndOfCentralDirectory?
    {
        let path = storage.path
        let locatorSize = UInt64(ZipFormat.zip64LocatorSize)
        let recordSize = UInt64(ZipFormat.zip64EndOfCentralDirectorySize)
        let missing = ZipError(
            .corruptCentralDirectory,
            "the end record needs a ZIP64 end record (APPNOTE 4.3.14) that is missing or "
                + "damaged — the file is damaged", path: path, offset: Int(clamping: endPosition))

        guard endPosition >= locatorSize else {
            if required { throw missing }
            return nil
        }
        let locatorPosition = endPosition - locatorSize
        let locator = try storage.readExactly(at: locatorPosition, count: Int(locatorSize), what: "ZIP64 locator")
        let recordOffset: UInt64? = locator.withUnsafeBytes { raw in
            let reader = ByteReader(raw)
            guard reader.getUInt32LE(at: 0) == ZipFormat.zip64EndOfCentralDirectoryLocator else { return nil }
            return reader.getUInt64LE(at: 8)
        }
        guard let recordOffset else {
            if required { throw missing }
            return nil
        }

        // The record is where the locator says, or directly before the locator when data was prepended.
        var candidates: [UInt64] = []
        if let recordEnd = recordOffset.adding(recordSize), recordEnd <= locatorPosition {
            candidates.append(recordOffset)
        }
        if locatorPosition >= recordSize { candidates.append(locatorPosition - recordSize) }
        for candidate in candidates {
            let record = try storage.readExactly(at: candidate, count: Int(recordSize), what: "ZIP64 end record")
            let parsed: EndOfCentralDirectory? = record.withUnsafeBytes { raw in
                let reader = ByteReader(raw)
                guard reader.getUInt32LE(at: 0) == ZipFormat.zip64EndOfCentralDirectory,
                    let count = reader.getUInt64LE(at: 32), let size = reader.getUInt64LE(at: 40),
                    let offset = reader.getUInt64LE(at: 48)
                else { return nil }
                return EndOfCentralDirectory(entryCount: count, size: size, offset: offset, end: candidate)
            }
            if let parsed { return parsed }
        }
        if required { throw missing }
        return nil
    }

    // MARK: Central directory file headers

    /// Reads one central directory file header (APPNOTE 4.3.12) and advances past it.
    private static func readRecord(
        _ reader: inout ByteReader, index: Int, directoryStart: UInt64, prepended: UInt64, limits: ZipLimits,
        path: String?
    ) throws(ZipError) -> ZipEntry {
        let recordStart = reader.readerIndex
        let absolute = Int(clamping: directoryStart + UInt64(recordStart))
        func corrupt(_ message: String, entry: String? = nil) -> ZipError {
            ZipError(.corruptCentralDirectory, message, path: path, entry: entry, offset: absolute)
        }

        guard let header = reader.readBytes(count: ZipFormat.centralDirectoryFileHeaderSize) else {
            throw corrupt(
                "central directory record #\(index + 1) runs past the end of the directory — the file "
                    + "is damaged")
        }
        let fields = ByteReader(header)
        guard fields.getUInt32LE(at: 0) == ZipFormat.centralDirectoryFileHeader else {
            let found = ZipError.hex(fields.getUInt32LE(at: 0) ?? 0)
            throw corrupt(
                "central directory record #\(index + 1) has no signature (found \(found)) — the file is "
                    + "damaged")
        }
        // The header is 46 bytes long, so every get below succeeds; `?? 0` only avoids force-unwraps.
        let flags = fields.getUInt16LE(at: 8) ?? 0
        let method = fields.getUInt16LE(at: 10) ?? 0
        let crc = fields.getUInt32LE(at: 16) ?? 0
        let compressed32 = fields.getUInt32LE(at: 20) ?? 0
        let uncompressed32 = fields.getUInt32LE(at: 24) ?? 0
        let nameLength = Int(fields.getUInt16LE(at: 28) ?? 0)
        let extraLength = Int(fields.getUInt16LE(at: 30) ?? 0)
        let commentLength = Int(fields.getUInt16LE(at: 32) ?? 0)
        let offset32 = fields.getUInt32LE(at: 42) ?? 0

        guard nameLength <= limits.maxNameLength else {
            throw ZipError(
                .limitExceeded,
                "central directory record #\(index + 1) has a name of \(nameLength) bytes, more than the limit of "
                    + "\(limits.maxNameLength) (ZipLimits.maxNameLength; \(ReadLimits.hint("zip.maxNameLength")))",
                path: path, offset: absolute)
        }
        guard let nameBytes = reader.readBytes(count: nameLength), let extra = reader.readBytes(count: extraLength),
            reader.moveReaderIndex(forwardBy: commentLength)
        else {
            throw corrupt(
                "central directory record #\(index + 1) runs past the end of the directory — the file "
                    + "is damaged")
        }

        let isUTF8 = flags & ZipFormat.flagUTF8 != 0
        let name =
            unicodePathName(extra: extra, rawName: nameBytes)
            ?? ZipNameDecoding.decode(nameBytes, isUTF8: isUTF8)

        // ZIP64 extended information (APPNOTE 4.5.3): only the fields whose 32-bit value is 0xFFFFFFFF, in order.
        var uncompressed = UInt64(uncompressed32)
        var compressed = UInt64(compressed32)
        var offset = UInt64(offset32)
        let sentinel = ZipFormat.zip64Sentinel32
        if uncompressed32 == sentinel || compressed32 == sentinel || offset32 == sentinel {
            guard var zip64 = extraField(ZipFormat.extraZip64, in: extra) else {
                throw corrupt(
                    "the entry's sizes or offset need a ZIP64 extra field (APPNOTE 4.5.3) that is missing "
                        + "— the file is damaged", entry: name)
            }
            let short = corrupt("the entry's ZIP64 extra field is too short — the file is damaged", entry: name)
            if uncompressed32 == sentinel {
                guard let value = zip64.readUInt64LE() else { throw short }
                uncompressed = value
            }
            if compressed32 == sentinel {
                guard let value = zip64.readUInt64LE() else { throw short }
                compressed = value
            }
            if offset32 == sentinel {
                guard let value = zip64.readUInt64LE() else { throw short }
                offset = value
            }
        }

        guard let headerOffset = offset.adding(prepended),
            let dataEstimate = headerOffset.adding(UInt64(ZipFormat.localFileHeaderSize + nameLength)),
            let dataEnd = dataEstimate.adding(compressed), dataEnd <= directoryStart
        else {
            throw corrupt(
                "the entry's data (local header at \(offset), \(compressed) bytes) does not fit before the "
                    + "central directory — the file is damaged or was cut short", entry: name)
        }
        return ZipEntry(
            name: name, compressedSize: compressed, uncompressedSize: uncompressed, crc32: crc, method: method,
            localHeaderOffset: headerOffset, flags: ZipEntry.Flags(rawValue: flags))
    }

    /// The data of the first extra field with `id`, as a reader; `nil` when absent. Malformed trailing extra data
    /// is ignored (APPNOTE 4.5.1 framing: id, size, data).
    private static func extraField(_ id: UInt16, in extra: UnsafeRawBufferPointer) -> ByteReader? {
        var reader = ByteReader(extra)
        while let fieldID = reader.readUInt16LE(), let size = reader.readUInt16LE() {
            guard let data = reader.readBytes(count: Int(size)) else { return nil }
            if fieldID == id { return ByteReader(data) }
        }
        return nil
    }

    /// The UTF-8 name from an Info-ZIP Unicode Path extra field (APPNOTE 4.6.9), when it is version 1 and its CRC-32
    /// matches the stored name (otherwise the name was changed by a tool that did not update the field).
    private static func unicodePathName(extra: UnsafeRawBufferPointer, rawName: UnsafeRawBufferPointer) -> String? {
        guard var field = extraField(ZipFormat.extraUnicodePath, in: extra),
            let version = field.readInteger(as: UInt8.self), version == 1, let nameCRC = field.readUInt32LE(),
            let utf8 = field.readBytes(count: field.readableBytes)
        else { return nil }
        let computed = UInt32(
            truncatingIfNeeded: crc32(
                0, rawName.baseAddress?.assumingMemoryBound(to: UInt8.self),
                uInt(rawName.count)))
        guard computed == nameCRC else { return nil }
        return String(decoding: utf8, as: UTF8.self)
    }

    // MARK: Overlap

    /// Rejects entries whose local header and data overlap another's: the shape of an overlapping zip bomb (many
    /// records sharing one compressed kernel) and of garbage offsets.
    private static func checkDataRegions(_ entries: [ZipEntry], directoryStart: UInt64, path: String?)
        throws(ZipError)
    {
        guard entries.count > 1 else { return }
        let ordered = entries.indices.sorted { entries[$0].localHeaderOffset < entries[$1].localHeaderOffset }
        for (previous, next) in zip(ordered, ordered.dropFirst()) {
            let first = entries[previous]
            let second = entries[next]
            // No overflow: each record was checked to end before the central directory. The local name length
            // is not known here, so this is a lower bound of the entry's end.
            let firstEnd = first.localHeaderOffset + UInt64(ZipFormat.localFileHeaderSize) + first.compressedSize
            if firstEnd > second.localHeaderOffset {
                throw ZipError(
                    .corruptCentralDirectory,
                    "entries \"\(first.name)\" and \"\(second.name)\" overlap in the file — the archive is damaged "
                        + "or built to attack unzip tools (an overlapping zip bomb)", path: path,
                    entry: second.name, offset: Int(clamping: second.localHeaderOffset))
            }
        }
    }
}
