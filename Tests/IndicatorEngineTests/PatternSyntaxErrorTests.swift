import Testing

@testable import IndicatorEngine

/// Every way a pattern can be wrong, compared as whole errors: offset, message and ID.
@Suite struct PatternSyntaxErrorTests {
    /// One bad pattern and the error it must produce.
    struct Case: CustomTestStringConvertible, Sendable {
        var pattern: String
        var offset: Int
        var id: String
        var message: String
        var testDescription: String { pattern }

        init(_ pattern: String, _ offset: Int, _ id: String, _ message: String) {
            self.pattern = pattern
            self.offset = offset
            self.id = id
            self.message = message
        }
    }

    static let structure: [Case] = [
        Case("", 0, "pattern.empty", "pattern is empty; write at least one observation expression, e.g. [file:name = 'x.aspx']"),
        Case("  \n /* nothing */ ", 0, "pattern.empty", "pattern is empty; write at least one observation expression, e.g. [file:name = 'x.aspx']"),
        Case("[file:name = 'a'", 16, "pattern.unexpected-token", "expected ']' to close the observation expression, found end of pattern"),
        Case("[file:name = 'a' = 'b']", 17, "pattern.unexpected-token", "expected ']' to close the observation expression, found '='"),
        Case("([file:name = 'a']", 18, "pattern.unexpected-token", "expected ')' to close the parenthesised observation expressions, found end of pattern"),
        Case("[(file:name = 'a']", 17, "pattern.unexpected-token", "expected ')' to close the parenthesised comparisons, found ']'"),
        Case("[file:name = 'a'] trailing", 18, "pattern.trailing-input", "unexpected 'trailing' after the end of the pattern; join observation expressions with AND, OR or FOLLOWEDBY"),
        Case("[file:name = 'a'] [file:name = 'b']", 18, "pattern.trailing-input", "unexpected '[' after the end of the pattern; join observation expressions with AND, OR or FOLLOWEDBY"),
        Case("[file:name = 'a'] and [file:name = 'b']", 18, "pattern.trailing-input", "unexpected 'and' after the end of the pattern; keywords are upper-case: AND"),
        Case("[file:name = 'a'] AND", 21, "pattern.unexpected-token", "expected an observation expression such as [file:name = 'x.aspx'], found end of pattern"),
        Case("file:name = 'a'", 0, "pattern.unexpected-token", "expected an observation expression such as [file:name = 'x.aspx'], found 'file'"),
        Case("[]", 1, "pattern.unexpected-token", "expected a comparison such as file:name = 'x.aspx', found ']'"),
        Case("[file:name = 'a' AND]", 20, "pattern.unexpected-token", "expected a comparison such as file:name = 'x.aspx', found ']'"),
        Case("[file:name like 'a%']", 11, "pattern.unexpected-token", "expected a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET), found 'like'; keywords are upper-case: LIKE"),
        Case("[file:name]", 10, "pattern.unexpected-token", "expected a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET), found ']'"),
        Case("[file:name EXISTS]", 11, "pattern.unexpected-token", "expected a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET), found 'EXISTS'; EXISTS goes before the object path: EXISTS file:name"),
        Case("[NOT file:name = 'a']", 5, "pattern.unexpected-token", "expected EXISTS after NOT, found 'file'; NOT goes after the object path: file:name NOT = 'x'"),
        Case("[file:name NOT NOT = 'a']", 15, "pattern.unexpected-token", "expected a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET), found 'NOT'"),
        Case("[file = 'a']", 6, "pattern.unexpected-token", "expected ':' after the object type 'file', found '='"),
        Case("[file: = 'a']", 7, "pattern.unexpected-token", "expected a property name or a quoted key such as 'SHA-256', found '='"),
        Case("[file:IN = 'a']", 6, "pattern.unexpected-token", "expected a property name, found 'IN'; quote a key that is a reserved word: 'IN'"),
        Case("[file:x[a] = 'a']", 8, "pattern.unexpected-token", "expected a list index such as 0, or '*' for any element, found 'a'"),
        Case("[file:x[0 = 'a']", 10, "pattern.unexpected-token", "expected ']' after the list index, found '='"),
        Case("[file:name = TRUE]", 13, "pattern.unexpected-token", "expected a literal, found 'TRUE'; booleans are lower-case: true, false"),
        Case("[file:name = abc]", 13, "pattern.unexpected-token", "expected a literal, found 'abc'; strings are written in single quotes: 'text'"),
        Case("[file:name IN ('a',)]", 19, "pattern.unexpected-token", "expected a literal, found ')'; strings are written in single quotes: 'text'"),
        Case("[file:name = 'a'\n'b']", 17, "pattern.unexpected-token", "expected ']' to close the observation expression, found string 'b'"),
        Case("[file:name = 'a' 'multi\nline string that goes on and on and on']", 17, "pattern.unexpected-token", "expected ']' to close the observation expression, found string 'multi line string that goes on and o..."),
        Case("[file:name IN ('a' 'b')]", 19, "pattern.unexpected-token", "expected ',' or ')' in the IN list, found string 'b'"),
        Case("[file:name = 'a'] START t'2021-01-01T00:00:00Z' t'2021-01-02T00:00:00Z'", 48, "pattern.unexpected-token", "expected STOP after the START timestamp, found 't'2021-01-02T00:00:00Z''"),
        Case("[file:name = 'a'] WITHIN 5 MINUTES", 27, "pattern.unexpected-token", "expected SECONDS after 'WITHIN 5', found 'MINUTES'"),
        Case("[file:name = 'a'] REPEATS 5", 27, "pattern.unexpected-token", "expected TIMES after 'REPEATS 5', found end of pattern"),
    ]

