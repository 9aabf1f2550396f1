/// The text of one user-editable template, as read from `Templates/`.
public struct TemplateSource: Sendable, Hashable {
    /// The name templates and the renderer use: the file's path below `Templates/` without the
    /// `.mustache` ending, such as `organisation.html` or `partials/tlp-banner.html`.
    public var name: String
    public var text: String
    /// Where it was read, for diagnostics about it.
    public var file: String

    public init(name: String, text: String, file: String) {
        self.name = name
        self.text = text
        self.file = file
    }
}
