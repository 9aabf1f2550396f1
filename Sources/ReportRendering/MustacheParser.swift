/// Parses Mustache text into a `TemplateNode` tree, as the Mustache spec
/// (https://github.com/mustache/spec) describes it: interpolation, sections, inverted sections,
/// comments, partials and set-delimiter tags, with the spec's standalone lines (a line holding only
/// a section, inverted, closing, comment, partial or set-delimiter tag and whitespace is removed
/// whole) and partial indentation.
///
/// swift-mustache's extensions (transforms such as `{{uppercased(x)}}`, inheritance `{{<parent}}`
/// and blocks `{{$name}}`, pragmas `{{% ...}}`, dynamic partials `{{>*name}}`, anchored names
/// `{{.name}}`) and lambdas are refused with a located error, so that a template written for them
/// fails visibly instead of rendering something else.
///
/// It works on UTF-8 bytes: every byte that matters to Mustache is ASCII, and a delimiter can only
/// start on a character boundary, so text between tags is cut at valid boundaries.
struct MustacheParser {
    /// What a template holds: its nodes, and the partials it names, with where it names them.
    struct Parsed {
        var nodes: [TemplateNode]
        var partials: [(name: String, line: Int, column: Int)]
    }

    /// A section whose closing tag has not been read yet.
    private struct OpenSection {
        var name: String
        var inverted: Bool
        var lineStart: Bool
        var offset: Int
        /// The nodes before the section, in the section's parent.
        var outer: [TemplateNode]
    }

    private let bytes: [UInt8]
    private var position = 0
    private var openDelimiter = Array("{{".utf8)
    private var closeDelimiter = Array("}}".utf8)

    private var nodes: [TemplateNode] = []
    private var sections: [OpenSection] = []
    private var partials: [(name: String, line: Int, column: Int)] = []

    /// Text read since the last node, not yet a node.
    private var pendingText: [UInt8] = []
    private var pendingLineStart = false
    /// Where the current line of the template starts, and how many tags it holds so far: a tag is
    /// standalone only when it is the line's only tag and only whitespace surrounds it.
    private var lineOffset = 0
    private var tagsOnLine = 0

    private init(_ text: String) {
        bytes = Array(text.utf8)
    }

    static func parse(_ text: String) throws(TemplateSyntaxError) -> Parsed {
        var parser = MustacheParser(text)
        try parser.parseAll()
        return Parsed(nodes: parser.nodes, partials: parser.partials)
    }

    private mutating func parseAll() throws(TemplateSyntaxError) {
        while let tagStart = find(openDelimiter, from: position) {
            appendText(position..<tagStart)
            try readTag(at: tagStart)
        }
        appendText(position..<bytes.count)
        flushText()
        if let section = sections.last {
            throw error("the section '\(section.name)' is never closed; add {{/\(section.name)}}", at: section.offset)
        }
    }

    // MARK: Tags

    private enum Kind {
        case variable(escaped: Bool)
        case section(inverted: Bool)
        case close
        case comment
        case partial
        case setDelimiter
    }

