/// Why a STIX pattern could not be parsed, and where.
///
/// The parser stops at the first problem, as a compiler does for a syntax error: later problems are
/// usually echoes of the first. The caller maps `offset` into `indicators.yml` and prints the
/// message as a located diagnostic, so every message is one line that says what is wrong and how to
/// fix it. Every message shape and ID is defined in this file, so that what a user can see, and
/// what they can filter on, is in one place.
public typealias PatternSyntaxError = PatternProblem

// MARK: - Lexical errors

extension PatternSyntaxError {
    /// A pattern with nothing but whitespace and comments.
    static func emptyPattern() -> PatternSyntaxError {
        PatternSyntaxError(
            offset: 0,
            message: "pattern is empty; write at least one observation expression, e.g. [file:name = 'x.aspx']",
            id: "pattern.empty")
    }

    /// A character that starts no token.
    static func invalidCharacter(_ character: String, at offset: Int) -> PatternSyntaxError {
        let hint: String
        switch character {
        case "\"": hint = "; STIX strings are written in single quotes: 'text'"
        case "\u{2018}", "\u{2019}": hint = "; use a straight quote ' for strings"
        default: hint = ""
        }
        let scalar = character.unicodeScalars.first.map { String($0.value, radix: 16, uppercase: true) } ?? ""
        let code = String(repeating: "0", count: max(0, 4 - scalar.count)) + scalar
        return PatternSyntaxError(
            offset: offset, message: "invalid character '\(character)' (U+\(code)) in pattern\(hint)",
            id: "pattern.invalid-character")
    }

    /// A `/*` comment without its `*/`.
    static func unterminatedComment(at offset: Int) -> PatternSyntaxError {
        PatternSyntaxError(
            offset: offset, message: "unterminated comment; close it with */", id: "pattern.unterminated-comment")
    }

    /// A quoted literal that runs to the end of the pattern.
    static func unterminatedString(at offset: Int) -> PatternSyntaxError {
        PatternSyntaxError(
            offset: offset,
            message: "unterminated string literal; close it with ' (write \\' for a quote inside the string)",
            id: "pattern.unterminated-string")
    }

    /// A backslash followed by anything but a backslash or a quote.
    static func badEscape(_ escape: String, at offset: Int) -> PatternSyntaxError {
        PatternSyntaxError(
            offset: offset,
            message: "invalid escape '\\\(escape)' in string literal; "
                + "STIX strings allow only \\\\ (backslash) and \\' (quote)",
            id: "pattern.bad-string-escape")
    }

    /// A number the grammar does not allow, or one too large to hold.
    static func badNumber(_ text: String, at offset: Int, _ reason: String) -> PatternSyntaxError {
        PatternSyntaxError(offset: offset, message: "invalid number '\(text)': \(reason)", id: "pattern.bad-number")
    }

    /// A `t'...'` literal that is not an RFC 3339 UTC timestamp.
    static func badTimestamp(_ reason: String, at offset: Int) -> PatternSyntaxError {
        PatternSyntaxError(offset: offset, message: "invalid timestamp: \(reason)", id: "pattern.bad-timestamp")
    }

    /// An `h'...'` literal that is not an even number of hex digits.
    static func badHex(_ reason: String, at offset: Int) -> PatternSyntaxError {
        PatternSyntaxError(offset: offset, message: "invalid hex literal: \(reason)", id: "pattern.bad-hex")
    }

    /// A `b'...'` literal that is not padded base64.
    static func badBinary(_ reason: String, at offset: Int) -> PatternSyntaxError {
        PatternSyntaxError(offset: offset, message: "invalid binary literal: \(reason)", id: "pattern.bad-binary")
    }

    /// `T'...'`, `H'...'` or `B'...'`: the prefixes are lower-case in the grammar.
    static func upperCaseLiteralPrefix(_ prefix: String, at offset: Int) -> PatternSyntaxError {
        PatternSyntaxError(
            offset: offset, message: "literal prefix '\(prefix)' must be lower-case: write \(prefix.lowercased())'...'",
            id: "pattern.unexpected-token")
    }
}

// MARK: - Grammar errors

extension PatternSyntaxError {
    /// The parser needed one thing and found another; `found` already describes the token.
    static func expected(_ expected: String, found: String, at offset: Int, hint: String? = nil) -> PatternSyntaxError {
        PatternSyntaxError(
            offset: offset, message: "expected \(expected), found \(found)" + (hint.map { "; \($0)" } ?? ""),
            id: "pattern.unexpected-token")
    }

    /// Input left over after a complete pattern.
    static func trailingInput(_ found: String, at offset: Int, hint: String? = nil) -> PatternSyntaxError {
        PatternSyntaxError(
            offset: offset,
            message: "unexpected \(found) after the end of the pattern; "
                + (hint ?? "join observation expressions with AND, OR or FOLLOWEDBY"),
            id: "pattern.trailing-input")
    }

