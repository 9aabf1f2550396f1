import BulletinModel
import ContentLoading
import Foundation
import IndicatorEngine
import ReportRendering

/// The whole of `bulletin build`, in the order of DESIGN.md's pipeline:
///
/// 1. load the content (advisories, site.yml, templates) and catalogue the scans: where each
///    organisation's documents are, without decoding them (an unchanged file's catalogue is taken
///    from the previous build);
/// 2. compile the indicators and verify them against their samples;
/// 3. build the organisations in id order on a fixed pool of workers (`OrganisationBuilder`),
///    each written into the staging folder as soon as it is rendered, or reused from the previous
///    output when nothing it depends on changed;
/// 4. render the site pages from the organisations' summaries, store the build state, then swap
///    the staging folder in.
///
/// Any error anywhere means nothing is published; every diagnostic is printed in file order, the
/// same whatever the number of workers and whatever was reused.
struct SiteBuild {
    var content: String
    var scans: [String]
    var templates: String
    var output: String
    var reportDate: String
    var includeUnaffected: Bool
    var jobs: Int
    var showTimings: Bool
    /// Build everything, ignoring what the previous output holds.
    var clean: Bool
    /// Build only this shard's organisations, and no site pages.
    var shard: Shard?
    var printer: DiagnosticPrinter
    /// The size and nesting limits of scan documents.
    var scanLimits = ScanLimits()

    /// Builds and publishes the site; false when an error was reported (and printed).
    func run() -> Bool {
        let clock = ContinuousClock()
        let started = clock.now
        var timings = StageTimings()
        var diagnostics: [Diagnostic] = []
        let outputURL = URL(fileURLWithPath: output)
        var writer = OutputWriter(output: outputURL)
        writer.protected = ([content, templates] + scans).map { URL(fileURLWithPath: $0) }
        do {
            try writer.checkReplaceable()
        } catch {
            diagnostics.append(.error(error.description, id: "output.refused", at: nil))
        }
        let pipeline = Pipeline(content: content, scans: [], templates: templates, scanLimits: scanLimits)
        let loaded = timings.measure("load content") { pipeline.load(diagnostics: &diagnostics, scans: false) }
        let environment = timings.measure("fingerprint content") {
            BuildKey.environment(content: content, templates: templates, reportDate: reportDate, includeUnaffected: includeUnaffected, scanLimits: scanLimits)
        }
        let previous = clean || diagnostics.containsError ? nil : timings.measure("read previous state") { BuildState.read(output: outputURL) }
        let stamps = StampRecorder()
        let catalogue = timings.measure("catalogue scans") {
            ScanCatalogue.make(paths: scans, limits: scanLimits) { path in
                let stamp = ScanFileStamp(path: path)
                stamps.record(path, stamp)
                // A shard's state lists only its own organisations' documents.
                guard let stamp, let previous, previous.shard == shard, let file = previous.scanFiles[path], file.stamp == stamp else { return nil }
                return file.documents
            }
        }
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
                let start = clock.now
                staging = try writer.makeStaging(reusing: !clean)
                timings.add("prepare the previous site", clock.now - start)
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
        let builder = OrganisationBuilder(
            catalogue: catalogue, advisories: loaded.advisories, rendering: rendering,
            incremental: OrganisationBuilder.Incremental(environment: environment, previous: previous, previousOutput: outputURL))
        let entries = shard.map { shard in catalogue.organisations.filter { shard.contains($0.id) } } ?? catalogue.organisations
        let progress = ProgressLine(total: entries.count)
        let results = OrganisationResults(stateFile: staging.map { $0.url.path + "/" + BuildState.folder + "/organisations" }, expected: entries.count)
        let poolStart = clock.now
        WorkerPool.run(count: entries.count, jobs: jobs) { index in
            let outcome = builder.build(entries[index])
            progress.advance()
            return outcome
        } consume: { index, outcome in
            results.add(entries[index].id, outcome)
        }
        progress.finish()
        timings.add("organisations (wall)", clock.now - poolStart)
        if let staging, !staging.holds.isEmpty {
            // Reports of organisations no longer in the scans (or in this shard) go. Usually none
            // went: counting is cheaper than a set of every id.
            timings.measure("remove gone organisations") {
                let stillThere = entries.reduce(0) { $0 + (staging.holds[$1.id] == nil ? 0 : 1) }
                guard stillThere < staging.holds.count else { return }
                let current = Set(entries.map(\.id))
                for id in staging.holds.keys where !current.contains(id) { staging.removeOrganisation(id) }
            }
        }
        let gathered = results.finish()
        diagnostics += ScanNotice.diagnostics(catalogue.notices + gathered.notices, alreadyWarned: catalogue.warnedOnce)
        if let failure = gathered.failure { diagnostics.append(.error(failure.description, id: "output.write", at: nil)) }

        guard !diagnostics.containsError, let staging, let rendering else {
            if let staging { writer.discard(staging) }
            printer.print(diagnostics)
            Summary.failed(diagnostics)
            return false
        }
        let summaries = gathered.summaries
        var siteFiles = 0
        do {
            if shard == nil {
                // Each page is written as soon as it is made (see renderSite), so rendering and
                // writing are timed together.
                siteFiles = try timings.measure("render and write site pages") {
                    try rendering.renderer.renderSite(summaries, site: rendering.site, to: staging)
                }
            }
            let seal = try timings.measure("store build state") {
                try BuildState.write(
                    environment: environment, shard: shard, scanFiles: Self.scanFiles(catalogue, gathered: gathered, stamps: stamps),
                    organisationLines: nil, into: staging)
            }
            try timings.measure("publish") { try writer.publish(staging, sealedBy: seal) }
        } catch {
            writer.discard(staging)
            printer.print(diagnostics + [.error((error as? OutputWriter.Failure)?.description ?? "\(error)", id: "output.write", at: nil)])
            return false
        }
        printer.print(diagnostics)
        let fileCount = summaries.reduce(0) { $0 + $1.filePaths.count } + siteFiles
        Summary.built(
            organisations: summaries.count, affected: summaries.filter(\.isAffected).count, reused: gathered.reused,
            files: fileCount, output: output, shard: shard, diagnostics: diagnostics)
        if showTimings {
            FileHandle.standardError.write(Data(StageTimings.table(once: timings, perOrganisation: gathered.timings, total: clock.now - started, jobs: jobs).utf8))
        }
        return true
    }

    /// Each scan file's stamp and documents with their digests, for the next build's catalogue.
    /// A file with a document decoded while cataloguing is left out: the next build reads it again.
    private static func scanFiles(_ catalogue: ScanCatalogue, gathered: OrganisationResults.Gathered, stamps: StampRecorder) -> [(path: String, file: BuildState.ScanFile)] {
        catalogue.files.indices.compactMap { index in
            let path = catalogue.files[index]
            guard !gathered.filesToReadAgain.contains(index), let stamp = stamps.stamp(of: path) else { return nil }
            let sorted = (gathered.documents[index] ?? []).sorted { ($0.document.range?.offset ?? 0) < ($1.document.range?.offset ?? 0) }
            return (path, BuildState.ScanFile(stamp: stamp, documents: sorted))
        }
    }
}
