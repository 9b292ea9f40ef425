import SheetCore

extension XLSReader: WorkbookReading {
    /// `"xls"`.
    public var formatName: String { "xls" }

    /// ``rows(ofSheet:)`` behind the format-independent protocol.
    public func sheetRows(at index: Int) throws -> any SheetRowReading {
        try rows(ofSheet: index)
    }
}

extension XLSSheetReader: SheetRowReading {}
