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
        do {
            while try xml.next() != .endOfDocument {
                guard xml.kind == .startElement else { continue }
                if xml.matches(xml.localName, "si") {
                    guard items.count < limits.maxSharedStrings else {
                        throw XLSXError(
                            .limitExceeded, "more than \(limits.maxSharedStrings) shared strings", part: part,
                            offset: xml.tokenOffset)
                    }
                    items.append(try reader.read(xml))
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

    subscript(index: Int) -> CellValue? {
        index >= 0 && index < items.count ? items[index] : nil
    }
}
