/// A name as a tag writes it (`title`, `organisation.contacts`, `.`), split into keys once when the
/// template is parsed.
struct TemplateName: Sendable {
    /// Empty for `.`, the implicit iterator: the current context itself.
    let keys: [TemplateKey]

    init(_ text: String) {
        keys = text == "." ? [] : text.split(separator: ".", omittingEmptySubsequences: false).map { TemplateKey(String($0)) }
    }

    var isImplicitIterator: Bool { keys.isEmpty }
}
