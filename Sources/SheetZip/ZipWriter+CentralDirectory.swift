// The records ZipWriter writes around the entries' data (APPNOTE 4.3.7, 4.3.12, 4.3.14–4.3.16, 4.5.3).
//
//   local file header      PK\3\4  written at startEntry, CRC-32 and sizes patched at finishEntry
//   central directory      PK\1\2  one per entry, at finish; a ZIP64 extra field holds whichever of uncompressed
//                                  size, compressed size, local header offset does not fit in 32 bits (that order)
//   ZIP64 end record       PK\6\6  only when the entry count, the directory's size or its offset does not fit
//   ZIP64 end locator      PK\6\7  points at the ZIP64 end record
//   end of central dir.    PK\5\6  0xFFFF / 0xFFFFFFFF in the fields that did not fit

extension ZipWriter {
    /// Encodes `record`'s local file header (APPNOTE 4.3.7) into `scratch`, with its CRC-32 and sizes as known so far.
    func encodeLocalHeader(_ record: Record) {
        scratch.removeAll()
        scratch.appendLittleEndian(ZipFormat.localFileHeader)
        scratch.appendLittleEndian(record.versionNeeded)
        scratch.appendLittleEndian(record.flags)
        scratch.appendLittleEndian(ZipFormat.methodDeflate)
        scratch.appendLittleEndian(record.timestamp.time)
        scratch.appendLittleEndian(record.timestamp.date)
        appendLocalCRCAndSizes(record)
        scratch.appendLittleEndian(UInt16(record.name.count))
        scratch.appendLittleEndian(UInt16(record.localZip64 ? ZipFormat.localZip64ExtraSize : 0))
        scratch.append(contentsOf: record.name)
        if record.localZip64 { appendLocalZip64Extra(record) }
    }

    /// Overwrites the CRC-32 and sizes of `record`'s local header (and its ZIP64 extra field, if it has one).
    func patchLocalHeader(_ record: Record) throws(ZipError) {
        scratch.removeAll()
        appendLocalCRCAndSizes(record)
        try output.patch(
            at: record.localHeaderOffset + UInt64(ZipFormat.localHeaderCRCOffset),
            with: UnsafeRawBufferPointer(scratch.bytes))
        guard record.localZip64 else { return }
        scratch.removeAll()
        appendLocalZip64Extra(record)
        let extraOffset = UInt64(ZipFormat.localFileHeaderSize + record.name.count)
        try output.patch(at: record.localHeaderOffset + extraOffset, with: UnsafeRawBufferPointer(scratch.bytes))
    }

    /// CRC-32, compressed and uncompressed size; both sizes are 0xFFFFFFFF when the ZIP64 field holds them. APPNOTE
    /// 4.4.8, 4.4.9
    private func appendLocalCRCAndSizes(_ record: Record) {
        scratch.appendLittleEndian(record.crc)
        if record.localZip64 {
            scratch.appendLittleEndian(ZipFormat.zip64Sentinel32)
            scratch.appendLittleEndian(ZipFormat.zip64Sentinel32)
        } else {
            // Below the ZIP64 threshold here, so the sizes fit; truncating only keeps a bad threshold from trapping.
            scratch.appendLittleEndian(UInt32(truncatingIfNeeded: record.compressedSize))
            scratch.appendLittleEndian(UInt32(truncatingIfNeeded: record.uncompressedSize))
        }
    }

    /// The local header's ZIP64 extra field: both sizes, uncompressed first. APPNOTE 4.5.3
    private func appendLocalZip64Extra(_ record: Record) {
        scratch.appendLittleEndian(ZipFormat.extraZip64)
        scratch.appendLittleEndian(UInt16(16))
        scratch.appendLittleEndian(record.uncompressedSize)
        scratch.appendLittleEndian(record.compressedSize)
    }

    // MARK: Central directory

