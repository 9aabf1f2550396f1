import BulletinModel
import Foundation
import Yams

/// Loads the advisory bundles under `Content/advisories/`: front matter checked field by field,
/// bodies rendered by libcmark, remediation steps read from `remediation/*.md`.
public struct AdvisoryLoader: Sendable {
    public init() {}

    /// What loading produced: advisories sorted by id, and every diagnostic.
    public struct Result: Sendable {
        public var advisories: [Advisory]
        public var diagnostics: [Diagnostic]
    }

    /// Loads every folder of `content/advisories` that holds an `advisory.md`.
    public func load(content: String) -> Result {
        var diagnostics: [Diagnostic] = []
        let root = (content as NSString).appendingPathComponent("advisories")
        guard let folders = try? FileManager.default.contentsOfDirectory(atPath: root) else {
            diagnostics.append(.error(
                "no advisories folder; a content folder holds advisories/<name>/advisory.md (pass it with --content)",
                id: "content.missing-advisories", at: SourceLocation(file: root)))
            return Result(advisories: [], diagnostics: diagnostics)
        }
        var advisories: [Advisory] = []
        for folder in folders.sorted() where !folder.hasPrefix(".") {
            let bundle = (root as NSString).appendingPathComponent(folder)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: bundle, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            let file = (bundle as NSString).appendingPathComponent("advisory.md")
            guard let text = Self.readText(file, diagnostics: &diagnostics) else { continue }
            if let advisory = loadAdvisory(text, file: file, slug: folder, bundle: bundle, diagnostics: &diagnostics) {
                advisories.append(advisory)
            }
        }
        var seen: [String: SourceLocation] = [:]
        for advisory in advisories {
            if let first = seen[advisory.id] {
                diagnostics.append(.error("advisory id '\(advisory.id)' is also used at \(first); ids must be unique", id: "advisory.duplicate-id", at: advisory.location))
            }
            seen[advisory.id] = advisory.location
        }
        if advisories.isEmpty && !diagnostics.containsError {
            diagnostics.append(.error("no advisory found; add advisories/<name>/advisory.md", id: "content.no-advisories", at: SourceLocation(file: root)))
        }
        return Result(advisories: advisories.sorted { $0.id < $1.id }, diagnostics: diagnostics)
    }

    /// Reads a UTF-8 text file, or reports why it cannot be read.
    static func readText(_ file: String, diagnostics: inout [Diagnostic]) -> String? {
        guard let data = FileManager.default.contents(atPath: file) else {
            diagnostics.append(.error("cannot read file", id: "content.unreadable", at: SourceLocation(file: file)))
            return nil
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            diagnostics.append(.error("file is not valid UTF-8", id: "content.encoding", at: SourceLocation(file: file)))
            return nil
        }
        return text
    }

    /// Parses front matter YAML into a node, reporting YAML syntax errors at their file position.
    static func parseFrontMatter(_ text: String, file: String, diagnostics: inout [Diagnostic]) -> (Node, YAMLReader.Locator, body: String, bodyLine: Int)? {
        let split: FrontMatter
        switch FrontMatter.split(text, file: file) {
        case .success(let value): split = value
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        }
        let locator = YAMLReader.Locator(file: file, lineOffset: split.lineOffset)
        switch YAMLReader.compose(split.yaml, locator: locator, what: "front matter", id: "frontmatter.syntax", diagnostics: &diagnostics) {
        case .node(let node):
            return (node, locator, split.body, split.bodyLine)
        case .empty:
            diagnostics.append(.error("front matter is empty", id: "frontmatter.empty", at: SourceLocation(file: file, line: 1, column: 1)))
            return nil
        case .invalid:
            return nil
        }
    }

