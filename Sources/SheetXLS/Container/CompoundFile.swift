// A Compound File Binary file ([MS-CFB]): a small FAT file system inside one file.
//
//   header (512 bytes; sector 0 starts at sectorSize)   [MS-CFB] 2.2
//     signature D0 CF 11 E0 A1 B1 1A E1, sector shift 9 (512 B) or 12 (4096 B), mini sector shift 6 (64 B)
//     109 DIFAT entries → the FAT's own sectors; more in a chain of DIFAT sectors   [MS-CFB] 2.5
//   FAT: next-sector index for every sector; a stream is a chain start → … → ENDOFCHAIN   [MS-CFB] 2.3
//   directory: 128-byte entries (a red-black tree we simply walk whole)   [MS-CFB] 2.6
//   mini stream (the root entry's chain) in 64-byte mini sectors, chained by the mini FAT, holds the streams
//   smaller than the cutoff (4096 bytes)   [MS-CFB] 2.4
//
// Every chain is followed with a visited set, so a loop or an index past the end is an error, never a hang.

/// A Compound File read into memory, whose streams can be fetched by name.
struct CompoundFile {
    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    /// [MS-CFB] 2.1: sector numbers with a meaning.
    static let maxRegularSector: UInt32 = 0xFFFF_FFFA
    static let difatSector: UInt32 = 0xFFFF_FFFC  // DIFSECT
    static let fatSector: UInt32 = 0xFFFF_FFFD  // FATSECT
    static let endOfChain: UInt32 = 0xFFFF_FFFE  // ENDOFCHAIN
    static let freeSector: UInt32 = 0xFFFF_FFFF  // FREESECT
    static let noStream: UInt32 = 0xFFFF_FFFF  // NOSTREAM

    /// One directory entry ([MS-CFB] 2.6.1).
    struct Entry {
        enum Kind: UInt8 {
            case unknown = 0
            case storage = 1
            case stream = 2
            case root = 5
        }
        var name: String
        var kind: Kind
        var startSector: UInt32
        var size: UInt64
    }

    private let data: ByteReader
    let sectorSize: Int
    let miniSectorSize: Int
    let miniStreamCutoff: UInt64
    private let fat: [UInt32]
    private let miniFAT: [UInt32]
    private let miniStream: [UInt8]
    let entries: [Entry]
    /// Most sectors followed while opening the file, and again for each stream read (``XLSLimits/maxSectorsVisited``).
    let maxSectorsVisited: Int

    /// Whether `bytes` begin with the Compound File signature.
    static func hasSignature(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 8 && Array(bytes[0..<8]) == signature
    }

