import Testing

@testable import IndicatorEngine

/// MATCHES expressions: Python `re` syntax (the reference matcher's), searched in linear time.
@Suite struct RegularExpressionTests {
    @Test(arguments: [
        ("f.rst", "first\nsecond", true), ("t.s", "t\ns", false), ("(?s)t.s", "t\ns", true),
        ("line$", "a line\n", true), ("line\\Z", "a line\n", false), ("(?m)^second$", "first\nsecond\nthird", true),
        ("^second", "first\nsecond", false), ("\\Afirst", "first", true), ("[0-9]{3}-\\d+", "call 555-1234", true),
        ("^[^a-z]+$", "ABC", true), ("^[^a-z]+$", "AbC", false), ("\\bid\\b", "process id: 5", true),
        ("\\bproc\\b", "process", false), ("pro\\Bcess", "process", true), ("cat|dog", "hotdog", true),
        ("^(ab|cd)+e$", "abcdabe", true), ("^a{2,3}$", "aaaa", false), ("^a{,2}$", "", true), ("a{x}", "a{x}", true),
        ("colou?r", "color", true), ("(?i)[a-c]+X", "ABCx", true), ("(?i:ab)C", "ABc", false),
        ("(?x) a b  # spaced out", "ab", true), ("\\x41\\101", "AA", true), ("^\\w+\\s\\w+$", "caf\u{e9} \u{6f22}\u{5b57}", true),
        ("(?a)^\\w+$", "caf\u{e9}", false), ("caf\u{e9}", "cafe\u{301}", true), ("", "", true), ("[]a]", "]", true),
        ("[a-]", "-", true), ("[\\]]", "]", true), ("(?P<name>x)(?:y)(?#note)z", "xyz", true), ("a.*?b", "axxb", true),
        ("(?i)stra\u{df}e", "STRA\u{df}E", true),
    ])
    func matching(expression: String, value: String, matches: Bool) throws {
        #expect(try RegularExpression(expression).matches(value) == matches)
    }

    /// Python refuses these too; bulletin's messages follow Python's where it has one.
    @Test(arguments: [
        ("(a", 0, "missing ), unterminated subpattern"), ("a)", 1, "unbalanced parenthesis ')'"),
        ("*a", 0, "nothing to repeat"), ("^*", 1, "nothing to repeat"), ("a**", 2, "multiple repeat"),
        ("a{2}{3}", 4, "multiple repeat"), ("\\q", 0, "bad escape \\q"), ("[z-a]", 1, "bad character range"),
        ("[\\d-z]", 1, "bad character range"), ("[ab", 0, "unterminated character set"), ("a(?i)b", 1, "global flags not at the start of the expression"),
        ("a{3,2}", 1, "min repeat greater than max repeat"), ("\\x4", 0, "incomplete escape \\x"), ("(?Q)", 0, "unknown extension ?Q"),
        ("(?P<1>x)", 4, "bad character in group name '1'"), ("\\8", 0, "backreferences such as \\8 are not supported: MATCHES runs in linear time on scan data and cannot backtrack"),
    ])
    func refusedLikePython(expression: String, position: Int, reason: String) {
        #expect(throws: RegexSyntaxError(position: position, reason: reason)) { try RegularExpression(expression) }
    }

    /// What would need backtracking is refused with an explanation instead of being run slowly.
    @Test(arguments: ["(a)\\1", "(?P<x>a)(?P=x)", "a(?=b)", "a(?!b)", "(?<=a)b", "(?<!a)b", "(?>a+)b", "a*+b", "a++b", "(?(1)a|b)"])
    func backtrackingConstructsAreRefused(expression: String) {
        #expect(throws: RegexSyntaxError.self) { try RegularExpression(expression) }
    }

    @Test func escapesTheReferenceMatcherCannotCompileAreRefused() {
        #expect(throws: RegexSyntaxError.self) { try RegularExpression("\\u00e9") }
        #expect(throws: RegexSyntaxError.self) { try RegularExpression("(?u)x") }
    }

    @Test func programsAreBounded() {
        #expect(throws: RegexSyntaxError.self) { try RegularExpression("(a{100}){100}") }
        #expect(throws: RegexSyntaxError.self) { try RegularExpression("a{1000000}") }
        #expect(throws: Never.self) { try RegularExpression("[a-z]{1,1000}") }
    }

