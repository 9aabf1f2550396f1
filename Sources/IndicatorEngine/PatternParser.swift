/// Parses STIX 2.1 pattern text into a `Pattern`, or says exactly where and why it cannot.
///
/// Recursive descent with one token of lookahead, following the OASIS grammar (`STIXPattern.g4`):
///
/// ```
/// pattern      = followedBy EOF
/// followedBy   = orObs ("FOLLOWEDBY" orObs)*
/// orObs        = andObs ("OR" andObs)*
/// andObs       = qualified ("AND" qualified)*
/// qualified    = primaryObs (WITHIN n SECONDS | REPEATS n TIMES | START t STOP t)*
/// primaryObs   = "[" orCmp "]" | "(" followedBy ")"
/// orCmp        = andCmp ("OR" andCmp)*
/// andCmp       = test ("AND" test)*
/// test         = "(" orCmp ")" | "NOT"? "EXISTS" path | path "NOT"? operator value
/// ```
///
/// Beyond the grammar it checks what the reference validator leaves to chance: object types exist,
/// list indexes are not negative, START is before STOP, and one qualifier kind is not applied twice
/// to the same expression.
public struct PatternParser {
    /// The deepest nesting of brackets and parentheses accepted; far beyond real patterns, well
    /// within the stack.
    static let nestingLimit = 100

    private var lexer: PatternLexer
    private var current: PatternToken
    private var depth = 0

    /// Parses a whole pattern.
    public static func parse(_ text: String) throws(PatternSyntaxError) -> Pattern {
        var parser = try PatternParser(text)
        return try parser.parsePattern()
    }

    private init(_ text: String) throws(PatternSyntaxError) {
        var lexer = PatternLexer(text)
        current = try lexer.next()
        self.lexer = lexer
    }

    private mutating func parsePattern() throws(PatternSyntaxError) -> Pattern {
        if current.kind == .end { throw .emptyPattern() }
        let expression = try parseFollowedBy()
        guard current.kind == .end else {
            throw .trailingInput(describe(current), at: current.range.lowerBound, hint: keywordHint(current))
        }
        return Pattern(expression: expression)
    }

    // MARK: Observation expressions

    private mutating func parseFollowedBy() throws(PatternSyntaxError) -> Pattern.ObservationExpression {
        try leftAssociative(.followedBy, { parser throws(PatternSyntaxError) in try parser.parseObservationOr() }) {
            .init(.followedBy($0, $1), range: $0.range.lowerBound..<$1.range.upperBound)
        }
    }

    private mutating func parseObservationOr() throws(PatternSyntaxError) -> Pattern.ObservationExpression {
        try leftAssociative(.or, { parser throws(PatternSyntaxError) in try parser.parseObservationAnd() }) {
            .init(.or($0, $1), range: $0.range.lowerBound..<$1.range.upperBound)
        }
    }

    private mutating func parseObservationAnd() throws(PatternSyntaxError) -> Pattern.ObservationExpression {
        try leftAssociative(.and, { parser throws(PatternSyntaxError) in try parser.parseQualified() }) {
            .init(.and($0, $1), range: $0.range.lowerBound..<$1.range.upperBound)
        }
    }

    private mutating func parseQualified() throws(PatternSyntaxError) -> Pattern.ObservationExpression {
        var expression = try parseObservationPrimary()
        var applied: Set<PatternToken.Keyword> = []
        while case .keyword(let keyword) = current.kind, [.within, .repeats, .start].contains(keyword) {
            let offset = current.range.lowerBound
            guard applied.insert(keyword).inserted else { throw .duplicateQualifier(keyword.rawValue, at: offset) }
            let qualifier = try parseQualifier(keyword)
            let range = expression.range.lowerBound..<qualifier.range.upperBound
            expression = .init(.qualified(expression, qualifier), range: range)
        }
        return expression
    }

    private mutating func parseObservationPrimary() throws(PatternSyntaxError) -> Pattern.ObservationExpression {
        let open = current
        switch open.kind {
        case .leftBracket:
            try enterNesting()
            let comparisons = try parseComparisonOr()
            let close = try expect(.rightBracket, "']' to close the observation expression")
            depth -= 1
            return .init(.observation(comparisons), range: open.range.lowerBound..<close.upperBound)
        case .leftParen:
            try enterNesting()
            var inner = try parseFollowedBy()
            let close = try expect(.rightParen, "')' to close the parenthesised observation expressions")
            depth -= 1
            inner.range = open.range.lowerBound..<close.upperBound
            return inner
        default:
            throw .expected(
                "an observation expression such as [file:name = 'x.aspx']", found: describe(open),
                at: open.range.lowerBound, hint: keywordHint(open))
        }
    }

