/// Spells feed-supplied text inside a provenance line. Provenance ends up in indicator
/// descriptions, which reports render as Markdown: text from a feed is put in a code span, so that
/// a comment in a MISP event cannot become a link, an image or markup in a report.
enum ProvenanceText {
    /// `text` as an inline code span on one line, cut to `limit` characters.
    static func code(_ text: String, limit: Int = 120) -> String {
        var flat = String(text.unicodeScalars.map { scalar -> Character in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: " "
            default: Character(scalar)
            }
        })
        if flat.count > limit { flat = String(flat.prefix(limit)) + "…" }
        var longestRun = 0, run = 0
        for character in flat {
            run = character == "`" ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        let fence = String(repeating: "`", count: longestRun + 1)
        let padding = flat.hasPrefix("`") || flat.hasSuffix("`") || flat.hasPrefix(" ") ? " " : ""
        return fence + padding + flat + padding + fence
    }

    /// The last component of a path: provenance names the feed file, not where it lay on one machine.
    static func fileName(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }
}
