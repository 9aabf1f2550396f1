import BulletinModel
import ContentLoading
import Foundation
import IndicatorEngine
import ReportRendering

/// The whole of `bulletin build`, in the order of DESIGN.md's pipeline:
///
/// 1. load the content (advisories, site.yml, templates) and catalogue the scans: where each
///    organisation's documents are, without decoding them;
/// 2. compile the indicators and verify them against their samples;
/// 3. build the organisations in id order on a fixed pool of workers (`OrganisationBuilder`),
///    each written into the staging folder as soon as it is rendered;
/// 4. render the site pages from the organisations' summaries, then swap the staging folder in.
///
/// Any error anywhere means nothing is published; every diagnostic is printed in file order, the
/// same whatever the number of workers.
struct SiteBuild {
    var content: String
    var scans: [String]
    var templates: String
    var output: String
    var reportDate: String
    var includeUnaffected: Bool
    var jobs: Int
    var showTimings: Bool
    var printer: DiagnosticPrinter

    /// Builds and publishes the site; false when an error was reported (and printed).
    func run() -> Bool {
        let clock = ContinuousClock()
        let started = clock.now
        var timings = StageTimings()
        var diagnostics: [Diagnostic] = []
        var writer = OutputWriter(output: URL(fileURLWithPath: output))
        writer.protected = ([content, templates] + scans).map { URL(fileURLWithPath: $0) }
        do {
            try writer.checkReplaceable()
        } catch {
            diagnostics.append(.error(error.description, id: "output.refused", at: nil))
        }
        let pipeline = Pipeline(content: content, scans: [], templates: templates)
        let loaded = timings.measure("load content") { pipeline.load(diagnostics: &diagnostics, scans: false) }
        let catalogue = timings.measure("catalogue scans") { ScanCatalogue.make(paths: scans) }
        if catalogue.files.isEmpty && !catalogue.notices.contains(where: { $0.diagnostic.severity == .error }) {
            diagnostics.append(.warning("no scan files (*.json, *.jsonl, *.ndjson) found in \(scans.joined(separator: ", "))", id: "scan.none", at: nil))
        }
        var ruleSet: RuleSet?
        if !diagnostics.containsError && !catalogue.notices.contains(where: { $0.diagnostic.severity == .error }) {
            let compiled = timings.measure("compile") { Pipeline.compile(loaded, diagnostics: &diagnostics) }
            if !diagnostics.containsError {
                _ = timings.measure("verify samples") { Pipeline.verify(loaded, ruleSet: compiled, diagnostics: &diagnostics) }
            }
            ruleSet = compiled
        }

        var staging: StagingFolder?
        var rendering: OrganisationBuilder.Rendering?
        if !diagnostics.containsError, let ruleSet, let templateSet = loaded.templates, let publisher = loaded.publisher {
            do {
                staging = try writer.makeStaging()
            } catch {
                diagnostics.append(.error(error.description, id: "output.write", at: nil))
            }
            if let staging {
                rendering = OrganisationBuilder.Rendering(
                    matcher: Matcher(ruleSet: ruleSet), renderer: SiteRenderer(templates: templateSet),
                    site: SiteRenderer.Site(advisories: loaded.advisories, reportDate: reportDate, publisher: publisher, includeUnaffected: includeUnaffected),
                    staging: staging)
            }
        }

        // Every organisation is loaded even when an earlier stage failed, so that one run reports
        // every problem in the scans too.
        let builder = OrganisationBuilder(catalogue: catalogue, advisories: loaded.advisories, rendering: rendering)
        let progress = ProgressLine(total: catalogue.organisations.count)
        let poolStart = clock.now
        let outcomes = WorkerPool.map(count: catalogue.organisations.count, jobs: jobs) { index in
            let outcome = builder.build(catalogue.organisations[index])
            progress.advance()
            return outcome
        }
        progress.finish()
        timings.add("organisations (wall)", clock.now - poolStart)
        var perOrganisation = StageTimings()
        for outcome in outcomes { perOrganisation.merge(outcome.timings) }
        diagnostics += ScanNotice.diagnostics(catalogue.notices + outcomes.flatMap(\.notices), alreadyWarned: catalogue.warnedOnce)

        guard !diagnostics.containsError, let staging, let rendering else {
            if let staging { writer.discard(staging) }
            printer.print(diagnostics)
            Summary.failed(diagnostics)
            return false
        }
        let summaries = outcomes.compactMap(\.summary)
        var siteFiles = 0
        do {
            let files = timings.measure("render site pages") { rendering.renderer.renderSite(summaries, site: rendering.site) }
            try timings.measure("write site pages") { try staging.write(files) }
            siteFiles = files.count
            try timings.measure("publish") { try writer.publish(staging) }
        } catch {
            writer.discard(staging)
            printer.print(diagnostics + [.error((error as? OutputWriter.Failure)?.description ?? "\(error)", id: "output.write", at: nil)])
            return false
        }
        printer.print(diagnostics)
        let fileCount = summaries.reduce(0) { $0 + $1.filePaths.count } + siteFiles
        Summary.built(
            organisations: summaries.count, affected: summaries.filter(\.isAffected).count, files: fileCount, output: output, diagnostics: diagnostics)
        if showTimings {
            FileHandle.standardError.write(Data(StageTimings.table(once: timings, perOrganisation: perOrganisation, total: clock.now - started, jobs: jobs).utf8))
        }
        return true
    }
}
