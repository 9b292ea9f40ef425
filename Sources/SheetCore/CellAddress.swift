/// The position of one cell: a zero-based row and column, written `B7` in A1 notation.
///
/// ```swift
/// let address = CellAddress("AB12")!   // row 11, column 27
/// address.a1                           // "AB12"
/// ```
public struct CellAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Excel's grid: 1,048,576 rows × 16,384 columns (ECMA-376 Part 1, §18.3.1.73 and §18.3.1.13).
    public static let maxRows = 1_048_576
    public static let maxColumns = 16_384

    /// Zero-based row index (`0` is row 1).
    public var row: Int
    /// Zero-based column index (`0` is column A).
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses `A1`, `$A$1` or `a1`; `nil` when the text is not an address inside Excel's grid.
    public init?(_ text: some StringProtocol) {
        var bytes = Array(text.utf8)
        guard let parsed = bytes.withUnsafeMutableBufferPointer({ CellAddress.parse(UnsafeBufferPointer($0)) }) else {
            return nil
        }
        self = parsed
    }

    /// Parses an A1 reference from bytes, as found in an `r="B7"` attribute.
    ///
    /// - Complexity: O(n) in the length of the reference, no allocation.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> CellAddress? {
        var index = 0
        let count = bytes.count
        if index < count, bytes[index] == UInt8(ascii: "$") { index += 1 }
        var column = 0
        var letters = 0
        while index < count {
            var byte = bytes[index]
            if byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") { byte -= 32 }
            guard byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
            letters += 1
            guard letters <= 3 else { return nil }
            index += 1
        }
        guard letters > 0 else { return nil }
        if index < count, bytes[index] == UInt8(ascii: "$") { index += 1 }
        var row = 0
        var digits = 0
        while index < count {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            row = row * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
            guard digits <= 7 else { return nil }
            index += 1
        }
        guard digits > 0, row >= 1, row <= maxRows, column <= maxColumns else { return nil }
        return CellAddress(row: row - 1, column: column - 1)
    }

    /// The column's letters: `0` → `A`, `27` → `AB`.
    public static func columnName(_ column: Int) -> String {
        var n = column + 1
        var letters: [UInt8] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(remainder))
            n = (n - 1) / 26
        }
        letters.reverse()
        return String(decoding: letters, as: UTF8.self)
    }

    /// The address in A1 notation.
    public var a1: String { CellAddress.columnName(column) + String(row + 1) }

    public var description: String { a1 }

    public static func < (lhs: CellAddress, rhs: CellAddress) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }
}
