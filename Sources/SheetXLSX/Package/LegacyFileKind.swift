#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a file that is not a ZIP most likely is, told by its first bytes, for a useful error.
enum LegacyFileKind {
    /// A Compound File (MS-CFB §2.2 signature D0 CF 11 E0 A1 B1 1A E1): a legacy `.xls`, or an encrypted `.xlsx`.
    case compoundFile

    static func detect(path: String) -> LegacyFileKind? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var magic = [UInt8](repeating: 0, count: 8)
        guard fread(&magic, 1, 8, file) == 8 else { return nil }
        return magic == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] ? .compoundFile : nil
    }

    var error: XLSXError {
        switch self {
        case .compoundFile:
            XLSXError(
                .unsupported,
                "this is a legacy .xls workbook or a password-protected .xlsx, not an .xlsx package")
        }
    }
}
