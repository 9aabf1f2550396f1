@testable import ReportRendering

/// The escaping as first written, scalar by scalar with `String` appends: slow, but plain enough
/// to read as the definition. `TextEscapingTests` checks that the byte-level `TextEscaping`
/// gives exactly the same text for every input it tries.
enum ReferenceEscaping {
    static func html(_ text: String) -> String {
        // Most values are plain ASCII that the loop below would copy unchanged.
        if text.utf8.allSatisfy({ (0x20..<0x7F).contains($0) ? !"&<>\"'".utf8.contains($0) : $0 == 0x0A || $0 == 0x09 }) {
            return text
        }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\n", "\t": result.unicodeScalars.append(scalar)
            default:
                if let visible = TextEscaping.visibleForm(of: scalar) { result += visible } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// Text for GitHub- and GitLab-flavoured Markdown that renders as exactly these characters and
    /// nothing else, while staying readable in a ticket's plain text:
    /// - the characters that open inline syntax are backslash-escaped: `\ ` * _ ~ [ ] < > | & $`
    ///   (no emphasis, code span, link, image, HTML, entity, table cell break or math);
    /// - autolinks are broken where they start: `\://` and `www\.` (cmark-gfm does not link
    ///   across an escape);
    /// - `@name` and `#123` get a zero-width space after the sign, because GitHub and GitLab turn
    ///   mentions, e-mail addresses and issue references into links after Markdown is rendered, where
    ///   no escape reaches;
    /// - a value that starts like a block (`- `, `1.`, `#`, `>`, `=`) has that character escaped,
    ///   line breaks become spaces and the spaces around the value go, so no value can start a
    ///   block of its own or end a line with a hard break.
    static func markdown(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for (index, scalar) in scalars.enumerated() {
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            switch scalar {
            case "\\", "`", "*", "_", "~", "[", "]", "<", ">", "|", "&", "$":
                result += "\\"
                result.unicodeScalars.append(scalar)
            case ":" where next == "/" && index + 2 < scalars.count && scalars[index + 2] == "/":
                result += "\\:"
            case "." where index >= 3 && String(String.UnicodeScalarView(scalars[(index - 3)..<index])).lowercased() == "www":
                result += "\\."
            case "@", "#":
                result.unicodeScalars.append(scalar)
                if let next, next.properties.isAlphabetic || next.properties.numericType != nil || next == "_" {
                    result += "\u{200B}"
                }
            case "\n", "\r", "\t":
                result += " "
            default:
                if let visible = TextEscaping.visibleForm(of: scalar) {
                    result += visible.replacingBrackets
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return escapingBlockStart(trimmingSpaces(result))
    }

    /// Text as a Markdown code span, scalar by scalar with `String` appends.
    static func markdownCodeSpan(_ text: String, inTable: Bool = false) -> String {
        var content = ""
        var longestRun = 0
        var run = 0
        for scalar in text.unicodeScalars {
            run = scalar == "`" ? run + 1 : 0
            longestRun = max(longestRun, run)
            switch scalar {
            case "\n", "\r", "\t": content += " "
            case "|" where inTable: content += "\\|"
            default:
                if let visible = TextEscaping.visibleForm(of: scalar) { content += visible } else { content.unicodeScalars.append(scalar) }
            }
        }
        let fence = String(repeating: "`", count: longestRun + 1)
        let padded = content.hasPrefix("`") || content.hasSuffix("`") || content.hasPrefix(" ") ? " \(content) " : content
        return fence + padded + fence
    }

    /// Escapes the character that would make a value at the start of a line open a block: a list
    /// bullet, a heading, a setext underline or an ordered-list number.
    static func escapingBlockStart(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        if first == "-" || first == "+" || first == "=" || first == "#" {
            return "\\" + text
        }
        let digits = text.unicodeScalars.prefix { ("0"..."9").contains($0) }
        if !digits.isEmpty, digits.count <= 9 {
            let rest = text.unicodeScalars.dropFirst(digits.count)
            let marker = rest.first
            let after = rest.dropFirst().first
            if marker == "." || marker == ")", after == nil || after == " " {
                return String(String.UnicodeScalarView(digits)) + "\\" + String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(digits.count)))
            }
        }
        return text
    }

    /// Leading and trailing spaces go: rendered Markdown drops them anyway, but in the source they
    /// matter. Spaces before a `#` or `1.` at the start of a list item's text still open a heading
    /// or a list inside it, and two spaces before the template's line end are a hard line break.
    private static func trimmingSpaces(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " }), let last = scalars.lastIndex(where: { $0 != " " }) else { return "" }
        return String(scalars[first...last])
    }
}

extension String {
    fileprivate var replacingBrackets: String {
        "\\[" + dropFirst().dropLast() + "\\]"
    }
}
