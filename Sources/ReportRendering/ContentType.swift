/// The language a template writes, chosen from its file name (`*.html.mustache`,
/// `*.md.mustache`) rather than left to the template author, so that a user's edited template cannot
/// turn escaping off: there is no pragma or setting that changes it.
enum ContentType: Sendable {
    /// Escapes for HTML, including invisible characters (`TextEscaping.html`).
    case html
    /// Neutralises Markdown (`TextEscaping.markdown`).
    case markdown

    /// The language of the template named `name`, or `nil` for names with no known output language.
    init?(templateNamed name: String) {
        let file = name.split(separator: "/").last.map(String.init) ?? name
        if file.hasSuffix(".html") || file.hasSuffix(".svg") {
            self = .html
        } else if file.hasSuffix(".md") {
            self = .markdown
        } else {
            return nil
        }
    }

    /// `text` made inert for this language, for `{{value}}`.
    func escape(_ text: String) -> String {
        switch self {
        case .html: TextEscaping.html(text)
        case .markdown: TextEscaping.markdown(text)
        }
    }

    /// Appends `escape(text)`'s UTF-8 to `output`.
    func append(escaping text: String, to output: inout [UInt8]) {
        switch self {
        case .html: TextEscaping.appendHTML(text, to: &output)
        case .markdown: TextEscaping.appendMarkdown(text, to: &output)
        }
    }
}
