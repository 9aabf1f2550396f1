import BulletinModel
import ContentLoading
import Foundation
import IndicatorEngine
import ReportRendering

/// The per-organisation stages of a build, for one organisation at a time: read its documents,
/// decode and merge them, match and assess, render its report and write it into the staging
/// folder. What comes back is small (a summary, the organisation's diagnostics, timings), so
/// memory is bounded by the organisations the workers hold at once.
///
/// In an incremental build an organisation whose key (`BuildKey`) is the one the previous build
/// stored is not decoded, matched or rendered: its summary and diagnostics come from the stored
/// state, and its files are already in the staging folder (the site before the current one, when
/// it was built with the same key there too) or are linked into it from the current output.
struct OrganisationBuilder: Sendable {
    let catalogue: ScanCatalogue
    let advisories: [Advisory]
    /// How to match and render; `nil` when an earlier stage failed and the build only loads the
    /// scans to report every problem in them.
    let rendering: Rendering?
    /// The fingerprint of what every report shares and the previous build, if any.
    let incremental: Incremental?

    struct Rendering: Sendable {
        var matcher: Matcher
        var renderer: SiteRenderer
        var site: SiteRenderer.Site
        var staging: StagingFolder
    }

    struct Incremental: Sendable {
        var environment: String
        /// The state the previous output holds; `nil` on a clean build.
        var previous: BuildState?
        var previousOutput: URL
    }

    /// What building one organisation gave.
    struct Outcome: Sendable {
        /// `nil` when it was not rendered (a problem in its scans, or loading only).
        var summary: OrganisationSummary?
        var notices: [ScanNotice]
        var timings: StageTimings
        /// Its documents, with the digests of their bytes, for the next build's catalogue.
        var documents: [ScanCatalogue.Document] = []
        /// Its line of the build state, when it was built or reused.
        var stateLine: [UInt8]?
        var reused = false
    }

    func build(_ entry: ScanCatalogue.Entry) -> Outcome {
        var timings = StageTimings()
        var documents = entry.documents
        var contents: [[UInt8]?]?
        var key: String?
        if let incremental {
            if documents.contains(where: { $0.range != nil && $0.digest == nil }) {
                let read = timings.measure("read") { catalogue.contents(of: entry) }
                timings.measure("fingerprint") {
                    for index in documents.indices where documents[index].range != nil {
                        documents[index].digest = read[index].map { SHA256.hex($0) }
                    }
                }
                contents = read
            }
            key = BuildKey.organisation(environment: incremental.environment, documents: documents, files: catalogue.files)
            if let key, rendering != nil, let reused = reuse(entry.id, key: key, incremental: incremental, timings: &timings) {
                var outcome = reused
                outcome.documents = documents
                outcome.timings = timings
                return outcome
            }
        }
        let bytes = contents ?? timings.measure("read") { catalogue.contents(of: entry) }
        let loaded = timings.measure("decode") { catalogue.loader.load(entry, contents: bytes, from: catalogue) }
        var notices = loaded.notices
        guard let rendering, let scan = loaded.scan, !notices.contains(where: { $0.diagnostic.severity == .error }) else {
            return Outcome(summary: nil, notices: notices, timings: timings, documents: documents)
        }
        var diagnostics: [Diagnostic] = []
        let assessment = Pipeline.assess(scan, advisories: advisories, matcher: rendering.matcher, diagnostics: &diagnostics, timings: &timings)
        notices += diagnostics.map { ScanNotice(diagnostic: $0) }
        if rendering.staging.holds[entry.id] != nil { rendering.staging.removeOrganisation(entry.id) }
        let output = rendering.renderer.renderOrganisation(assessment, site: rendering.site)
        for (template, duration) in output.timings { timings.add("render " + template, duration) }
        let clock = ContinuousClock()
        let start = clock.now
        do {
            try rendering.staging.write(output.files)
            timings.add("write", clock.now - start)
        } catch {
            notices.append(ScanNotice(diagnostic: .error(error.description, id: "output.write", at: nil)))
            return Outcome(summary: nil, notices: notices, timings: timings, documents: documents)
        }
        // Every organisation built has a line, which merge needs; without a key ("-", never a
        // digest) it is not reused.
        let line = incremental.map { _ in
            timings.measure("store summary") {
                BuildState.line(
                    id: entry.id, key: key ?? "-", record: BuildState.Record(notices: notices.map(BuildState.StoredNotice.init), summary: output.summary))
            }
        }
        return Outcome(summary: output.summary, notices: notices, timings: timings, documents: documents, stateLine: line)
    }

    /// The organisation as the previous build left it, its files in the staging folder: already
    /// there when the staging folder holds them from a build with the same key, linked from the
    /// current output otherwise; `nil` when its key changed or anything of it is missing (then
    /// it is built).
    private func reuse(_ id: String, key: String, incremental: Incremental, timings: inout StageTimings) -> Outcome? {
        guard let rendering, let previous = incremental.previous, let stored = previous.organisations[id], stored.key == StoredKey(key) else { return nil }
        return timings.measure("reuse") {
            guard let line = previous.line(of: stored), let record = BuildState.record(of: line[...]) else { return nil }
            let staging = rendering.staging
            if staging.holds[id] != stored.key {
                if staging.holds[id] != nil { staging.removeOrganisation(id) }
                do {
                    for path in record.summary.filePaths {
                        try staging.reuse(path, from: incremental.previousOutput)
                    }
                } catch {
                    // Unlink what was linked: building writes these paths, and writing through a
                    // link would change the previous output's file.
                    for path in record.summary.filePaths { staging.remove(path) }
                    return nil
                }
            }
            return Outcome(
                summary: record.summary, notices: record.notices.map(\.notice), timings: StageTimings(), stateLine: line + [0x0A], reused: true)
        }
    }
}
