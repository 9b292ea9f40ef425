// Builds small BIFF8 streams and Compound Files in code, so each record kind and each corruption has a test.
@testable import SheetXLS

/// BIFF8 records as bytes.
enum BIFF {
    static func u16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)] }
    static func u32(_ value: Int) -> [UInt8] { u16(value & 0xFFFF) + u16((value >> 16) & 0xFFFF) }
    static func f64(_ value: Double) -> [UInt8] {
        let bits = value.bitPattern
        return (0..<8).map { UInt8((bits >> (8 * UInt64($0))) & 0xFF) }
    }

    static func record(_ type: UInt16, _ data: [UInt8]) -> [UInt8] {
        u16(Int(type)) + u16(data.count) + data
    }

    static func bof(version: Int = 0x0600, kind: Int) -> [UInt8] {
        record(BIFFRecord.bof, u16(version) + u16(kind) + u16(0x0DBB) + u16(0x07CC) + u32(0) + u32(0x0006))
    }

    static let eof = record(BIFFRecord.eof, [])

    /// Characters as a compressed (Latin-1) run when they all fit in a byte, else UTF-16LE; with the flags byte.
    static func characters(_ text: String) -> (flags: UInt8, bytes: [UInt8], count: Int) {
        let units = Array(text.utf16)
        if units.allSatisfy({ $0 < 0x100 }) { return (0, units.map { UInt8($0) }, units.count) }
        return (1, units.flatMap { u16(Int($0)) }, units.count)
    }

    static func unicodeString(_ text: String) -> [UInt8] {
        let chars = characters(text)
        return u16(chars.count) + [chars.flags] + chars.bytes
    }

    static func shortString(_ text: String) -> [UInt8] {
        let chars = characters(text)
        return [UInt8(chars.count), chars.flags] + chars.bytes
    }

    static func boundSheet(position: Int, name: String, state: UInt8 = 0) -> [UInt8] {
        record(BIFFRecord.boundSheet, u32(position) + [state, 0] + shortString(name))
    }

    static func font(_ name: String, bold: Bool = false) -> [UInt8] {
        record(
            BIFFRecord.font,
            u16(220) + u16(0) + u16(0x7FFF) + u16(bold ? 700 : 400) + u16(0) + [0, 0, 0, 0] + shortString(name))
    }

    static func format(_ id: Int, _ code: String) -> [UInt8] {
        record(BIFFRecord.format, u16(id) + unicodeString(code))
    }

    static func xf(font: Int, format: Int) -> [UInt8] {
        record(BIFFRecord.xf, u16(font) + u16(format) + u16(0x0001) + [UInt8](repeating: 0, count: 14))
    }

    static func sst(_ strings: [String]) -> [UInt8] {
        record(BIFFRecord.sst, u32(strings.count) + u32(strings.count) + strings.flatMap(unicodeString))
    }

    static func cellHeader(_ row: Int, _ column: Int, _ xf: Int) -> [UInt8] { u16(row) + u16(column) + u16(xf) }
    static func number(_ row: Int, _ column: Int, _ value: Double, xf: Int = 15) -> [UInt8] {
        record(BIFFRecord.number, cellHeader(row, column, xf) + f64(value))
    }
    static func rk(_ row: Int, _ column: Int, _ rk: UInt32, xf: Int = 15) -> [UInt8] {
        record(BIFFRecord.rk, cellHeader(row, column, xf) + u32(Int(rk)))
    }
    static func labelSST(_ row: Int, _ column: Int, _ index: Int, xf: Int = 15) -> [UInt8] {
        record(BIFFRecord.labelSST, cellHeader(row, column, xf) + u32(index))
    }

    /// The default 16 XFs so that XF 15 (the usual cell XF) exists, with font 0 and format 0.
    static let defaultXFs: [UInt8] = (0..<16).flatMap { _ in xf(font: 0, format: 0) }

    /// A whole workbook stream: globals (with the given extra records, BOUNDSHEETs patched to the sheets'
    /// positions), then one worksheet substream per sheet.
    static func workbook(
        globals: [UInt8] = [], sheets: [(String, [UInt8])], states: [UInt8] = [], positionShift: Int = 0
    ) -> [UInt8] {
        let head = bof(kind: 0x0005) + font("Arial") + defaultXFs + globals
        let boundSheets = sheets.map { boundSheet(position: 0, name: $0.0) }
        let globalsLength = head.count + boundSheets.reduce(0) { $0 + $1.count } + eof.count
        var position = globalsLength
        var patched: [UInt8] = []
        var bodies: [UInt8] = []
        for (index, (name, records)) in sheets.enumerated() {
            let state = index < states.count ? states[index] : 0
            patched += boundSheet(position: position + positionShift, name: name, state: state)
            let body = bof(kind: 0x0010) + records + eof
            bodies += body
            position += body.count
        }
        return head + patched + eof + bodies
    }
}

/// A Compound File holding one stream: version 3 (512-byte sectors) or version 4 (4096-byte sectors).
struct CFBBuilder {
    var bytes: [UInt8]
    let sectorSize: Int
    /// Sector of the stream's first sector when it is in regular sectors.
    let firstStreamSector = 2

