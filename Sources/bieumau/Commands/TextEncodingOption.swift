import ArgumentParser
import SheetCSV
import SheetCore
import VietText

/// `--encoding`: how legacy Vietnamese text is taken, in workbooks (by font) and in CSV files (by bytes).
enum TextEncodingOption: String, ExpressibleByArgument, CaseIterable {
    /// Workbooks: convert text whose font names a legacy encoding (`.VnTime` → TCVN3). CSV: UTF-8 when valid,
    /// otherwise the best-scoring legacy decoding, reported.
    case auto
    /// Text is Unicode already: no conversion.
    case utf8 = "utf-8"
    case tcvn3, vni, viscii, vps, cp1258, viqr

    static let help: ArgumentHelp =
        "Bảng mã tiếng Việt (text encoding): auto (theo phông chữ / by font; CSV: dò / detected), utf-8, tcvn3, vni, viscii, vps, cp1258, viqr."

    var legacyEncoding: LegacyEncoding? { LegacyEncoding(rawValue: rawValue) }

    /// What it means for the text of a reader's cells: CSV text was decoded from its bytes already.
    func policy(for reader: any WorkbookReading) -> LegacyTextPolicy {
        reader is CSVWorkbook ? .none : workbookPolicy
    }

    /// What it means for text inside a workbook.
    var workbookPolicy: LegacyTextPolicy {
        switch self {
        case .auto: .byFont
        case .utf8: .none
        default: .forced(legacyEncoding!)
        }
    }
}

/// Opening a CSV file in the encoding asked for, decoding legacy bytes to UTF-8 first.
enum LegacyCSV {
    /// Legacy-encoded CSV files are decoded whole; larger ones must be converted with another tool first.
    static let maximumLegacySize = 512 << 20

    /// A reader over the file's text as UTF-8, and the encoding used (`nil` for UTF-8).
    static func open(_ path: String, encoding: TextEncodingOption) throws -> (CSVReader, used: String?) {
        var chosen = encoding.legacyEncoding
        var note: String?
        if encoding == .auto {
            let head = try readFile(path, limit: 1 << 20)
            let detection = head.withUnsafeBufferPointer { VietText.detect($0) }
            if case .legacy(let legacy) = detection.encoding {
                chosen = legacy
                note = "\(legacy.rawValue) (\(detection))"
            }
        }
        guard let chosen else { return (try CSVReader(path: path), nil) }
        let bytes = try readFile(path, limit: maximumLegacySize)
        let text = bytes.withUnsafeBufferPointer { VietText.decode($0, from: chosen) }
        return (try CSVReader(source: BufferByteSource(Array(text.utf8))), note ?? chosen.rawValue)
    }

    private static func readFile(_ path: String, limit: Int) throws -> [UInt8] {
        var source = try FileByteSource(path: path)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count < limit {
            let count = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
        if limit == maximumLegacySize {
            throw InputFailure(
                file: path, vietnamese: "tệp CSV mã cũ lớn hơn 512 MiB", english: "a legacy-encoded CSV over 512 MiB")
        }
        return Array(bytes.prefix(limit))
    }
}
