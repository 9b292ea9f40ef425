// Reading Mappings/links.yaml (format: Mappings/README.md, "links.yaml").

extension LinkDefinition {
    static func readAll(_ root: YAMLObject, forms: [FormDefinition]) throws(MappingError) -> [LinkDefinition] {
        let fields = try YAMLFields(root, allowed: ["links"])
        var links: [LinkDefinition] = []
        for item in try fields.required("links").items() {
            let link = try read(item, forms: forms)
            if links.contains(where: { $0.id == link.id }) {
                throw item.error(
                    .duplicate, vi: "hai liên kết cùng id \(link.id)", en: "two links have the id \(link.id)")
            }
            links.append(link)
        }
        return links
    }

    private static func read(_ object: YAMLObject, forms: [FormDefinition]) throws(MappingError) -> LinkDefinition {
        let fields = try YAMLFields(
            object, allowed: ["id", "left", "right", "previous_period", "severity", "message", "message_en"])
        var message: LocalizedText?
        if let vi = try fields.optionalString("message") {
            message = LocalizedText(vi: vi, en: try fields.optionalString("message_en"))
        }
        return LinkDefinition(
            id: try fields.string("id"), left: try readReference(fields.required("left"), forms: forms),
            right: try readReference(fields.required("right"), forms: forms),
            previousPeriod: try fields.optional("previous_period")?.bool() ?? false,
            severity: try fields.optional("severity")?.word(Severity.self) ?? .error, message: message)
    }

    private static func readReference(_ object: YAMLObject, forms: [FormDefinition]) throws(MappingError)
        -> ValueReference
    {
        let fields = try YAMLFields(object, allowed: ["form", "field", "row", "count", "sum"])
        let formID = try fields.string("form")
        let matching = forms.filter { $0.id == formID }
        guard let form = matching.first else {
            throw object.error(
                .unknownReference, vi: "không có biểu \(formID) trong Mappings/forms",
                en: "there is no form \(formID) in Mappings/forms", at: fields.node("form"))
        }
        let reference: ValueReference
        if try fields.optional("count")?.bool() == true {
            reference = ValueReference(form: formID, field: nil, aggregate: .count)
        } else if let field = try fields.optionalString("sum") {
            reference = ValueReference(form: formID, field: field, aggregate: .sum)
        } else {
            reference = ValueReference(
                form: formID, field: try fields.string("field"), row: try fields.optionalString("row"))
        }
        if let field = reference.field, form.column(field) == nil {
            throw object.error(
                .unknownReference, vi: "biểu \(formID) không có cột \(field)",
                en: "form \(formID) has no column \(field)")
        }
        if reference.aggregate != .value, form.kind != .records {
            throw object.error(
                .invalidValue, vi: "count và sum chỉ dùng cho biểu danh sách; \(formID) không phải",
                en: "count and sum apply to records forms only; \(formID) is not one")
        }
        if let row = reference.row, !form.table.block.contains(where: { $0.key == row }), form.line(row) == nil {
            throw object.error(
                .unknownReference, vi: "biểu \(formID) không có dòng \(row)", en: "form \(formID) has no row \(row)",
                at: fields.node("row"))
        }
        return reference
    }
}
