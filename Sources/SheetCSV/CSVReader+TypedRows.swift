// Rows with numbers typed (the layer above plain rows, DESIGN §2 "exact numbers"): a field that reads as a number
// under the declared locale becomes a `.number` cell, through an exact DecimalNumber (so `49,7` is the double
// nearest 49.7, never a sum of float parts); a percentage becomes its fraction, as Excel stores `7,93%` (0.0793).
// Text whose value depends on the locale (`1.234`) stays text and is counted as a finding.
import SheetCore

extension CSVReader {
    /// A field left as text because it reads as different numbers under `vi` and `en`.
    public struct AmbiguousNumber: Hashable, Sendable {
        /// Where: row index (record − 1) and column, zero-based.
        public var address: CellAddress
        /// The text of the field.
        public var text: String
        /// What it reads as under the declared locale.
        public var declared: LocalizedNumber
        /// What it reads as under the other locale.
        public var other: LocalizedNumber
    }

    /// Reads the next record as a ``Row`` like ``nextRow()``, but with fields that read as numbers under `locale`
    /// as ``CellValue/number(_:)`` cells (percentages as their fraction: `7,93%` → 0.0793).
    ///
    /// Fields that read differently under `vi` and `en` (`1.234`) stay strings and are listed in
    /// ``ambiguousNumbers``; text such as codes with leading zeros (`007`) becomes a number like in a spreadsheet,
    /// so map such columns as text in the form definition instead.
    ///
    /// ```swift
    /// while let row = try reader.nextTypedRow(locale: .vi) { … }   // "1.234,5" → .number(1234.5)
    /// ```
    ///
    /// - Throws: as ``nextRecord()``.
    public func nextTypedRow(locale: NumberLocale) throws(CSVError) -> Row? {
        guard try nextRecord() else { return nil }
        let rowIndex = recordNumber - 1
        let cells = makeCells(row: rowIndex, numbersIn: locale)
        return Row(index: rowIndex, cells: cells)
    }

    /// Fields kept as text because they read differently under `vi` and `en` (the first 100 of them).
    public var ambiguousNumbers: [AmbiguousNumber] { typedState.ambiguous }
    /// How many fields were kept as text for that reason.
    public var ambiguousNumberCount: Int { typedState.ambiguousCount }

    func typedValue(_ bytes: UnsafeBufferPointer<UInt8>, address: CellAddress, locale: NumberLocale)
        -> CellValue
    {
        let first = bytes[0]
        // Only bytes a number can start with: a digit, a sign, `(`, a separator, a space.
        let mayBeNumber =
            first &- UInt8(ascii: "0") < 10 || first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
            || first == UInt8(ascii: "(") || first == UInt8(ascii: ".") || first == UInt8(ascii: ",")
            || first == 0x20 || first == 0xE2 || first == 0xC2
        if mayBeNumber {
            if let plain = LocalizedNumber.readPlain(bytes, locale: locale) { return .number(plain.value.doubleValue) }
            switch LocalizedNumber.read(bytes, locale: locale) {
            case .number(let number):
                return .number(number.quantity.doubleValue)
            case .ambiguous(let declared, let other):
                typedState.ambiguousCount += 1
                if typedState.ambiguous.count < 100 {
                    typedState.ambiguous.append(
                        AmbiguousNumber(
                            address: address, text: String(decoding: bytes, as: UTF8.self), declared: declared,
                            other: other))
                }
            case .otherLocaleOnly, .notANumber:
                break
            }
        }
        return .string(interner.string(bytes, column: address.column))
    }
}

/// What typed reading has found so far.
final class TypedReadingState {
    var ambiguous: [CSVReader.AmbiguousNumber] = []
    var ambiguousCount = 0
}