    /// - Parameter stream: the stream's bytes; below 4096 bytes it goes to the mini stream, as Excel does.
    init(stream: [UInt8], name: String = "Workbook", sectorShift: Int = 9) {
        let sector = 1 << sectorShift
        self.sectorSize = sector
        let perFAT = sector / 4
        let inMini = stream.count < 4096
        // Regular sectors: 0 FAT, 1 directory, 2… the stream (or the mini stream), then the mini FAT.
        let payload = inMini ? stream + [UInt8](repeating: 0, count: (64 - stream.count % 64) % 64) : stream
        let payloadSectors = (payload.count + sector - 1) / sector
        precondition(payloadSectors + 3 <= perFAT, "test streams fit one FAT sector")
        var fat = [UInt32](repeating: CompoundFile.freeSector, count: perFAT)
        fat[0] = CompoundFile.fatSector
        fat[1] = CompoundFile.endOfChain
        for index in 0..<payloadSectors {
            fat[2 + index] = index == payloadSectors - 1 ? CompoundFile.endOfChain : UInt32(3 + index)
        }
        let miniFATSector = 2 + payloadSectors
        if inMini { fat[miniFATSector] = CompoundFile.endOfChain }

        var header = [UInt8](repeating: 0, count: 512)
        func put(_ value: [UInt8], at offset: Int) {
            header.replaceSubrange(offset..<(offset + value.count), with: value)
        }
        put(CompoundFile.signature, at: 0)
        put(BIFF.u16(0x003E), at: 0x18)
        put(BIFF.u16(sectorShift == 12 ? 4 : 3), at: 0x1A)
        put(BIFF.u16(0xFFFE), at: 0x1C)
        put(BIFF.u16(sectorShift), at: 0x1E)
        put(BIFF.u16(6), at: 0x20)
        put(BIFF.u32(1), at: 0x2C)
        put(BIFF.u32(1), at: 0x30)
        put(BIFF.u32(4096), at: 0x38)
        put(BIFF.u32(inMini ? miniFATSector : Int(CompoundFile.endOfChain)), at: 0x3C)
        put(BIFF.u32(inMini ? 1 : 0), at: 0x40)
        put(BIFF.u32(Int(CompoundFile.endOfChain)), at: 0x44)
        put(BIFF.u32(0), at: 0x48)
        for index in 0..<109 { put(BIFF.u32(index == 0 ? 0 : Int(CompoundFile.freeSector)), at: 0x4C + 4 * index) }

        func entry(_ name: String, type: UInt8, start: Int, size: Int, child: Int = -1) -> [UInt8] {
            var bytes = [UInt8](repeating: 0, count: 128)
            let units = Array(name.utf16)
            for (index, unit) in units.enumerated() {
                bytes[2 * index] = UInt8(unit & 0xFF)
                bytes[2 * index + 1] = UInt8(unit >> 8)
            }
            bytes.replaceSubrange(0x40..<0x42, with: BIFF.u16(2 * units.count + 2))
            bytes[0x42] = type
            bytes[0x43] = 1
            bytes.replaceSubrange(0x44..<0x48, with: BIFF.u32(-1))
            bytes.replaceSubrange(0x48..<0x4C, with: BIFF.u32(-1))
            bytes.replaceSubrange(0x4C..<0x50, with: BIFF.u32(child))
            bytes.replaceSubrange(0x74..<0x78, with: BIFF.u32(start))
            bytes.replaceSubrange(0x78..<0x7C, with: BIFF.u32(size))
            return bytes
        }
        var directory =
            inMini
            ? entry("Root Entry", type: 5, start: 2, size: payload.count, child: 1)
                + entry(name, type: 2, start: 0, size: stream.count)
            : entry("Root Entry", type: 5, start: Int(CompoundFile.endOfChain), size: 0, child: 1)
                + entry(name, type: 2, start: 2, size: stream.count)
        directory += [UInt8](repeating: 0, count: sector - directory.count)
        header += [UInt8](repeating: 0, count: sector - header.count)
        // Unused directory slots are empty entries of type 0, with NOSTREAM links.

        var body = header + fat.flatMap { BIFF.u32(Int($0)) } + directory
        body += payload + [UInt8](repeating: 0, count: payloadSectors * sector - payload.count)
        if inMini {
            let miniCount = payload.count / 64
            var miniFAT = [UInt32](repeating: CompoundFile.freeSector, count: perFAT)
            for index in 0..<miniCount {
                miniFAT[index] = index == miniCount - 1 ? CompoundFile.endOfChain : UInt32(index + 1)
            }
            body += miniFAT.flatMap { BIFF.u32(Int($0)) }
        }
        self.bytes = body
    }

    /// Overwrites FAT entry `index` (the FAT is sector 0, right after the header).
    mutating func setFAT(_ index: Int, _ value: UInt32) {
        let at = sectorSize + 4 * index
        bytes.replaceSubrange(at..<(at + 4), with: BIFF.u32(Int(value)))
    }
}
