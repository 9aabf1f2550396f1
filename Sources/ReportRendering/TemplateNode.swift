/// A parsed template: text and tags, with standalone lines already removed and sections nested, so
/// that rendering walks the tree and never looks at the template's characters again.
indirect enum TemplateNode: Sendable {
    /// Template text. `lineStart`: it begins a line of the template, where a partial's indentation
    /// goes.
    case text(String, lineStart: Bool)
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}` (not).
    case variable(TemplateName, escaped: Bool, lineStart: Bool)
    /// `{{#name}}...{{/name}}`, or `{{^name}}...{{/name}}` when `inverted`.
    case section(TemplateName, inverted: Bool, body: [TemplateNode], lineStart: Bool)
    /// `{{> name}}`. `indentation`: the spaces before a standalone partial tag, put before each line
    /// of the partial; `nil` for a partial tag inside a line.
    case partial(String, indentation: String?, lineStart: Bool)
}
