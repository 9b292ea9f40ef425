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

/// The file and sheet a value was read from: one object shared by every value of the sheet, so that a value's
/// provenance costs a reference, not three strings.
public final class SheetOrigin: Hashable, Sendable {
    public let document: SourceDocument
    public let sheet: String

    public init(document: SourceDocument, sheet: String) {
        self.document = document
        self.sheet = sheet
    }

    public static func == (a: SheetOrigin, b: SheetOrigin) -> Bool {
        a === b || (a.document == b.document && a.sheet == b.sheet)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(document)
        hasher.combine(sheet)
    }
}

/// Where one value came from: file, sheet, cell and the text as it stood there.
public struct Provenance: Hashable, Sendable {
    /// The file and sheet.
    public let origin: SheetOrigin
    public var cell: CellAddress
    /// The cell's content as written (`4.498`, `6,90%`) or, for a number cell, its shortest round-trip text.
    public var raw: String
    /// The cell's formula, if it holds one.
    public var formula: String?

    public init(origin: SheetOrigin, cell: CellAddress, raw: String, formula: String? = nil) {
        self.origin = origin
        self.cell = cell
        self.raw = raw
        self.formula = formula
    }

    public init(document: SourceDocument, sheet: String, cell: CellAddress, raw: String, formula: String? = nil) {
        self.init(origin: SheetOrigin(document: document, sheet: sheet), cell: cell, raw: raw, formula: formula)
    }

    /// The file.
    public var document: SourceDocument { origin.document }
    /// The sheet's name.
    public var sheet: String { origin.sheet }

    /// `Biểu 02!E12`.
    public var reference: String { "\(sheet)!\(cell.a1)" }
}