    /// Reads the header, FAT, mini FAT and directory.
    ///
    /// - Throws: ``XLSError`` `.notCompoundFile`, `.container` (loops, sectors out of range, bad header fields) or
    ///   `.truncated`.
    init(bytes: [UInt8], maxSectorsVisited: Int = XLSLimits.default.maxSectorsVisited) throws(XLSError) {
        self.maxSectorsVisited = maxSectorsVisited
        var budget = maxSectorsVisited
        guard Self.hasSignature(bytes) else {
            throw XLSError(.notCompoundFile, "the file is not an Excel 97–2003 workbook (no Compound File signature)")
        }
        guard bytes.count >= 512 else {
            throw XLSError(.truncated, "the file ends inside its 512-byte Compound File header", offset: bytes.count)
        }
        let data = ByteReader(bytes)
        self.data = data
        let sectorShift = data.getU16(at: 0x1E)!
        let miniShift = data.getU16(at: 0x20)!
        guard sectorShift == 9 || sectorShift == 12 else {
            throw XLSError(.container, "the sector shift is \(sectorShift), not 9 or 12", offset: 0x1E)
        }
        guard miniShift == 6 else {
            throw XLSError(.container, "the mini sector shift is \(miniShift), not 6", offset: 0x20)
        }
        let sectorSize = 1 << Int(sectorShift)
        self.sectorSize = sectorSize
        self.miniSectorSize = 1 << Int(miniShift)
        let cutoff = data.getU32(at: 0x38)!
        self.miniStreamCutoff = cutoff == 0 ? 4096 : UInt64(cutoff)
        let fatSectorCount = Int(data.getU32(at: 0x2C)!)
        let firstDirectorySector = data.getU32(at: 0x30)!
        let firstMiniFATSector = data.getU32(at: 0x3C)!
        let firstDIFATSector = data.getU32(at: 0x44)!
        let difatSectorCount = Int(data.getU32(at: 0x48)!)
        // Sectors that can exist in this file (a last sector may be cut short; see `sectorBytes`).
        let sectorsInFile = max(0, (bytes.count - sectorSize + sectorSize - 1) / sectorSize)
        guard fatSectorCount <= sectorsInFile else {
            throw XLSError(
                .container, "the header lists \(fatSectorCount) FAT sectors but the file holds only \(sectorsInFile)",
                offset: 0x2C)
        }

        // DIFAT: the header's 109 entries, then DIFAT sectors (each ends with the next one's index).
        var fatSectors: [UInt32] = []
        for index in 0..<109 where fatSectors.count < fatSectorCount {
            let sector = data.getU32(at: 0x4C + 4 * index)!
            if sector <= Self.maxRegularSector { fatSectors.append(sector) }
        }
        var difat = firstDIFATSector
        var seenDIFAT = Set<UInt32>()
        let perDIFAT = sectorSize / 4 - 1
        while fatSectors.count < fatSectorCount, difat <= Self.maxRegularSector {
            guard seenDIFAT.insert(difat).inserted, seenDIFAT.count <= max(difatSectorCount, 1) + sectorsInFile else {
                throw XLSError(.container, "the DIFAT sector chain loops back to sector \(difat)")
            }
            try Self.visit(&budget, limit: maxSectorsVisited)
            let base = try Self.sectorOffset(difat, sectorSize: sectorSize, fileSize: bytes.count, what: "DIFAT")
            for index in 0..<perDIFAT where fatSectors.count < fatSectorCount {
                guard let sector = data.getU32(at: base + 4 * index) else { break }
                if sector <= Self.maxRegularSector { fatSectors.append(sector) }
            }
            difat = data.getU32(at: base + 4 * perDIFAT) ?? Self.endOfChain
        }

        // FAT.
        var fat: [UInt32] = []
        fat.reserveCapacity(fatSectors.count * sectorSize / 4)
        for sector in fatSectors {
            let base = try Self.sectorOffset(sector, sectorSize: sectorSize, fileSize: bytes.count, what: "FAT")
            for index in 0..<(sectorSize / 4) {
                fat.append(data.getU32(at: base + 4 * index) ?? Self.freeSector)
            }
        }
        self.fat = fat

        // Directory.
        let directory = try Self.chain(
            from: firstDirectorySector, table: fat, limit: sectorsInFile, what: "directory", budget: &budget,
            maxSectorsVisited: maxSectorsVisited)
        var entries: [Entry] = []
        for sector in directory {
            let base = try Self.sectorOffset(sector, sectorSize: sectorSize, fileSize: bytes.count, what: "directory")
            for slot in 0..<(sectorSize / 128) {
                let at = base + slot * 128
                guard let nameLength = data.getU16(at: at + 0x40), let type = data.getU8(at: at + 0x42),
                    let start = data.getU32(at: at + 0x74), let size = data.getU64(at: at + 0x78)
                else { break }
                var units: [UInt16] = []
                let characters = min(32, max(0, Int(nameLength) / 2 - 1))
                for index in 0..<characters { units.append(data.getU16(at: at + 2 * index)!) }
                let kind = Entry.Kind(rawValue: type) ?? .unknown
                // Version 3 files may leave garbage in the size's high half ([MS-CFB] 2.6.3).
                let trimmed = sectorShift == 9 ? size & 0xFFFF_FFFF : size
                entries.append(
                    Entry(name: String(decoding: units, as: UTF16.self), kind: kind, startSector: start, size: trimmed))
            }
        }
        guard let root = entries.first, root.kind == .root else {
            throw XLSError(.container, "the directory does not begin with a root entry")
        }
        self.entries = entries

        // Mini FAT and mini stream.
        var miniFAT: [UInt32] = []
        let miniFATChain = try Self.chain(
            from: firstMiniFATSector, table: fat, limit: sectorsInFile, what: "mini FAT", budget: &budget,
            maxSectorsVisited: maxSectorsVisited)
        for sector in miniFATChain {
            let base = try Self.sectorOffset(sector, sectorSize: sectorSize, fileSize: bytes.count, what: "mini FAT")
            for index in 0..<(sectorSize / 4) { miniFAT.append(data.getU32(at: base + 4 * index) ?? Self.freeSector) }
        }
        self.miniFAT = miniFAT
        self.miniStream =
            root.size > 0
            ? try Self.readRegular(
                data: data, fat: fat, sectorSize: sectorSize, start: root.startSector, size: root.size,
                name: "root entry (mini stream)", budget: &budget, maxSectorsVisited: maxSectorsVisited)
            : []
    }

    /// The stream with this name (compared case-insensitively, as [MS-CFB] 2.6.4 does), or `nil`.
    ///
    /// - Throws: ``XLSError`` when its chain is damaged or shorter than its size.
    func stream(named name: String) throws(XLSError) -> [UInt8]? {
        let wanted = name.uppercased()
        guard let entry = entries.first(where: { $0.kind == .stream && $0.name.uppercased() == wanted }) else {
            return nil
        }
        var budget = maxSectorsVisited
        if entry.size < miniStreamCutoff {
            return try readMini(start: entry.startSector, size: entry.size, name: entry.name, budget: &budget)
        }
        return try Self.readRegular(
            data: data, fat: fat, sectorSize: sectorSize, start: entry.startSector, size: entry.size, name: entry.name,
            budget: &budget, maxSectorsVisited: maxSectorsVisited)
    }