    private mutating func readTag(at tagStart: Int) throws(TemplateSyntaxError) {
        var cursor = tagStart + openDelimiter.count
        let sigil: UInt8? = cursor < bytes.count ? bytes[cursor] : nil
        let kind: Kind
        var terminator = closeDelimiter
        switch sigil {
        case UInt8(ascii: "{"): kind = .variable(escaped: false); terminator = Array("}".utf8) + closeDelimiter
        case UInt8(ascii: "&"): kind = .variable(escaped: false)
        case UInt8(ascii: "#"): kind = .section(inverted: false)
        case UInt8(ascii: "^"): kind = .section(inverted: true)
        case UInt8(ascii: "/"): kind = .close
        case UInt8(ascii: "!"): kind = .comment
        case UInt8(ascii: ">"): kind = .partial
        case UInt8(ascii: "="): kind = .setDelimiter; terminator = Array("=".utf8) + closeDelimiter
        case UInt8(ascii: "<"):
            throw error("template inheritance ('\(text(openDelimiter))<parent\(text(closeDelimiter))') is not supported", at: tagStart)
        case UInt8(ascii: "$"):
            throw error("blocks ('\(text(openDelimiter))$name\(text(closeDelimiter))', for template inheritance) are not supported", at: tagStart)
        case UInt8(ascii: "%"):
            throw error("pragmas ('\(text(openDelimiter))% ...\(text(closeDelimiter))') are not supported: the file name chooses how values are escaped", at: tagStart)
        default: kind = .variable(escaped: true)
        }
        if case .variable(escaped: true) = kind {} else { cursor += 1 }
        guard let contentEnd = find(terminator, from: cursor) else {
            throw error("a tag is not closed with '\(text(terminator))'", at: tagStart)
        }
        let content = trimmed(cursor..<contentEnd)
        let tagEnd = contentEnd + terminator.count

        // A tag that spans lines (a comment) ends on a later line: the line it ends on is the one
        // whose rest decides whether it is standalone and where the next line starts.
        let standaloneKind: Bool
        switch kind {
        case .variable: standaloneKind = false
        default: standaloneKind = true
        }
        let lineEnd = standaloneKind ? restOfLineIsBlank(from: tagEnd) : nil
        let standalone = lineEnd != nil && tagsOnLine == 0 && bytes[lineOffset..<tagStart].allSatisfy(Self.isBlank)
        var indentation: String? = nil
        let lineStart = !standalone && tagsOnLine == 0 && tagStart == lineOffset
        if standalone {
            // The whitespace before the tag is the end of the pending text.
            let blank = tagStart - lineOffset
            indentation = String(decoding: bytes[lineOffset..<tagStart], as: UTF8.self)
            pendingText.removeLast(min(blank, pendingText.count))
            position = lineEnd!
        } else {
            position = tagEnd
        }

        switch kind {
        case .variable(let escaped):
            let name = TemplateName(try checkedName(content, at: tagStart))
            flushText()
            nodes.append(.variable(name, escaped: escaped, lineStart: lineStart))
        case .section(let inverted):
            let nameText = try checkedName(content, at: tagStart)
            flushText()
            sections.append(OpenSection(name: nameText, inverted: inverted, lineStart: lineStart, offset: tagStart, outer: nodes))
            nodes = []
        case .close:
            let nameText = text(content)
            guard let section = sections.popLast() else {
                throw error("'\(text(openDelimiter))/\(nameText)\(text(closeDelimiter))' closes no open section", at: tagStart)
            }
            guard section.name == nameText else {
                let (line, column) = location(of: section.offset)
                throw error(
                    "'\(text(openDelimiter))/\(nameText)\(text(closeDelimiter))' closes the section '\(section.name)' opened at \(line):\(column); close it with '\(text(openDelimiter))/\(section.name)\(text(closeDelimiter))'",
                    at: tagStart)
            }
            flushText()
            let body = nodes
            nodes = section.outer
            nodes.append(.section(TemplateName(section.name), inverted: section.inverted, body: body, lineStart: section.lineStart))
        case .comment:
            break
        case .partial:
            let name = text(content)
            if name.hasPrefix("*") {
                throw error("dynamic partials ('\(text(openDelimiter))>*name\(text(closeDelimiter))') are not supported", at: tagStart)
            }
            guard !name.isEmpty else { throw error("a partial tag names no template", at: tagStart) }
            let (line, column) = location(of: tagStart)
            partials.append((name, line, column))
            flushText()
            nodes.append(.partial(name, indentation: standalone ? indentation : nil, lineStart: lineStart))
        case .setDelimiter:
            let parts = content.split(whereSeparator: Self.isBlank)
            guard parts.count == 2, !parts.contains(where: { $0.contains(UInt8(ascii: "=")) }) else {
                throw error("a set-delimiter tag must be '\(text(openDelimiter))=open close=\(text(closeDelimiter))', two delimiters apart", at: tagStart)
            }
            openDelimiter = Array(parts[0])
            closeDelimiter = Array(parts[1])
        }

        if standalone {
            lineOffset = position
            tagsOnLine = 0
        } else {
            if let lastNewline = bytes[tagStart..<tagEnd].lastIndex(of: UInt8(ascii: "\n")) {
                lineOffset = lastNewline + 1
                tagsOnLine = 0
            }
            tagsOnLine += 1
        }
    }

