import Testing

@testable import IndicatorEngine

/// Tokens and literals: what each spelling means, and the exact error for each malformed one.
@Suite struct PatternLexerTests {
    /// All tokens of `text`, without the final `.end`.
    private func tokens(_ text: String) throws(PatternSyntaxError) -> [PatternToken] {
        var lexer = PatternLexer(text)
        var result: [PatternToken] = []
        while true {
            let token = try lexer.next()
            if token.kind == .end { return result }
            result.append(token)
        }
    }

    /// The single literal `text` lexes to.
    private func literal(_ text: String) throws -> Pattern.Literal.Value {
        let all = try tokens(text)
        guard all.count == 1, case .literal(let value) = all[0].kind else { throw UnexpectedPatternShape.error }
        return value
    }

    @Test(arguments: [
        ("'plain'", Pattern.Literal.Value.string("plain")),
        ("''", .string("")),
        (#"'it\'s'"#, .string("it's")),
        (#"'C:\\inetpub'"#, .string(#"C:\inetpub"#)),
        (#"'\\\\'"#, .string(#"\\"#)),
        ("'line\nbreak'", .string("line\nbreak")),
        ("'ünïcödé ✓'", .string("ünïcödé ✓")),
        ("0", .integer(0)),
        ("-0", .integer(0)),
        ("42", .integer(42)),
        ("+42", .integer(42)),
        ("-9223372036854775808", .integer(Int.min)),
        ("1.5", .float(1.5)),
        (".5", .float(0.5)),
        ("-.5", .float(-0.5)),
        ("+0.25", .float(0.25)),
        ("007.5", .float(7.5)),
        ("true", .boolean(true)),
        ("false", .boolean(false)),
        ("h''", .hex([])),
        ("h'00fF7a'", .hex([0x00, 0xFF, 0x7A])),
        ("b'AAEC'", .binary([0, 1, 2])),
        ("b'AAE='", .binary([0, 1])),
        ("b'AA=='", .binary([0])),
        ("b'+/+/'", .binary([0xFB, 0xFF, 0xBF])),
        ("t'2021-03-02T14:05:00Z'", .timestamp(.init(year: 2021, month: 3, day: 2, hour: 14, minute: 5, second: 0))),
        ("t'2020-02-29T23:59:60.250Z'", .timestamp(.init(year: 2020, month: 2, day: 29, hour: 23, minute: 59, second: 60, fraction: "25"))),
        ("t'2000-02-29T00:00:00Z'", .timestamp(.init(year: 2000, month: 2, day: 29, hour: 0, minute: 0, second: 0))),
    ])
    func literals(text: String, value: Pattern.Literal.Value) throws {
        #expect(try literal(text) == value)
    }

    @Test func punctuationOperatorsAndKeywords() throws {
        let kinds = try tokens("[ ] ( ) : . , * = == != <> < <= > >= AND NOT FOLLOWEDBY LAST and x-log-line _x9").map(\.kind)
        #expect(kinds == [
            .leftBracket, .rightBracket, .leftParen, .rightParen, .colon, .dot, .comma, .asterisk,
            .comparison(.equal), .comparison(.equal), .comparison(.notEqual), .comparison(.notEqual),
            .comparison(.less), .comparison(.lessOrEqual), .comparison(.greater), .comparison(.greaterOrEqual),
            .keyword(.and), .keyword(.not), .keyword(.followedBy), .keyword(.last),
            .identifier("and"), .identifier("x-log-line"), .identifier("_x9"),
        ])
    }

    @Test func whitespaceAndCommentsSeparateTokens() throws {
        let text = "[\u{00A0}file\u{2003}:/* a comment */name\t=\r\n'x' // to end of line\n]\u{3000}"
        let tokens = try tokens(text)
        #expect(tokens.map(\.kind) == [
            .leftBracket, .identifier("file"), .colon, .identifier("name"), .comparison(.equal),
            .literal(.string("x")), .rightBracket,
        ])
        // Offsets count UTF-8 bytes: the no-break space is 2 bytes and the em space 3.
        #expect(tokens.map(\.range.lowerBound) == [0, 3, 10, 26, 31, 34, 56])
    }

    @Test func tokenRangesCoverWholeLiterals() throws {
        let ranges = try tokens("'a\\'b' t'2021-03-02T00:00:00Z' h'00' -1.5").map(\.range)
        #expect(ranges == [0..<6, 7..<30, 31..<36, 37..<41])
    }

    /// A lexical problem and the error it must produce.
    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var offset: Int
        var id: String
        var message: String
        var testDescription: String { text }

        init(_ text: String, _ offset: Int, _ id: String, _ message: String) {
            (self.text, self.offset, self.id, self.message) = (text, offset, id, message)
        }
    }

    static let badTokens: [Case] = [
        Case("x 'abc", 2, "pattern.unterminated-string", #"unterminated string literal; close it with ' (write \' for a quote inside the string)"#),
        Case(#"'abc\'"#, 0, "pattern.unterminated-string", #"unterminated string literal; close it with ' (write \' for a quote inside the string)"#),
        Case(#"'C:\inetpub'"#, 3, "pattern.bad-string-escape", #"invalid escape '\i' in string literal; STIX strings allow only \\ (backslash) and \' (quote)"#),
        Case(#"'a\n'"#, 2, "pattern.bad-string-escape", #"invalid escape '\n' in string literal; STIX strings allow only \\ (backslash) and \' (quote)"#),
        Case(#"'a\é'"#, 2, "pattern.bad-string-escape", #"invalid escape '\é' in string literal; STIX strings allow only \\ (backslash) and \' (quote)"#),
        Case("\"a\"", 0, "pattern.invalid-character", "invalid character '\"' (U+0022) in pattern; STIX strings are written in single quotes: 'text'"),
        Case("\u{2019}a\u{2019}", 0, "pattern.invalid-character", "invalid character '\u{2019}' (U+2019) in pattern; use a straight quote ' for strings"),
        Case("a & b", 2, "pattern.invalid-character", "invalid character '&' (U+0026) in pattern"),
        Case("é", 0, "pattern.invalid-character", "invalid character 'é' (U+00E9) in pattern"),
        Case("- 1", 0, "pattern.invalid-character", "invalid character '-' (U+002D) in pattern"),
        Case("a /* b", 2, "pattern.unterminated-comment", "unterminated comment; close it with */"),
        Case("05", 0, "pattern.bad-number", "invalid number '05': integers have no leading zeros"),
        Case("-00", 0, "pattern.bad-number", "invalid number '-00': integers have no leading zeros"),
        Case("1.", 0, "pattern.bad-number", "invalid number '1.': write at least one digit after the decimal point, e.g. 1.0"),
        Case("1e5", 0, "pattern.bad-number", "invalid number '1e5': numbers are decimal with an optional fraction and no exponent, e.g. 42, -7 or 0.5"),
        Case("1.5.3", 0, "pattern.bad-number", "invalid number '1.5.3': numbers are decimal with an optional fraction and no exponent, e.g. 42, -7 or 0.5"),
        Case("9223372036854775808", 0, "pattern.bad-number", "invalid number '9223372036854775808': it does not fit in a 64-bit integer"),
        Case("h'0a1'", 0, "pattern.bad-hex", "invalid hex literal: odd number of digits (3); write two hex digits per byte"),
        Case("h'0g'", 3, "pattern.bad-hex", "invalid hex literal: 'g' is not a hex digit; use 0-9 and a-f"),
        Case("h'00", 0, "pattern.unterminated-string", #"unterminated string literal; close it with ' (write \' for a quote inside the string)"#),
        Case("b''", 0, "pattern.bad-binary", "invalid binary literal: b'' is empty; write base64 data such as b'AAEC'"),
        Case("b'AAA'", 0, "pattern.bad-binary", "invalid binary literal: base64 length must be a multiple of 4, padded with '='"),
        Case("b'A==='", 0, "pattern.bad-binary", "invalid binary literal: base64 length must be a multiple of 4, padded with '='"),
        Case("b'AA=A'", 4, "pattern.bad-binary", "invalid binary literal: '=' may only pad the end of base64 data"),
        Case("b'AA-_'", 4, "pattern.bad-binary", "invalid binary literal: '-' is not a base64 character; use A-Z, a-z, 0-9, + and /"),
        Case("H'00'", 0, "pattern.unexpected-token", "literal prefix 'H' must be lower-case: write h'...'"),
        Case("T'2021-03-02T00:00:00Z'", 0, "pattern.unexpected-token", "literal prefix 'T' must be lower-case: write t'...'"),
    ]

    static let badTimestamps: [Case] = [
        Case("t'2021-13-01T00:00:00Z'", 7, "pattern.bad-timestamp", "invalid timestamp: month 13 is not 01-12"),
        Case("t'2021-02-29T00:00:00Z'", 10, "pattern.bad-timestamp", "invalid timestamp: day 29 is not in 01-28 for month 2 of 2021"),
        Case("t'1900-02-29T00:00:00Z'", 10, "pattern.bad-timestamp", "invalid timestamp: day 29 is not in 01-28 for month 2 of 1900"),
        Case("t'2021-04-31T00:00:00Z'", 10, "pattern.bad-timestamp", "invalid timestamp: day 31 is not in 01-30 for month 4 of 2021"),
        Case("t'2021-03-00T00:00:00Z'", 10, "pattern.bad-timestamp", "invalid timestamp: day 0 is not in 01-31 for month 3 of 2021"),
        Case("t'2021-03-02T24:00:00Z'", 13, "pattern.bad-timestamp", "invalid timestamp: hour 24 is not 00-23"),
        Case("t'2021-03-02T00:60:00Z'", 16, "pattern.bad-timestamp", "invalid timestamp: minute 60 is not 00-59"),
        Case("t'2021-03-02T00:00:61Z'", 19, "pattern.bad-timestamp", "invalid timestamp: second 61 is not 00-60"),
        Case("t'2021-03-02t00:00:00Z'", 12, "pattern.bad-timestamp", "invalid timestamp: 'T' must be upper-case"),
        Case("t'2021-03-02T00:00:00z'", 21, "pattern.bad-timestamp", "invalid timestamp: 'Z' must be upper-case"),
        Case("t'2021-03-02T00:00:00+01:00'", 21, "pattern.bad-timestamp", "invalid timestamp: STIX timestamps are in UTC; end with 'Z' instead of an offset"),
        Case("t'2021-03-02T00:00:00'", 21, "pattern.bad-timestamp", "invalid timestamp: expected 'Z' (UTC) after the seconds; write t'YYYY-MM-DDTHH:MM:SSZ' in UTC, e.g. t'2021-03-02T14:05:00Z'"),
        Case("t'2021-03-02 00:00:00Z'", 12, "pattern.bad-timestamp", "invalid timestamp: expected 'T' between date and time; write t'YYYY-MM-DDTHH:MM:SSZ' in UTC, e.g. t'2021-03-02T14:05:00Z'"),
        Case("t'2021-3-02T00:00:00Z'", 8, "pattern.bad-timestamp", "invalid timestamp: expected 2 digits of the month; write t'YYYY-MM-DDTHH:MM:SSZ' in UTC, e.g. t'2021-03-02T14:05:00Z'"),
        Case("t'2021-03-02'", 12, "pattern.bad-timestamp", "invalid timestamp: expected 'T' between date and time; write t'YYYY-MM-DDTHH:MM:SSZ' in UTC, e.g. t'2021-03-02T14:05:00Z'"),
        Case("t'2021-03-02T00:00:00.Z'", 22, "pattern.bad-timestamp", "invalid timestamp: expected digits after '.' in the seconds"),
        Case("t'2021-03-02T00:00:00ZZ'", 22, "pattern.bad-timestamp", "invalid timestamp: unexpected text after 'Z'; write t'YYYY-MM-DDTHH:MM:SSZ' in UTC, e.g. t'2021-03-02T14:05:00Z'"),
        Case("t''", 2, "pattern.bad-timestamp", "invalid timestamp: expected 4 digits of the year; write t'YYYY-MM-DDTHH:MM:SSZ' in UTC, e.g. t'2021-03-02T14:05:00Z'"),
    ]

    @Test(arguments: badTokens + badTimestamps)
    func malformedTokens(_ bad: Case) {
        #expect(throws: PatternSyntaxError(offset: bad.offset, message: bad.message, id: bad.id)) {
            _ = try tokens(bad.text)
        }
    }

    @Test func timestampsOrderChronologicallyAndIgnoreTrailingZeros() {
        let whole = Pattern.Timestamp(year: 2021, month: 3, day: 2, hour: 0, minute: 0, second: 5)
        let half = Pattern.Timestamp(year: 2021, month: 3, day: 2, hour: 0, minute: 0, second: 5, fraction: "50")
        let nextDay = Pattern.Timestamp(year: 2021, month: 3, day: 3, hour: 0, minute: 0, second: 0)
        #expect(half == Pattern.Timestamp(year: 2021, month: 3, day: 2, hour: 0, minute: 0, second: 5, fraction: "5"))
        #expect(whole < half && half < nextDay)
        #expect(Pattern.Timestamp(year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0, fraction: "05")
            < Pattern.Timestamp(year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0, fraction: "1"))
        #expect(half.description == "2021-03-02T00:00:05.5Z")
    }
}
