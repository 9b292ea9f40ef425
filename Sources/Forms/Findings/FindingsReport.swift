/// The findings of one `validate` run with the files and sheets they are about, ready to render as text, JSON
/// or a workbook (`bieumau validate --format`).
///
/// ```swift
/// let report = FindingsReport(files: files, findings: validator.validate(instances))
/// print(report.text(in: .vi))
/// ```
public struct FindingsReport: Sendable {
    /// A file read, with what was found in it.
    public struct File: Sendable {
        /// The path as given on the command line.
        public var path: String
        /// The SHA-256 of its bytes, `nil` when it could not be read.
        public var sha256: String?
        /// Whether it was given with `--previous` (the previous period).
        public var isPrevious: Bool
        /// Its sheets, in tab order.
        public var sheets: [Sheet]

        public init(path: String, sha256: String?, isPrevious: Bool = false, sheets: [Sheet] = []) {
            self.path = path
            self.sha256 = sha256
            self.isPrevious = isPrevious
            self.sheets = sheets
        }
    }

    /// A sheet and the form it was read as (`nil` when it matched none).
    public struct Sheet: Sendable {
        public var name: String
        public var form: String?
        public var version: String?
        public var unitCode: String?
        public var period: String?

        public init(
            name: String, form: String? = nil, version: String? = nil, unitCode: String? = nil, period: String? = nil
        ) {
            self.name = name
            self.form = form
            self.version = version
            self.unitCode = unitCode
            self.period = period
        }

        /// The sheet as read: its name, form, unit and period.
        public init(_ instance: FormInstance) {
            self.init(
                name: instance.sheet, form: instance.definition.id, version: instance.definition.version,
                unitCode: instance.unitCode, period: instance.period)
        }
    }

    public var files: [File]
    /// In the order of ``Validator/ordered(_:)``.
    public var findings: [Finding]

    public init(files: [File], findings: [Finding]) {
        self.files = files
        self.findings = findings
    }

    /// How many findings of a severity.
    public func count(_ severity: Severity) -> Int { findings.reduce(0) { $0 + ($1.severity == severity ? 1 : 0) } }

    /// Whether any finding is an error (`validate` exits with 1).
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }
}

/// The language of findings (``Language``), under a name the command-line target can use beside its own.
public typealias FindingsLanguage = Language
