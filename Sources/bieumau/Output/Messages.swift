import SheetCSV
import SheetCore
import SheetXLS
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
    /// Why a CSV file could not be read, in the user's language.
    static func reason(_ error: CSVError, language: Language = .current) -> String {
        let vietnamese: String
        switch error.code {
        case .invalidUTF8: vietnamese = "tệp không phải UTF-8 hợp lệ (có thể dùng bảng mã cũ)"
        case .unterminatedQuote: vietnamese = "một trường mở ngoặc kép mà không đóng"
        case .nulByte: vietnamese = "tệp chứa byte NUL (có thể không phải tệp văn bản)"
        case .invalidUTF16: vietnamese = "tệp UTF-16 bị hỏng"
        case .limitExceeded: vietnamese = "một trường hoặc dòng vượt giới hạn an toàn"
        default: vietnamese = "tệp CSV không đọc được"
        }
        return bilingual(vietnamese: vietnamese, english: error.description, language: language)
    }

    /// Why an `.xls` file could not be read: where (sheet, cell, record, offset), then what, in the user's language.
    static func reason(_ error: XLSError, language: Language = .current) -> String {
        var place: [String] = []
        let vietnamese = language == .vietnamese
        if let sheet = error.sheet { place.append((vietnamese ? "trang" : "sheet") + " \"\(sheet)\"") }
        if let cell = error.cell { place.append((vietnamese ? "ô " : "cell ") + cell) }
        if let record = error.record { place.append((vietnamese ? "bản ghi " : "record ") + record) }
        if let offset = error.offset, error.cell == nil {
            let inStream = error.stream != nil
            place.append(
                vietnamese
                    ? (inStream ? "byte \(offset) của luồng \(error.stream!)" : "vị trí \(offset) trong tệp")
                    : (inStream ? "byte \(offset) of stream \(error.stream!)" : "file offset \(offset)"))
        }
        let summary: String
        switch error.code {
        case .encrypted: summary = "tệp được đặt mật khẩu"
        case .notCompoundFile: summary = "đây không phải tệp .xls"
        case .container, .truncated: summary = "tệp bị hỏng hoặc bị cắt cụt"
        case .missingStream: summary = "tệp không chứa bảng tính Excel"
        case .invalidRecord: summary = "nội dung không hợp lệ"
        case .unsupported: summary = "phiên bản hoặc tính năng chưa được hỗ trợ"
        case .limitExceeded: summary = "tệp vượt giới hạn an toàn"
        default: summary = "tệp không đọc được"
        }
        let what = vietnamese ? "\(summary) (\(error.message))" : error.message
        return place.isEmpty ? what : place.joined(separator: ", ") + ": " + what
    }

    /// Fields kept as text because they read as different numbers under vi and en: a warning, with examples.
    static func ambiguousNumbers(
        _ examples: [CSVReader.AmbiguousNumber], total: Int, file: String, language: Language = .current
    ) -> String {
        let shown = examples.prefix(3).map { "\($0.address.a1) \"\($0.text)\"" }.joined(separator: ", ")
        return "bieumau: \(file): "
            + bilingual(
                vietnamese:
                    "\(total) ô giữ dạng chữ vì đọc khác nhau theo vi và en, ví dụ \(shown); hãy chọn --numbers",
                english:
                    "\(total) cells kept as text because they read differently under vi and en, e.g. \(shown); choose --numbers",
                language: language)
    }

    /// "cannot read FILE: REASON" in the user's language.
    static func unreadable(file: String, reason: String, language: Language = .current) -> String {
        switch language {
        case .english: "cannot read \(file): \(reason)"
        case .vietnamese: "không đọc được tệp \(file): \(reason)"
        }
    }

    /// Where in the file and what is wrong: the summary in the user's language, then the reader's precise detail.
    static func reason(_ error: XLSXError, language: Language = .current) -> String {
        let place = location(of: error, language: language)
        let what: String
        switch language {
        case .english: what = error.message
        case .vietnamese: what = "\(summary(of: error)) (\(error.message))"
        }
        return place.isEmpty ? what : "\(place): \(what)"
    }

    /// A sentence in the user's language; in Vietnamese, followed by the English in parentheses.
    static func bilingual(vietnamese: String, english: String, language: Language = .current) -> String {
        language == .english ? english : "\(vietnamese) (\(english))"
    }

    /// An output that could not be written.
    static func unwritable(_ error: FileError, language: Language = .current) -> String {
        let vietnamese: String
        switch error.code {
        case .exists: vietnamese = "tệp đầu ra đã có; dùng --force để ghi đè"
        case .notWritable: vietnamese = "không ghi được vào thư mục đầu ra"
        default: vietnamese = "lỗi khi ghi tệp đầu ra (đĩa đầy?)"
        }
        return error.path + ": " + bilingual(vietnamese: vietnamese, english: error.description, language: language)
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
