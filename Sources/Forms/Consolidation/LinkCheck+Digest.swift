import SheetCore

// Cross-form links over many files without keeping the files' forms (issue 6, "Scale"): each form is reduced, as
// soon as it is read, to the few values the links read from it (``LinkCheck/Digest``); the links are then checked
// over the digests of every unit exactly as ``LinkCheck/check(_:previous:)`` checks them over whole forms.
//
//   FormInstance (rows × columns, provenance) ──digest──▶ per link: the left and/or right reading
//   digests of all files ──check(digests:)──▶ the same findings, in the same order, as check(instances)
//
// A country's 10,000 communes send ~20,000 workbooks: their forms would take gigabytes, their digests a few
// kilobytes each.

extension LinkCheck {
    /// What the links need of one form: its unit and period, and for each link that reads it, the value read on
    /// its side (with where it was read); the form's definition names the sides in messages.
    public struct Digest: Sendable {
        /// The reporting unit's code from the heading.
        public let unitCode: String?
        /// The period from the heading.
        public let period: String?
        /// The form.
        let definition: FormDefinition
        /// The value read on the left / right side of each link (by index) that names the form there; `nil` when
        /// the field is not on the sheet or not a number.
        var lefts: [Int: Reading?] = [:]
        var rights: [Int: Reading?] = [:]

        /// The form id.
        public var form: String { definition.id }
    }

    /// Reduces `instance` to the values the links (other than those across periods) read from it.
    ///
    /// - Complexity: O(links × rows) for the links that name the instance's form.
    public func digest(_ instance: FormInstance) -> Digest {
        var digest = Digest(unitCode: instance.unitCode, period: instance.period, definition: instance.definition)
        let codes = instance.definition.kind == .lines ? nil : instance.effectiveCodes
        // Several links read the same value (the count of a list, a unit's poor households): each is read once.
        // A form has a handful of references: a list compared by value costs less than hashing their texts.
        var readings: [(reference: ValueReference, reading: Reading?)] = []
        func read(_ reference: ValueReference) -> Reading? {
            if let known = readings.first(where: { $0.reference == reference }) { return known.reading }
            let reading = LinkCheck.read(reference, in: instance, codes: codes)
            readings.append((reference, reading))
            return reading
        }
        for index in linksByForm[digest.form] ?? [] where !links[index].previousPeriod {
            if links[index].left.form == digest.form { digest.lefts[index] = read(links[index].left) }
            if links[index].right.form == digest.form { digest.rights[index] = read(links[index].right) }
        }
        return digest
    }

    /// The findings of the links between the digested forms of each unit and period: the same findings, in the
    /// same order, as ``check(_:previous:)`` over the forms themselves with no previous period.
    public func check(digests: [Digest]) -> [Finding] {
        guard !links.isEmpty else { return [] }
        let groups = Dictionary(grouping: digests.filter { $0.unitCode != nil }) {
            "\($0.unitCode!)\u{1}\($0.period ?? "")"
        }
        let keys = groups.keys.sorted()
        var findings: [Finding] = []
        for (index, link) in links.enumerated() where !link.previousPeriod {
            for key in keys {
                let group = groups[key]!
                for left in group where left.form == link.left.form {
                    for right in group where right.form == link.right.form {
                        guard let l = left.lefts[index], let r = right.rights[index], let leftReading = l,
                            let rightReading = r
                        else { continue }
                        if leftReading.value == rightReading.value { continue }
                        findings.append(
                            LinkCheck.mismatch(
                                link, left: left.definition, leftReading, right: right.definition, rightReading))
                    }
                }
            }
        }
        return findings
    }
}
