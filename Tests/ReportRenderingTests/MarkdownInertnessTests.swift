import Foundation
import Testing

@testable import ReportRendering

/// Escaped text rendered by cmark-gfm, the renderer GitHub and GitLab build on, must come out as
/// the same characters and nothing else: no element but the paragraph around it.
@Suite struct MarkdownInertnessTests {
    static let hostile = [
        "[link](https://evil.example/)", "![image](https://evil.example/x.png)", "<a href=x>html</a>",
        "<!-- comment -->", "https://evil.example/path", "www.evil.example", "ops@evil.example", "@channel",
        "``` fenced", "`` backticks ``", "| cell | break |", "<https://evil.example>", "[ref]: https://evil.example",
        "*emphasis* and __strong__", "~~strike~~", "# heading", "> quote", "- list", "1. ordered", "---",
        "&#x3C;script&#x3E;", "javascript:alert(1)", "[x][ref]\n\n[ref]: https://e.example", "\\[escaped\\]",
        "line one\n# line two", "$$math$$", "<script>alert(1)</script>", "data:text/html;base64,PHNjcmlwdD4=",
        "\n# heading after a line break", "  1. indented step", "\t> indented quote", "ends with a hard break  ",
    ]

    @Test(arguments: hostile)
    func escapedTextInsideAParagraphRendersAsOnlyText(_ text: String) throws {
        let html = try Self.cmarkGFM("Before " + TextEscaping.markdown(text) + " after.\n")
        #expect(Self.tags(html) == ["p"], "\(text) rendered as \(html)")
    }

    @Test(arguments: hostile)
    func escapedTextAtTheStartOfALineRendersAsOnlyText(_ text: String) throws {
        let html = try Self.cmarkGFM(TextEscaping.markdown(text) + "\n")
        #expect(Self.tags(html) == ["p"], "\(text) rendered as \(html)")
    }

    @Test(arguments: hostile)
    func escapedTextAsAListItemRendersAsOnlyText(_ text: String) throws {
        let html = try Self.cmarkGFM("- " + TextEscaping.markdown(text) + "\n- next\n")
        #expect(Self.tags(html) == ["ul", "li"], "\(text) rendered as \(html)")
    }

    @Test(arguments: hostile)
    func escapedTextInATableCellStaysInItsCell(_ text: String) throws {
        let html = try Self.cmarkGFM("| Host | Path |\n| --- | --- |\n| h | " + TextEscaping.markdown(text) + " |\n")
        #expect(Self.tags(html) == ["table", "thead", "tbody", "tr", "th", "td"], "\(text) rendered as \(html)")
        #expect(html.components(separatedBy: "<td>").count == 3, "exactly two cells: \(html)")
    }

    static func tags(_ html: String) -> Set<String> {
        Set(html.matches(of: /<\/?([a-z0-9]+)/).map { String($0.output.1) })
    }

    /// Runs `cmark-gfm` with the extensions GitHub enables.
    static func cmarkGFM(_ markdown: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["cmark-gfm", "-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tagfilter", "-e", "tasklist"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(markdown.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CmarkGFMMissing()
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct CmarkGFMMissing: Error, CustomStringConvertible {
        var description: String { "cmark-gfm is needed by this test: apt-get install cmark-gfm" }
    }
}

extension MarkdownInertnessTests {
    @Test(arguments: hostile + ["``` ` `` `", "`leading", "trailing`", "a|b"])
    func aCodeSpanShowsTheTextLiterallyAndNothingElse(_ text: String) throws {
        let html = try Self.cmarkGFM("- " + TextEscaping.markdownCodeSpan(text) + " read from scan.json\n")
        #expect(Self.tags(html) == ["ul", "li", "code"], "\(text) rendered as \(html)")
        if !text.contains("\n") && !text.contains("\t") && !text.contains("`") {
            let shown = html.firstMatch(of: /<code>(.*)<\/code>/).map { String($0.output.1) } ?? ""
            #expect(shown == text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;"), "shown as written")
        }
    }

    @Test func aCodeSpanInATableCellStaysInItsCell() throws {
        let html = try Self.cmarkGFM("| a | b |\n| --- | --- |\n| " + TextEscaping.markdownCodeSpan("x | y", inTable: true) + " | z |\n")
        #expect(html.components(separatedBy: "<td>").count == 3, "\(html)")
        #expect(html.contains("<code>x | y</code>"))
    }
}