    // MARK: Qualifiers

    private mutating func parseQualifier(
        _ keyword: PatternToken.Keyword
    ) throws(PatternSyntaxError) -> Pattern.Qualifier {
        let start = current.range.lowerBound
        try advance()
        switch keyword {
        case .within:
            let count = current
            let seconds: Double
            switch count.kind {
            case .literal(.integer(let value)) where !isNegative(count): seconds = Double(value)
            case .literal(.float(let value)) where !isNegative(count): seconds = value
            default: throw .withinNeedsSeconds(found: describe(count), at: count.range.lowerBound)
            }
            try advance()
            let end = try expect(.keyword(.seconds), "SECONDS after 'WITHIN \(lexer.text(count.range))'")
            return .init(.within(seconds: seconds), range: start..<end.upperBound)
        case .repeats:
            let count = current
            guard case .literal(.integer(let times)) = count.kind, !isNegative(count) else {
                throw .repeatsNeedsCount(found: describe(count), at: count.range.lowerBound)
            }
            try advance()
            let end = try expect(.keyword(.times), "TIMES after 'REPEATS \(lexer.text(count.range))'")
            return .init(.repeats(times: times), range: start..<end.upperBound)
        default:
            let startTime = try expectTimestamp(after: "START")
            try expect(.keyword(.stop), "STOP after the START timestamp")
            let stopToken = current
            let stopTime = try expectTimestamp(after: "STOP")
            guard startTime < stopTime else {
                throw .emptyWindow(start: startTime, stop: stopTime, at: stopToken.range.lowerBound)
            }
            return .init(.startStop(start: startTime, stop: stopTime), range: start..<stopToken.range.upperBound)
        }
    }

    private mutating func expectTimestamp(after keyword: String) throws(PatternSyntaxError) -> Pattern.Timestamp {
        guard case .literal(.timestamp(let timestamp)) = current.kind else {
            throw .needsTimestamp(after: keyword, found: describe(current), at: current.range.lowerBound)
        }
        try advance()
        return timestamp
    }

    // MARK: Comparison expressions

    private mutating func parseComparisonOr() throws(PatternSyntaxError) -> Pattern.ComparisonExpression {
        try leftAssociative(.or, { parser throws(PatternSyntaxError) in try parser.parseComparisonAnd() }) {
            .init(.or($0, $1), range: $0.range.lowerBound..<$1.range.upperBound)
        }
    }

    private mutating func parseComparisonAnd() throws(PatternSyntaxError) -> Pattern.ComparisonExpression {
        try leftAssociative(.and, { parser throws(PatternSyntaxError) in try parser.parseTest() }) {
            .init(.and($0, $1), range: $0.range.lowerBound..<$1.range.upperBound)
        }
    }

    private mutating func parseTest() throws(PatternSyntaxError) -> Pattern.ComparisonExpression {
        let first = current
        switch first.kind {
        case .leftParen:
            try enterNesting()
            var inner = try parseComparisonOr()
            let close = try expect(.rightParen, "')' to close the parenthesised comparisons")
            depth -= 1
            inner.range = first.range.lowerBound..<close.upperBound
            return inner
        case .keyword(.not), .keyword(.exists):
            let negated = first.kind == .keyword(.not)
            if negated { try advance() }
            try expect(
                .keyword(.exists), "EXISTS after NOT", hint: "NOT goes after the object path: file:name NOT = 'x'")
            let path = try parseObjectPath()
            let comparison = Pattern.Comparison(
                path: path, operator: .exists, negated: negated, value: nil,
                range: first.range.lowerBound..<path.range.upperBound)
            return .init(.comparison(comparison), range: comparison.range)
        case .identifier:
            let comparison = try parseComparison()
            return .init(.comparison(comparison), range: comparison.range)
        default:
            throw .expected(
                "a comparison such as file:name = 'x.aspx'", found: describe(first), at: first.range.lowerBound,
                hint: keywordHint(first))
        }
    }

