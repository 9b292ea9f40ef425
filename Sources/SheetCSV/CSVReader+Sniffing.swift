// Guessing the delimiter from the start of the input, as spreadsheet programs do on import.
//
// For each candidate (`,` `;` TAB `|`) count its occurrences outside quotes on each complete line of the first
// `sniffLength` bytes. The delimiter is the candidate that occurs the same (non-zero) number of times on the most
// lines; ties go to the larger count, then to the candidate least likely to occur inside values: TAB, `;`, `|`,
// then `,` (a Vietnamese-locale file uses `;` between fields and `,` as decimal mark, so `49,7;7,93` can show
// both equally often).
import SheetCore

extension CSVReader {
    /// The candidates in order of preference on a tie.
    static let delimiterCandidates: [UInt8] = [0x09, UInt8(ascii: ";"), UInt8(ascii: "|"), UInt8(ascii: ",")]

    /// The delimiter sniffed from the checked bytes at the start of the buffer; `,` when none occurs.
    func sniffDelimiter() -> UInt8 {
        let candidates = CSVReader.delimiterCandidates
        let end = min(validEnd, cursor + max(1, options.sniffLength))
        let sawEverything = end == dataEnd && sourceEnded
        var lines: [[Int]] = []
        var counts = [Int](repeating: 0, count: candidates.count)
        var lineHasBytes = false
        var inQuotes = false
        var index = cursor
        while index < end {
            let byte = buffer[index]
            index += 1
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
                lineHasBytes = true
                continue
            }
            if inQuotes { continue }
            if byte == 0x0A || byte == 0x0D {
                if byte == 0x0D, index < end, buffer[index] == 0x0A { index += 1 }
                if lineHasBytes { lines.append(counts) }
                counts = [Int](repeating: 0, count: candidates.count)
                lineHasBytes = false
                continue
            }
            lineHasBytes = true
            if let position = candidates.firstIndex(of: byte) { counts[position] += 1 }
        }
        if lineHasBytes && (sawEverything || lines.isEmpty) { lines.append(counts) }

        var best = UInt8(ascii: ",")
        var bestScore = (consistent: 0, count: 0)
        for (position, candidate) in candidates.enumerated() {
            var frequency: [Int: Int] = [:]
            for line in lines where line[position] > 0 { frequency[line[position], default: 0] += 1 }
            guard
                let (count, consistent) = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) })
            else { continue }
            if (consistent, count) > bestScore {
                bestScore = (consistent, count)
                best = candidate
            }
        }
        return best
    }
}
