// UTF-8 checked by a branch-free automaton (a "shift DFA": each byte's row packs the next state of all nine states
// in 6-bit fields, so one step is `state = row[byte] >> state`; after Per Vognsen's formulation). The byte loop of
// CSVReader.scanUTF8Exactly mispredicts a branch at nearly every change between ASCII and a Vietnamese letter;
// this does not branch per byte.
//
//   state     accept  1 cont  2 cont  3 cont  after E0  after ED  after F0  after F4  error
//   offset    0       6       12      18      24        30        36        42        48
//
//   00        error (NUL is refused; the exact scan says which problem it is)
//   01..7F    accept → accept
//   80..8F    1→accept 2→1 3→2 ED→1 F4→2
//   90..9F    1→accept 2→1 3→2 ED→1 F0→2
//   A0..BF    1→accept 2→1 3→2 E0→1 F0→2
//   C2..DF    accept → 1          E0 → after E0      E1..EC, EE, EF → 2       ED → after ED
//   F0 → after F0   F1..F3 → 3   F4 → after F4      C0, C1, F5..FF → error;   anything else → error
//
// Only whether a run is valid is decided here; where a problem is, and which, is left to the exact scan.

enum UTF8Automaton {
    static let accept: UInt64 = 0
    static let oneLeft: UInt64 = 6
    static let twoLeft: UInt64 = 12
    static let threeLeft: UInt64 = 18
    static let afterE0: UInt64 = 24
    static let afterED: UInt64 = 30
    static let afterF0: UInt64 = 36
    static let afterF4: UInt64 = 42
    static let error: UInt64 = 48

    /// Row per byte value: the next state of each state, at that state's offset.
    nonisolated(unsafe) static let rows: UnsafePointer<UInt64> = {
        let rows = UnsafeMutablePointer<UInt64>.allocate(capacity: 256)
        for byte in 0..<256 {
            var next: [UInt64: UInt64] = [:]
            switch byte {
            case 0x01...0x7F: next[accept] = accept
            case 0x80...0xBF:
                next[oneLeft] = accept
                next[twoLeft] = oneLeft
                next[threeLeft] = twoLeft
                if byte >= 0xA0 { next[afterE0] = oneLeft }
                if byte <= 0x9F { next[afterED] = oneLeft }
                if byte >= 0x90 { next[afterF0] = twoLeft }
                if byte <= 0x8F { next[afterF4] = twoLeft }
            case 0xC2...0xDF: next[accept] = oneLeft
            case 0xE0: next[accept] = afterE0
            case 0xE1...0xEC, 0xEE, 0xEF: next[accept] = twoLeft
            case 0xED: next[accept] = afterED
            case 0xF0: next[accept] = afterF0
            case 0xF1...0xF3: next[accept] = threeLeft
            case 0xF4: next[accept] = afterF4
            default: break
            }
            var row: UInt64 = 0
            for state in stride(from: accept, through: error, by: 6) {
                row |= (next[state] ?? error) << state
            }
            rows[byte] = row
        }
        return UnsafePointer(rows)
    }()

    /// Checks `bytes[from..<end]`.
    ///
    /// - Returns: the scan when the bytes are valid, possibly ending in a sequence cut by `end` (valid up to its
    ///   lead byte when more may follow); `nil` when there is a problem, for the exact scan to locate.
    @inline(__always)
    static func scan(_ bytes: UnsafeMutablePointer<UInt8>, from: Int, to end: Int, final: Bool) -> CSVReader.UTF8Scan? {
        let rows = self.rows
        var state = accept
        var index = from
        while index &+ 8 <= end {
            let word = UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self)
            let nonASCII = word & 0x8080_8080_8080_8080
            let zero = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
            if nonASCII | zero == 0, state & 63 == accept {
                index &+= 8
                continue
            }
            // One step per byte, taken from the word already loaded (unrolled: no loop counter per byte).
            state = rows[Int(truncatingIfNeeded: word & 0xFF)] &>> state
            state = rows[Int(truncatingIfNeeded: (word &>> 8) & 0xFF)] &>> state
            state = rows[Int(truncatingIfNeeded: (word &>> 16) & 0xFF)] &>> state
            state = rows[Int(truncatingIfNeeded: (word &>> 24) & 0xFF)] &>> state
            state = rows[Int(truncatingIfNeeded: (word &>> 32) & 0xFF)] &>> state
            state = rows[Int(truncatingIfNeeded: (word &>> 40) & 0xFF)] &>> state
            state = rows[Int(truncatingIfNeeded: (word &>> 48) & 0xFF)] &>> state
            state = rows[Int(truncatingIfNeeded: word &>> 56)] &>> state
            if state & 63 == error { return nil }
            index &+= 8
        }
        while index < end {
            state = rows[Int(bytes[index])] &>> state
            index &+= 1
        }
        state &= 63
        if state == accept { return CSVReader.UTF8Scan(validEnd: end, problem: nil) }
        if state == error || final { return nil }
        // A sequence cut by `end`: valid up to its lead byte.
        var lead = end &- 1
        while lead > from, bytes[lead] & 0xC0 == 0x80 { lead &-= 1 }
        return CSVReader.UTF8Scan(validEnd: lead, problem: nil)
    }
}
