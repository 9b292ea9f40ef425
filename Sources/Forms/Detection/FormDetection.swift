import SheetCore

/// How much of a fingerprint a sheet shows: which title phrases (in one cell) and which header labels were found,
/// as bits (bit `i` for the fingerprint's phrase or label `i`), and how many it has. Bits, not lists: every sheet
/// is weighed against every form, and only the closest forms are ever described.
struct FingerprintFit: Sendable {
    var titlePhrasesFound: UInt64
    var labelsFound: UInt64
    var phraseCount: Int
    var labelCount: Int

    /// Whether every title phrase (in one cell) and every label was found.
    var isMatch: Bool {
        titlePhrasesFound.nonzeroBitCount == phraseCount && labelsFound.nonzeroBitCount == labelCount
    }

    /// How many phrases and labels the fingerprint has: of two full matches the one with more is more specific.
    var specificity: Int { phraseCount + labelCount }

    /// The share of the fingerprint found, 0…1.
    var score: Double {
        let total = phraseCount + labelCount
        guard total > 0 else { return 0 }
        return Double(titlePhrasesFound.nonzeroBitCount + labelsFound.nonzeroBitCount) / Double(total)
    }
}

/// The forms a detector knows, held once.
final class FormList: Sendable {
    let definitions: [FormDefinition]
    init(_ definitions: [FormDefinition]) { self.definitions = definitions }
}

/// How well one form's fingerprint fits a sheet: which title phrases and header labels were found, which not.
public struct FormCandidate: Sendable {
    /// The form.
    public var definition: FormDefinition { forms.definitions[index] }
    /// The cell holding the most title phrases (the title), `nil` when none was found.
    public var titleCell: CellAddress?
    let fit: FingerprintFit
    /// The detector's forms, shared by every candidate of every sheet (a form is not copied into each), and this
    /// one's place among them.
    private let forms: FormList
    private let index: Int

    init(_ forms: FormList, index: Int, titleCell: CellAddress?, fit: FingerprintFit) {
        self.forms = forms
        self.index = index
        self.titleCell = titleCell
        self.fit = fit
    }

    /// Title phrases found in ``titleCell``, and those it lacks (as written in the mapping).
    public var foundTitlePhrases: [String] { Self.items(definition.fingerprint.title, fit.titlePhrasesFound, true) }
    public var missingTitlePhrases: [String] {
        Self.items(definition.fingerprint.title, fit.titlePhrasesFound, false)
    }
    /// Header labels found in some heading cell, and those found nowhere.
    public var foundLabels: [String] { Self.items(definition.fingerprint.labels, fit.labelsFound, true) }
    public var missingLabels: [String] { Self.items(definition.fingerprint.labels, fit.labelsFound, false) }

    private static func items(_ all: [String], _ found: UInt64, _ wanted: Bool) -> [String] {
        all.indices.filter { (found >> UInt64($0) & 1 == 1) == wanted }.map { all[$0] }
    }

    /// The share of the fingerprint found, 0…1.
    public var score: Double { fit.score }

    /// Whether every title phrase (in one cell) and every label was found.
    public var isMatch: Bool { fit.isMatch }

    /// How many phrases and labels the fingerprint has: of two full matches the one with more is more specific.
    var specificity: Int { fit.specificity }

    /// Why the sheet is not this form: `thiếu cụm từ tiêu đề "…"; thiếu nhãn "…", "…"`; empty for a match.
    public func missingDescription(in language: Language) -> String {
        func quoted(_ items: [String]) -> String { items.map { "\"\($0)\"" }.joined(separator: ", ") }
        var parts: [String] = []
        if !missingTitlePhrases.isEmpty {
            parts.append(
                language == .vi
                    ? "thiếu cụm từ tiêu đề \(quoted(missingTitlePhrases))"
                    : "title phrases missing: \(quoted(missingTitlePhrases))")
        }
        if !missingLabels.isEmpty {
            parts.append(
                language == .vi
                    ? "thiếu nhãn cột \(quoted(missingLabels))" : "header labels missing: \(quoted(missingLabels))")
        }
        return parts.joined(separator: "; ")
    }
}

