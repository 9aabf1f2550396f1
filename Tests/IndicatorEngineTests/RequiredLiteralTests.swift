import Testing

@testable import IndicatorEngine

/// Which literal every match of a LIKE or MATCHES operand must contain, or none when that cannot
/// be known for sure. A needle shown here must be in every value the operand matches.
@Suite struct RequiredLiteralTests {
    @Test(arguments: [
        ("%.aspx", ".aspx", false),
        ("ServerInfo~%/%", "ServerInfo~", true),
        ("C:\\inetpub\\wwwroot\\aspnet_client%", "C:\\inetpub\\wwwroot\\aspnet", true),
        ("a_cdef%gh", "cdef", false),
        ("ab_cd", "ab", true),
        ("abc", "abc", true),
        ("caf\u{E9}-bar%", "-bar", false),
        ("%\u{212A}elvin%", "elvin", false),
    ])
    func like(operand: String, needle: String, atStart: Bool) {
        #expect(RequiredLiteral.like(operand) == LiteralNeedle(bytes: Array(needle.utf8), caseInsensitive: false, atStart: atStart))
    }

    @Test(arguments: ["%", "%%_%", "_", "\u{E9}%", ""])
    func likeWithoutLiteral(operand: String) {
        #expect(RequiredLiteral.like(operand) == nil)
    }

    @Test(arguments: [
        ("python-requests", "python-requests", false),
        ("(?i)^[a-z]:\\\\inetpub\\\\wwwroot\\\\aspnet_client\\\\.*\\.aspx$", ":\\inetpub\\wwwroot\\aspnet_client\\", true),
        ("(?s)(?i)abc", "abc", true),
        ("ab+cdef", "cdef", false),
        ("abcd?e", "abc", false),
        ("x{2,3}yz", "yz", false),
        ("xy{2}", "x", false),
        ("a{foo}", "foo", false),
        ("(?:a|b)cd(ef)*gh", "cd", false),
        ("[]x]ab", "ab", false),
        ("[^a-z\\]]bc", "bc", false),
        ("\\d+\\.exe$", ".exe", false),
        ("\\bcmd\\.exe", "cmd.exe", false),
        ("(?P<name>x)yz", "yz", false),
    ])
    func regex(source: String, needle: String, caseInsensitive: Bool) {
        #expect(RequiredLiteral.regex(source) == LiteralNeedle(bytes: Array(needle.utf8), caseInsensitive: caseInsensitive, atStart: false))
    }

    /// Alternation, other escapes, inline flags after the start, verbose mode, comments, quoting,
    /// POSIX classes, verbs, unbalanced groups: each read differently by some dialect, or making
    /// what looks literal optional.
    @Test(arguments: [
        "cmd|powershell", "ab\\x41cd", "ab\\ncd", "ab\\1cd", "abc(?i)def", "(?x) a b c", "ab(?#c)d", "\\Qa|b\\E",
        "[[:alpha:]]abc", "(*UTF)abc", "abc)", "(abc", "[abc", "ab(c(?i)d)e", "\\", "(?-i)abc", ".*", "",
    ])
    func regexWithoutLiteral(source: String) {
        #expect(RequiredLiteral.regex(source) == nil)
    }
}
