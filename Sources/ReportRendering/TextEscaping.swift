/// Makes untrusted text inert in the two output languages. Scan data is written by attackers:
/// file paths, log fields and user agents can hold markup, links, mentions and invisible
/// characters that reorder what a reader sees.
public enum TextEscaping {
    /// Text for HTML element content and quoted attribute values: `& < > " '` become references,
    /// and invisible or reordering characters become visible.
    public static func html(_ text: String) -> String {
        // Most values are plain ASCII that the loop below would copy unchanged.
        if text.utf8.allSatisfy(isInertInHTML) { return text }
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;".utf8
            case "<": result += "&lt;".utf8
            case ">": result += "&gt;".utf8
            case "\"": result += "&quot;".utf8
            case "'": result += "&#39;".utf8
            case "\n", "\t": result.append(UInt8(scalar.value))
            default: appendVisible(scalar, to: &result)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Bytes that `html(_:)` copies unchanged: printable ASCII other than `& < > " '`, tab and
    /// line feed. A switch rather than a set, because every byte of every value passes here.
    @inline(__always)
    private static func isInertInHTML(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x26, 0x3C, 0x3E, 0x22, 0x27: false
        case 0x20..<0x7F, 0x0A, 0x09: true
        default: false
        }
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
    ///
    /// It works on UTF-8 bytes: every character it looks at is ASCII, and a multi-byte character
    /// is only checked for visibility (and, after `@` or `#`, for being a letter or digit).
    public static func markdown(_ text: String) -> String {
        if let escaped = text.utf8.withContiguousStorageIfAvailable(markdown) { return escaped }
        var contiguous = text
        contiguous.makeContiguousUTF8()
        return contiguous.utf8.withContiguousStorageIfAvailable(markdown) ?? ""
    }

    private static func markdown(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte < 0x80 else {
                let (scalar, length) = decodeScalar(bytes, at: index)
                appendVisible(scalar, to: &result, bracketsEscaped: true)
                index += length
                continue
            }
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "["),
                UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "&"), UInt8(ascii: "$"):
                result.append(UInt8(ascii: "\\"))
                result.append(byte)
            case UInt8(ascii: ":") where index + 2 < bytes.count && bytes[index + 1] == UInt8(ascii: "/") && bytes[index + 2] == UInt8(ascii: "/"):
                result += "\\:".utf8
            case UInt8(ascii: ".") where index >= 3 && (1...3).allSatisfy({ bytes[index - $0] | 0x20 == UInt8(ascii: "w") }):
                result += "\\.".utf8
            case UInt8(ascii: "@"), UInt8(ascii: "#"):
                result.append(byte)
                if index + 1 < bytes.count, startsWord(bytes, at: index + 1) {
                    result += "\u{200B}".utf8
                }
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                result.append(UInt8(ascii: " "))
            case 0x20..<0x7F:
                result.append(byte)
            default:
                appendVisible(Unicode.Scalar(byte), to: &result, bracketsEscaped: true)
            }
            index += 1
        }
        // Leading and trailing spaces go: rendered Markdown drops them anyway, but in the source they
        // matter. Spaces before a `#` or `1.` at the start of a list item's text still open a
        // heading or a list inside it, and two spaces before the template's line end are a hard
        // line break.
        let first = result.firstIndex { $0 != UInt8(ascii: " ") } ?? result.endIndex
        let last = result.lastIndex { $0 != UInt8(ascii: " ") } ?? first
        return escapingBlockStart(first < result.endIndex ? String(decoding: result[first...last], as: UTF8.self) : "")
    }

    /// Whether the character at `index` continues a mention or an issue reference: a letter, a
    /// digit (of any script) or `_`.
    private static func startsWord(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let byte = bytes[index]
        if byte < 0x80 {
            return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
        let scalar = decodeScalar(bytes, at: index).scalar
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// The scalar whose UTF-8 starts at `index` (a String's bytes are valid UTF-8) and its length.
    static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = bytes[index]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        var decoder = UTF8()
        var iterator = bytes[index..<min(bytes.count, index + length)].makeIterator()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return (scalar, length) }
        return ("\u{FFFD}", 1)
    }

    /// Appends `scalar`, or its visible form when it is invisible or reorders text.
    private static func appendVisible(_ scalar: Unicode.Scalar, to result: inout [UInt8], bracketsEscaped: Bool = false) {
        if let visible = visibleForm(of: scalar) {
            result += (bracketsEscaped ? visible.replacingBrackets : visible).utf8
        } else {
            result.append(contentsOf: UTF8.encode(scalar)!)
        }
    }

    /// Text as a Markdown code span, which GitHub and GitLab show literally: no link, mention,
    /// emphasis or HTML inside. The fence is one backtick longer than the longest backtick run of
    /// the text, line breaks become spaces, and inside a table a pipe is escaped because GFM tables
    /// split cells on it even inside code spans (outside a table the escape would show). Invisible characters are made visible as in `markdown(_:)`.
    public static func markdownCodeSpan(_ text: String, inTable: Bool = false) -> String {
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
                if let visible = visibleForm(of: scalar) { content += visible } else { content.unicodeScalars.append(scalar) }
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

    /// How a character that a reader could not see, or that would reorder the line, is shown:
    /// `[U+202E]`. Ordinary characters return `nil`.
    static func visibleForm(of scalar: Unicode.Scalar) -> String? {
        // Printable ASCII is never invisible; skipping the Unicode property lookup for it matters,
        // since every character of every output passes through here.
        if (0x20..<0x7F).contains(scalar.value) { return nil }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned, .surrogate:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "[U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
        default:
            return nil
        }
    }
}

extension String {
    /// `[U+202E]` with its brackets escaped for Markdown.
    fileprivate var replacingBrackets: String {
        "\\[" + dropFirst().dropLast() + "\\]"
    }
}
