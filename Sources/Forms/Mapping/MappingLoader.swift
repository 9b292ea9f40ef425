import Dispatch
import Foundation
import Synchronization
import Yams

/// Reads the mapping files of `Mappings/` into form and link definitions, checking every key and reference.
///
/// ```swift
/// let forms = try MappingLoader.loadForms(inFolder: "Mappings/forms")
/// let links = try MappingLoader.loadLinks(at: "Mappings/links.yaml", forms: forms)
/// ```
public enum MappingLoader {
    /// The largest mapping file read: forms are a few kilobytes.
    public static let maximumFileSize = 1 << 20

    /// Loads every `*.yaml`/`*.yml` file of a folder, in name order.
    ///
    /// - Parameters:
    ///   - folder: the folder (`Mappings/forms`).
    ///   - customRules: the names of the rules written in code that `custom:` may name; `nil` accepts any.
    /// - Throws: ``MappingError`` for the first file with a mistake, or when two files define the same form id
    ///   and version.
    public static func loadForms(inFolder folder: String, customRules: Set<String>? = nil) throws(MappingError)
        -> [FormDefinition]
    {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw MappingError(
                .unreadable, file: folder,
                message: LocalizedText(
                    vi: "không đọc được thư mục ánh xạ biểu mẫu", en: "cannot read the folder of form mappings"))
        }
        let paths = names.sorted().filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.map {
            (folder as NSString).appendingPathComponent($0)
        }
        // Parsed on every core (YAML parsing is most of a run's start); errors reported in file order.
        let results = Mutex([Result<FormDefinition, MappingError>?](repeating: nil, count: paths.count))
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let result = Result { () throws(MappingError) in try loadForm(at: paths[index], customRules: customRules) }
            results.withLock { $0[index] = result }
        }
        var forms: [FormDefinition] = []
        for result in results.withLock({ $0 }) {
            let form = try result!.get()
            if let other = forms.first(where: { $0.id == form.id && $0.version == form.version }) {
                throw MappingError(
                    .duplicate, file: form.sourcePath,
                    message: LocalizedText(
                        vi: "biểu \(form.id) phiên bản \(form.version) đã có trong \(other.sourcePath)",
                        en: "form \(form.id) version \(form.version) is already defined in \(other.sourcePath)"))
            }
            forms.append(form)
        }
        try checkFormulaForms(forms)
        return forms
    }

    /// A formula over another form's fields names a form that exists and numeric fields it has.
    public static func checkFormulaForms(_ forms: [FormDefinition]) throws(MappingError) {
        for form in forms {
            for column in form.columns {
                guard let other = column.formulaForm, let formula = column.formula else { continue }
                guard let source = forms.first(where: { $0.id == other }) else {
                    throw MappingError(
                        .unknownReference, file: form.sourcePath,
                        message: LocalizedText(
                            vi: "cột \(column.key): formula_form \(other) không phải một biểu trong Mappings/forms",
                            en: "column \(column.key): formula_form \(other) is not a form of Mappings/forms"))
                }
                for field in formula.fields where source.column(field)?.isNumeric != true {
                    throw MappingError(
                        .unknownReference, file: form.sourcePath,
                        message: LocalizedText(
                            vi:
                                "công thức của cột \(column.key) dùng \(field), không phải một cột số của biểu \(other)",
                            en:
                                "the formula of column \(column.key) uses \(field), not a numeric column of form \(other)"
                        ))
                }
            }
        }
    }

    /// Loads one form mapping file.
    ///
    /// - Throws: ``MappingError`` naming the file, line and what to fix.
    public static func loadForm(at path: String, customRules: Set<String>? = nil) throws(MappingError)
        -> FormDefinition
    {
        try loadForm(yaml: readText(at: path), path: path, customRules: customRules)
    }

    /// Reads a form mapping from its text (`path` names it in messages).
    public static func loadForm(yaml: String, path: String, customRules: Set<String>? = nil) throws(MappingError)
        -> FormDefinition
    {
        let root = try compose(yaml, path: path)
        return try FormDefinition.read(root, customRules: customRules)
    }

    /// Loads `links.yaml`, checking each reference against `forms`.
    ///
    /// - Throws: ``MappingError`` naming the file, line and what to fix.
    public static func loadLinks(at path: String, forms: [FormDefinition]) throws(MappingError) -> [LinkDefinition] {
        try loadLinks(yaml: readText(at: path), path: path, forms: forms)
    }

    /// Reads links from their text.
    public static func loadLinks(yaml: String, path: String, forms: [FormDefinition]) throws(MappingError)
        -> [LinkDefinition]
    {
        let root = try compose(yaml, path: path)
        return try LinkDefinition.readAll(root, forms: forms)
    }

    static func readText(at path: String) throws(MappingError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw MappingError(
                .unreadable, file: path,
                message: LocalizedText(vi: "không mở được tệp ánh xạ", en: "cannot open the mapping file"))
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maximumFileSize + 1)) ?? Data()
        guard data.count <= maximumFileSize else {
            throw MappingError(
                .unreadable, file: path,
                message: LocalizedText(
                    vi: "tệp ánh xạ lớn hơn \(maximumFileSize / 1024) KiB",
                    en: "the mapping file exceeds \(maximumFileSize / 1024) KiB"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw MappingError(
                .unreadable, file: path,
                message: LocalizedText(vi: "tệp ánh xạ không phải UTF-8", en: "the mapping file is not UTF-8"))
        }
        return text
    }

    static func compose(_ yaml: String, path: String) throws(MappingError) -> YAMLObject {
        guard yaml.utf8.count <= maximumFileSize else {
            throw MappingError(
                .unreadable, file: path,
                message: LocalizedText(
                    vi: "tệp ánh xạ lớn hơn \(maximumFileSize / 1024) KiB",
                    en: "the mapping file exceeds \(maximumFileSize / 1024) KiB"))
        }
        let node: Node?
        do {
            // Scalars are read from their text (YAMLObject), so no tag is resolved: the default resolver runs regular
            // expressions on every scalar.
            node = try Yams.compose(yaml: yaml, .basic)
        } catch let error as YamlError {
            throw syntaxError(error, path: path)
        } catch {
            throw MappingError(
                .syntax, file: path,
                message: LocalizedText(vi: "YAML không hợp lệ: \(error)", en: "invalid YAML: \(error)"))
        }
        guard let node else {
            throw MappingError(
                .missingKey, file: path, message: LocalizedText(vi: "tệp ánh xạ trống", en: "the mapping file is empty")
            )
        }
        return YAMLObject(node, file: path, path: "", budget: YAMLBudget())
    }

    private static func syntaxError(_ error: YamlError, path: String) -> MappingError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return MappingError(
                .syntax, file: path, line: mark.line, column: mark.column,
                message: LocalizedText(vi: "YAML không hợp lệ: \(problem)", en: "invalid YAML: \(problem)"))
        case .duplicatedKeysInMapping(let duplicates, _):
            let keys = duplicates.joined(separator: ", ")
            return MappingError(
                .duplicate, file: path,
                message: LocalizedText(vi: "khóa lặp lại: \(keys)", en: "keys given twice: \(keys)"))
        default:
            return MappingError(
                .syntax, file: path,
                message: LocalizedText(vi: "YAML không hợp lệ: \(error)", en: "invalid YAML: \(error)"))
        }
    }
}
