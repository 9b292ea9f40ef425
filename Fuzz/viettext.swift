// libFuzzer target: the legacy Vietnamese text decoders (VietText). Scripts/fuzz.sh viettext SECONDS
//
// Decodes the input from every legacy encoding (TCVN3, VNI, VISCII, VPS, CP1258, VIQR), in both cases, runs the
// detector and NFC normalisation on what comes out. Nothing here may trap, whatever the bytes.
import VietText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVietText(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: count)
    _ = VietText.detect(bytes)
    for encoding in LegacyEncoding.allCases {
        let text = VietText.decode(bytes, from: encoding)
        _ = VietText.decode(bytes, from: encoding, upperCase: true)
        _ = VietText.nfc(text)
    }
    let string = String(decoding: bytes, as: UTF8.self)
    _ = VietText.nfc(string)
    _ = VietText.encoding(forFontName: string)
    for encoding in LegacyEncoding.allCases { _ = VietText.decode(string, from: encoding) }
    return 0
}
