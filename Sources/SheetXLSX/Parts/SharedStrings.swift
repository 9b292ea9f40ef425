// xl/sharedStrings.xml (ECMA-376 Part 1, §18.4.9 `sst`): every distinct string of the workbook once, referred to
// by index from cells of type `s`.
import SheetCore
import SheetXML

/// The shared-strings table, read whole when the workbook opens.
struct SharedStrings {
    /// Values by index: `.string` or `.richText`.
    private(set) var items: [CellValue] = []

    init() {}

    init(reading xml: XMLTokenizer, part: String, limits: XLSXLimits) throws(XLSXError) {
        var reader = StringItemReader()
        var textBytes = 0
        do {
            while try xml.next() != .endOfDocument {
                guard xml.kind == .startElement else { continue }
                if xml.matches(xml.localName, "si") {
                    let offset = xml.tokenOffset
                    guard items.count < limits.maxSharedStrings else {
                        throw XLSXError(
                            .limitExceeded,
                            "more than \(limits.maxSharedStrings) shared strings (XLSXLimits.maxSharedStrings; "
                                + "\(ReadLimits.hint("xlsx.maxSharedStrings")))", part: part, offset: offset)
                    }
                    let item = try reader.read(xml)
                    textBytes += Self.textSize(item)
                    guard textBytes <= limits.maxSharedStringBytes else {
                        throw XLSXError(
                            .limitExceeded,
                            "the shared strings hold more than \(limits.maxSharedStringBytes) bytes of text "
                                + "(XLSXLimits.maxSharedStringBytes; \(ReadLimits.hint("xlsx.maxSharedStringBytes")))",
                            part: part, offset: offset)
                    }
                    items.append(item)
                } else if xml.matches(xml.localName, "sst"), let count = xml.attribute("uniqueCount") {
                    let declared = xml.withBytes(count) { XLSXValue.integer($0) } ?? 0
                    items.reserveCapacity(min(max(0, declared), 1 << 20))
                }
            }
        } catch {
            throw XLSXError.wrap(error, part: part)
        }
    }

    var count: Int { items.count }

    /// UTF-8 bytes of an item's text (O(1) for a native string; rich text adds its runs).
    private static func textSize(_ item: CellValue) -> Int {
        switch item {
        case .string(let text): return text.utf8.count
        case .richText(let rich): return rich.runs.reduce(0) { $0 + $1.text.utf8.count }
        default: return 0
        }
    }

    subscript(index: Int) -> CellValue? {
        index >= 0 && index < items.count ? items[index] : nil
    }
}
