import BulletinModel
import ContentLoading
import IndicatorEngine
import ReportRendering

/// The per-organisation stages of a build, for one organisation at a time: read its documents,
/// decode and merge them, match and assess, render its report and write it into the staging
/// folder. What comes back is small (a summary, the organisation's diagnostics, timings), so
/// memory is bounded by the organisations the workers hold at once.
struct OrganisationBuilder: Sendable {
    let catalogue: ScanCatalogue
    let advisories: [Advisory]
    /// How to match and render; `nil` when an earlier stage failed and the build only loads the
    /// scans to report every problem in them.
    let rendering: Rendering?

    struct Rendering: Sendable {
        var matcher: Matcher
        var renderer: SiteRenderer
        var site: SiteRenderer.Site
        var staging: StagingFolder
    }

    /// What building one organisation gave.
    struct Outcome: Sendable {
        /// `nil` when it was not rendered (a problem in its scans, or loading only).
        var summary: OrganisationSummary?
        var notices: [ScanNotice]
        var timings: StageTimings
    }

    func build(_ entry: ScanCatalogue.Entry) -> Outcome {
        var timings = StageTimings()
        let contents = timings.measure("read") { catalogue.contents(of: entry) }
        let loaded = timings.measure("decode") { ScanLoader().load(entry, contents: contents, from: catalogue) }
        var notices = loaded.notices
        guard let rendering, let scan = loaded.scan, !notices.contains(where: { $0.diagnostic.severity == .error }) else {
            return Outcome(summary: nil, notices: notices, timings: timings)
        }
        var diagnostics: [Diagnostic] = []
        let assessment = Pipeline.assess(scan, advisories: advisories, matcher: rendering.matcher, diagnostics: &diagnostics, timings: &timings)
        notices += diagnostics.map { ScanNotice(diagnostic: $0) }
        let output = rendering.renderer.renderOrganisation(assessment, site: rendering.site)
        for (template, duration) in output.timings { timings.add("render " + template, duration) }
        let clock = ContinuousClock()
        let start = clock.now
        do {
            try rendering.staging.write(output.files)
            timings.add("write", clock.now - start)
        } catch {
            notices.append(ScanNotice(diagnostic: .error(error.description, id: "output.write", at: nil)))
            return Outcome(summary: nil, notices: notices, timings: timings)
        }
        return Outcome(summary: output.summary, notices: notices, timings: timings)
    }
}
