/// One template of the set, parsed, with the language its file name gives it.
struct CompiledTemplate: Sendable {
    var nodes: [TemplateNode]
    var contentType: ContentType
    /// The template's size in UTF-8 bytes, a first guess at its output's.
    var size: Int
}