    static let semantics: [Case] = [
        Case("[fle:name = 'a']", 1, "pattern.unknown-type", "unknown object type 'fle'; did you mean 'file'?"),
        Case("[File:name = 'a']", 1, "pattern.unknown-type", "unknown object type 'File'; did you mean 'file'?"),
        Case("[ipv4-address:value = '1.2.3.4']", 1, "pattern.unknown-type", "unknown object type 'ipv4-address'; did you mean 'ipv4-addr'?"),
        Case("[domain:value = 'a']", 1, "pattern.unknown-type", "unknown object type 'domain'; did you mean 'domain-name'?"),
        Case("[log-line:text = 'a']", 1, "pattern.unknown-type", "unknown object type 'log-line'; use a STIX 2.1 Cyber-observable type such as 'file' or 'network-traffic', or a custom type starting with 'x-'"),
        Case("[x-Log:text = 'a']", 1, "pattern.unknown-type", "custom object type 'x-Log' must be 'x-' followed by lower-case letters, digits, hyphens and underscores"),
        Case("[file:name = 'a' AND fle:size = 1]", 21, "pattern.unknown-type", "unknown object type 'fle'; did you mean 'file'?"),
        Case("[file:parent-directory = 'a']", 6, "pattern.bad-property-name", "property name 'parent-directory' contains '-'; quote it: .'parent-directory'"),
        Case("[file:hashes.SHA-256 = 'a']", 13, "pattern.bad-property-name", "property name 'SHA-256' contains '-'; quote it: .'SHA-256'"),
        Case("[file:x[-1] = 'a']", 8, "pattern.bad-index", "list index -1 is negative; use an index from 0 or [*] for any element"),
        Case("[file:name LIKE 5]", 16, "pattern.bad-operand", "LIKE needs a string literal such as '%.aspx', found '5'"),
        Case("[file:name MATCHES h'00']", 19, "pattern.bad-operand", "MATCHES needs a string literal such as '%.aspx', found 'h'00''"),
        Case("[file:name IN 'a']", 14, "pattern.bad-operand", "IN needs a parenthesised list, e.g. IN ('a', 'b'); found string 'a'"),
        Case("[file:name = ('a')]", 13, "pattern.bad-operand", "= compares with one value; use IN ('a', 'b') to compare with a list"),
        Case("[file:name >= true]", 14, "pattern.bad-operand", ">= cannot order booleans; compare them with = or !="),
        Case("[file:name = 'a'] START '2021-01-01T00:00:00Z' STOP '2021-01-02T00:00:00Z'", 24, "pattern.bad-operand", "START needs a timestamp literal such as t'2021-03-02T00:00:00Z', found string '2021-01-01T00:00:00Z'"),
        Case("[file:name = 'a'] START t'2021-01-02T00:00:00Z' STOP t'2021-01-01T00:00:00Z'", 53, "pattern.bad-qualifier", "STOP 2021-01-01T00:00:00Z is not after START 2021-01-02T00:00:00Z; the window would be empty"),
        Case("[file:name = 'a'] WITHIN -5 SECONDS", 25, "pattern.bad-qualifier", "WITHIN needs a non-negative number of seconds, e.g. WITHIN 300 SECONDS; found '-5'"),
        Case("[file:name = 'a'] REPEATS 2.5 TIMES", 26, "pattern.bad-qualifier", "REPEATS needs a non-negative whole number, e.g. REPEATS 5 TIMES; found '2.5'"),
        Case("[file:name = 'a'] WITHIN 5 SECONDS WITHIN 6 SECONDS", 35, "pattern.duplicate-qualifier", "WITHIN is already applied to this observation expression; use parentheses to qualify a qualified expression"),
        Case("[file:name = 'a'] REPEATS 2 TIMES WITHIN 5 SECONDS REPEATS 3 TIMES", 51, "pattern.duplicate-qualifier", "REPEATS is already applied to this observation expression; use parentheses to qualify a qualified expression"),
    ]

    @Test(arguments: structure + semantics)
    func reportsTheFirstProblemWhereItIs(_ bad: Case) {
        #expect(throws: PatternSyntaxError(offset: bad.offset, message: bad.message, id: bad.id)) {
            try PatternParser.parse(bad.pattern)
        }
    }

    @Test func problemsAreReportedInTextOrder() {
        // The unknown type comes first, so it wins over the bad escape after it.
        #expect(throws: PatternSyntaxError(offset: 1, message: "unknown object type 'fle'; did you mean 'file'?", id: "pattern.unknown-type")) {
            try PatternParser.parse(#"[fle:name = 'a\n']"#)
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 101) + "[file:a = 1]" + String(repeating: ")", count: 101)
        #expect(throws: PatternSyntaxError(offset: 100, message: "pattern nests more than 100 levels of brackets and parentheses; simplify it", id: "pattern.too-deep")) {
            try PatternParser.parse(deep)
        }
        let deepEnough = String(repeating: "(", count: 99) + "[file:a = 1]" + String(repeating: ")", count: 99)
        #expect(throws: Never.self) { try PatternParser.parse(deepEnough) }
    }

    @Test func describesItselfWithOffsetAndID() {
        let error = PatternSyntaxError(offset: 3, message: "unknown object type 'fle'; did you mean 'file'?", id: "pattern.unknown-type")
        #expect(error.description == "offset 3: unknown object type 'fle'; did you mean 'file'? [pattern.unknown-type]")
    }
}
