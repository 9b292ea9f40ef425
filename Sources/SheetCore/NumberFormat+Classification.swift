// Classifying a format code (ECMA-376 Part 1, §18.8.31 `numFmt`) into what it shows.
//
//   code     := section (";" section){0,3}          positive ; negative ; zero ; text
//   section  := ( "[" … "]"                          colour, condition, locale [$-42A], [DBNum1], or elapsed [h] [mm] [ss]
//              | '"' … '"'                           literal text
//              | "\" char  | "_" char  | "*" char    literal, padding to a character's width, fill
//              | date/time token                     y m d h s, AM/PM, A/P, e g b (eras), aaa (weekday)
//              | "0" "#" "?" "." "," "%" "E+" "@" … )*
//
// Only the first section decides the kind. `m` is ambiguous: it is minutes right after an hour or right before
// a second (other tokens and literals in between do not count), otherwise months.

extension NumberFormat {
    /// What a format code shows, read from its first section.
    ///
    /// The rules, in order:
    /// - An empty code, or a first section that says `General` (any case, with colours or literals around it):
    ///   `.general`.
    /// - An unquoted `@`: `.text`.
    /// - An elapsed-time bracket `[h]`, `[mm]`, `[ss]` (ECMA-376 Part 1, §18.8.31): `.temporal(.duration)`.
    /// - Date tokens (`y`, `d`, `m` as month, eras `e` `g` `b`, weekday `aaa`) and time tokens (`h`, `m` as
    ///   minute, `s`, `AM/PM`, `A/P`): `.temporal(.date)`, `.temporal(.time)` or, with both,
    ///   `.temporal(.dateTime)`.
    /// - An unquoted `%`: `.percent`.
    /// - Anything else: `.number`.
    ///
    /// Text in double quotes, characters after `\`, `_` and `*`, and brackets other than elapsed time
    /// (colours `[Red]`, conditions `[<100]`, locales `[$-42A]`, currencies `[$€-2]`, `[DBNum1]`) are skipped, so
    /// `#,##0" tháng"` is a number and `[$-42A]dd/mm/yyyy` a date.
    ///
    /// ```swift
    /// NumberFormat.kind(of: "dd/mm/yyyy hh:mm")   // .temporal(.dateTime)
    /// NumberFormat.kind(of: "[h]:mm:ss")          // .temporal(.duration)
    /// NumberFormat.kind(of: #"0.0" %""#)          // .number
    /// ```
    ///
    /// - Parameter code: A format code, as in `numFmt/@formatCode`.
    /// - Complexity: O(n) in the length of the code.
    public static func kind(of code: some StringProtocol) -> Kind {
        var scanner = FormatCodeScanner(bytes: Array(code.utf8))
        return scanner.classifyFirstSection()
    }
}

/// One date or time token of a format code; a run of the same letter (`yyyy`, `mm`) is one token.
private enum DateToken {
    case year, monthOrMinute, day, weekday, era
    case hour, second, meridiem
    case elapsedHour, elapsedMinute, elapsedSecond

    /// Whether an `m` right after this token means minutes.
    var marksMinuteAfter: Bool { self == .hour || self == .elapsedHour }

    /// Whether an `m` right before this token means minutes.
    var marksMinuteBefore: Bool { self == .second || self == .elapsedSecond }
}

/// Reads the first section of a format code byte by byte, collecting what decides its kind.
private struct FormatCodeScanner {
    let bytes: [UInt8]
    var index = 0
    var tokens: [DateToken] = []
    var hasText = false
    var hasPercent = false
    var hasGeneral = false
    var hasElapsed = false

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func classifyFirstSection() -> NumberFormat.Kind {
        if bytes.allSatisfy({ $0 == UInt8(ascii: " ") }) { return .general }
        scanFirstSection()
        if hasText { return .text }
        if hasElapsed { return .temporal(.duration) }
        if let temporal = temporalKind() { return .temporal(temporal) }
        if hasPercent { return .percent }
        if hasGeneral { return .general }
        return .number
    }

