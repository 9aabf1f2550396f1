import BulletinModel
import Foundation

/// Reads the user's templates (`*.mustache`) and the stylesheet from the templates folder.
public struct TemplateLoader: Sendable {
    public init() {}

    /// What loading produced: templates sorted by name, any other files (the CSS) by name, and
    /// diagnostics.
    public struct Result: Sendable {
        public var templates: [TemplateSource]
        public var assets: [TemplateSource]
        public var diagnostics: [Diagnostic]
    }

    public func load(folder: String) -> Result {
        var diagnostics: [Diagnostic] = []
        guard let names = FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] else {
            diagnostics.append(.error("no templates folder; pass one with --templates", id: "templates.missing", at: SourceLocation(file: folder)))
            return Result(templates: [], assets: [], diagnostics: diagnostics)
        }
        var templates: [TemplateSource] = []
        var assets: [TemplateSource] = []
        for name in names.sorted() {
            let file = (folder as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue,
                !name.split(separator: "/").contains(where: { $0.hasPrefix(".") })
            else { continue }
            if name.hasSuffix(".mustache") {
                guard let text = AdvisoryLoader.readText(file, diagnostics: &diagnostics) else { continue }
                templates.append(TemplateSource(name: String(name.dropLast(".mustache".count)), text: text, file: file))
            } else if name.hasSuffix(".css") {
                guard let text = AdvisoryLoader.readText(file, diagnostics: &diagnostics) else { continue }
                assets.append(TemplateSource(name: name, text: text, file: file))
            }
        }
        return Result(templates: templates, assets: assets, diagnostics: diagnostics)
    }
}
