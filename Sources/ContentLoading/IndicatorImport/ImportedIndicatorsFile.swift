import BulletinModel
import Foundation
import Yams

/// `imported-indicators.yml`: the indicators `bulletin import indicators` wrote into an advisory
/// bundle, beside the hand-written `indicators.yml`, in the same format.
///
/// The importer owns this file and rewrites it whole on every import, merging what was there with
/// what the new feed names; `indicators.yml` it never changes. To curate an imported indicator
/// (add samples, make it stable, call for remediation), move its entry to `indicators.yml`: later
/// imports then report it as already curated instead of writing it again.
public enum ImportedIndicatorsFile {
    /// The file name in the advisory bundle.
    public static let name = "imported-indicators.yml"

    /// The line that introduces the provenance list in each description.
    static let sourcesLine = "Imported by `bulletin import indicators`; experimental until someone adds samples and moves it to indicators.yml. Sources:"

    /// One entry as the file holds it.
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var title: String
        public var verdict: Finding.Verdict
        public var confidence: Finding.Confidence
        public var pattern: String
        /// One line per source, sorted.
        public var provenance: [String]

        /// The identity of the entry: its pattern with whitespace runs made one space.
        public var key: String { ImportedIndicator.key(of: pattern) }
    }

    /// The whole file for `entries`, in id order.
    public static func render(_ entries: [Entry]) -> String {
        var text = """
            # Indicators imported by `bulletin import indicators` (see docs/advisory-format.md).
            # This file is rewritten on every import: to curate an indicator, move its entry to
            # indicators.yml, which the importer never changes.

            indicators:

            """
        for entry in entries.sorted(by: { $0.id < $1.id }) {
            // The merger makes ids of letters, digits and '-'; an id read back that is not (a hand
            // edit) is quoted rather than allowed to break the file.
            let plain = !entry.id.isEmpty && entry.id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
            text += "  - id: \(plain ? entry.id : YAMLText.quoted(entry.id))\n"
            text += "    title: \(YAMLText.quoted(entry.title))\n"
            text += "    verdict: \(entry.verdict.rawValue)\n"
            text += "    confidence: \(entry.confidence.rawValue)\n"
            text += "    status: experimental\n"
            text += "    pattern: " + YAMLText.block(entry.pattern, indent: 6) + "\n"
            let description = sourcesLine + "\n\n" + entry.provenance.map { "- " + $0 }.joined(separator: "\n")
            text += "    description: " + YAMLText.block(description, indent: 6) + "\n"
        }
        if entries.isEmpty { text = text.replacingOccurrences(of: "indicators:\n", with: "indicators: []\n") }
        return text
    }

    /// Reads the entries of `bundle`'s imported file, if it has one. An entry someone edited by
    /// hand (samples added, made stable) is an error: rewriting the file would lose the edit.
    public static func read(bundle: String, diagnostics: inout [Diagnostic]) -> [Entry] {
        let file = (bundle as NSString).appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: file) else { return [] }
        guard let text = AdvisoryLoader.readText(file, diagnostics: &diagnostics) else { return [] }
        let locator = YAMLReader.Locator(file: file, lineOffset: 0)
        guard case .node(let root) = YAMLReader.compose(text, locator: locator, what: "imported indicators file", id: "indicators.syntax", diagnostics: &diagnostics),
            var top = YAMLReader(root, locator: locator, role: "imported indicators file", diagnostics: &diagnostics)
        else { return [] }
        var entries: [Entry] = []
        for node in top.list("indicators", required: true, diagnostics: &diagnostics) {
            guard var fields = YAMLReader(node, locator: locator, role: "indicator", diagnostics: &diagnostics) else { continue }
            let id = fields.string("id", required: true, diagnostics: &diagnostics)
            let title = fields.string("title", required: true, diagnostics: &diagnostics)
            let verdict = fields.choice("verdict", as: Finding.Verdict.self, required: true, diagnostics: &diagnostics)
            let confidence = fields.choice("confidence", as: Finding.Confidence.self, required: true, diagnostics: &diagnostics)
            let status = fields.string("status", diagnostics: &diagnostics)
            let pattern = fields.string("pattern", required: true, diagnostics: &diagnostics)
            let description = fields.string("description", diagnostics: &diagnostics) ?? ""
            let edited = (node.mapping?.keys.compactMap(\.string) ?? []).filter {
                !["id", "title", "verdict", "confidence", "status", "pattern", "description"].contains($0)
            }
            if !edited.isEmpty || (status != nil && status != "experimental") {
                let what = edited.isEmpty ? "'status: \(status ?? "")'" : edited.map { "'\($0)'" }.joined(separator: ", ")
                diagnostics.append(.error(
                    "imported indicator '\(id ?? "?")' was edited by hand (it has \(what)), and the importer rewrites this file; move the entry to indicators.yml to curate it",
                    id: "import.edited-entry", at: fields.location))
                continue
            }
            guard let id, let title, let verdict, let confidence, let pattern else { continue }
            let provenance = description.split(separator: "\n").filter { $0.hasPrefix("- ") }.map { String($0.dropFirst(2)) }
            entries.append(Entry(id: id, title: title, verdict: verdict, confidence: confidence, pattern: pattern, provenance: provenance))
        }
        return entries
    }

    /// The patterns of `bundle`'s hand-written `indicators.yml`, by key, with their ids: an imported
    /// indicator with the same pattern is already curated there. Problems in that file are left to
    /// `bulletin verify`, which reports them located.
    public static func curatedPatterns(bundle: String) -> [String: String] {
        let file = (bundle as NSString).appendingPathComponent("indicators.yml")
        guard let data = FileManager.default.contents(atPath: file), let text = String(validating: data, as: UTF8.self),
            let root = (try? Yams.compose(yaml: text)) ?? nil, let list = root["indicators"]?.sequence
        else { return [:] }
        var patterns: [String: String] = [:]
        for entry in list {
            guard let id = entry["id"]?.string, let pattern = entry["pattern"]?.string else { continue }
            patterns[ImportedIndicator.key(of: pattern)] = id
        }
        return patterns
    }
}
