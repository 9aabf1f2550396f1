import ScanSynthesis
import Testing

@testable import ReportRendering

/// Escaping of untrusted text for the two output languages.
@Suite struct TextEscapingTests {
    @Test(arguments: [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("\" onmouseover='x'", "&quot; onmouseover=&#39;x&#39;"),
        ("a & b", "a &amp; b"),
        ("C:\\inetpub\\wwwroot", "C:\\inetpub\\wwwroot"),
        ("evil\u{202E}txt.aspx", "evil[U+202E]txt.aspx"),
        ("zero\u{200B}width", "zero[U+200B]width"),
        ("bell\u{07}", "bell[U+0007]"),
    ])
    func html(_ input: String, _ expected: String) {
        #expect(TextEscaping.html(input) == expected)
    }

    @Test(arguments: [
        ("15.2.792.3", "15.2.792.3"),
        ("mail01.example.org", "mail01.example.org"),
        ("[click](https://evil.example)", "\\[click\\](https\\://evil.example)"),
        ("![img](x)", "!\\[img\\](x)"),
        ("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)\\>"),
        ("www.evil.example", "www\\.evil.example"),
        ("@admin please", "@\u{200B}admin please"),
        ("see #42", "see #\u{200B}42"),
        ("a | b", "a \\| b"),
        ("`code`", "\\`code\\`"),
        ("*bold* _it_ ~~del~~", "\\*bold\\* \\_it\\_ \\~\\~del\\~\\~"),
        ("C:\\inetpub\\x.aspx", "C:\\\\inetpub\\\\x.aspx"),
        ("line\nbreak", "line break"),
        ("- item", "\\- item"),
        ("1. item", "1\\. item"),
        ("# heading", "\\# heading"),
        ("&lt;", "\\&lt;"),
        ("$x$", "\\$x\\$"),
        ("evil\u{202E}txt", "evil\\[U+202E\\]txt"),
        ("\n# Fake heading\n- item", "\\# Fake heading - item"),
        ("   1. step", "1\\. step"),
        ("\t- item", "\\- item"),
        ("hard break  ", "hard break"),
        ("   ", ""),
    ])
    func markdown(_ input: String, _ expected: String) {
        #expect(TextEscaping.markdown(input) == expected)
    }

    /// Pieces that exercise every rule: inline syntax, autolinks, mentions, block starts, line
    /// breaks, spaces, invisible and reordering characters, letters and digits of other scripts,
    /// multi-byte characters next to the ASCII the rules look at.
    static let pieces = [
        "a", "Z", "0", "9", " ", "  ", "\n", "\r", "\t", "\u{07}", "\u{7F}", "\u{00}", "-", "+", "=", "#", "@", ".", ":", "/", "//", "_",
        "\\", "`", "*", "~", "[", "]", "<", ">", "|", "&", "$", "\"", "'", "www", "WwW", "1.", "12)", "1234567890.", "é", "ß", "Ж",
        "٣", "漢", "😀", "\u{202E}", "\u{200B}", "\u{2028}", "\u{FEFF}", "\u{E000}", "\u{0301}", "K", "İ", "ｗ",
    ]

    /// The byte-level escapers give what the scalar-by-scalar definition gives, on many random
    /// compositions of the tricky pieces (seeded, so a failure reproduces).
    @Test func byteLevelEscapingMatchesTheDefinition() {
        var generator = SplitMix64(seed: 20_210_302)
        for _ in 0..<20_000 {
            let count = generator.below(8) + 1
            let text = (0..<count).map { _ in Self.pieces[generator.below(Self.pieces.count)] }.joined()
            #expect(TextEscaping.markdown(text) == ReferenceEscaping.markdown(text), "markdown of \(text.debugDescription)")
            #expect(TextEscaping.html(text) == ReferenceEscaping.html(text), "html of \(text.debugDescription)")
        }
    }

    /// Escaping straight into a page's bytes gives the same text as the string escapers, whatever
    /// the page holds before it (the Markdown escaper trims and checks the start of its own value
    /// only).
    @Test func escapingIntoBytesMatchesTheDefinition() {
        var generator = SplitMix64(seed: 20_210_316)
        for _ in 0..<5_000 {
            let text = (0..<(generator.below(8) + 1)).map { _ in Self.pieces[generator.below(Self.pieces.count)] }.joined()
            let before = Self.pieces[generator.below(Self.pieces.count)]
            var page = Array(before.utf8)
            TextEscaping.appendMarkdown(text, to: &page)
            #expect(page == Array((before + ReferenceEscaping.markdown(text)).utf8), "markdown of \(text.debugDescription)")
            page = Array(before.utf8)
            TextEscaping.appendHTML(text, to: &page)
            #expect(page == Array((before + ReferenceEscaping.html(text)).utf8), "html of \(text.debugDescription)")
            for inTable in [false, true] {
                #expect(
                    TextEscaping.markdownCodeSpan(text, inTable: inTable) == ReferenceEscaping.markdownCodeSpan(text, inTable: inTable),
                    "code span of \(text.debugDescription)")
            }
        }
    }
}
