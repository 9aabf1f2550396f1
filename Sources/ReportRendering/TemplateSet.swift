import BulletinModel
import Mustache

/// The user's templates, parsed once, with the escaping of each chosen by its file name.
public struct TemplateSet: Sendable {
    let library: MustacheLibrary
    /// The stylesheet (`style.css`), inlined into every page so that each file stands alone.
    let stylesheet: String

    /// The templates a build needs; a missing one is an error, not an empty page.
    public static let required = ["advisory.html", "briefing.html", "briefing.md", "index.html", "organisation.html", "organisation.md"]

    /// Parses `sources`; every template that does not parse is a located diagnostic.
    public static func compile(_ sources: [TemplateSource], assets: [TemplateSource]) -> (TemplateSet?, [Diagnostic]) {
        ContentTypes.register()
        var diagnostics: [Diagnostic] = []
        var library = MustacheLibrary()
        for source in sources {
            guard let pragma = ContentTypes.pragma(forTemplateNamed: source.name) else {
                diagnostics.append(.error(
                    "template name must end in .html.mustache or .md.mustache so that its values are escaped for that language",
                    id: "template.unknown-language", at: SourceLocation(file: source.file)))
                continue
            }
            do {
                // The pragma goes on the template's first line, before any text, so positions in
                // the file stay the positions the parser reports.
                library.register(try MustacheTemplate(string: pragma + source.text), named: source.name)
            } catch let error as MustacheTemplate.ParserError {
                let column = error.context.lineNumber == 1 ? max(1, error.context.columnNumber - pragma.count) : error.context.columnNumber
                diagnostics.append(.error(
                    "template does not parse: \(describe(error.error))", id: "template.syntax",
                    at: SourceLocation(file: source.file, line: error.context.lineNumber, column: column)))
            } catch {
                diagnostics.append(.error("template does not parse: \(error)", id: "template.syntax", at: SourceLocation(file: source.file)))
            }
        }
        let names = Set(sources.map(\.name))
        for name in required where !names.contains(name) {
            diagnostics.append(.error("the templates folder has no \(name).mustache", id: "template.missing", at: nil))
        }
        guard !diagnostics.containsError else { return (nil, diagnostics) }
        return (TemplateSet(library: library, stylesheet: assets.first { $0.name == "style.css" }?.text ?? ""), diagnostics)
    }

    /// Renders `object` with the template `name` (which `compile` has checked exists).
    func render(_ object: Any, template name: String) -> String {
        library.render(object, withTemplate: name) ?? ""
    }

    private static func describe(_ error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: "a section is closed with a different name than it was opened with"
        case .unfinishedName?: "a tag is not closed with '}}'"
        case .expectedSectionEnd?: "a section is never closed; add {{/name}}"
        case .invalidSetDelimiter?: "a set-delimiter tag is malformed"
        case .invalidConfigVariableSyntax?, .unrecognisedConfigVariable?: "a pragma tag is malformed or unknown"
        default: "\(error)"
        }
    }
}
