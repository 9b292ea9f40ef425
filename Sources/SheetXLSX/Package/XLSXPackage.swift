import SheetCore
import SheetXML
import SheetZip

/// The ZIP package of a workbook: parts by name, each readable as an XML token stream.
final class XLSXPackage {
    let archive: ZipArchive
    let limits: XLSXLimits
    /// Parts larger than this (uncompressed, as declared) are read ahead on a second thread.
    static let readAheadThreshold: UInt64 = 4 << 20

    init(archive: ZipArchive, limits: XLSXLimits) {
        self.archive = archive
        self.limits = limits
    }

    /// Whether the package has a part.
    func hasPart(_ name: String) -> Bool { archive.entry(named: name) != nil }

    /// A tokenizer streaming a part.
    ///
    /// - Throws: `missingPart` when the package has no such part; `container` when its entry cannot be opened.
    func tokenizer(forPart name: String) throws(XLSXError) -> XMLTokenizer {
        guard let xml = try tokenizer(forOptionalPart: name) else {
            throw XLSXError(.missingPart, "the package has no part \(name)", part: name)
        }
        return xml
    }

    /// A tokenizer streaming a part, `nil` when the package has no such part.
    func tokenizer(forOptionalPart name: String) throws(XLSXError) -> XMLTokenizer? {
        guard let entry = archive.entry(named: name) else { return nil }
        do {
            let reader = try archive.reader(for: entry)
            // Large parts (worksheets, big string tables) are inflated on a second thread while they are parsed.
            if entry.uncompressedSize > XLSXPackage.readAheadThreshold {
                return XMLTokenizer(source: ReadAheadByteSource(wrapping: reader), limits: limits.xml)
            }
            return XMLTokenizer(source: reader, limits: limits.xml)
        } catch {
            throw XLSXError.container(error, part: name)
        }
    }
}
