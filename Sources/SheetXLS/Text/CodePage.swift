// BIFF5 (Excel 5.0/95) text is 8-bit in the code page its CODEPAGE record names ([MS-XLS] 2.4.52); BIFF8 text is
// UTF-16 or "compressed" Latin-1 whatever CODEPAGE says. The single-byte tables are generated
// (CodePage+Tables.swift); double-byte pages (932, 936, 949, 950, 1361) are not read yet.

/// A single-byte code page: bytes below 0x80 are ASCII, the upper half comes from a generated table.
struct CodePage: Sendable {
    /// The code page's number (1252, 1258, 10000 for Mac Roman).
    let number: Int
    private let upperHalf: [UInt16]

    /// Windows-1252, what Excel assumes when a BIFF5 file has no CODEPAGE record.
    static let windows1252 = CodePage(number: 1252, upperHalf: upperHalves[1252]!)

    private init(number: Int, upperHalf: [UInt16]) {
        self.number = number
        self.upperHalf = upperHalf
    }

    /// The code page a CODEPAGE record's value names.
    ///
    /// - Throws: ``XLSError`` `.unsupported` for double-byte and unknown code pages.
    init(recordValue value: Int) throws(XLSError) {
        let number: Int =
            switch value {
            case 0x8000: 10000  // Mac Roman, as Excel for Mac writes it
            case 0x8001, 367, 1200: 1252  // "Windows ANSI", ASCII; 1200 (UTF-16) only appears in BIFF8
            default: value
            }
        guard let table = Self.upperHalves[number] else {
            throw XLSError(
                .unsupported,
                "the workbook's text is in code page \(value), which is not read yet (Windows 874, 1250–1258 and Mac Roman are)"
            )
        }
        self.init(number: number, upperHalf: table)
    }

    /// UTF-16 units of `bytes`.
    func decode(_ bytes: some Collection<UInt8>) -> [UInt16] {
        bytes.map { $0 < 0x80 ? UInt16($0) : upperHalf[Int($0) - 0x80] }
    }
}

/// How a workbook stores text: BIFF8 Unicode strings, or BIFF5 8-bit strings in a code page.
enum BIFFText: Sendable {
    case biff8
    case biff5(CodePage)

    var isBIFF8: Bool {
        if case .biff8 = self { return true }
        return false
    }
}

extension BIFFStringCursor {
    /// A string whose length is one byte (`short`) or two: BIFF8 ShortXLUnicodeString / XLUnicodeString, or a
    /// BIFF5 byte string in the workbook's code page.
    mutating func readString(_ text: BIFFText, shortLength: Bool) throws(XLSError) -> [UInt16] {
        switch text {
        case .biff8:
            return shortLength ? try readShortUnicodeString() : try readUnicodeString()
        case .biff5(let codePage):
            let count = shortLength ? Int(try readU8("a string's length")) : Int(try readU16("a string's length"))
            return codePage.decode(try readBytes(count, "a string's characters"))
        }
    }
}
