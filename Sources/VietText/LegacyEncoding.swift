/// A legacy Vietnamese text encoding that ``VietText`` decodes to Unicode.
///
/// ```swift
/// let encoding = LegacyEncoding(rawValue: "tcvn3")   // .tcvn3
/// ```
public enum LegacyEncoding: String, CaseIterable, Sendable {
    /// TCVN3 (TCVN 5712:1993 VN3, the "ABC" code of the `.Vn*` fonts), with the VN1 capitals of the fuller table.
    case tcvn3
    /// VNI-Windows (`VNI-*` fonts): a letter is an ASCII base plus one modifier byte, or one byte.
    case vni
    /// VISCII (RFC 1456), one byte per letter, some capitals in C0 and 0x80–0x9F.
    case viscii
    /// VPS, one byte per letter, some capitals in C0 and 0x80–0x9F.
    case vps
    /// Windows-1258: some precomposed letters plus combining tone marks; decoded text is normalised to NFC.
    case cp1258
    /// VIQR (RFC 1456): ASCII mnemonics such as `a'`, `a^.`, `o+`, `dd`; `\` escapes the next character.
    case viqr
}
