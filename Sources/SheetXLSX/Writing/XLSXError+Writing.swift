import SheetZip

extension XLSXError.Code {
    /// The writer was called in a way it does not support: rows out of order, a duplicate sheet name, a call after
    /// `close()`. Nothing was written for that call.
    public static let invalidUse = XLSXError.Code(name: "invalidUse")
    /// A value Excel cannot hold: a number that is not finite, text over 32,767 characters, a malformed name.
    public static let unwritableValue = XLSXError.Code(name: "unwritableValue")
    /// The output could not be written (disk full, folder missing or read-only); see ``XLSXError/cause``. No
    /// partial file is left behind.
    public static let output = XLSXError.Code(name: "output")
}

extension XLSXError {
    /// A ZIP writing error, as an output error naming the part being written.
    static func output(_ error: ZipError, part: String?) -> XLSXError {
        XLSXError(.output, error.message, part: error.entry ?? part, cause: error)
    }
}
