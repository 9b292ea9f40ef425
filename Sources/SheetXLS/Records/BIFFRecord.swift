// BIFF record framing ([MS-XLS] 2.1.4): a stream is a run of records
//
//   type u16 | size u16 (≤ 8224 in BIFF8) | data[size]
//
// A record too long for one frame continues in the CONTINUE records right after it ([MS-XLS] 2.4.58); the
// framing layer hands each record over with the data ranges of its continuations, so parsers that need them (SST,
// STRING, TXO) read across the seams, and a CONTINUE that claims more bytes than the stream holds is caught here.

/// Record types read by SheetXLS, with their [MS-XLS] sections.
enum BIFFRecord {
    static let formula: UInt16 = 0x0006  // [MS-XLS] 2.4.127 FORMULA
    static let eof: UInt16 = 0x000A  // [MS-XLS] 2.4.103 EOF
    static let dateMode: UInt16 = 0x0022  // [MS-XLS] 2.4.77 Date1904
    static let filePass: UInt16 = 0x002F  // [MS-XLS] 2.4.117 FilePass
    static let font: UInt16 = 0x0031  // [MS-XLS] 2.4.122 Font
    static let `continue`: UInt16 = 0x003C  // [MS-XLS] 2.4.58 Continue
    static let codePage: UInt16 = 0x0042  // [MS-XLS] 2.4.52 CodePage
    static let colInfo: UInt16 = 0x007D  // [MS-XLS] 2.4.53 ColInfo
    static let boundSheet: UInt16 = 0x0085  // [MS-XLS] 2.4.28 BoundSheet8
    static let mulRK: UInt16 = 0x00BD  // [MS-XLS] 2.4.175 MulRk
    static let mulBlank: UInt16 = 0x00BE  // [MS-XLS] 2.4.174 MulBlank
    static let rString: UInt16 = 0x00D6  // [MS-XLS] 2.4.230 RString
    static let xf: UInt16 = 0x00E0  // [MS-XLS] 2.4.353 XF
    static let mergedCells: UInt16 = 0x00E5  // [MS-XLS] 2.4.168 MergeCells
    static let sst: UInt16 = 0x00FC  // [MS-XLS] 2.4.265 SST
    static let labelSST: UInt16 = 0x00FD  // [MS-XLS] 2.4.149 LabelSst
    static let dimension: UInt16 = 0x0200  // [MS-XLS] 2.4.90 Dimensions
    static let blank: UInt16 = 0x0201  // [MS-XLS] 2.4.20 Blank
    static let number: UInt16 = 0x0203  // [MS-XLS] 2.4.180 Number
    static let label: UInt16 = 0x0204  // [MS-XLS] 2.4.148 Label
    static let boolErr: UInt16 = 0x0205  // [MS-XLS] 2.4.24 BoolErr
    static let string: UInt16 = 0x0207  // [MS-XLS] 2.4.268 String
    static let row: UInt16 = 0x0208  // [MS-XLS] 2.4.221 Row
    static let array: UInt16 = 0x0221  // [MS-XLS] 2.4.4 Array (skipped)
    static let rk: UInt16 = 0x027E  // [MS-XLS] 2.4.220 RK
    static let shrFmla: UInt16 = 0x04BC  // [MS-XLS] 2.4.260 ShrFmla (skipped)
    static let format: UInt16 = 0x041E  // [MS-XLS] 2.4.126 Format
    static let bof: UInt16 = 0x0809  // [MS-XLS] 2.4.21 BOF (BIFF5–8)
    /// BOF of BIFF2, BIFF3 and BIFF4 ([MS-XLS] does not cover them; OpenOffice's "Excel File Format" §5.8).
    static let bofBIFF2: UInt16 = 0x0009
    static let bofBIFF3: UInt16 = 0x0209
    static let bofBIFF4: UInt16 = 0x0409

    /// Records of bare BIFF3/BIFF4 worksheets (OpenOffice's "Excel File Format" §5.45 FONT, §5.49 FORMAT, §5.50
    /// FORMULA, §5.115 XF): the same cells as BIFF5 under other type numbers.
    static let fontBIFF34: UInt16 = 0x0231
    static let formatBIFF3: UInt16 = 0x001E
    static let formulaBIFF3: UInt16 = 0x0206
    static let formulaBIFF4: UInt16 = 0x0406
    static let xfBIFF3: UInt16 = 0x0243
    static let xfBIFF4: UInt16 = 0x0443