    /// An object type that is neither a STIX 2.1 Cyber-observable type nor a well-formed custom type.
    static func unknownType(_ name: String, suggestion: String?, at offset: Int) -> PatternSyntaxError {
        let advice = suggestion.map { "did you mean '\($0)'?" }
            ?? "use a STIX 2.1 Cyber-observable type such as 'file' or 'network-traffic', "
            + "or a custom type starting with 'x-'"
        return PatternSyntaxError(
            offset: offset, message: "unknown object type '\(name)'; \(advice)", id: "pattern.unknown-type")
    }

    /// A custom `x-` type with characters STIX type names cannot have.
    static func badCustomType(_ name: String, at offset: Int) -> PatternSyntaxError {
        PatternSyntaxError(
            offset: offset,
            message: "custom object type '\(name)' must be 'x-' followed by lower-case letters, digits, "
                + "hyphens and underscores",
            id: "pattern.unknown-type")
    }

    /// An unquoted property name with a hyphen, which the grammar reserves for object types.
    static func hyphenInPropertyName(_ name: String, at offset: Int) -> PatternSyntaxError {
        PatternSyntaxError(
            offset: offset, message: "property name '\(name)' contains '-'; quote it: .'\(name)'",
            id: "pattern.bad-property-name")
    }

    /// A list index that is negative.
    static func negativeIndex(_ text: String, at offset: Int) -> PatternSyntaxError {
        PatternSyntaxError(
            offset: offset, message: "list index \(text) is negative; use an index from 0 or [*] for any element",
            id: "pattern.bad-index")
    }

    /// IN followed by anything but a parenthesised list.
    static func inNeedsList(found: String, at offset: Int) -> PatternSyntaxError {
        badOperand("IN needs a parenthesised list, e.g. IN ('a', 'b'); found \(found)", at: offset)
    }

    /// `=` or `!=` followed by a list.
    static func listForSingleValue(operator written: String, at offset: Int) -> PatternSyntaxError {
        badOperand("\(written) compares with one value; use IN ('a', 'b') to compare with a list", at: offset)
    }

    /// LIKE, MATCHES, ISSUBSET or ISSUPERSET followed by anything but a string.
    static func needsString(operator name: String, found: String, at offset: Int) -> PatternSyntaxError {
        badOperand("\(name) needs a string literal such as '%.aspx', found \(found)", at: offset)
    }

    /// `<`, `<=`, `>` or `>=` with a boolean, which has no order.
    static func orderedBoolean(operator written: String, at offset: Int) -> PatternSyntaxError {
        badOperand("\(written) cannot order booleans; compare them with = or !=", at: offset)
    }

    /// START or STOP followed by anything but a `t'...'` literal.
    static func needsTimestamp(after keyword: String, found: String, at offset: Int) -> PatternSyntaxError {
        badOperand("\(keyword) needs a timestamp literal such as t'2021-03-02T00:00:00Z', found \(found)", at: offset)
    }

    private static func badOperand(_ message: String, at offset: Int) -> PatternSyntaxError {
        PatternSyntaxError(offset: offset, message: message, id: "pattern.bad-operand")
    }

    /// WITHIN followed by anything but a non-negative number.
    static func withinNeedsSeconds(found: String, at offset: Int) -> PatternSyntaxError {
        badQualifier(
            "WITHIN needs a non-negative number of seconds, e.g. WITHIN 300 SECONDS; found \(found)", at: offset)
    }

    /// REPEATS followed by anything but a non-negative integer.
    static func repeatsNeedsCount(found: String, at offset: Int) -> PatternSyntaxError {
        badQualifier("REPEATS needs a non-negative whole number, e.g. REPEATS 5 TIMES; found \(found)", at: offset)
    }

    /// START/STOP whose window is empty, so the expression could never match.
    static func emptyWindow(start: Pattern.Timestamp, stop: Pattern.Timestamp, at offset: Int) -> PatternSyntaxError {
        badQualifier("STOP \(stop) is not after START \(start); the window would be empty", at: offset)
    }

    private static func badQualifier(_ message: String, at offset: Int) -> PatternSyntaxError {
        PatternSyntaxError(offset: offset, message: message, id: "pattern.bad-qualifier")
    }

    /// The same qualifier twice on one observation expression: which one applies would be a guess.
    static func duplicateQualifier(_ keyword: String, at offset: Int) -> PatternSyntaxError {
        PatternSyntaxError(
            offset: offset,
            message: "\(keyword) is already applied to this observation expression; "
                + "use parentheses to qualify a qualified expression",
            id: "pattern.duplicate-qualifier")
    }

    /// Parentheses or brackets nested beyond what any real pattern needs, which would exhaust the stack.
    static func tooDeep(limit: Int, at offset: Int) -> PatternSyntaxError {
        PatternSyntaxError(
            offset: offset, message: "pattern nests more than \(limit) levels of brackets and parentheses; simplify it",
            id: "pattern.too-deep")
    }
}
