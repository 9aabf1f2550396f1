import BulletinModel
import ContentLoading
import IndicatorEngine
import ReportRendering

/// The stages of a build in order: load, assess, render. Each returns values and diagnostics;
/// only `OutputWriter` touches the output folder, and only when no stage reported an error.
struct Pipeline {
    var content: String
    var scans: [String]
    var templates: String?
    /// The size and nesting limits of scan documents.
    var scanLimits = ScanLimits()

    /// Everything loaded and checked.
    struct Loaded {
        var advisories: [Advisory]
        var publisher: Publisher?
        var organisations: [OrganisationScan]
        var templates: TemplateSet?
        var scanFiles: [String]
    }

    /// Loads advisories, scans and (when `templates` is set) templates, collecting every
    /// diagnostic of every file.
    func load(diagnostics: inout [Diagnostic], scans readScans: Bool = true) -> Loaded {
        let advisories = AdvisoryLoader().load(content: content)
        diagnostics += advisories.diagnostics
        let publisher = PublisherLoader().load(content: content, diagnostics: &diagnostics)
        // A build catalogues the scans instead and loads them one organisation at a time.
        let scans = readScans ? ScanLoader(limits: scanLimits).load(paths: scans) : nil
        diagnostics += scans?.diagnostics ?? []
        if let scans, scans.files.isEmpty && !scans.diagnostics.containsError {
            diagnostics.append(.warning("no scan files (*.json, *.jsonl, *.ndjson) found in \(self.scans.joined(separator: ", "))", id: "scan.none", at: nil))
        }
        var templateSet: TemplateSet?
        if let templates {
            let sources = TemplateLoader().load(folder: templates)
            diagnostics += sources.diagnostics
            if !sources.diagnostics.containsError {
                let (compiled, problems) = TemplateSet.compile(sources.templates, assets: sources.assets)
                diagnostics += problems
                templateSet = compiled
            }
        }
        return Loaded(advisories: advisories.advisories, publisher: publisher, organisations: scans?.organisations ?? [], templates: templateSet, scanFiles: scans?.files ?? [])
    }

    /// Compiles every advisory's indicators once; a pattern that does not parse or compile is an
    /// error located in its `indicators.yml`.
    static func compile(_ loaded: Loaded, diagnostics: inout [Diagnostic]) -> RuleSet {
        let (ruleSet, problems) = RuleCompiler().compile(loaded.advisories.flatMap(\.indicators))
        diagnostics += problems
        return ruleSet
    }

    /// Runs every indicator against its samples; a failure is an error, and nothing is published.
    static func verify(_ loaded: Loaded, ruleSet: RuleSet, diagnostics: inout [Diagnostic]) -> Int {
        let report = SampleVerifier(ruleSet: ruleSet).verify(loaded.advisories.flatMap(\.indicators))
        diagnostics += report.diagnostics
        return report.samplesChecked
    }

    /// Assesses every organisation against every advisory: each host's builds against the
    /// advisory's affected list, and its observations against the advisory's indicators.
    static func assess(_ loaded: Loaded, ruleSet: RuleSet, diagnostics: inout [Diagnostic]) -> [OrganisationAssessment] {
        let matcher = Matcher(ruleSet: ruleSet)
        return loaded.organisations.map { scan in
            var timings = StageTimings()
            return assess(scan, advisories: loaded.advisories, matcher: matcher, diagnostics: &diagnostics, timings: &timings)
        }
    }

    /// Assesses one organisation against every advisory, timing matching and version assessment
    /// apart.
    static func assess(
        _ scan: OrganisationScan, advisories: [Advisory], matcher: Matcher, diagnostics: inout [Diagnostic], timings: inout StageTimings
    ) -> OrganisationAssessment {
        let assessor = VersionAssessor()
        var findingsByHost: [String: [Finding]] = [:]
        timings.measure("match") {
            for host in scan.hosts {
                let result = matcher.match(host)
                diagnostics += result.diagnostics
                findingsByHost[host.id] = result.findings
            }
        }
        return timings.measure("assess") {
            OrganisationAssessment(scan: scan, advisories: advisories.map { advisory in
                let ownIndicators = Set(advisory.indicators.map(\.id))
                return AdvisoryAssessment(advisoryID: advisory.id, hosts: scan.hosts.map { host in
                    let result = assessor.assess(host, against: advisory)
                    diagnostics += result.diagnostics
                    let findings = (findingsByHost[host.id] ?? []).filter { ownIndicators.contains($0.indicatorID) }
                    return HostAssessment(hostID: host.id, exposures: result.exposures, findings: findings)
                })
            })
        }
    }
}
