import BulletinModel
import Foundation
import Yams

/// Reads `site.yml` of the content folder: who publishes the reports and how recipients verify
/// them. The file is required, because a notice that cannot be verified teaches recipients to trust
/// anything that looks like one.
public struct PublisherLoader: Sendable {
    public init() {}

    public func load(content: String, diagnostics: inout [Diagnostic]) -> Publisher? {
        let file = (content as NSString).appendingPathComponent("site.yml")
        guard FileManager.default.fileExists(atPath: file) else {
            diagnostics.append(.error(
                "no site.yml: say who sends the reports and how recipients can verify them (publisher: name, email, verification)",
                id: "site.missing", at: SourceLocation(file: file)))
            return nil
        }
        guard let text = AdvisoryLoader.readText(file, diagnostics: &diagnostics) else { return nil }
        let locator = YAMLReader.Locator(file: file, lineOffset: 0)
        let node: Node
        switch YAMLReader.compose(text, locator: locator, what: "site.yml", id: "site.syntax", diagnostics: &diagnostics) {
        case .node(let parsed): node = parsed
        case .empty:
            diagnostics.append(.error("site.yml is empty", id: "site.empty", at: SourceLocation(file: file, line: 1, column: 1)))
            return nil
        case .invalid: return nil
        }
        guard var top = YAMLReader(node, locator: locator, role: "site.yml", diagnostics: &diagnostics),
            var fields = top.mapping("publisher", role: "publisher", required: true, diagnostics: &diagnostics)
        else { return nil }
        top.reportUnknownKeys(diagnostics: &diagnostics)
        let before = diagnostics.count
        let name = fields.string("name", required: true, diagnostics: &diagnostics)
        let website = fields.string("website", diagnostics: &diagnostics)
        let email = fields.string("email", diagnostics: &diagnostics)
        let phone = fields.string("phone", diagnostics: &diagnostics)
        let verification = fields.string("verification", required: true, diagnostics: &diagnostics)
        fields.reportUnknownKeys(diagnostics: &diagnostics)
        if let website, !website.hasPrefix("https://") && !website.hasPrefix("http://") {
            diagnostics.append(.error("publisher website must start with https://", id: "site.invalid-url", at: fields.location))
        }
        if email == nil && phone == nil {
            diagnostics.append(.error("publisher needs an email or a phone number for recipients to reach", id: "site.no-contact", at: fields.location))
        }
        guard !diagnostics[before...].containsError, let name, let verification else { return nil }
        return Publisher(
            name: name, website: website, email: email, phone: phone,
            verification: verification.trimmingCharacters(in: .whitespacesAndNewlines), location: fields.location)
    }
}
