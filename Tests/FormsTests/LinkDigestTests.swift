import Forms
import SheetCore
import Testing

/// `LinkCheck.Digest` (issue 6, "Scale"): consolidation keeps only what the links read of each form; the links
/// checked over the digests must find exactly what they find over the forms.
@Suite("Consolidation: link digests")
struct LinkDigestTests {
    typealias L = ValidationLinkTests

    static let cases: [[FormInstance]] = [
        // agree; disagree on the count; a list of another unit; another period; two lists of one unit.
        [L.report(unit: "23535", poor: "3"), L.list(unit: "23535", codes: 3)],
        [L.report(unit: "23535", poor: "3", households: "12"), L.list(unit: "23535", codes: 2)],
        [L.report(unit: "23535", poor: "3"), L.list(unit: "23537", codes: 5), L.list(unit: "23535", codes: 4)],
        [
            L.report(unit: "23538", poor: "3", period: "2023"), L.list(unit: "23538", codes: 5),
            L.report(unit: "23537", poor: "2", households: "4", file: "b.xlsx"), L.list(unit: "23537", codes: 1),
        ],
        [
            L.report(unit: "23535", poor: "2"), L.list(unit: "23535", codes: 2, file: "a.xlsx"),
            L.list(unit: "23535", codes: 3),
        ],
        [L.list(unit: "23535", codes: 3)],
    ]

    @Test(arguments: cases.indices)
    func digestsGiveTheSameFindingsAsTheForms(index: Int) {
        let instances = Self.cases[index]
        // The link across periods needs the previous period's forms, which consolidation does not read.
        let check = LinkCheck(links: Array(L.links.prefix(2)))
        let expected = check.check(instances)
        let found = check.check(digests: instances.map(check.digest))
        #expect(found == expected)
        #expect(index != 1 || found.map(\.rule) == ["link/poor-list", "link/persons-list"])
    }

    @Test func digestsOfDifferentOrdersGiveTheSameFindings() {
        let instances = Self.cases[3] + Self.cases[1]
        let check = LinkCheck(links: Array(L.links.prefix(2)))
        let forward = check.check(digests: instances.map(check.digest))
        let backward = check.check(digests: instances.reversed().map(check.digest))
        #expect(Set(forward) == Set(backward))
        #expect(forward.count == backward.count)
    }

    @Test func aDigestKeepsOnlyTheLinksThatReadItsForm() {
        let check = LinkCheck(links: L.links)
        let digest = check.digest(L.list(unit: "23535", codes: 2))
        #expect(digest.form == "ds")
        #expect(digest.unitCode == "23535")
        #expect(digest.period == "2024")
        // Links across periods are left to `validate --previous`: a digest of a report has no side for them.
        let report = check.digest(L.report(unit: "23535", poor: "3"))
        #expect(check.check(digests: [report]).isEmpty)
    }
}