    private mutating func parseComparison() throws(PatternSyntaxError) -> Pattern.Comparison {
        let path = try parseObjectPath()
        let negated = current.kind == .keyword(.not)
        if negated { try advance() }
        let operatorToken = current
        let op: Pattern.ComparisonOperator
        switch operatorToken.kind {
        case .comparison(let comparison): op = comparison
        case .keyword(.in): op = .in
        case .keyword(.like): op = .like
        case .keyword(.matches): op = .matches
        case .keyword(.isSubset): op = .isSubset
        case .keyword(.isSuperset): op = .isSuperset
        default:
            let hint = operatorToken.kind == .keyword(.exists)
                ? "EXISTS goes before the object path: EXISTS \(lexer.text(path.range))" : keywordHint(operatorToken)
            throw .expected(
                "a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)",
                found: describe(operatorToken), at: operatorToken.range.lowerBound, hint: hint)
        }
        try advance()
        let value = try parseOperand(of: op, written: lexer.text(operatorToken.range))
        return Pattern.Comparison(
            path: path, operator: op, negated: negated, value: value,
            range: path.range.lowerBound..<value.range.upperBound)
    }

    /// Reads the right-hand side, checking it is a kind of literal the operator accepts.
    private mutating func parseOperand(
        of op: Pattern.ComparisonOperator, written: String
    ) throws(PatternSyntaxError) -> Pattern.Literal {
        let token = current
        let offset = token.range.lowerBound
        switch op {
        case .in:
            guard token.kind == .leftParen else { throw .inNeedsList(found: describe(token), at: offset) }
            return try parseList()
        case .equal, .notEqual:
            if token.kind == .leftParen { throw .listForSingleValue(operator: written, at: offset) }
        case .like, .matches, .isSubset, .isSuperset:
            guard case .literal(.string) = token.kind else {
                throw .needsString(operator: op.rawValue, found: describe(token), at: offset)
            }
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            if case .literal(.boolean) = token.kind { throw .orderedBoolean(operator: written, at: offset) }
        case .exists:
            break
        }
        return try parseScalarLiteral()
    }

    /// Reads `( literal, ... )`; the list may be empty.
    private mutating func parseList() throws(PatternSyntaxError) -> Pattern.Literal {
        let open = current
        try advance()
        var elements: [Pattern.Literal] = []
        if current.kind != .rightParen {
            elements.append(try parseScalarLiteral())
            while current.kind == .comma {
                try advance()
                elements.append(try parseScalarLiteral())
            }
        }
        let close = try expect(.rightParen, "',' or ')' in the IN list")
        return .init(.list(elements), range: open.range.lowerBound..<close.upperBound)
    }

    private mutating func parseScalarLiteral() throws(PatternSyntaxError) -> Pattern.Literal {
        guard case .literal(let value) = current.kind else {
            let hint = current.kind == .identifier("TRUE") || current.kind == .identifier("FALSE")
                ? "booleans are lower-case: true, false" : "strings are written in single quotes: 'text'"
            throw .expected("a literal", found: describe(current), at: current.range.lowerBound, hint: hint)
        }
        let literal = Pattern.Literal(value, range: current.range)
        try advance()
        return literal
    }

    // MARK: Object paths

    private mutating func parseObjectPath() throws(PatternSyntaxError) -> Pattern.ObjectPath {
        let typeToken = current
        guard case .identifier(let type) = typeToken.kind else {
            throw .expected(
                "an object path such as file:name", found: describe(typeToken), at: typeToken.range.lowerBound)
        }
        switch ObjectTypeCatalog.verdict(for: type) {
        case .known: break
        case .malformedCustom: throw .badCustomType(type, at: typeToken.range.lowerBound)
        case .unknown(let suggestion): throw .unknownType(type, suggestion: suggestion, at: typeToken.range.lowerBound)
        }
        try advance()
        try expect(.colon, "':' after the object type '\(type)'")
        var steps = [try parseKey()]
        while true {
            if current.kind == .dot {
                try advance()
                steps.append(try parseKey())
            } else if current.kind == .leftBracket {
                steps.append(try parseIndex())
            } else {
                break
            }
        }
        let range = typeToken.range.lowerBound..<steps[steps.count - 1].range.upperBound
        return .init(objectType: type, objectTypeRange: typeToken.range, steps: steps, range: range)
    }

