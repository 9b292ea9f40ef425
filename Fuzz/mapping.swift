// libFuzzer target: mapping-file loading (Forms: YAML through Yams, then the form definition). Scripts/fuzz.sh
// mapping SECONDS
//
// Loads the input as a form mapping and as a links file. Every failure must be a MappingError, never a trap, and
// aliases may not expand past the loader's item budget (a YAML "billion laughs").
import Forms

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMapping(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    let forms = (try? MappingLoader.loadForm(yaml: text, path: "fuzz.yaml")).map { [$0] } ?? []
    _ = try? MappingLoader.loadLinks(yaml: text, path: "links.yaml", forms: forms)
    return 0
}
