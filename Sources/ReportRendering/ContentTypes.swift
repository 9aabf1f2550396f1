import Mustache

/// The escapers swift-mustache applies to `{{value}}`, chosen by the renderer from a template's
/// file name (`*.html.mustache`, `*.md.mustache`) rather than left to the template author, so that
/// a user's edited template cannot turn escaping off by forgetting a pragma.
enum ContentTypes {
    /// Escapes for HTML, including invisible characters (`TextEscaping.html`).
    struct HTML: MustacheContentType {
        func escapeText(_ text: String) -> String { TextEscaping.html(text) }
    }

    /// Neutralises Markdown (`TextEscaping.markdown`).
    struct Markdown: MustacheContentType {
        func escapeText(_ text: String) -> String { TextEscaping.markdown(text) }
    }

    static let htmlName = "BULLETIN_HTML"
    static let markdownName = "BULLETIN_MARKDOWN"

    /// Registers the content types with swift-mustache. Its registry is process-wide; registering
    /// the same values again is harmless, so every template set does it before parsing.
    static func register() {
        MustacheContentTypes.register(HTML(), named: htmlName)
        MustacheContentTypes.register(Markdown(), named: markdownName)
    }

    /// The pragma that selects the content type for a template named `name`, or `nil` for names
    /// with no known output language.
    static func pragma(forTemplateNamed name: String) -> String? {
        let file = name.split(separator: "/").last.map(String.init) ?? name
        if file.hasSuffix(".html") || file.hasSuffix(".svg") { return "{{% CONTENT_TYPE: \(htmlName)}}" }
        if file.hasSuffix(".md") { return "{{% CONTENT_TYPE: \(markdownName)}}" }
        return nil
    }
}
