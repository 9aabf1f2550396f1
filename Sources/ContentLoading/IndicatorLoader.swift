import BulletinModel
import Foundation
import Yams

/// Loads an advisory's `indicators.yml` and `imported-indicators.yml`: each indicator's fields
/// checked, its pattern text kept with a map back to the file (the engine parses it and reports
/// errors there), and its samples read, from sample scan files or inline observations.
struct IndicatorLoader {
    /// The advisory's bundle folder, against which sample paths are resolved.
    let bundle: String
    let advisoryID: String
    /// The remediation step ids that indicators may call for.
    let remediationIDs: Set<String>

    /// Loads `indicators.yml` and then `imported-indicators.yml` (what `bulletin import indicators`
    /// wrote); ids must be unique across both.
    func load(diagnostics: inout [Diagnostic]) -> [Indicator] {
        var seen: [String: SourceLocation] = [:]
        return ["indicators.yml", ImportedIndicatorsFile.name].flatMap { load(file: $0, seen: &seen, diagnostics: &diagnostics) }
    }

    private func load(file name: String, seen: inout [String: SourceLocation], diagnostics: inout [Diagnostic]) -> [Indicator] {
        let file = (bundle as NSString).appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: file) else { return [] }
        guard let text = AdvisoryLoader.readText(file, diagnostics: &diagnostics) else { return [] }
        let locator = YAMLReader.Locator(file: file, lineOffset: 0)
        guard case .node(let root) = YAMLReader.compose(text, locator: locator, what: "indicators file", id: "indicators.syntax", diagnostics: &diagnostics) else {
            return []
        }
        guard var top = YAMLReader(root, locator: locator, role: "indicators file", diagnostics: &diagnostics) else { return [] }
        let entries = top.list("indicators", required: true, diagnostics: &diagnostics)
        top.reportUnknownKeys(diagnostics: &diagnostics)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        var indicators: [Indicator] = []
        for entry in entries {
            guard let indicator = read(entry, locator: locator, lines: lines, diagnostics: &diagnostics) else { continue }
            if let first = seen[indicator.id] {
                diagnostics.append(.error("indicator id '\(indicator.id)' is also used at \(first); ids must be unique", id: "indicator.duplicate-id", at: indicator.location))
                continue
            }
            seen[indicator.id] = indicator.location
            indicators.append(indicator)
        }
        return indicators
    }

    private func read(_ node: Node, locator: YAMLReader.Locator, lines: [Substring], diagnostics: inout [Diagnostic]) -> Indicator? {
        guard var fields = YAMLReader(node, locator: locator, role: "indicator", diagnostics: &diagnostics) else { return nil }
        let before = diagnostics.count
        let id = fields.string("id", required: true, diagnostics: &diagnostics)
        let title = fields.string("title", required: true, diagnostics: &diagnostics)
        let verdict = fields.choice("verdict", as: Finding.Verdict.self, required: true, diagnostics: &diagnostics)
        let confidence = fields.choice("confidence", as: Finding.Confidence.self, required: true, diagnostics: &diagnostics)
        let status = fields.choice("status", as: Indicator.Status.self, diagnostics: &diagnostics) ?? .experimental
        let cves = fields.strings("cves", diagnostics: &diagnostics)
        let patternNode = fields.value("pattern", required: true, diagnostics: &diagnostics)
        let description = fields.string("description", diagnostics: &diagnostics)
        var remediation: [String] = []
        for item in fields.list("remediation", diagnostics: &diagnostics) {
            guard let step = item.string else { continue }
            if !remediationIDs.contains(step) {
                var summary = "remediation step '\(step)' does not exist in this advisory's remediation/ folder"
                if let near = Suggestion.closest(to: step, among: remediationIDs.sorted()) { summary += "; did you mean '\(near)'?" }
                diagnostics.append(.error(summary, id: "indicator.unknown-remediation", at: locator.location(item)))
            }
            remediation.append(step)
        }
        var matchSamples: [Indicator.Sample] = []
        var noMatchSamples: [Indicator.Sample] = []
        if var samples = fields.mapping("samples", role: "samples", diagnostics: &diagnostics) {
            let reader = SampleReader(bundle: bundle, locator: locator)
            matchSamples = samples.list("match", diagnostics: &diagnostics).flatMap { reader.read($0, diagnostics: &diagnostics) }
            noMatchSamples = samples.list("no_match", diagnostics: &diagnostics).flatMap { reader.read($0, diagnostics: &diagnostics) }
            samples.reportUnknownKeys(diagnostics: &diagnostics)
        }
        fields.reportUnknownKeys(diagnostics: &diagnostics)
        if status == .stable, matchSamples.isEmpty || noMatchSamples.isEmpty {
            diagnostics.append(.error(
                "stable indicator '\(id ?? "?")' needs at least one 'match' and one 'no_match' sample; add them or mark it 'status: experimental'",
                id: "indicator.missing-samples", at: fields.location))
        }
        guard !diagnostics[before...].containsError, let id, let title, let verdict, let confidence, let patternNode,
            let pattern = patternNode.scalar
        else {
            if let patternNode, patternNode.scalar == nil {
                diagnostics.append(.error("'pattern' must be text; write it as a block scalar (pattern: |-)", id: "yaml.type-mismatch", at: locator.location(patternNode)))
            }
            return nil
        }
        return Indicator(
            id: id, title: title, verdict: verdict, confidence: confidence, status: status, cves: cves, pattern: pattern.string,
            patternOrigin: Self.origin(of: pattern, mark: patternNode.mark, file: locator.file, lines: lines),
            description: description, remediation: remediation, matchSamples: matchSamples, noMatchSamples: noMatchSamples,
            advisoryID: advisoryID, location: fields.location)
    }

    /// Where each line of a scalar's value starts in the file. Exact for block scalars (`|-`, the
    /// recommended way to write patterns) and one-line plain scalars; for quoted scalars, exact up
    /// to the first escape.
    static func origin(of scalar: Node.Scalar, mark: Mark?, file: String, lines: [Substring]) -> TextOrigin {
        guard let mark else { return TextOrigin(file: file, lineStarts: []) }
        switch scalar.style {
        case .literal, .folded:
            var starts: [TextOrigin.Position] = []
            var indent: Int?
            var line = mark.line + 1
            for _ in scalar.string.split(separator: "\n", omittingEmptySubsequences: false) {
                while line <= lines.count, lines[line - 1].allSatisfy({ $0 == " " }) {
                    line += 1
                }
                guard line <= lines.count else { break }
                let text = lines[line - 1]
                let spaces = text.prefix { $0 == " " }.count
                if indent == nil { indent = spaces }
                starts.append(TextOrigin.Position(line: line, column: (indent ?? spaces) + 1))
                line += 1
            }
            return TextOrigin(file: file, lineStarts: starts)
        case .singleQuoted, .doubleQuoted:
            return TextOrigin(file: file, lineStarts: [TextOrigin.Position(line: mark.line, column: mark.column + 1)])
        default:
            return TextOrigin(file: file, lineStarts: [TextOrigin.Position(line: mark.line, column: mark.column)])
        }
    }
}