    /// BOF `vers` ([MS-XLS] 2.4.21).
    static let versionBIFF8: UInt16 = 0x0600
    static let versionBIFF5: UInt16 = 0x0500
    /// BOF `dt`: the substream's kind.
    static let substreamGlobals: UInt16 = 0x0005
    static let substreamWorksheet: UInt16 = 0x0010

    /// A record's name for messages.
    static func name(_ type: UInt16) -> String {
        let known: [UInt16: String] = [
            formula: "FORMULA", eof: "EOF", dateMode: "DATEMODE", filePass: "FILEPASS", font: "FONT",
            `continue`: "CONTINUE", codePage: "CODEPAGE", colInfo: "COLINFO", boundSheet: "BOUNDSHEET",
            mulRK: "MULRK", mulBlank: "MULBLANK", rString: "RSTRING", xf: "XF", mergedCells: "MERGEDCELLS",
            sst: "SST", labelSST: "LABELSST", dimension: "DIMENSION", blank: "BLANK", number: "NUMBER",
            label: "LABEL", boolErr: "BOOLERR", string: "STRING", row: "ROW", rk: "RK", format: "FORMAT", bof: "BOF",
        ]
        let hex = String(type, radix: 16, uppercase: true)
        let padded = "0x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return known[type].map { "\($0) (\(padded))" } ?? padded
    }
}

/// One record: its type, where it starts in the stream, and the byte ranges of its data and continuations.
struct BIFFRecordFrame {
    var type: UInt16
    /// Offset of the record header in the stream.
    var offset: Int
    /// The record's own data.
    var data: Range<Int>
    /// The data of the CONTINUE records that follow it, in order.
    var continuations: [Range<Int>]

    var length: Int { data.count }
}

/// Splits a BIFF stream into records, from `start` until `end` of the stream.
struct BIFFRecordReader {
    let stream: ByteReader
    private(set) var position: Int
    /// Longest record accepted (``XLSLimits/maxRecordLength``).
    let maxRecordLength: Int

    init(stream: ByteReader, start: Int = 0, maxRecordLength: Int = XLSLimits.default.maxRecordLength) {
        self.stream = stream
        self.position = start
        self.maxRecordLength = maxRecordLength
    }

    /// The next record with its continuations, or `nil` at the end of the stream.
    ///
    /// - Throws: ``XLSError`` `.truncated` when a record (or a CONTINUE) claims more bytes than remain.
    mutating func next() throws(XLSError) -> BIFFRecordFrame? {
        guard let (type, data) = try frame(at: position) else { return nil }
        var record = BIFFRecordFrame(type: type, offset: position, data: data, continuations: [])
        position = data.upperBound
        while let type = stream.getU16(at: position), type == BIFFRecord.continue {
            guard let (_, more) = try frame(at: position) else { break }
            record.continuations.append(more)
            position = more.upperBound
        }
        return record
    }

    private func frame(at offset: Int) throws(XLSError) -> (UInt16, Range<Int>)? {
        guard offset < stream.count else { return nil }
        guard let type = stream.getU16(at: offset), let length = stream.getU16(at: offset + 2) else {
            // Some writers pad the stream's end with a few zero bytes.
            if stream.bytes[offset...].allSatisfy({ $0 == 0 }) { return nil }
            throw XLSError(.truncated, "the stream ends inside a record header", offset: offset)
        }
        let start = offset + 4
        guard Int(length) <= maxRecordLength else {
            throw XLSError(
                .limitExceeded,
                "the record claims \(length) bytes, more than the \(maxRecordLength) a record may hold "
                    + "([MS-XLS] 2.1.4; \(XLSLimits.hint("maxRecordLength")))", record: BIFFRecord.name(type),
                offset: offset)
        }
        guard start + Int(length) <= stream.count else {
            throw XLSError(
                .truncated,
                "the record claims \(length) bytes but only \(stream.count - start) remain in the stream",
                record: BIFFRecord.name(type), offset: offset)
        }
        return (type, start..<(start + Int(length)))
    }
}
