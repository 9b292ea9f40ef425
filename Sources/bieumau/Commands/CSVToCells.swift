import SheetCSV
import SheetCore
import SheetXLSX

/// Turns CSV records into the cells of a worksheet row, reading numbers as `--numbers` says.
final class CSVToCells {
    private let numbers: Convert.Numbers
    private var cells: [WriteCell] = []

    init(numbers: Convert.Numbers) { self.numbers = numbers }

    /// The next record's non-empty fields as cells, `nil` after the last record.
    func nextRow(_ csv: CSVReader) throws -> [WriteCell]? {
        cells.removeAll(keepingCapacity: true)
        switch numbers {
        case .vi, .en:
            guard let row = try csv.nextTypedRow(locale: numbers == .vi ? .vi : .en) else { return nil }
            for cell in row.cells { cells.append(WriteCell(column: cell.address.column, value: cell.value)) }
        case .plain, .text:
            guard try csv.nextRecord() else { return nil }
            for column in 0..<csv.fieldCount {
                let value = csv.withField(column) { bytes -> CellValue? in
                    guard !bytes.isEmpty else { return nil }
                    if numbers == .plain, let number = CSVToCells.plainNumber(bytes) { return .number(number) }
                    return nil
                }
                if let value {
                    cells.append(WriteCell(column: column, value: value))
                } else if !csv.field(column).isEmpty {
                    cells.append(WriteCell(column: column, value: .string(csv.string(at: column))))
                }
            }
        }
        return cells
    }

    /// A number written plainly: digits, `.` before the fraction, an optional sign and exponent, no grouping
    /// (`-1234.5`, `1e-07`, as `bieumau cat` writes). Leading zeros (`007`, a code) are text.
    static func plainNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        if bytes[0] == UInt8(ascii: "-") { index = 1 }
        guard index < bytes.count else { return nil }
        let firstDigit = bytes[index]
        if firstDigit == UInt8(ascii: "0"), index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: ".") {
            return nil  // 007, 0123: a code, not a number
        }
        var sawDigit = false
        for byte in bytes[index...] {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"): continue
            default: return nil
            }
        }
        guard sawDigit else { return nil }
        return Double(String(decoding: bytes, as: UTF8.self))
    }
}

/// Sheet names Excel accepts (1–31 characters, none of `[ ] : * ? / \`, no `'` at either end).
enum SheetNames {
    static func from(fileStem stem: String) -> String {
        let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
        var name = String(stem.map { forbidden.contains($0) ? "_" : $0 })
        while name.hasPrefix("'") { name.removeFirst() }
        while name.hasSuffix("'") { name.removeLast() }
        name = String(name.prefix(31))
        return name.isEmpty ? "Sheet1" : name
    }
}