    /// The offset after the line end when only spaces and tabs follow `offset` on its line (or the
    /// template ends there), else `nil`.
    private func restOfLineIsBlank(from offset: Int) -> Int? {
        var cursor = offset
        while cursor < bytes.count, Self.isBlank(bytes[cursor]) { cursor += 1 }
        if cursor == bytes.count { return cursor }
        if bytes[cursor] == UInt8(ascii: "\n") { return cursor + 1 }
        if bytes[cursor] == UInt8(ascii: "\r"), cursor + 1 < bytes.count, bytes[cursor + 1] == UInt8(ascii: "\n") { return cursor + 2 }
        return nil
    }

    // MARK: Names

    /// A variable's or section's name, checked: one name, no swift-mustache extension.
    private func checkedName(_ content: ArraySlice<UInt8>, at offset: Int) throws(TemplateSyntaxError) -> String {
        let name = text(content)
        if name.isEmpty { throw error("a tag has no name", at: offset) }
        if content.contains(where: Self.isBlank) || content.contains(UInt8(ascii: "\n")) {
            throw error("'\(name)' is more than one name; a tag holds one name", at: offset)
        }
        if content.contains(UInt8(ascii: "(")) || content.contains(UInt8(ascii: ")")) {
            throw error("'\(name)': transforms such as 'uppercased(name)' or 'first()' are not supported", at: offset)
        }
        if name != "." {
            if name.hasPrefix(".") {
                throw error("'\(name)': names anchored to the current context with a leading '.' are not supported", at: offset)
            }
            if name.hasSuffix(".") || name.contains("..") {
                throw error("'\(name)' has an empty part between dots", at: offset)
            }
        }
        return name
    }

    // MARK: Text

    private mutating func appendText(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        if pendingText.isEmpty { pendingLineStart = range.lowerBound == lineOffset }
        pendingText.append(contentsOf: bytes[range])
        if let lastNewline = bytes[range].lastIndex(of: UInt8(ascii: "\n")) {
            lineOffset = lastNewline + 1
            tagsOnLine = 0
        }
    }

    private mutating func flushText() {
        guard !pendingText.isEmpty else { return }
        nodes.append(.text(String(decoding: pendingText, as: UTF8.self), lineStart: pendingLineStart))
        pendingText.removeAll(keepingCapacity: true)
    }

    // MARK: Bytes

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        var cursor = start
        let last = bytes.count - needle.count
        while cursor <= last {
            if bytes[cursor] == first, bytes[cursor..<(cursor + needle.count)].elementsEqual(needle) { return cursor }
            cursor += 1
        }
        return nil
    }

    private func trimmed(_ range: Range<Int>) -> ArraySlice<UInt8> {
        var slice = bytes[range]
        while let first = slice.first, Self.isSpace(first) { slice.removeFirst() }
        while let last = slice.last, Self.isSpace(last) { slice.removeLast() }
        return slice
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        isBlank(byte) || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    private func text(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// 1-based line and column of a byte offset; columns count UTF-8 bytes, as `SourceLocation`'s do.
    private func location(of offset: Int) -> (line: Int, column: Int) {
        let before = bytes[..<offset]
        let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        return (line, offset - lineStart + 1)
    }

    private func error(_ message: String, at offset: Int) -> TemplateSyntaxError {
        let (line, column) = location(of: offset)
        return TemplateSyntaxError(message: message, line: line, column: column)
    }
}
