import ArgumentParser
import Forms

/// `bieumau forms [ID]`: the forms known from `Mappings/`, or one form's columns and rules.
struct FormsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forms",
        abstract: "Liệt kê các biểu mẫu đã biết. (List the forms known from Mappings/.)"
    )

    @Argument(help: "Mã biểu để xem chi tiết (a form id to describe, e.g. tt07-bc01).")
    var id: String?

    @Option(help: "Ngôn ngữ (language): vi, en.")
    var lang: FindingsLanguageOption?

    @Option(help: "Thư mục Mappings/ (the mappings folder).")
    var mappings: String?

    func run() throws {
        let language = (lang ?? .fromEnvironment).language
        let loaded = try LoadedMappings.load(mappings)
        guard let id else {
            print(FormsListing.list(loaded.forms, language: language), terminator: "")
            return
        }
        guard let form = loaded.forms.first(where: { $0.id == id }) else {
            throw UsageFailure(
                vietnamese: "không có biểu \(id); các biểu: \(loaded.forms.map(\.id).joined(separator: ", "))",
                english: "no form \(id); the forms are: \(loaded.forms.map(\.id).joined(separator: ", "))")
        }
        let links = loaded.links.filter { $0.left.form == id || $0.right.form == id }
        print(FormsListing.describe(form, links: links, language: language), terminator: "")
    }
}

/// The text of `bieumau forms`.
enum FormsListing {
    static func list(_ forms: [FormDefinition], language: FindingsLanguage) -> String {
        let width = forms.map(\.id.count).max() ?? 0
        var lines = forms.map { form in
            form.id + String(repeating: " ", count: width - form.id.count) + "  " + form.version + "  "
                + form.formNumber + "  " + form.title.text(in: language)
        }
        lines.append(
            language == .vi
                ? "\(forms.count) biểu; xem chi tiết: bieumau forms MÃ_BIỂU"
                : "\(forms.count) forms; details: bieumau forms FORM_ID")
        return lines.joined(separator: "\n") + "\n"
    }

    static func describe(_ form: FormDefinition, links: [LinkDefinition], language: FindingsLanguage) -> String {
        let vi = language == .vi
        var lines: [String] = []
        lines.append("\(form.id) (\(vi ? "phiên bản" : "version") \(form.version)) — \(form.formNumber)")
        lines.append(form.title.text(in: language))
        lines.append((vi ? "Căn cứ: " : "Basis: ") + form.basis)
        lines.append((vi ? "Loại bảng: " : "Table kind: ") + form.kind.rawValue)
        if !form.sourcePath.isEmpty { lines.append((vi ? "Tệp ánh xạ: " : "Mapping file: ") + form.sourcePath) }
        if let note = form.layoutNote { lines.append((vi ? "Bố cục: " : "Layout: ") + note) }
        lines.append(vi ? "Cột:" : "Columns:")
        let names = FindingText.columnNames(form)
        for column in form.columns {
            var details = [column.type.rawValue]
            if let unit = column.unit { details.append(unit) }
            if column.decimals > 0 {
                details.append(vi ? "\(column.decimals) chữ số thập phân" : "\(column.decimals) decimals")
            }
            if let formula = column.formula {
                details.append("= " + FindingText.expression(formula, names: names).text(in: language))
            }
            if column.required { details.append(vi ? "bắt buộc" : "required") }
            lines.append(
                "  \(column.number ?? "-")  \(column.key)  \(column.label.text(in: language))  (\(details.joined(separator: ", ")))"
            )
        }
        if !form.lines.isEmpty {
            lines.append(vi ? "Dòng:" : "Lines:")
            for line in form.lines {
                let sum = line.sumOf.isEmpty ? "" : "  = " + line.sumOf.joined(separator: " + ")
                lines.append("  \(line.code)  \(line.key)  \(line.label.text(in: language))\(sum)")
            }
        }
        lines.append(vi ? "Quy tắc:" : "Rules:")
        for rule in form.rules {
            let what: String
            switch rule.kind {
            case .totals: what = vi ? "tổng = tổng các phần" : "totals = sum of their parts"
            case .check(let comparison): what = comparison.description
            case .unique(let field): what = (vi ? "không trùng: " : "unique: ") + field
            case .custom(let name, _): what = "custom: " + name
            }
            lines.append("  \(RuleID.declared(form.id, rule.id))  \(what)  [\(rule.severity.rawValue)]")
        }
        if !links.isEmpty {
            lines.append(vi ? "Liên kết:" : "Links:")
            for link in links {
                let period = link.previousPeriod ? (vi ? " (kỳ trước)" : " (previous period)") : ""
                lines.append("  \(RuleID.link(link.id))  \(link.left) = \(link.right)\(period)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
