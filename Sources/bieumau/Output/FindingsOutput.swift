import Forms
import SheetCore

#if canImport(Glibc)
    import Glibc
#endif

/// Writing a findings report in the format asked for: to stdout, or to `-o PATH` through a temporary file renamed
/// over it (DESIGN §6: a failed run leaves no half-written file).
enum FindingsOutput {
    static func write(
        _ report: FindingsReport, format: FindingsFormat, language: FindingsLanguage, to path: String?
    ) throws {
        switch format {
        case .xlsx:
            try FindingsWorkbook.write(report, language: language, to: path!)
        case .text, .json:
            let text = format == .json ? report.json(in: language) : report.text(in: language)
            let bytes = Array(text.utf8)
            if let path {
                do {
                    let file = try OutputFile(path: path)
                    try file.write(bytes)
                    try file.commit(replacing: true)
                } catch {
                    throw InputFailure(file: path, reason: "\(error)")
                }
            } else {
                bytes.withUnsafeBytes { buffer in
                    var offset = 0
                    while offset < buffer.count {
                        let written = Glibc.write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                        if written <= 0 { break }
                        offset += written
                    }
                }
            }
        }
    }
}
