/// Renders a parsed template over a view model into one growing buffer of UTF-8: names are looked
/// up through the stack of sections' contexts by precomputed keys, values come as `TemplateValue`s,
/// so nothing on the way is reflected, cast or split. Bytes rather than a `String`, because values
/// are escaped straight into it (no string per value, no check that escaped bytes are UTF-8) and
/// the page is written to disk as bytes.
struct TemplateRenderer {
    private let templates: [String: CompiledTemplate]
    /// The contexts of the sections being rendered, innermost last; the model at the bottom.
    private var stack: [TemplateValue]
    private(set) var output: [UInt8] = []

    init(model: some TemplateValues, templates: [String: CompiledTemplate], capacity: Int) {
        self.templates = templates
        stack = [.object(model)]
        stack.reserveCapacity(16)
        output.reserveCapacity(capacity)
    }

    /// Appends `nodes`, escaping values for `contentType`. `indentation` goes before each line of
    /// a standalone partial's own text (not of the values it interpolates), as the spec asks.
    mutating func render(_ nodes: [TemplateNode], as contentType: ContentType, indentation: String = "") {
        let indented = !indentation.isEmpty
        for node in nodes {
            switch node {
            case .text(let text, let lineStart):
                if indented {
                    appendIndented(text, lineStart: lineStart, indentation: indentation)
                } else {
                    append(text)
                }
            case .variable(let name, let escaped, let lineStart):
                if indented, lineStart { append(indentation) }
                append(resolve(name), escapedFor: escaped ? contentType : nil)
            case .section(let name, let inverted, let body, let lineStart):
                if indented, lineStart { append(indentation) }
                let value = resolve(name)
                if inverted {
                    if value.isFalsy { render(body, as: contentType, indentation: indentation) }
                    continue
                }
                switch value {
                case .absent:
                    break
                case .flag(let on):
                    if on { render(body, as: contentType, indentation: indentation) }
                case .list(let list):
                    list.forEachContext { element in
                        stack.append(element)
                        render(body, as: contentType, indentation: indentation)
                        stack.removeLast()
                    }
                case .text, .number, .object:
                    stack.append(value)
                    render(body, as: contentType, indentation: indentation)
                    stack.removeLast()
                }
            case .partial(let name, let own, let lineStart):
                // `TemplateSet.compile` has checked that every named partial exists.
                guard let partial = templates[name] else { continue }
                if let own {
                    render(partial.nodes, as: partial.contentType, indentation: indentation + own)
                } else {
                    if indented, lineStart { append(indentation) }
                    render(partial.nodes, as: partial.contentType)
                }
            }
        }
    }

    /// The value of `name`: its first key from the innermost context that has it (an absent value
    /// counts as not having it, as in swift-mustache), the other keys inside that value.
    private func resolve(_ name: TemplateName) -> TemplateValue {
        let keys = name.keys
        guard let first = keys.first else { return stack[stack.count - 1] }
        var value = TemplateValue.absent
        var index = stack.count - 1
        while index >= 0 {
            if case .object(let model) = stack[index] {
                value = model.templateValue(first)
                if case .absent = value {} else { break }
            }
            index -= 1
        }
        var next = 1
        while next < keys.count {
            guard case .object(let model) = value else { return .absent }
            value = model.templateValue(keys[next])
            next += 1
        }
        return value
    }

    /// Appends a value as text, escaped for `contentType` unless that is `nil` (`{{{name}}}`).
    private mutating func append(_ value: TemplateValue, escapedFor contentType: ContentType?) {
        let text: String
        switch value {
        case .absent: return
        case .text(let string): text = string
        case .number(let number): text = String(number)
        case .flag(let flag): text = flag ? "true" : "false"
        // What swift-mustache wrote for a model named as a value: Swift's description of it.
        case .object(let model): text = String(describing: model)
        case .list(let list): text = String(describing: list)
        }
        if let contentType {
            contentType.append(escaping: text, to: &output)
        } else {
            append(text)
        }
    }

    /// Appends `text` as it is.
    private mutating func append(_ text: String) {
        TextEscaping.withUTF8(of: text) { output.append(contentsOf: $0) }
    }

    private mutating func append(_ text: Substring) {
        if text.utf8.withContiguousStorageIfAvailable({ output.append(contentsOf: $0) }) == nil { output += text.utf8 }
    }

    /// Appends template text with `indentation` before each of its lines that is not empty.
    private mutating func appendIndented(_ text: String, lineStart: Bool, indentation: String) {
        var atLineStart = lineStart
        var lineBegin = text.utf8.startIndex
        for index in text.utf8.indices {
            let byte = text.utf8[index]
            if atLineStart {
                if byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") { append(indentation) }
                atLineStart = false
            }
            if byte == UInt8(ascii: "\n") {
                let next = text.utf8.index(after: index)
                append(text[lineBegin..<next])
                lineBegin = next
                atLineStart = true
            }
        }
        append(text[lineBegin...])
    }
}

extension TemplateValue {
    /// What an inverted section renders for: nothing there, `false`, or an empty list. An empty
    /// string and zero are values like any other, as in swift-mustache.
    var isFalsy: Bool {
        switch self {
        case .absent: true
        case .flag(let flag): !flag
        case .list(let list): list.isEmpty
        case .text, .number, .object: false
        }
    }
}
