import SheetCore

/// A file read, named by its path and identified by its content (DESIGN §2: provenance on every value).
public struct SourceDocument: Hashable, Sendable {
    /// The path as given on the command line.
    public var path: String
    /// The SHA-256 of its bytes, lower-case hex.
    public var sha256: String

    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }
}

/// Where one value came from: file, sheet, cell and the text as it stood there.
public struct Provenance: Hashable, Sendable {
    public var document: SourceDocument
    public var sheet: String
    public var cell: CellAddress
    /// The cell's content as written (`4.498`, `6,90%`) or, for a number cell, its shortest round-trip text.
    public var raw: String
    /// The cell's formula, if it holds one.
    public var formula: String?

    public init(document: SourceDocument, sheet: String, cell: CellAddress, raw: String, formula: String? = nil) {
        self.document = document
        self.sheet = sheet
        self.cell = cell
        self.raw = raw
        self.formula = formula
    }

    /// `Biểu 02!E12`.
    public var reference: String { "\(sheet)!\(cell.a1)" }
}
