/// Makes untrusted text inert in the two output languages. Scan data is written by attackers:
/// file paths, log fields and user agents can hold markup, links, mentions and invisible
/// characters that reorder what a reader sees.
public enum TextEscaping {
    /// Text for HTML element content and quoted attribute values: `& < > " '` become references,
    /// and invisible or reordering characters become visible.
    public static func html(_ text: String) -> String {
        // Most values are plain ASCII that `appendHTML` would copy unchanged.
        let inert = withUTF8(of: text) { bytes in
            UnsafeBufferPointer(rebasing: bytes[PlainWords.skip(bytes, from: 0, while: isInertInHTML)...]).allSatisfy(isInertInHTML)
        }
        if inert { return text }
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count + 16)
        appendHTML(text, to: &result)
        return String(decoding: result, as: UTF8.self)
    }

    /// Appends `html(text)`'s UTF-8 to `output`, as templates write it: without making a string
    /// of each value first.
    static func appendHTML(_ text: String, to output: inout [UInt8]) {
        withUTF8(of: text) { appendHTML($0, to: &output) }
    }

    /// Copies runs of inert bytes whole, since most values are nothing else; only the bytes between
    /// runs are looked at, the multi-byte ones as characters.
    private static func appendHTML(_ bytes: UnsafeBufferPointer<UInt8>, to result: inout [UInt8]) {
        var index = 0
        var runStart = 0
        while index < bytes.count {
            index = PlainWords.skip(bytes, from: index, while: isInertInHTML)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if isInertInHTML(byte) {
                index += 1
                continue
            }
            if runStart < index { result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            switch byte {
            case UInt8(ascii: "&"): result += "&amp;".utf8
            case UInt8(ascii: "<"): result += "&lt;".utf8
            case UInt8(ascii: ">"): result += "&gt;".utf8
            case UInt8(ascii: "\""): result += "&quot;".utf8
            case UInt8(ascii: "'"): result += "&#39;".utf8
            case 0..<0x80: appendVisible(Unicode.Scalar(byte), to: &result)
            default:
                let (scalar, length) = decodeScalar(bytes, at: index)
                appendVisible(scalar, bytes: UnsafeBufferPointer(rebasing: bytes[index..<index + length]), to: &result, bracketsEscaped: false)
                index += length
                runStart = index
                continue
            }
            index += 1
            runStart = index
        }
        if runStart < index { result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
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

    /// Whether eight bytes are all inert: printable ASCII other than `& < > " '` (a tab or line
    /// feed, inert too, sends the word to the byte-by-byte test).
    @inline(__always)
    private static func isInertInHTML(_ word: UInt64) -> Bool {
        !(PlainWords.containsNonASCII(word) || PlainWords.containsByte(word, below: 0x20) || PlainWords.contains(word, 0x7F)
            || PlainWords.contains(word, UInt8(ascii: "&")) || PlainWords.contains(word, UInt8(ascii: "<"))
            || PlainWords.contains(word, UInt8(ascii: ">")) || PlainWords.contains(word, UInt8(ascii: "\""))
            || PlainWords.contains(word, UInt8(ascii: "'")))
    }

    /// Calls `body` with the UTF-8 of `text` in one buffer.
    @inline(__always)
    static func withUTF8<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var contiguous = text
        contiguous.makeContiguousUTF8()
        return contiguous.utf8.withContiguousStorageIfAvailable(body)!
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
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count + 8)
        appendMarkdown(text, to: &result)
        return String(decoding: result, as: UTF8.self)
    }

    /// Appends `markdown(text)`'s UTF-8 to `output`, as templates write it.
    static func appendMarkdown(_ text: String, to output: inout [UInt8]) {
        withUTF8(of: text) { appendMarkdown($0, to: &output) }
    }

    private static func appendMarkdown(_ bytes: UnsafeBufferPointer<UInt8>, to result: inout [UInt8]) {
        let start = result.count
        var index = 0
        var runStart = 0
        while index < bytes.count {
            let byte = bytes[index]
            if isPlainInMarkdown(byte) {
                index += 1
                continue
            }
            if runStart < index { result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            guard byte < 0x80 else {
                let (scalar, length) = decodeScalar(bytes, at: index)
                appendVisible(scalar, bytes: UnsafeBufferPointer(rebasing: bytes[index..<index + length]), to: &result, bracketsEscaped: true)
                index += length
                runStart = index
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
            runStart = index
        }
        if runStart < index { result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
        // Leading and trailing spaces go: rendered Markdown drops them anyway, but in the source they
        // matter. Spaces before a `#` or `1.` at the start of a list item's text still open a
        // heading or a list inside it, and two spaces before the template's line end are a hard
        // line break.
        var end = result.count
        while end > start, result[end - 1] == UInt8(ascii: " ") { end -= 1 }
        result.removeLast(result.count - end)
        var first = start
        while first < end, result[first] == UInt8(ascii: " ") { first += 1 }
        if first > start { result.removeSubrange(start..<first) }
        escapeBlockStart(in: &result, from: start)
    }

    /// Bytes that `markdown(_:)` copies unchanged wherever they are: printable ASCII other than
    /// the escaped characters and those whose neighbours matter (`: . @ #`).
    @inline(__always)
    private static func isPlainInMarkdown(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "&"), UInt8(ascii: "$"),
            UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "@"), UInt8(ascii: "#"):
            false
        case 0x20..<0x7F: true
        default: false
        }
    }

    /// Escapes the character that would make the value written from `start` to the end of
    /// `result` open a block at the start of a line: a list bullet, a heading, a setext underline
    /// or an ordered-list number.
    private static func escapeBlockStart(in result: inout [UInt8], from start: Int) {
        guard start < result.count else { return }
        let first = result[start]
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: "=") || first == UInt8(ascii: "#") {
            return result.insert(UInt8(ascii: "\\"), at: start)
        }
        var digitsEnd = start
        while digitsEnd < result.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(result[digitsEnd]) { digitsEnd += 1 }
        let digits = digitsEnd - start
        guard digits > 0, digits <= 9, digitsEnd < result.count else { return }
        let marker = result[digitsEnd]
        guard marker == UInt8(ascii: ".") || marker == UInt8(ascii: ")") else { return }
        if digitsEnd + 1 == result.count || result[digitsEnd + 1] == UInt8(ascii: " ") {
            result.insert(UInt8(ascii: "\\"), at: digitsEnd)
        }
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

    /// The same for a scalar read from `bytes`, its UTF-8, which is copied as it is when visible.
    private static func appendVisible(
        _ scalar: Unicode.Scalar, bytes: UnsafeBufferPointer<UInt8>, to result: inout [UInt8], bracketsEscaped: Bool
    ) {
        if let visible = visibleForm(of: scalar) {
            result += (bracketsEscaped ? visible.replacingBrackets : visible).utf8
        } else {
            result.append(contentsOf: bytes)
        }
    }

    /// Text as a Markdown code span, which GitHub and GitLab show literally: no link, mention,
    /// emphasis or HTML inside. The fence is one backtick longer than the longest backtick run of
    /// the text, line breaks become spaces, and inside a table a pipe is escaped because GFM tables
    /// split cells on it even inside code spans (outside a table the escape would show). Invisible characters are made visible as in `markdown(_:)`.
    public static func markdownCodeSpan(_ text: String, inTable: Bool = false) -> String {
        var content: [UInt8] = []
        content.reserveCapacity(text.utf8.count + 8)
        var longestRun = 0
        withUTF8(of: text) { bytes in
            var run = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                run = byte == UInt8(ascii: "`") ? run + 1 : 0
                longestRun = max(longestRun, run)
                switch byte {
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): content.append(UInt8(ascii: " "))
                case UInt8(ascii: "|") where inTable: content += "\\|".utf8
                case 0x20..<0x7F: content.append(byte)
                case 0..<0x80: appendVisible(Unicode.Scalar(byte), to: &content)
                default:
                    let (scalar, length) = decodeScalar(bytes, at: index)
                    appendVisible(scalar, bytes: UnsafeBufferPointer(rebasing: bytes[index..<index + length]), to: &content, bracketsEscaped: false)
                    index += length
                    continue
                }
                index += 1
            }
        }
        let fence = String(repeating: "`", count: longestRun + 1)
        let spanned = String(decoding: content, as: UTF8.self)
        // Compared as `String`s, by characters, as it always was: a backtick with a combining mark
        // after it is not a backtick to `hasPrefix`.
        let padded = spanned.hasPrefix("`") || spanned.hasSuffix("`") || spanned.hasPrefix(" ") ? " \(spanned) " : spanned
        return fence + padded + fence
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
