import Foundation
import VietText

/// A golden vector of `legacy-vectors.tsv`: its encoding label, the bytes in hex and the expected NFC text.
struct GoldenVector: CustomStringConvertible, Sendable {
    let label: String
    let hex: String
    let expected: String

    var description: String { "\(label) \(hex)" }

    var bytes: [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
    }

    /// The encoding and capital-font flag a label stands for; `nil` for the Unicode labels (`UTF8-NFD`, …).
    var encoding: (LegacyEncoding, upperCase: Bool)? {
        switch label {
        case "TCVN3", "TCVN5712-1": return (.tcvn3, false)
        case "TCVN3-H": return (.tcvn3, true)
        case "VNI-WIN": return (.vni, false)
        case "VISCII": return (.viscii, false)
        case "VPS": return (.vps, false)
        case "CP1258": return (.cp1258, false)
        case "VIQR": return (.viqr, false)
        default: return nil
        }
    }

    /// Decodes the bytes as the label says (UTF-8 then NFC for the Unicode labels).
    func decoded() -> String {
        let bytes = self.bytes
        guard let (encoding, upperCase) = encoding else { return VietText.nfc(String(decoding: bytes, as: UTF8.self)) }
        return bytes.withUnsafeBufferPointer { VietText.decode($0, from: encoding, upperCase: upperCase) }
    }

    /// Decodes the bytes as a workbook would hand them over: one scalar per byte, CP1252 characters for 0x80–0x9F.
    func decodedFromWorkbookText() -> String? {
        guard let (encoding, upperCase) = encoding else { return nil }
        var text = String.UnicodeScalarView()
        for byte in bytes {
            if (0x80...0x9F).contains(byte), let symbol = String(bytes: [byte], encoding: .windowsCP1252) {
                text.append(contentsOf: symbol.unicodeScalars)
            } else {
                text.append(Unicode.Scalar(byte))
            }
        }
        return VietText.decode(String(text), from: encoding, upperCase: upperCase)
    }
}

/// A hand-checked subset of `legacy-vectors.tsv` (each checked against the reference's master table, §5, and its
/// sample strings, §9), so that a clone without `../shared` still proves the tables.
let committedVectors: [GoldenVector] = [
    ("VIQR", "615e2e", "ậ"),
    ("TCVN3", "ae", "đ"),
    ("VIQR", "6464", "đ"),
    ("TCVN3", "d6", "ệ"),
    ("CP1258", "eaf2", "ệ"),
    ("VNI-WIN", "f4ef", "ợ"),
    ("TCVN3", "ad", "ư"),
    ("VIQR", "752b", "ư"),
    ("VNI-WIN", "ee", "ỵ"),
    ("VISCII", "80", "Ạ"),
    ("VPS", "02", "Ạ"),
    ("TCVN5712-1", "af", "Ằ"),
    ("VISCII", "02", "Ẳ"),
    ("VNI-WIN", "41da", "Ẳ"),
    ("TCVN3-H", "d6", "Ệ"),
    ("VISCII", "a0", "Õ"),
    ("TCVN5712-1", "ff", "Ố"),
    ("VPS", "99", "Ỗ"),
    ("TCVN5712-1", "01", "Ú"),
    ("TCVN3", "a6", "Ư"),
    ("TCVN5712-1", "17", "Ỵ"),
    ("TCVN3", "43e96e672068df612078b72068e969206368f1206e6768dc61205669d674204e616d", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("TCVN3", "a7e963206ccb70202d2054f920646f202d2048b96e68207068f363", "Độc lập - Tự do - Hạnh phúc"),
    ("TCVN3-H", "63e96e672068df612078b72068e969206368f1206e6768dc61207669d674206e616d", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("TCVN3-H", "4368e46e2068e36120aeac6e2063c76e207468f963206869d66e", "CHỌN HÓA ĐƠN CẦN THỰC HIỆN"),
    ("TCVN3", "aead61", "đưa"),
    ("VNI-WIN", "436fe46e6720686ff861207861f520686fe46920636875fb206e6768f36120566965e474204e616d", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("VNI-WIN", "4d494e4820484f41d84e47", "MINH HOÀNG"),
    ("VISCII", "43b56e672068f2612078e32068b569206368fc206e6768ee61205669ae74204e616d", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("VPS", "43b66e672068f2612078e32068b669206368fb206e6768ef612056698c74204e616d", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("CP1258", "43f4f26e6720686fcc61207861de2068f4f26920636875d2206e676869de61205669eaf274204e616d", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("VIQR", "436f5e2e6e6720686f60612078617e20686f5e2e69206368753f206e6768697e61205669655e2e74204e616d", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("UTF8-NFD", "436fcca3cc826e6720686fcc8061207861cc8320686fcca3cc826920636875cc89206e676869cc836120566965cca3cc8274204e616d", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("UNIKEY-COMPOSITE-UTF8", "5669c3aacca374204e616d2063c3b4cca36e672068c3b261", "Việt Nam cộng hòa"),
].map { GoldenVector(label: $0.0, hex: $0.1, expected: $0.2) }
