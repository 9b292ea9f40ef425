import SheetCore

extension XLSXReader: WorkbookReading {
    public var formatName: String { "xlsx" }

    public func sheetRows(at index: Int) throws -> any SheetRowReading {
        try rows(ofSheet: index)
    }
}

extension WorksheetReader: SheetRowReading {}