/// Which form a sheet is, as ``FormDetector`` decided: the form matched (or forced with `--form`), or none, with
/// every form ranked by how much of its fingerprint the sheet shows.
///
/// ```swift
/// let detection = detector.detect(sheet)
/// if let form = detection.form {
///     print("\(sheet.name): \(form.id)")
/// } else {
///     print(detection.explanation(in: .en))   // closest form and the phrases it lacks
/// }
/// ```
public struct FormDetection: Sendable {
    /// The sheet's name.
    public var sheet: String
    /// The form the sheet is to be read as: the best full match, or the forced form; `nil` when nothing matched.
    public var form: FormDefinition?
    /// Every form, best first: full matches (most specific first), then by ``FormCandidate/score``.
    public var candidates: [FormCandidate]
    /// Whether ``form`` was imposed by the caller (`--form ID`) rather than recognised.
    public var isForced: Bool

    /// The candidate of ``form`` when there is one, else the closest form.
    public var best: FormCandidate? {
        if let form { return candidates.first { $0.definition.id == form.id } }
        return candidates.first
    }

    /// The closest form when nothing matched (`nil` when a form matched or no form is loaded).
    public var closest: FormCandidate? { form == nil ? candidates.first : nil }

    /// Other forms whose fingerprint also fits the sheet fully (mapping files that do not tell forms apart).
    public var alternatives: [FormCandidate] {
        candidates.filter { $0.isMatch && $0.definition.id != form?.id }
    }

    /// One line a person reads: the form found, or the closest one and what it lacks.
    ///
    /// `Biểu 01: tt07-bc01 (Biểu số 01, 2021)` or `Sheet1: không nhận ra biểu; gần nhất tt07-bc01 (75 %): thiếu …`.
    public func explanation(in language: Language) -> String {
        if let form, let best {
            let name = "\(form.id) (\(form.formNumber), \(form.version))"
            if isForced, !best.isMatch {
                return language == .vi
                    ? "\(sheet): đọc theo biểu \(name) do chỉ định --form, dù \(best.missingDescription(in: .vi))"
                    : "\(sheet): read as \(name) as --form says, though \(best.missingDescription(in: .en))"
            }
            return "\(sheet): \(name)"
        }
        guard let closest else {
            return language == .vi ? "\(sheet): không nhận ra biểu nào" : "\(sheet): no form recognised"
        }
        let percent = VietnameseNumber.format(
            DecimalNumber(Int((closest.score * 100).rounded())))
        return language == .vi
            ? "\(sheet): không nhận ra biểu; gần nhất là \(closest.definition.id) (khớp \(percent) %): "
                + closest.missingDescription(in: .vi)
            : "\(sheet): no form recognised; the closest is \(closest.definition.id) (\(percent) % found): "
                + closest.missingDescription(in: .en)
    }

    /// A finding for a sheet that matched no form (`structure/unknown-form`) or was forced to a form whose
    /// fingerprint it does not show (`structure/fingerprint-mismatch`, a warning); `nil` otherwise.
    ///
    /// - Parameters:
    ///   - file: The file's path, for the location.
    ///   - severity: How serious an unrecognised sheet is (a workbook may hold sheets that are no form).
    public func finding(file: String, unknownSeverity severity: Severity = .warning) -> Finding? {
        var location: FindingLocation { FindingLocation(file: file, sheet: sheet, cell: best?.titleCell?.a1) }
        if form == nil {
            return Finding(
                rule: "structure/unknown-form", severity: severity, location: location,
                message: LocalizedText(vi: explanation(in: .vi), en: explanation(in: .en)))
        }
        if isForced, let best, !best.isMatch {
            return Finding(
                rule: "structure/fingerprint-mismatch", severity: .warning, location: location,
                message: LocalizedText(vi: explanation(in: .vi), en: explanation(in: .en)))
        }
        return nil
    }
}