    /// Reads a property name or a quoted key.
    private mutating func parseKey() throws(PatternSyntaxError) -> Pattern.PathStep {
        let token = current
        let key: String
        switch token.kind {
        case .identifier(let name) where name.contains("-"):
            throw .hyphenInPropertyName(name, at: token.range.lowerBound)
        case .identifier(let name), .literal(.string(let name)):
            key = name
        case .keyword, .literal(.boolean):
            let word = lexer.text(token.range)
            throw .expected(
                "a property name", found: describe(token), at: token.range.lowerBound,
                hint: "quote a key that is a reserved word: '\(word)'")
        default:
            throw .expected(
                "a property name or a quoted key such as 'SHA-256'", found: describe(token), at: token.range.lowerBound)
        }
        try advance()
        return .init(.key(key), range: token.range)
    }

    /// Reads `[n]` or `[*]`.
    private mutating func parseIndex() throws(PatternSyntaxError) -> Pattern.PathStep {
        let open = current
        try advance()
        let index = current
        let kind: Pattern.PathStep.Kind
        switch index.kind {
        case .asterisk: kind = .anyIndex
        case .literal(.integer) where isNegative(index):
            throw .negativeIndex(lexer.text(index.range), at: index.range.lowerBound)
        case .literal(.integer(let value)): kind = .index(value)
        default:
            throw .expected(
                "a list index such as 0, or '*' for any element", found: describe(index), at: index.range.lowerBound)
        }
        try advance()
        let close = try expect(.rightBracket, "']' after the list index")
        return .init(kind, range: open.range.lowerBound..<close.upperBound)
    }

    // MARK: Tokens

    /// Parses `operand (keyword operand)*` and folds it to the left, as the grammar's
    /// `<assoc=left>` rules do: `a OR b OR c` is `(a OR b) OR c`.
    private mutating func leftAssociative<Node>(
        _ keyword: PatternToken.Keyword,
        _ operand: (inout PatternParser) throws(PatternSyntaxError) -> Node,
        combine: (Node, Node) -> Node
    ) throws(PatternSyntaxError) -> Node {
        var left = try operand(&self)
        while current.kind == .keyword(keyword) {
            try advance()
            left = combine(left, try operand(&self))
        }
        return left
    }

    private mutating func advance() throws(PatternSyntaxError) {
        current = try lexer.next()
    }

    /// Consumes a token of `kind` and returns its range, or fails describing what was there instead.
    @discardableResult
    private mutating func expect(
        _ kind: PatternToken.Kind, _ what: String, hint: String? = nil
    ) throws(PatternSyntaxError) -> Range<Int> {
        guard current.kind == kind else {
            throw .expected(
                what, found: describe(current), at: current.range.lowerBound, hint: hint ?? keywordHint(current))
        }
        let range = current.range
        try advance()
        return range
    }

    private mutating func enterNesting() throws(PatternSyntaxError) {
        depth += 1
        guard depth <= Self.nestingLimit else { throw .tooDeep(limit: Self.nestingLimit, at: current.range.lowerBound) }
        try advance()
    }

    /// Whether a number token was written with a minus sign; its value cannot tell for `-0`.
    private func isNegative(_ token: PatternToken) -> Bool {
        lexer.text(token.range).first == "-"
    }

    /// How a token reads in a message: its text in quotes, shortened and kept on one line, or
    /// "end of pattern".
    private func describe(_ token: PatternToken) -> String {
        if token.kind == .end { return "end of pattern" }
        let text = String(lexer.text(token.range).map { $0.isNewline || $0 == "\t" ? " " : $0 })
        let shown = text.count > 40 ? String(text.prefix(37)) + "..." : text
        if case .literal(.string) = token.kind { return "string \(shown)" }
        return "'\(shown)'"
    }

    /// A hint for the common slip of writing a keyword in lower case (`and`, `like`).
    private func keywordHint(_ token: PatternToken) -> String? {
        guard case .identifier(let word) = token.kind,
            let keyword = PatternToken.Keyword(rawValue: word.uppercased())
        else { return nil }
        return "keywords are upper-case: \(keyword.rawValue)"
    }
}
