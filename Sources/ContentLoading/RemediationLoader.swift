import BulletinModel
import Foundation

/// Loads an advisory's remediation steps, one per `remediation/*.md` file.
struct RemediationLoader {
    func load(folder: String, diagnostics: inout [Diagnostic]) -> [RemediationStep] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var steps: [RemediationStep] = []
        var seen: [String: SourceLocation] = [:]
        for name in names.sorted() where name.hasSuffix(".md") {
            let file = (folder as NSString).appendingPathComponent(name)
            guard let text = AdvisoryLoader.readText(file, diagnostics: &diagnostics),
                let (node, locator, body, bodyLine) = AdvisoryLoader.parseFrontMatter(text, file: file, diagnostics: &diagnostics),
                var fields = YAMLReader(node, locator: locator, role: "remediation step", diagnostics: &diagnostics)
            else { continue }
            let before = diagnostics.count
            let id = fields.string("id", required: true, diagnostics: &diagnostics)
            let title = fields.string("title", required: true, diagnostics: &diagnostics)
            let order = fields.int("order", diagnostics: &diagnostics) ?? 100
            let category = fields.choice("category", as: RemediationStep.Category.self, required: true, diagnostics: &diagnostics)
            let when = fields.list("when", diagnostics: &diagnostics).compactMap {
                YAMLReader.choice($0, as: HostStatus.self, what: "'when' status", locator: locator, diagnostics: &diagnostics)
            }
            let dueDays = fields.int("due_days", diagnostics: &diagnostics)
            if let dueDays, dueDays < 0 {
                diagnostics.append(.error("'due_days' must not be negative", id: "yaml.invalid-value", at: fields.location))
            }
            fields.reportUnknownKeys(diagnostics: &diagnostics)
            checkPlaceholders(body, file: file, bodyLine: bodyLine, diagnostics: &diagnostics)
            guard !diagnostics[before...].containsError, let id, let title, let category else { continue }
            if let first = seen[id] {
                diagnostics.append(.error("remediation id '\(id)' is also used at \(first)", id: "remediation.duplicate-id", at: fields.location))
                continue
            }
            seen[id] = fields.location
            steps.append(RemediationStep(
                id: id, title: title, order: order, category: category, when: when, dueDays: dueDays,
                body: body.trimmingCharacters(in: .whitespacesAndNewlines), location: SourceLocation(file: file, line: 1, column: 1)))
        }
        return steps.sorted { ($0.order, $0.id) < ($1.order, $1.id) }
    }

    /// Every `{{name}}` in a step body must be a known placeholder: a typo would otherwise print
    /// an empty gap in the middle of an instruction.
    private func checkPlaceholders(_ body: String, file: String, bodyLine: Int, diagnostics: inout [Diagnostic]) {
        for (index, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                guard let close = rest[open.upperBound...].range(of: "}}") else { break }
                let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                if !RemediationStep.placeholders.contains(name) {
                    var summary = "unknown placeholder '{{\(name)}}'; steps can use \(RemediationStep.placeholders.map { "{{\($0)}}" }.joined(separator: ", "))"
                    if let near = Suggestion.closest(to: name, among: RemediationStep.placeholders) { summary += "; did you mean '{{\(near)}}'?" }
                    let column = line.utf8.distance(from: line.startIndex, to: open.lowerBound) + 1
                    diagnostics.append(.error(summary, id: "remediation.unknown-placeholder", at: SourceLocation(file: file, line: bodyLine + index, column: column)))
                }
                rest = rest[close.upperBound...]
            }
        }
    }
}
