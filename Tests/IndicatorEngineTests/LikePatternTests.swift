import Testing

@testable import IndicatorEngine

/// LIKE: `%` any run of characters, `_` exactly one, the whole value, case-sensitive, with SQL's
/// meaning (a line break is a character like any other).
@Suite struct LikePatternTests {
    @Test(arguments: [
        ("%", "", true), ("%", "anything", true), ("", "", true), ("", "x", false), ("abc", "abc", true), ("abc", "abcd", false),
        ("ab%", "abc", true), ("%bc", "abc", true), ("%b%", "abc", true), ("a_c", "abc", true), ("a_c", "ac", false),
        ("a__", "abc", true), ("___", "ab", false), ("%ab%ab%", "aab-xab-", true), ("%ab%ab", "abab-ab", true),
        ("%a%b%c%", "xxaxxbxxc", true), ("%a%b%c%", "cba", false), ("a.b*c", "a.b*c", true), ("a.b*c", "axbbc", false),
        ("ABC", "abc", false), ("caf_", "caf\u{e9}", true), ("cafe\u{301}", "caf\u{e9}", true), ("first%line", "first\nline", true),
        ("x_y", "x\ny", true), ("C:\\%.aspx", "C:\\inetpub\\x.aspx", true), ("%%%%x", "x", true),
    ])
    func matching(pattern: String, value: String, matches: Bool) {
        #expect(LikePattern(pattern).matches(value) == matches)
    }

    @Test func longValuesStayLinearEnough() {
        let value = String(repeating: "a", count: 20_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure { #expect(LikePattern("%a%a%a%b").matches(value) == false) }
        #expect(elapsed < .seconds(5))
    }
}