    /// Repetitions of what compiles to nothing append no state, so the instruction limit never
    /// stopped them: nested counts of an empty group looped 10^10 times and more.
    @Test(arguments: ["(?:(?:(?:){99999}){99999}){99999}", "((){99999}){99999}", "(?:(?:x{0}){99999}){99999}", "(?:(?:(?:){99999})a){4000}"])
    func repeatedNothingCompilesAtOnce(expression: String) throws {
        let clock = ContinuousClock()
        var regex: RegularExpression?
        let elapsed = try clock.measure { regex = try RegularExpression(expression) }
        #expect(elapsed < .seconds(1), "took \(elapsed)")
        #expect(regex?.matches("") == !expression.hasSuffix("a){4000}"))
        #expect(regex?.matches("b") == !expression.hasSuffix("a){4000}"), "matches the empty string anywhere")
    }

    @Test func repeatedNothingMatchesLikeTheEmptyString() throws {
        #expect(try RegularExpression("^(?:){3}$").matches(""))
        #expect(try !RegularExpression("^(?:){3}$").matches("x"))
        #expect(try RegularExpression("^a(?:b{0})*c$").matches("ac"))
        #expect(try !RegularExpression("^a(?:b{0})*c$").matches("abc"))
        #expect(try RegularExpression("(?:^){2}a").matches("ab"))
        #expect(try !RegularExpression("(?:^){2}a").matches("ba"), "a repeated assertion is still a test")
    }

    /// Each distinct character is a set of its own, found again by hash: looked up in a list,
    /// 4,900 distinct characters took 12 million comparisons.
    @Test func manyDistinctCharactersCompileInLinearTime() throws {
        let expression = String(String.UnicodeScalarView((0..<4_900).map { Unicode.Scalar(0x4E00 + $0)! }))
        let clock = ContinuousClock()
        var regex: RegularExpression?
        let elapsed = try clock.measure { regex = try RegularExpression(expression) }
        #expect(elapsed < .seconds(1), "took \(elapsed)")
        #expect(regex?.matches("x" + expression) == true)
        #expect(regex?.matches(String(expression.dropLast())) == false)
    }

    /// A one-character set tabulates only the character and its case variants; its ASCII answers
    /// are those of the general path, which tests all 128 (a repeated item takes that path).
    @Test func aLiteralKnowsItsASCIIMembersAsTheGeneralPathDoes() {
        let literals = (0..<0x100).map { Unicode.Scalar(UInt8($0)) } + ["\u{130}", "\u{17F}", "\u{212A}", "\u{212B}"]
        for literal in literals {
            for (negated, ignoreCase, ascii) in [(false, false, false), (false, true, false), (true, true, false), (true, false, false), (false, true, true), (true, true, true)] {
                let fast = RegexCharacterSet(items: [.scalar(literal)], negated: negated, ignoreCase: ignoreCase, ascii: ascii)
                let general = RegexCharacterSet(items: [.scalar(literal), .scalar(literal)], negated: negated, ignoreCase: ignoreCase, ascii: ascii)
                #expect(fast.asciiMembers == general.asciiMembers, "\(literal.escaped(asASCII: true)) negated \(negated) (?i) \(ignoreCase) (?a) \(ascii)")
            }
        }
    }

    /// The whole path, pattern to finding: a hostile log line cannot stall MATCHES.
    @Test func hostileLogLineThroughTheMatcher() throws {
        let line = String(repeating: "a", count: 10_000) + "!"
        let host = Fixture.host(.logLine(.init(log: "ECP/Server", text: line)), .logLine(.init(log: "ECP/Server", text: "aaaa")))
        let clock = ContinuousClock()
        var evidence: [Int] = []
        let elapsed = try clock.measure { evidence = try Fixture.evaluate("[x-log-line:text MATCHES '(a+)+$']", host).evidence }
        #expect(evidence == [1])
        #expect(elapsed < .seconds(5), "took \(elapsed)")
    }

    /// The classic catastrophic-backtracking shapes run in time linear in the value.
    @Test(arguments: ["(a+)+$", "(a|a)*b", "(a*)*b", "(.*a){12}x", "^(\\w+\\s?)*$", "(x+x+)+y"])
    func hostileValuesCannotStallMatching(expression: String) throws {
        let regex = try RegularExpression(expression)
        let value = String(repeating: "a", count: 10_000) + "!"
        let clock = ContinuousClock()
        var matched = true
        let elapsed = clock.measure { matched = regex.matches(value) }
        #expect(matched == false)
        #expect(elapsed < .seconds(5), "took \(elapsed)")
    }
}
