import SheetCore

/// Decoding of legacy Vietnamese encodings (TCVN3, VNI, VISCII, VPS, Windows-1258, VIQR) to Unicode NFC, the font
/// names that tell them, detection by content, and an NFD → NFC normaliser for Vietnamese.
///
/// ```swift
/// let bytes: [UInt8] = [0x43, 0xE9, 0x6E, 0x67]   // "Céng" in TCVN3
/// let text = bytes.withUnsafeBufferPointer { VietText.decode($0, from: .tcvn3) }   // "Cộng"
/// ```
///
/// Tables come from `Scripts/generate_viettext_tables.py` (see `Generated/LegacyTables.swift`). Bytes that are no
/// Vietnamese letter in the chosen encoding pass through as ASCII, as the CP1252 symbol for 0x80–0x9F, or as Latin-1;
/// byte 0xAD (TCVN3 `ư`, Latin-1 soft hyphen) is never dropped.
///
/// TCVN3 decoding includes the capitals of the fuller TCVN 5712:1993 VN1 table (C0 bytes, 0x80–0x9F and the holes
/// of VN3), as the golden vectors require. Those positions are CP1252 punctuation in Western text, so `–` (0x96),
/// `“` (0x93) and `”` (0x94) inside `.Vn*` text decode as `Ọ`, `Ỏ` and `Õ`.
public enum VietText {
    /// Decodes legacy bytes to a Unicode string in NFC.
    ///
    /// - Parameters:
    ///   - bytes: the encoded text.
    ///   - from: the encoding of `bytes`.
    ///   - upperCase: `true` for text set in a capital font (`.VnTimeH`, `VI Times H`, `VPS Times Hoa`): the
    ///     Vietnamese letters and a–z are upper-cased after decoding, nothing else is.
    /// - Returns: the text in Unicode NFC.
    /// - Complexity: O(n); TCVN3, VISCII, VPS and Windows-1258 go through a 256-entry table of UTF-8 sequences.
    ///
    /// ```swift
    /// let bytes: [UInt8] = [0xAE, 0xAD, 0x61]
    /// bytes.withUnsafeBufferPointer { VietText.decode($0, from: .tcvn3) }   // "đưa"
    /// ```
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, from: LegacyEncoding, upperCase: Bool = false)
        -> String
    {
        switch from {
        case .tcvn3: return decodeSingleByte(bytes, table: upperCase ? UTF8Tables.tcvn3Upper : UTF8Tables.tcvn3)
        case .viscii: return decodeSingleByte(bytes, table: upperCase ? UTF8Tables.visciiUpper : UTF8Tables.viscii)
        case .vps: return decodeSingleByte(bytes, table: upperCase ? UTF8Tables.vpsUpper : UTF8Tables.vps)
        case .cp1258:
            return nfc(decodeSingleByte(bytes, table: upperCase ? UTF8Tables.cp1258Upper : UTF8Tables.cp1258))
        case .vni: return decodeVNI(bytes, upperCase: upperCase)
        case .viqr: return decodeVIQR(bytes, upperCase: upperCase)
        }
    }

    /// Decodes text whose characters stand for legacy bytes, as legacy text reads from `.xlsx` and BIFF8 `.xls`.
    ///
    /// Each scalar up to U+00FF is taken as that byte; the CP1252 characters of 0x80–0x9F (U+20AC `€`, U+201C `“`,
    /// …) are taken as their byte. Any other scalar means the text is already Unicode there: it is kept as it is.
    ///
    /// - Parameters:
    ///   - text: the text as read from the workbook.
    ///   - from: the encoding the cell's font implies.
    ///   - upperCase: `true` for capital fonts (see ``decode(_:from:upperCase:)-(UnsafeBufferPointer<UInt8>,_,_)``).
    /// - Returns: the text in Unicode NFC.
    ///
    /// ```swift
    /// VietText.decode("Céng hßa", from: .tcvn3)   // "Cộng hòa"
    /// ```
    public static func decode(_ text: String, from: LegacyEncoding, upperCase: Bool = false) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var result = ""
        var foreign = false
        for scalar in text.unicodeScalars {
            if let byte = legacyByte(for: scalar) {
                bytes.append(byte)
                continue
            }
            foreign = true
            if !bytes.isEmpty {
                result += bytes.withUnsafeBufferPointer { decode($0, from: from, upperCase: upperCase) }
                bytes.removeAll(keepingCapacity: true)
            }
            result.unicodeScalars.append(scalar)
        }
        let tail = bytes.withUnsafeBufferPointer { decode($0, from: from, upperCase: upperCase) }
        return foreign ? nfc(result + tail) : tail
    }

    /// The byte a character read from a workbook stands for, `nil` when it is real Unicode.
    static func legacyByte(for scalar: Unicode.Scalar) -> UInt8? {
        if scalar.value <= 0xFF { return UInt8(scalar.value) }
        return cp1252Reverse[scalar.value]
    }

    static let cp1252Reverse: [UInt32: UInt8] = Dictionary(
        uniqueKeysWithValues: LegacyTables.cp1252Reverse.map { ($0.scalar, $0.byte) })
}
