import BulletinModel
import Yams

/// Reads fields of a YAML mapping with positions, recording every problem (missing, wrong type,
/// unknown key, duplicate key) as a diagnostic located at the real line of the file.
struct YAMLReader {
    /// Maps a Yams mark to the file position.
    struct Locator {
        var file: String
        var lineOffset: Int

        func location(_ node: Node?) -> SourceLocation {
            guard let mark = node?.mark else { return SourceLocation(file: file, line: lineOffset + 1, column: 1) }
            return SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
        }
    }

    /// What composing a YAML text gave.
    enum Composed {
        case node(Node)
        /// No document at all (an empty file or only comments).
        case empty
        /// A syntax error, already reported.
        case invalid
    }

    /// Composes `yaml` into a node tree, reporting a syntax error at its position in the file as
    /// "<what> is not valid YAML: ..." with the diagnostic id `id`.
    static func compose(_ yaml: String, locator: Locator, what: String, id: String, diagnostics: inout [Diagnostic]) -> Composed {
        do {
            return try Yams.compose(yaml: yaml).map(Composed.node) ?? .empty
        } catch let YamlError.scanner(context, problem, mark, _), let YamlError.parser(context, problem, mark, _), let YamlError.composer(context, problem, mark, _) {
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            diagnostics.append(.error(
                "\(what) is not valid YAML: \(detail)", id: id,
                at: SourceLocation(file: locator.file, line: mark.line + locator.lineOffset, column: mark.column)))
        } catch {
            diagnostics.append(.error("\(what) is not valid YAML: \(error)", id: id, at: SourceLocation(file: locator.file, line: locator.lineOffset + 1, column: 1)))
        }
        return .invalid
    }

    let node: Node
    let locator: Locator
    /// The mapping's role in messages (`advisory front matter`, `affected entry`).
    let role: String
    private var pairs: [(key: String, keyNode: Node, value: Node)] = []
    private var known: Set<String> = []

    /// Opens `node` as a mapping, or records why it is not one.
    init?(_ node: Node, locator: Locator, role: String, diagnostics: inout [Diagnostic]) {
        guard let mapping = node.mapping else {
            diagnostics.append(.error("\(role) must be a mapping of 'key: value' lines", id: "yaml.type-mismatch", at: locator.location(node)))
            return nil
        }
        self.node = node
        self.locator = locator
        self.role = role
        var seen: Set<String> = []
        for (key, value) in mapping {
            let name = key.string ?? ""
            if !seen.insert(name).inserted {
                diagnostics.append(.error("'\(name)' appears twice in \(role); keep one", id: "yaml.duplicate-key", at: locator.location(key)))
                continue
            }
            pairs.append((name, key, value))
        }
    }

    /// The location of the mapping itself.
    var location: SourceLocation { locator.location(node) }

    /// The value node of `key`, if present and not null.
    mutating func value(_ key: String, required: Bool = false, diagnostics: inout [Diagnostic]) -> Node? {
        known.insert(key)
        guard let pair = pairs.first(where: { $0.key == key }), !(pair.value.scalar.map { $0.tag.description == Tag.Name.null.rawValue || ($0.string == "" && $0.style == .plain) } ?? false) else {
            if required {
                diagnostics.append(.error("\(role) has no '\(key)', which is required", id: "yaml.missing-field", at: location))
            }
            return nil
        }
        return pair.value
    }

    /// A scalar as text (numbers and dates as written).
    mutating func string(_ key: String, required: Bool = false, diagnostics: inout [Diagnostic]) -> String? {
        guard let node = value(key, required: required, diagnostics: &diagnostics) else { return nil }
        guard let scalar = node.scalar else {
            diagnostics.append(.error("'\(key)' of \(role) must be a single value, not a list or mapping", id: "yaml.type-mismatch", at: locator.location(node)))
            return nil
        }
        return scalar.string
    }

    /// An integer.
    mutating func int(_ key: String, required: Bool = false, diagnostics: inout [Diagnostic]) -> Int? {
        guard let node = value(key, required: required, diagnostics: &diagnostics) else { return nil }
        guard let number = node.int else {
            diagnostics.append(.error("'\(key)' of \(role) must be a whole number", id: "yaml.type-mismatch", at: locator.location(node)))
            return nil
        }
        return number
    }

    /// One of `Choice`'s raw values, with the valid ones listed when it is not.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, as type: Choice.Type, required: Bool = false, diagnostics: inout [Diagnostic]) -> Choice? where Choice.RawValue == String {
        guard let node = value(key, required: required, diagnostics: &diagnostics) else { return nil }
        return YAMLReader.choice(node, as: type, what: "'\(key)'", locator: locator, diagnostics: &diagnostics)
    }

    /// Parses a scalar node as one of `Choice`'s raw values.
    static func choice<Choice: RawRepresentable & CaseIterable>(_ node: Node, as type: Choice.Type, what: String, locator: Locator, diagnostics: inout [Diagnostic]) -> Choice? where Choice.RawValue == String {
        let text = node.string ?? ""
        if let value = Choice(rawValue: text) { return value }
        let valid = Choice.allCases.map(\.rawValue)
        var summary = "\(what) is '\(text)', which is not one of: \(valid.joined(separator: ", "))"
        if let near = Suggestion.closest(to: text, among: valid) { summary += "; did you mean '\(near)'?" }
        diagnostics.append(.error(summary, id: "yaml.invalid-value", at: locator.location(node)))
        return nil
    }

    /// A sequence of nodes; a single scalar is not accepted (lists are written as lists).
    mutating func list(_ key: String, required: Bool = false, diagnostics: inout [Diagnostic]) -> [Node] {
        guard let node = value(key, required: required, diagnostics: &diagnostics) else { return [] }
        guard let sequence = node.sequence else {
            diagnostics.append(.error("'\(key)' of \(role) must be a list", id: "yaml.type-mismatch", at: locator.location(node)))
            return []
        }
        return Array(sequence)
    }

    /// A list of scalars as strings.
    mutating func strings(_ key: String, required: Bool = false, diagnostics: inout [Diagnostic]) -> [String] {
        list(key, required: required, diagnostics: &diagnostics).compactMap { item in
            guard let text = item.scalar?.string else {
                diagnostics.append(.error("'\(key)' of \(role) must be a list of single values", id: "yaml.type-mismatch", at: locator.location(item)))
                return nil
            }
            return text
        }
    }

    /// A nested mapping.
    mutating func mapping(_ key: String, role: String, required: Bool = false, diagnostics: inout [Diagnostic]) -> YAMLReader? {
        guard let node = value(key, required: required, diagnostics: &diagnostics) else { return nil }
        return YAMLReader(node, locator: locator, role: role, diagnostics: &diagnostics)
    }

    /// Warns about keys nobody read, with a suggestion when one is close to a known key: a typo in
    /// front matter must not silently drop a field.
    func reportUnknownKeys(diagnostics: inout [Diagnostic]) {
        for pair in pairs where !known.contains(pair.key) {
            var summary = "unknown key '\(pair.key)' in \(role) is ignored"
            if let near = Suggestion.closest(to: pair.key, among: Array(known)) { summary += "; did you mean '\(near)'?" }
            diagnostics.append(.warning(summary, id: "yaml.unknown-key", at: locator.location(pair.keyNode)))
        }
    }
}
