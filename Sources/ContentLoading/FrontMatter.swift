import BulletinModel

/// A Markdown file split into its YAML front matter and its CommonMark body.
struct FrontMatter {
    /// The YAML text between the `---` lines.
    var yaml: String
    /// How many lines of the file come before the YAML's first line, to map YAML positions to
    /// file positions.
    var lineOffset: Int
    /// The Markdown after the closing `---`.
    var body: String
    /// The file line on which `body` starts.
    var bodyLine: Int

    /// Splits `text`; fails with a located diagnostic when the file has no front matter or it is
    /// never closed.
    static func split(_ text: String, file: String) -> Result<FrontMatter, Diagnostic> {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        guard lines.first == "---" else {
            return .failure(.error(
                "the file must start with YAML front matter: a line '---', the fields, and another '---'",
                id: "frontmatter.missing", at: SourceLocation(file: file, line: 1, column: 1)))
        }
        guard let close = lines.indices.dropFirst().first(where: { lines[$0] == "---" || lines[$0] == "..." }) else {
            return .failure(.error(
                "front matter is never closed; add a line '---' after the last field",
                id: "frontmatter.unclosed", at: SourceLocation(file: file, line: 1, column: 1)))
        }
        return .success(FrontMatter(
            yaml: lines[1..<close].joined(separator: "\n"),
            lineOffset: 1,
            body: lines[(close + 1)...].joined(separator: "\n"),
            bodyLine: close + 2))
    }
}
