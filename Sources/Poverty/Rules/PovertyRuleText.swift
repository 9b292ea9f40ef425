import Forms
import Foundation
import SheetCore

/// What the Poverty module's rules say, in Vietnamese and English (numbers the Vietnamese way).
enum PovertyRuleText {
    static func classContradicts(
        stated: HouseholdClass, computed: HouseholdClass, income: DecimalNumber, area: AreaType, deprivations: Int,
        standard: PovertyStandard
    ) -> LocalizedText {
        let line = standard.povertyLine(for: area).map { VietnameseNumber.format($0) } ?? "?"
        let money = VietnameseNumber.format(income)
        return LocalizedText(
            vi: "ghi “\(stated.vietnameseName)” nhưng theo chuẩn nghèo \(standard.key) (thu nhập \(money) đồng, "
                + "\(area.vietnameseName.lowercased()), chuẩn \(line) đồng; \(deprivations) chỉ số thiếu hụt) "
                + "là “\(computed.vietnameseName)”",
            en: "stated “\(stated.englishName)” but under poverty standard \(standard.key) (income \(money) đồng, "
                + "\(area.englishName), line \(line) đồng; \(deprivations) deprivations) it is “\(computed.englishName)”"
        )
    }

    static func missingParameter(_ request: CustomRuleRegistry.Request, role: String) -> LocalizedText {
        LocalizedText(
            vi: "quy tắc \(request.rule.id) (custom: \(request.name)) thiếu tham số “\(role)”",
            en: "rule \(request.rule.id) (custom: \(request.name)) lacks the parameter “\(role)”")
    }

    static func unknownColumn(_ request: CustomRuleRegistry.Request, role: String, key: String) -> LocalizedText {
        LocalizedText(
            vi: "quy tắc \(request.rule.id): tham số \(role) = \(key) không phải cột của biểu \(request.form.id)",
            en: "rule \(request.rule.id): parameter \(role) = \(key) is not a column of form \(request.form.id)")
    }

    /// Lower case, Vietnamese marks removed, spaces collapsed: `Nông  thôn` → `nong thon`.
    static func folded(_ text: String) -> String {
        var output = ""
        var space = false
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if (0x0300...0x036F).contains(scalar.value) { continue }
            if scalar.properties.isWhitespace {
                space = !output.isEmpty
                continue
            }
            if space {
                output.append(" ")
                space = false
            }
            var character = String(scalar).lowercased()
            if character == "đ" { character = "d" }
            output += character
        }
        return output
    }
}
