// libFuzzer target: number text (SheetCore): localized numbers ("1.234,5", "12%", "(1.000)"), canonical decimals
// and cell references. Scripts/fuzz.sh numbers SECONDS
//
// Parses the input every way the readers do; parsing returns nil or a value, it may never trap, and a value read
// back from its own text must round-trip.
import SheetCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNumbers(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: count)
    for locale in NumberLocale.allCases {
        _ = LocalizedNumber.read(bytes, locale: locale)
        _ = LocalizedNumber.readPlain(bytes, locale: locale)
        _ = LocalizedNumber.parse(bytes, locale: locale)
    }
    if let number = DecimalNumber(canonical: bytes) {
        let text = number.description
        guard let again = DecimalNumber(text) else { fatalError("\(text) does not read back") }
        precondition(again == number, "\(text) reads back as \(again)")
    }
    let string = String(decoding: bytes, as: UTF8.self)
    _ = DecimalNumber(string)
    _ = CellAddress(string)
    _ = CellAddress.parse(bytes)
    if bytes.count == 8 {
        let double = UnsafeRawBufferPointer(bytes).loadUnaligned(as: Double.self)
        _ = DecimalNumber(shortestRepresentationOf: double)
    }
    return 0
}
