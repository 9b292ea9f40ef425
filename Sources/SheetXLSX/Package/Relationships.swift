import SheetXML

/// One relationship of a part (ECMA-376 Part 2, §9.3.2.2 `Relationship`).
struct Relationship {
    var id: String
    /// The relationship type URI; compared by its last segment so that Strict (`purl.oclc.org`) and
    /// Transitional (`schemas.openxmlformats.org`) namespaces both match.
    var type: String
    /// The resolved part name of an internal target; `nil` for an external one (a hyperlink).
    var target: String?

    /// Whether the type ends with `/name`: `officeDocument`, `worksheet`, `sharedStrings`, `styles`.
    func isType(_ name: String) -> Bool { type.hasSuffix("/" + name) }
}

extension XLSXPackage {
    /// The relationships of a part, `[]` when it has no relationships part.
    func relationships(of source: String) throws(XLSXError) -> [Relationship] {
        let part = source.isEmpty ? "_rels/.rels" : PartName.relationships(of: source)
        guard let xml = try tokenizer(forOptionalPart: part) else { return [] }
        var relationships: [Relationship] = []
        do {
            while try xml.next() != .endOfDocument {
                guard xml.kind == .startElement, xml.matches(xml.localName, "Relationship") else { continue }
                guard let id = xml.attribute("Id"), let type = xml.attribute("Type"),
                    let target = xml.attribute("Target")
                else { continue }
                let isExternal = try xml.attribute("TargetMode").map { try xml.string($0) } == "External"
                relationships.append(
                    Relationship(
                        id: try xml.string(id), type: try xml.string(type),
                        target: isExternal ? nil : PartName.resolve(try xml.string(target), from: source)))
            }
        } catch {
            throw XLSXError.wrap(error, part: part)
        }
        return relationships
    }
}