    /// Appends the central directory and the end records after the last entry.
    func writeCentralDirectory() throws(ZipError) {
        let start = output.offset
        for record in records {
            encodeCentralRecord(record)
            try output.append(scratch)
        }
        let size = output.offset - start
        let limit = zip64Thresholds.size
        let count = UInt64(records.count)
        let countOverflows = records.count >= zip64Thresholds.entryCount
        scratch.removeAll()
        if countOverflows || size >= limit || start >= limit {
            let recordOffset = output.offset
            // ZIP64 end of central directory record. APPNOTE 4.3.14
            scratch.appendLittleEndian(ZipFormat.zip64EndOfCentralDirectory)
            scratch.appendLittleEndian(ZipFormat.zip64EndOfCentralDirectoryWrittenSize)
            scratch.appendLittleEndian(ZipFormat.versionMadeBy)
            scratch.appendLittleEndian(ZipFormat.versionZip64)
            scratch.appendLittleEndian(UInt32(0))  // number of this disk
            scratch.appendLittleEndian(UInt32(0))  // disk where the central directory starts
            scratch.appendLittleEndian(count)  // entries on this disk
            scratch.appendLittleEndian(count)  // entries in total
            scratch.appendLittleEndian(size)
            scratch.appendLittleEndian(start)
            // ZIP64 end of central directory locator. APPNOTE 4.3.15
            scratch.appendLittleEndian(ZipFormat.zip64EndOfCentralDirectoryLocator)
            scratch.appendLittleEndian(UInt32(0))  // disk with the ZIP64 end record
            scratch.appendLittleEndian(recordOffset)
            scratch.appendLittleEndian(UInt32(1))  // total number of disks
        }
        // End of central directory record. APPNOTE 4.3.16
        let count16 = countOverflows ? ZipFormat.zip64Sentinel16 : UInt16(count)
        scratch.appendLittleEndian(ZipFormat.endOfCentralDirectory)
        scratch.appendLittleEndian(UInt16(0))  // number of this disk
        scratch.appendLittleEndian(UInt16(0))  // disk where the central directory starts
        scratch.appendLittleEndian(count16)
        scratch.appendLittleEndian(count16)
        scratch.appendLittleEndian(size >= limit ? ZipFormat.zip64Sentinel32 : UInt32(truncatingIfNeeded: size))
        scratch.appendLittleEndian(start >= limit ? ZipFormat.zip64Sentinel32 : UInt32(truncatingIfNeeded: start))
        scratch.appendLittleEndian(UInt16(0))  // comment length
        try output.append(scratch)
    }

    /// Encodes one central directory file header (APPNOTE 4.3.12) into `scratch`.
    private func encodeCentralRecord(_ record: Record) {
        let limit = zip64Thresholds.size
        // Both sizes go to the ZIP64 field when either overflows, as in the local header.
        let sizesOverflow = record.uncompressedSize >= limit || record.compressedSize >= limit
        let offsetOverflows = record.localHeaderOffset >= limit
        let extraData = (sizesOverflow ? 16 : 0) + (offsetOverflows ? 8 : 0)

        scratch.removeAll()
        scratch.appendLittleEndian(ZipFormat.centralDirectoryFileHeader)
        scratch.appendLittleEndian(ZipFormat.versionMadeBy)
        scratch.appendLittleEndian(record.versionNeeded)
        scratch.appendLittleEndian(record.flags)
        scratch.appendLittleEndian(ZipFormat.methodDeflate)
        scratch.appendLittleEndian(record.timestamp.time)
        scratch.appendLittleEndian(record.timestamp.date)
        scratch.appendLittleEndian(record.crc)
        if sizesOverflow {
            scratch.appendLittleEndian(ZipFormat.zip64Sentinel32)
            scratch.appendLittleEndian(ZipFormat.zip64Sentinel32)
        } else {
            scratch.appendLittleEndian(UInt32(truncatingIfNeeded: record.compressedSize))
            scratch.appendLittleEndian(UInt32(truncatingIfNeeded: record.uncompressedSize))
        }
        scratch.appendLittleEndian(UInt16(record.name.count))
        scratch.appendLittleEndian(UInt16(extraData == 0 ? 0 : 4 + extraData))
        scratch.appendLittleEndian(UInt16(0))  // comment length
        scratch.appendLittleEndian(UInt16(0))  // disk number start
        scratch.appendLittleEndian(UInt16(0))  // internal attributes
        scratch.appendLittleEndian(UInt32(0))  // external attributes (Excel writes none)
        scratch.appendLittleEndian(
            offsetOverflows ? ZipFormat.zip64Sentinel32 : UInt32(truncatingIfNeeded: record.localHeaderOffset))
        scratch.append(contentsOf: record.name)
        guard extraData > 0 else { return }
        // ZIP64 extended information extra field. APPNOTE 4.5.3
        scratch.appendLittleEndian(ZipFormat.extraZip64)
        scratch.appendLittleEndian(UInt16(extraData))
        if sizesOverflow {
            scratch.appendLittleEndian(record.uncompressedSize)
            scratch.appendLittleEndian(record.compressedSize)
        }
        if offsetOverflows { scratch.appendLittleEndian(record.localHeaderOffset) }
    }
}