    /// The kind the date and time tokens give, `nil` when there are none.
    private func temporalKind() -> TemporalKind? {
        var hasDate = false
        var hasTime = false
        for (position, token) in tokens.enumerated() {
            switch token {
            case .year, .day, .weekday, .era:
                hasDate = true
            case .hour, .second, .meridiem, .elapsedHour, .elapsedMinute, .elapsedSecond:
                hasTime = true
            case .monthOrMinute:
                let afterHour = position > 0 && tokens[position - 1].marksMinuteAfter
                let beforeSecond = position + 1 < tokens.count && tokens[position + 1].marksMinuteBefore
                if afterHour || beforeSecond { hasTime = true } else { hasDate = true }
            }
        }
        switch (hasDate, hasTime) {
        case (true, true): return .dateTime
        case (true, false): return .date
        case (false, true): return .time
        case (false, false): return nil
        }
    }

    private mutating func scanFirstSection() {
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: ";"):
                return
            case UInt8(ascii: "\""):
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") { index += 1 }
                index += 1
            case UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "*"):
                index += 1
                skipCharacter()
            case UInt8(ascii: "["):
                scanBracket()
            case UInt8(ascii: "@"):
                hasText = true
                index += 1
            case UInt8(ascii: "%"):
                hasPercent = true
                index += 1
            default:
                scanLetters(byte)
            }
        }
    }

    /// Skips one whole character (a UTF-8 lead byte and its continuation bytes).
    private mutating func skipCharacter() {
        guard index < bytes.count else { return }
        index += 1
        while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
    }

    /// Reads `[...]`: elapsed time when it holds one letter h, m or s repeated, otherwise skipped.
    private mutating func scanBracket() {
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "]") { end += 1 }
        index = end + 1
        guard end > start else { return }
        let letter = lowercased(bytes[start])
        guard bytes[start..<end].allSatisfy({ lowercased($0) == letter }) else { return }
        switch letter {
        case UInt8(ascii: "h"): tokens.append(.elapsedHour)
        case UInt8(ascii: "m"): tokens.append(.elapsedMinute)
        case UInt8(ascii: "s"): tokens.append(.elapsedSecond)
        default: return
        }
        hasElapsed = true
    }

    /// Reads a letter that may start a token; anything else (digits, punctuation, other text) is passed over.
    private mutating func scanLetters(_ byte: UInt8) {
        let letter = lowercased(byte)
        switch letter {
        case UInt8(ascii: "y"): appendRun(.year)
        case UInt8(ascii: "m"): appendRun(.monthOrMinute)
        case UInt8(ascii: "d"): appendRun(.day)
        case UInt8(ascii: "h"): appendRun(.hour)
        case UInt8(ascii: "s"): appendRun(.second)
        case UInt8(ascii: "b"): appendRun(.era)  // bb, bbbb: Buddhist year
        case UInt8(ascii: "e"):
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") {
                index += 2  // E+00: scientific notation
            } else {
                appendRun(.era)  // e: year of the era
            }
        case UInt8(ascii: "g"):
            if matches("general") {
                hasGeneral = true
                index += 7
            } else {
                appendRun(.era)  // g, gg, ggg: era name
            }
        case UInt8(ascii: "a"):
            if matches("am/pm") {
                tokens.append(.meridiem)
                index += 5
            } else if matches("a/p") {
                tokens.append(.meridiem)
                index += 3
            } else if matches("aaa") {
                appendRun(.weekday)  // aaa, aaaa: weekday name on East-Asian locales
            } else {
                index += 1
            }
        default:
            index += 1
        }
    }

    /// Appends `token` and skips the run of the letter at `index`, in any case.
    private mutating func appendRun(_ token: DateToken) {
        let letter = lowercased(bytes[index])
        while index < bytes.count, lowercased(bytes[index]) == letter { index += 1 }
        tokens.append(token)
    }

    /// Whether the bytes at `index` spell `word` (lowercase ASCII), ignoring case.
    private func matches(_ word: StaticString) -> Bool {
        guard index + word.utf8CodeUnitCount <= bytes.count else { return false }
        let pointer = word.utf8Start
        for offset in 0..<word.utf8CodeUnitCount where lowercased(bytes[index + offset]) != pointer[offset] {
            return false
        }
        return true
    }
}

/// An ASCII letter in lower case; other bytes unchanged.
private func lowercased(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
}
