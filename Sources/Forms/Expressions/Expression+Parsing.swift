import SheetCore

// Grammar (precedence climbing):
//   comparison := sum relation sum
//   sum        := product (("+" | "-") product)*
//   product    := unary (("*" | "/") unary)*
//   unary      := "-" unary | primary
//   primary    := number | field | "sum" "(" sum ("," sum)* ")" | "(" sum ")"
// Fields are `[a-z_][a-z0-9_]*`; a form id never appears inside an expression (links are structured YAML).

extension Expression {
    /// Parses an expression.
    ///
    /// - Throws: ``ExpressionError`` naming the offset of the first character it could not read.
    public static func parse(_ text: String) throws(ExpressionError) -> Expression {
        var parser = ExpressionParser(text)
        let expression = try parser.parseSum()
        try parser.expectEnd()
        return expression
    }
}

extension Comparison {
    /// Parses `left relation right` (`dtts_poor <= poor`).
    ///
    /// - Throws: ``ExpressionError`` when it is not one comparison of two expressions.
    public static func parse(_ text: String) throws(ExpressionError) -> Comparison {
        var parser = ExpressionParser(text)
        let left = try parser.parseSum()
        guard let relation = parser.parseRelation() else {
            throw ExpressionError(text: text, offset: parser.offset, reason: "expected one of = <= < >= >")
        }
        let right = try parser.parseSum()
        try parser.expectEnd()
        return Comparison(left: left, relation: relation, right: right)
    }
}

/// An expression in a mapping file that could not be read.
public struct ExpressionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The whole expression.
    public var text: String
    /// The offset (in characters) where reading stopped.
    public var offset: Int
    /// What was expected.
    public var reason: String

    public var description: String { "\(reason) at character \(offset + 1) of \"\(text)\"" }
}

private struct ExpressionParser {
    let text: String
    let characters: [Character]
    var offset = 0

    init(_ text: String) {
        self.text = text
        self.characters = Array(text)
    }

    mutating func skipSpaces() {
        while offset < characters.count, characters[offset].isWhitespace { offset += 1 }
    }

    mutating func peek() -> Character? {
        skipSpaces()
        return offset < characters.count ? characters[offset] : nil
    }

    func failure(_ reason: String) -> ExpressionError { ExpressionError(text: text, offset: offset, reason: reason) }

    mutating func expectEnd() throws(ExpressionError) {
        if peek() != nil { throw failure("unexpected text") }
    }

    mutating func parseRelation() -> Comparison.Relation? {
        guard let first = peek() else { return nil }
        let next: Character? = offset + 1 < characters.count ? characters[offset + 1] : nil
        switch (first, next) {
        case ("<", "="):
            offset += 2
            return .lessOrEqual
        case (">", "="):
            offset += 2
            return .greaterOrEqual
        case ("=", "="):
            offset += 2
            return .equal
        case ("<", _):
            offset += 1
            return .less
        case (">", _):
            offset += 1
            return .greater
        case ("=", _):
            offset += 1
            return .equal
        default: return nil
        }
    }

    mutating func parseSum() throws(ExpressionError) -> Expression {
        var result = try parseProduct()
        while let next = peek(), next == "+" || next == "-" {
            offset += 1
            let right = try parseProduct()
            result = .binary(next == "+" ? .add : .subtract, result, right)
        }
        return result
    }

    mutating func parseProduct() throws(ExpressionError) -> Expression {
        var result = try parseUnary()
        while let next = peek(), next == "*" || next == "/" || next == "×" {
            offset += 1
            let right = try parseUnary()
            result = .binary(next == "/" ? .divide : .multiply, result, right)
        }
        return result
    }

    mutating func parseUnary() throws(ExpressionError) -> Expression {
        if peek() == "-" {
            offset += 1
            return .negate(try parseUnary())
        }
        return try parsePrimary()
    }

    mutating func parsePrimary() throws(ExpressionError) -> Expression {
        guard let first = peek() else { throw failure("expected a number, a field or \"(\"") }
        if first == "(" {
            offset += 1
            let inner = try parseSum()
            guard peek() == ")" else { throw failure("expected \")\"") }
            offset += 1
            return inner
        }
        if first.isASCII, first.isNumber {
            let start = offset
            while offset < characters.count, characters[offset].isASCII,
                characters[offset].isNumber || characters[offset] == "."
            {
                offset += 1
            }
            guard let value = DecimalNumber(String(characters[start..<offset])) else {
                offset = start
                throw failure("not a number")
            }
            return .number(value)
        }
        guard first.isASCII, first.isLetter || first == "_" else {
            throw failure("expected a number, a field or \"(\"")
        }
        let start = offset
        while offset < characters.count, characters[offset].isASCII,
            characters[offset].isLetter || characters[offset].isNumber || characters[offset] == "_"
        {
            offset += 1
        }
        let name = String(characters[start..<offset])
        guard name == "sum", peek() == "(" else { return .field(name) }
        offset += 1
        var terms = [try parseSum()]
        while peek() == "," {
            offset += 1
            terms.append(try parseSum())
        }
        guard peek() == ")" else { throw failure("expected \")\" or \",\"") }
        offset += 1
        return .sum(terms)
    }
}