    private func loadAdvisory(_ text: String, file: String, slug: String, bundle: String, diagnostics: inout [Diagnostic]) -> Advisory? {
        guard let (node, locator, body, _) = Self.parseFrontMatter(text, file: file, diagnostics: &diagnostics),
            var fields = YAMLReader(node, locator: locator, role: "advisory front matter", diagnostics: &diagnostics)
        else { return nil }
        let before = diagnostics.count
        let id = fields.string("id", required: true, diagnostics: &diagnostics)
        let title = fields.string("title", required: true, diagnostics: &diagnostics)
        let summary = fields.string("summary", required: true, diagnostics: &diagnostics)
        let published = date("published", required: true, in: &fields, diagnostics: &diagnostics)
        let updated = date("updated", required: false, in: &fields, diagnostics: &diagnostics)
        let severity = fields.choice("severity", as: Advisory.Severity.self, required: true, diagnostics: &diagnostics)
        let tlp = fields.choice("tlp", as: Advisory.TLP.self, required: true, diagnostics: &diagnostics)
        let reportTLP = fields.choice("report_tlp", as: Advisory.TLP.self, required: true, diagnostics: &diagnostics)
        let cves = fields.list("cves", diagnostics: &diagnostics).compactMap { cve($0, locator: locator, diagnostics: &diagnostics) }
        let references = fields.list("references", diagnostics: &diagnostics).compactMap { reference($0, locator: locator, diagnostics: &diagnostics) }
        let affected = fields.list("affected", required: true, diagnostics: &diagnostics).compactMap {
            AffectedProductReader(locator: locator).read($0, diagnostics: &diagnostics)
        }
        fields.reportUnknownKeys(diagnostics: &diagnostics)
        let knownCVEs = Set(cves.map(\.id))
        for entry in affected {
            for cve in entry.cves where !knownCVEs.contains(cve) {
                diagnostics.append(.error("affected product '\(entry.product)' names \(cve), which is not in the advisory's 'cves' list", id: "advisory.unknown-cve", at: entry.location))
            }
        }
        let remediation = RemediationLoader().load(folder: (bundle as NSString).appendingPathComponent("remediation"), diagnostics: &diagnostics)
        let indicators = IndicatorLoader(bundle: bundle, advisoryID: id ?? slug, remediationIDs: Set(remediation.map(\.id))).load(diagnostics: &diagnostics)
        guard !diagnostics[before...].containsError, let id, let title, let summary, let published, let severity, let tlp, let reportTLP else { return nil }
        return Advisory(
            id: id, slug: slug, title: title, summary: summary.trimmingCharacters(in: .whitespacesAndNewlines), published: published,
            updated: updated, severity: severity, tlp: tlp, reportTLP: reportTLP, cves: cves, references: references,
            affected: affected, bodyHTML: CommonMark.html(body), bodyMarkdown: body.trimmingCharacters(in: .whitespacesAndNewlines),
            remediation: remediation, indicators: indicators, location: SourceLocation(file: file, line: 1, column: 1))
    }

    private func date(_ key: String, required: Bool, in fields: inout YAMLReader, diagnostics: inout [Diagnostic]) -> String? {
        guard let node = fields.value(key, required: required, diagnostics: &diagnostics) else { return nil }
        let text = node.string ?? ""
        guard Instant(date: text) != nil else {
            diagnostics.append(.error("'\(key)' must be a date written YYYY-MM-DD, not '\(text)'", id: "advisory.invalid-date", at: fields.locator.location(node)))
            return nil
        }
        return text
    }

    private func cve(_ node: Node, locator: YAMLReader.Locator, diagnostics: inout [Diagnostic]) -> Advisory.CVE? {
        guard var fields = YAMLReader(node, locator: locator, role: "CVE entry", diagnostics: &diagnostics) else { return nil }
        let id = fields.string("id", required: true, diagnostics: &diagnostics)
        if let id, id.range(of: #"^CVE-\d{4}-\d{4,}$"#, options: .regularExpression) == nil {
            diagnostics.append(.error("'\(id)' is not a CVE id such as CVE-2021-26855", id: "advisory.invalid-cve", at: fields.location))
        }
        let title = fields.string("title", required: true, diagnostics: &diagnostics)
        var score: Double?
        var vector: String?
        if var cvss = fields.mapping("cvss", role: "cvss", diagnostics: &diagnostics) {
            if let node = cvss.value("score", required: true, diagnostics: &diagnostics) {
                score = node.float
                if score.map({ !(0...10).contains($0) }) ?? true {
                    diagnostics.append(.error("CVSS score must be a number from 0 to 10", id: "advisory.invalid-cvss", at: locator.location(node)))
                }
            }
            vector = cvss.string("vector", diagnostics: &diagnostics)
            if let text = vector, !text.hasPrefix("CVSS:3.") && !text.hasPrefix("CVSS:4.") {
                diagnostics.append(.warning("CVSS vector should start with 'CVSS:3.1/' or 'CVSS:4.0/'", id: "advisory.invalid-cvss", at: cvss.location))
            }
            cvss.reportUnknownKeys(diagnostics: &diagnostics)
        }
        var kevAdded: String?
        if var kev = fields.mapping("kev", role: "kev", diagnostics: &diagnostics) {
            kevAdded = date("added", required: true, in: &kev, diagnostics: &diagnostics)
            kev.reportUnknownKeys(diagnostics: &diagnostics)
        }
        fields.reportUnknownKeys(diagnostics: &diagnostics)
        guard let id, let title else { return nil }
        return Advisory.CVE(id: id, title: title, cvssScore: score, cvssVector: vector, kevAdded: kevAdded)
    }

    private func reference(_ node: Node, locator: YAMLReader.Locator, diagnostics: inout [Diagnostic]) -> Advisory.Reference? {
        guard var fields = YAMLReader(node, locator: locator, role: "reference", diagnostics: &diagnostics) else { return nil }
        let title = fields.string("title", required: true, diagnostics: &diagnostics)
        let url = fields.string("url", required: true, diagnostics: &diagnostics)
        fields.reportUnknownKeys(diagnostics: &diagnostics)
        guard let title, let url else { return nil }
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
            diagnostics.append(.error("reference url must start with https:// or http://", id: "advisory.invalid-url", at: fields.location))
            return nil
        }
        return Advisory.Reference(title: title, url: url)
    }
}
