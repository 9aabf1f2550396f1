import BulletinModel

/// The user's templates, parsed once, with the escaping of each chosen by its file name.
public struct TemplateSet: Sendable {
    let templates: [String: CompiledTemplate]
    /// The stylesheet (`style.css`), inlined into every page so that each file stands alone.
    let stylesheet: String

    /// The templates a build needs; a missing one is an error, not an empty page.
    public static let required = ["advisory.html", "briefing.html", "briefing.md", "index.html", "organisation.html", "organisation.md"]

    /// Parses `sources`; every template that does not parse, every partial tag naming no template
    /// and every cycle of partials is a located diagnostic.
    public static func compile(_ sources: [TemplateSource], assets: [TemplateSource]) -> (TemplateSet?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var templates: [String: CompiledTemplate] = [:]
        var partials = PartialGraph()
        for source in sources {
            guard let contentType = ContentType(templateNamed: source.name) else {
                diagnostics.append(.error(
                    "template name must end in .html.mustache or .md.mustache so that its values are escaped for that language",
                    id: "template.unknown-language", at: SourceLocation(file: source.file)))
                continue
            }
            do throws(TemplateSyntaxError) {
                let parsed = try MustacheParser.parse(source.text)
                templates[source.name] = CompiledTemplate(nodes: parsed.nodes, contentType: contentType, size: source.text.utf8.count)
                partials.tags[source.name] = parsed.partials.map {
                    PartialGraph.Tag(partial: $0.name, location: SourceLocation(file: source.file, line: $0.line, column: $0.column))
                }
            } catch {
                diagnostics.append(.error(
                    "template does not parse: \(error.message)", id: "template.syntax",
                    at: SourceLocation(file: source.file, line: error.line, column: error.column)))
            }
        }
        let names = Set(sources.map(\.name))
        for tag in partials.tags.keys.sorted().flatMap({ partials.tags[$0] ?? [] }) where !names.contains(tag.partial) {
            diagnostics.append(.error(
                "the partial '\(tag.partial)' is not in the templates folder (no \(tag.partial).mustache)", id: "template.missing", at: tag.location))
        }
        diagnostics += partials.cycles()
        for name in required where !names.contains(name) {
            diagnostics.append(.error("the templates folder has no \(name).mustache", id: "template.missing", at: nil))
        }
        guard !diagnostics.containsError else { return (nil, diagnostics) }
        return (TemplateSet(templates: templates, stylesheet: assets.first { $0.name == "style.css" }?.text ?? ""), diagnostics)
    }

    /// Renders `model` with the template `name` (which `compile` has checked exists).
    func render(_ model: some TemplateValues, template name: String) -> String {
        String(decoding: renderedBytes(model, template: name), as: UTF8.self)
    }

    /// The same page as UTF-8, as it goes to disk.
    func renderedBytes(_ model: some TemplateValues, template name: String) -> [UInt8] {
        guard let template = templates[name] else { return [] }
        // Most of a page is the template's own text and the inlined stylesheet; reports with many
        // hosts grow past this once or twice.
        var renderer = TemplateRenderer(model: model, templates: templates, capacity: 2 * template.size + stylesheet.utf8.count + 4096)
        renderer.render(template.nodes, as: template.contentType)
        return renderer.output
    }
}
