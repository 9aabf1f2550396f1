import BulletinModel
import ContentLoading
import Foundation
import ReportRendering

/// The whole of `bulletin merge`: check the shards belong together, take their reports as they
/// are, and render the site pages from their summaries.
struct ShardMerge {
    var shards: [String]
    var content: String
    var templates: String
    var output: String
    var reportDate: String
    var includeUnaffected: Bool
    var printer: DiagnosticPrinter

    /// One shard's output and the organisations it holds.
    private struct Part {
        var folder: URL
        var state: BuildState
    }

    func run() -> Bool {
        var diagnostics: [Diagnostic] = []
        let outputURL = URL(fileURLWithPath: output)
        var writer = OutputWriter(output: outputURL)
        writer.protected = ([content, templates] + shards).map { URL(fileURLWithPath: $0) }
        do {
            try writer.checkReplaceable()
        } catch {
            diagnostics.append(.error(error.description, id: "output.refused", at: nil))
        }
        let loaded = Pipeline(content: content, scans: [], templates: templates).load(diagnostics: &diagnostics, scans: false)
        let environment = BuildKey.environment(content: content, templates: templates, reportDate: reportDate, includeUnaffected: includeUnaffected)
        let parts = readShards(environment: environment, diagnostics: &diagnostics)
        guard !diagnostics.containsError, let templateSet = loaded.templates, let publisher = loaded.publisher else {
            printer.print(diagnostics)
            Summary.failed(diagnostics)
            return false
        }
        let staging: StagingFolder
        do {
            staging = try writer.makeStaging()
        } catch {
            printer.print(diagnostics + [.error(error.description, id: "output.write", at: nil)])
            return false
        }
        // Every organisation of every shard, in id order; their reports are linked in parallel.
        let organisations = parts.enumerated().flatMap { index, part in part.state.organisations.map { (id: $0.key, part: index, stored: $0.value) } }
            .sorted { $0.id < $1.id }
        let records = WorkerPool.map(count: organisations.count, jobs: ProcessInfo.processInfo.activeProcessorCount) { index -> Result<BuildState.Record, OutputWriter.Failure> in
            let organisation = organisations[index]
            guard let line = parts[organisation.part].state.line(of: organisation.stored), let record = BuildState.record(of: line[...]) else {
                return .failure(.io("the build state of shard \(parts[organisation.part].folder.path) is damaged; build the shard again"))
            }
            do throws(OutputWriter.Failure) {
                for path in record.summary.filePaths { try staging.reuse(path, from: parts[organisation.part].folder) }
            } catch {
                return .failure(error)
            }
            return .success(record)
        }
        var summaries: [OrganisationSummary] = []
        var notices: [ScanNotice] = []
        for result in records {
            switch result {
            case .success(let record):
                summaries.append(record.summary)
                notices += record.notices.map { $0.notice }
            case .failure(let failure):
                diagnostics.append(.error(failure.description, id: "merge.shard", at: nil))
            }
        }
        for (previous, next) in zip(organisations, organisations.dropFirst()) where previous.id == next.id {
            diagnostics.append(.error(
                "organisation '\(next.id)' is in both \(parts[previous.part].folder.path) and \(parts[next.part].folder.path); were they built from different scans?",
                id: "merge.duplicate-organisation", at: nil))
        }
        diagnostics += ScanNotice.diagnostics(notices)
        guard !diagnostics.containsError else {
            writer.discard(staging)
            printer.print(diagnostics)
            Summary.failed(diagnostics)
            return false
        }
        let site = SiteRenderer.Site(advisories: loaded.advisories, reportDate: reportDate, publisher: publisher, includeUnaffected: includeUnaffected)
        var siteFiles = 0
        do {
            siteFiles = try SiteRenderer(templates: templateSet).renderSite(summaries, site: site, to: staging)
            let catalogue = try BuildState.write(
                environment: environment, shard: nil, scanFiles: [], organisationLines: organisations.map { (parts[$0.part].state.line(of: $0.stored) ?? []) + [0x0A] }, into: staging)
            try writer.publish(staging, sealedBy: catalogue)
        } catch {
            writer.discard(staging)
            printer.print(diagnostics + [.error((error as? OutputWriter.Failure)?.description ?? "\(error)", id: "output.write", at: nil)])
            return false
        }
        printer.print(diagnostics)
        Summary.built(
            organisations: summaries.count, affected: summaries.filter(\.isAffected).count, reused: 0,
            files: summaries.reduce(siteFiles) { $0 + $1.filePaths.count }, output: output, shard: nil, diagnostics: diagnostics)
        return true
    }

    /// Reads each shard's state and checks that they are the N shards of one run.
    private func readShards(environment: String, diagnostics: inout [Diagnostic]) -> [Part] {
        var parts: [Part] = []
        var seen: [Int: String] = [:]
        var count: Int?
        for folder in shards {
            let url = URL(fileURLWithPath: folder)
            guard let state = BuildState.read(output: url), let shard = state.shard else {
                diagnostics.append(.error(
                    "\(folder) is not the output of 'bulletin build --shard K/N' (it has no shard state)", id: "merge.not-a-shard", at: nil))
                continue
            }
            guard state.environment == environment else {
                diagnostics.append(.error(
                    "shard \(shard) in \(folder) was built from other advisories, templates, site.yml, report date, --all or bulletin version than this merge; give merge the same ones, or build the shard again",
                    id: "merge.mismatch", at: nil))
                continue
            }
            if let count, count != shard.count {
                diagnostics.append(.error("\(folder) is shard \(shard), but other shards are of \(count)", id: "merge.mismatch", at: nil))
                continue
            }
            count = shard.count
            if let other = seen[shard.index] {
                diagnostics.append(.error("\(folder) and \(other) are both shard \(shard)", id: "merge.duplicate-shard", at: nil))
                continue
            }
            seen[shard.index] = folder
            parts.append(Part(folder: url, state: state))
        }
        if let count, seen.count == parts.count {
            let missing = (1...count).filter { seen[$0] == nil }
            if !missing.isEmpty, !diagnostics.containsError {
                diagnostics.append(.error(
                    "shard\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(count)" }.joined(separator: ", ")) missing; give every shard's output",
                    id: "merge.missing-shard", at: nil))
            }
        }
        return parts
    }
}
