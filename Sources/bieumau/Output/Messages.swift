import SheetXLSX
import SheetXML
import SheetZip

#if canImport(Glibc)
    import Glibc
#endif

/// The language of messages: Vietnamese by default, English with `BIEUMAU_LANG=en`.
enum Language {
    case vietnamese
    case english

    static var current: Language {
        guard let value = getenv("BIEUMAU_LANG").map({ String(cString: $0).lowercased() }) else { return .vietnamese }
        return value.hasPrefix("en") ? .english : .vietnamese
    }
}

/// Every sentence a user reads about an unreadable input is made here, from the reader's error values.
enum ErrorMessages {
    /// One line: the file, where in it, what is wrong in the user's language, and the reader's precise detail.
    static func unreadable(_ error: XLSXError, file: String, language: Language = .current) -> String {
        let place = location(of: error, language: language)
        switch language {
        case .english:
            return "cannot read \(file)\(place.isEmpty ? "" : ": " + place): \(error.message)"
        case .vietnamese:
            return
                "không đọc được tệp \(file)\(place.isEmpty ? "" : ": " + place): \(summary(of: error)) (\(error.message))"
        }
    }

    /// A failure that has no reader error behind it (an empty workbook, an unreadable path).
    static func unreadable(file: String, vietnamese: String, english: String, language: Language = .current) -> String {
        switch language {
        case .english: "cannot read \(file): \(english)"
        case .vietnamese: "không đọc được tệp \(file): \(vietnamese) (\(english))"
        }
    }

    private static func location(of error: XLSXError, language: Language) -> String {
        var parts: [String] = []
        let vietnamese = language == .vietnamese
        switch (error.sheet, error.part) {
        case (let sheet?, let part?): parts.append((vietnamese ? "trang" : "sheet") + " \"\(sheet)\" (\(part))")
        case (let sheet?, nil): parts.append((vietnamese ? "trang" : "sheet") + " \"\(sheet)\"")
        case (nil, let part?): parts.append((vietnamese ? "phần" : "part") + " \(part)")
        case (nil, nil): break
        }
        if let cell = error.cell {
            parts.append((vietnamese ? "ô " : "cell ") + cell)
        } else if let offset = error.offset {
            let inFile = error.code == .container
            parts.append(
                vietnamese
                    ? (inFile ? "vị trí \(offset) trong tệp" : "byte \(offset) của phần")
                    : (inFile ? "file offset \(offset)" : "byte \(offset)"))
        }
        return parts.joined(separator: ", ")
    }

    /// What the error means for the user, in Vietnamese.
    private static func summary(of error: XLSXError) -> String {
        if let zip = error.cause as? ZipError {
            switch zip.code {
            case .notAZip: return "đây không phải tệp .xlsx (không phải gói ZIP)"
            case .truncated: return "tệp bị cắt cụt, hãy chép hoặc tải lại"
            case .crcMismatch, .sizeMismatch: return "dữ liệu trong tệp bị hỏng (sai mã kiểm tra), hãy xin bản khác"
            case .limitExceeded: return "tệp vượt giới hạn an toàn (có thể là tệp độc hại kiểu zip bomb)"
            case .encrypted: return "tệp được đặt mật khẩu"
            case .unsupportedCompression: return "tệp dùng kiểu nén chưa hỗ trợ"
            case .io: return "lỗi khi đọc tệp từ đĩa"
            default: return "tệp bị hỏng"
            }
        }
        if let xml = error.cause as? XMLError {
            switch xml.code {
            case .undefinedEntity: return "nội dung chứa thực thể XML không được phép (có thể là tệp độc hại)"
            case .limitExceeded: return "nội dung vượt giới hạn an toàn"
            case .unsupportedEncoding: return "nội dung dùng bảng mã chưa hỗ trợ"
            default: return "nội dung XML bị hỏng"
            }
        }
        switch error.code {
        case .missingPart: return "gói thiếu một phần cần thiết"
        case .invalidValue: return "giá trị trong ô không hợp lệ"
        case .invalidContent: return "nội dung không hợp lệ"
        case .noSuchSheet: return "không có trang tính này"
        case .unsupported: return "định dạng chưa được hỗ trợ"
        case .limitExceeded: return "vượt giới hạn an toàn"
        case .container: return "tệp bị hỏng"
        default: return "tệp không đọc được"
        }
    }
}
