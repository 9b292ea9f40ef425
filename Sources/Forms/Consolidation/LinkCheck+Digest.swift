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
        /// The value read on each side of each link (by index) that names the form there; `nil` when the field is
        /// not on the sheet or not a number. One short list rather than a table per side: a country keeps a digest
        /// for each of its hundred thousand forms.
        var readings: [(link: Int32, side: Side, reading: Reading?)] = []

        enum Side { case left, right }

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
        var known: [(reference: ValueReference, reading: Reading?)] = []
        func read(_ reference: ValueReference) -> Reading? {
            if let entry = known.first(where: { $0.reference == reference }) { return entry.reading }
            let reading = LinkCheck.read(reference, in: instance, codes: codes)
            known.append((reference, reading))
            return reading
        }
        for index in linksByForm[digest.form] ?? [] where !links[index].previousPeriod {
            if links[index].left.form == digest.form {
                digest.readings.append((Int32(index), .left, read(links[index].left)))
            }
            if links[index].right.form == digest.form {
                digest.readings.append((Int32(index), .right, read(links[index].right)))
            }
        }
        return digest
    }

    /// The findings of the links between the digested forms of each unit and period: the same findings, in the
    /// same order, as ``check(_:previous:)`` over the forms themselves with no previous period.
    public func check(digests: [Digest]) -> [Finding] {
        guard !links.isEmpty else { return [] }
        // Groups of digests by unit and period, as indices: a digest is not copied (a country has 100,000).
        let groups = Dictionary(grouping: digests.indices.filter { digests[$0].unitCode != nil }) {
            "\(digests[$0].unitCode!)\u{1}\(digests[$0].period ?? "")"
        }
        // Findings by link, each link's in group order: the order of check(_:previous:). Each group's digests are
        // gone through once, sorting their readings by link, rather than once for every link.
        var findingsByLink = [[Finding]](repeating: [], count: links.count)
        // Per link, the readings met in the group: the digest's position and the reading's, with its value.
        var lefts = [[(digest: Int, entry: Int, value: DecimalNumber)]](repeating: [], count: links.count)
        var rights = lefts
        for key in groups.keys.sorted() {
            let group = groups[key]!
            var met: [Int] = []
            for (position, digest) in group.enumerated() {
                for index in digests[digest].readings.indices {
                    guard let value = digests[digest].readings[index].reading?.value else { continue }
                    let link = Int(digests[digest].readings[index].link)
                    if lefts[link].isEmpty, rights[link].isEmpty { met.append(link) }
                    if digests[digest].readings[index].side == .left {
                        lefts[link].append((position, index, value))
                    } else {
                        rights[link].append((position, index, value))
                    }
                }
            }
            for link in met {
                for left in lefts[link] {
                    for right in rights[link] where left.value != right.value {
                        let (l, r) = (digests[group[left.digest]], digests[group[right.digest]])
                        findingsByLink[link].append(
                            LinkCheck.mismatch(
                                links[link], left: l.definition, l.readings[left.entry].reading!, right: r.definition,
                                r.readings[right.entry].reading!))
                    }
                }
                lefts[link].removeAll(keepingCapacity: true)
                rights[link].removeAll(keepingCapacity: true)
            }
        }
        return findingsByLink.flatMap { $0 }
    }
}