    private static func readRegular(
        data: ByteReader, fat: [UInt32], sectorSize: Int, start: UInt32, size: UInt64, name: String,
        budget: inout Int, maxSectorsVisited: Int
    ) throws(XLSError) -> [UInt8] {
        guard size <= UInt64(data.count) else {
            throw XLSError(
                .truncated, "stream \"\(name)\" claims \(size) bytes, more than the file's \(data.count)")
        }
        let needed = (Int(size) + sectorSize - 1) / sectorSize
        let sectors = try Self.chain(
            from: start, table: fat, limit: (data.count + sectorSize - 1) / sectorSize, what: "stream \"\(name)\"",
            stopAfter: needed, budget: &budget, maxSectorsVisited: maxSectorsVisited)
        var out: [UInt8] = []
        out.reserveCapacity(Int(size))
        // Consecutive sectors (the usual layout) are copied as one run.
        var index = 0
        while index < sectors.count {
            let base = try Self.sectorOffset(sectors[index], sectorSize: sectorSize, fileSize: data.count, what: name)
            var run = 1
            while index + run < sectors.count, sectors[index + run] == sectors[index] + UInt32(run) { run += 1 }
            let end = min(base + run * sectorSize, data.count, base + Int(size) - out.count)
            out.append(contentsOf: data.bytes[base..<end])
            index += run
        }
        guard out.count == Int(size) else {
            throw XLSError(
                .truncated, "stream \"\(name)\" holds \(out.count) of its \(size) bytes: the file is cut short")
        }
        return out
    }

    private func readMini(start: UInt32, size: UInt64, name: String, budget: inout Int) throws(XLSError) -> [UInt8] {
        let needed = (Int(size) + miniSectorSize - 1) / miniSectorSize
        let sectors = try Self.chain(
            from: start, table: miniFAT, limit: miniFAT.count, what: "mini stream \"\(name)\"", stopAfter: needed,
            budget: &budget, maxSectorsVisited: maxSectorsVisited)
        var out: [UInt8] = []
        out.reserveCapacity(Int(size))
        for sector in sectors {
            let base = Int(sector) * miniSectorSize
            guard base < miniStream.count else {
                throw XLSError(
                    .container,
                    "stream \"\(name)\" uses mini sector \(sector), past the end of the mini stream (\(miniStream.count) bytes)"
                )
            }
            let end = min(base + miniSectorSize, miniStream.count, base + Int(size) - out.count)
            out.append(contentsOf: miniStream[base..<end])
        }
        guard out.count == Int(size) else {
            throw XLSError(.truncated, "stream \"\(name)\" holds \(out.count) of its \(size) bytes")
        }
        return out
    }

    /// The sectors of a chain, in order; a loop or an index outside `table` is an error.
    static func chain(
        from start: UInt32, table: [UInt32], limit: Int, what: String, stopAfter: Int = .max, budget: inout Int,
        maxSectorsVisited: Int
    ) throws(XLSError) -> [UInt32] {
        var sectors: [UInt32] = []
        var visited = [Bool](repeating: false, count: table.count)
        var current = start
        while current != endOfChain, sectors.count < stopAfter {
            if current == freeSector && sectors.isEmpty { break }  // an empty chain
            guard current <= maxRegularSector, Int(current) < table.count else {
                throw XLSError(
                    .container,
                    "the \(what) chain points to sector \(current), past the \(table.count) sectors the allocation table covers"
                )
            }
            guard !visited[Int(current)] else {
                throw XLSError(.container, "the \(what) chain loops back to sector \(current)")
            }
            visited[Int(current)] = true
            try visit(&budget, limit: maxSectorsVisited)
            sectors.append(current)
            current = table[Int(current)]
        }
        return sectors
    }

    /// Counts one sector followed against ``XLSLimits/maxSectorsVisited``.
    static func visit(_ budget: inout Int, limit: Int) throws(XLSError) {
        budget -= 1
        guard budget >= 0 else {
            throw XLSError(
                .limitExceeded,
                "the Compound File's sector chains visit more than \(limit) sectors (\(XLSLimits.hint("maxSectorsVisited")))"
            )
        }
    }

    /// The file offset of a sector that must at least begin inside the file.
    static func sectorOffset(_ sector: UInt32, sectorSize: Int, fileSize: Int, what: String) throws(XLSError) -> Int {
        let offset = (Int(sector) + 1) * sectorSize
        guard sector <= maxRegularSector, offset < fileSize else {
            throw XLSError(
                .container, "a \(what) sector index (\(sector)) points past the end of the file (\(fileSize) bytes)")
        }
        return offset
    }
}
