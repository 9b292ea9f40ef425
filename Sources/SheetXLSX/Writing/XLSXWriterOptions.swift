import SheetCore

/// How an ``XLSXWriter`` writes: compression, limits on the shared-strings table, date formats, properties.
public struct XLSXWriterOptions: Sendable {
    /// The deflate level, 0 (stored) to 9; 6 is zlib's and Excel's balance of size and speed.
    public var compressionLevel: Int32
    /// Whether parts are compressed on a second thread while the next rows are produced.
    public var compressesInBackground: Bool
    /// How strings are stored.
    public var strings: StringStorage
    /// The sheet shown when the workbook opens (zero-based); it is the one whose tab is selected.
    public var activeSheet: Int
    /// The number format given to a date-time cell whose style shows no date, by what the value is.
    public var dateFormats: @Sendable (TemporalKind) -> NumberFormatCode
    /// Title, author and the other document properties (`docProps/core.xml`, `docProps/app.xml`).
    public var properties: DocumentProperties

    /// Options; the defaults suit official forms and large exports alike.
    ///
    /// - Parameters:
    ///   - compressionLevel: The deflate level, 0–9.
    ///   - compressesInBackground: Compress on a second thread.
    ///   - strings: How strings are stored.
    ///   - activeSheet: The sheet shown on opening.
    ///   - properties: The document properties.
    public init(
        compressionLevel: Int32 = 6, compressesInBackground: Bool = true, strings: StringStorage = .shared(),
        activeSheet: Int = 0, properties: DocumentProperties = DocumentProperties()
    ) {
        self.compressionLevel = compressionLevel
        self.compressesInBackground = compressesInBackground
        self.strings = strings
        self.activeSheet = activeSheet
        self.properties = properties
        self.dateFormats = XLSXWriterOptions.vietnameseDateFormats
    }

    /// `dd/mm/yyyy` for dates, `dd/mm/yyyy hh:mm:ss` for date-times, `hh:mm:ss` for times, `[h]:mm:ss` for
    /// durations.
    public static let vietnameseDateFormats: @Sendable (TemporalKind) -> NumberFormatCode = { kind in
        switch kind {
        case .date: .date
        case .dateTime: .dateTime
        case .time: .time
        case .duration: .duration
        }
    }
}

/// Where cell strings go (ECMA-376 Part 1, §18.4: shared strings, or inline in the cell).
public enum StringStorage: Hashable, Sendable {
    /// A deduplicated shared-strings table, as Excel writes: repeated strings (village, ethnicity, classification)
    /// are stored once. Once the table takes `byteBudget` bytes (its distinct text plus 16 bytes of bookkeeping
    /// per string), further new strings are written inline, which keeps memory bounded for columns of mostly
    /// unique text (names): 16 MiB holds some 500,000 names.
    case shared(byteBudget: Int = 16 << 20)
    /// Every string inline in its cell (`t="inlineStr"`), as writers in constant-memory mode do: no table at all.
    case inline
}

/// Document properties (ECMA-376 Part 2 core properties; Part 1, §22.2 extended properties).
public struct DocumentProperties: Hashable, Sendable {
    /// The title (`dc:title`).
    public var title: String?
    /// The subject (`dc:subject`).
    public var subject: String?
    /// The author (`dc:creator`, also written as last modified by).
    public var author: String?
    /// The manager (`Manager`, extended properties).
    public var manager: String?
    /// The organisation (`Company`, extended properties).
    public var company: String?
    /// The category (`cp:category`).
    public var category: String?
    /// Keywords (`cp:keywords`).
    public var keywords: String?
    /// Comments (`dc:description`).
    public var comments: String?
    /// The status, `Dự thảo` or `Chính thức` (`cp:contentStatus`).
    public var status: String?
    /// When the document was created, in UTC; `nil` for the time the writer is created.
    public var created: DateTimeComponents?

    /// Properties; all empty by default.
    ///
    /// - Parameters:
    ///   - title: The title.
    ///   - author: The author.
    ///   - company: The organisation, `UBND xã Ia Đal`.
    ///   - created: The creation time in UTC, `nil` for now.
    public init(
        title: String? = nil, author: String? = nil, company: String? = nil, created: DateTimeComponents? = nil
    ) {
        self.title = title
        self.author = author
        self.company = company
        self.created = created
    }
}
