import ContentLoading
import Foundation
import ReportRendering
import Synchronization

/// What the site pages and the next build need from the organisations, gathered in id order as
/// the workers finish them: summaries, diagnostics, timings, the documents of each scan file,
/// and each organisation's line of the build state, written out at once rather than kept.
final class OrganisationResults: Sendable {
    struct Gathered: Sendable {
        var summaries: [OrganisationSummary] = []
        var notices: [ScanNotice] = []
        var timings = StageTimings()
        /// Per scan file (by index), its documents with their digests.
        var documents: [Int: [(organisation: String, document: ScanCatalogue.Document)]] = [:]
        /// Scan files with a document decoded while cataloguing: not kept for the next build.
        var filesToReadAgain: Set<Int> = []
        var reused = 0
        /// The first failure to write the state lines.
        var failure: OutputWriter.Failure?
    }

    private let state = Mutex(Gathered())
    private let lines: Mutex<StateLines?>

    /// `stateFile`: where to write the organisations' lines, or `nil` to keep none; `expected`:
    /// how many organisations will be added (their summaries are reserved room for at once, as a
    /// growing array would leave up to half of it unused at national scale).
    init(stateFile: String?, expected: Int) {
        lines = Mutex(stateFile.map(StateLines.init))
        state.withLock { $0.summaries.reserveCapacity(expected) }
    }

    /// Adds one organisation's outcome; called in id order.
    func add(_ id: String, _ outcome: OrganisationBuilder.Outcome) {
        state.withLock { gathered in
            if var summary = outcome.summary {
                summary.share(id: id)
                gathered.summaries.append(summary)
            }
            gathered.notices += outcome.notices
            gathered.timings.merge(outcome.timings)
            if outcome.reused { gathered.reused += 1 }
            for document in outcome.documents {
                if document.range == nil || document.digest == nil { gathered.filesToReadAgain.insert(document.file) }
                gathered.documents[document.file, default: []].append((id, document))
            }
        }
        if let line = outcome.stateLine {
            let failure = lines.withLock { $0?.append(line) }
            if let failure { state.withLock { $0.failure = $0.failure ?? failure } }
        }
    }

    /// Everything gathered, once every organisation was added; the state lines are flushed.
    func finish() -> Gathered {
        let failure = lines.withLock { $0?.close() }
        return state.withLock { gathered in
            if let failure { gathered.failure = gathered.failure ?? failure }
            return gathered
        }
    }

    /// The organisations' lines of the build state and their keys alone (what the next build
    /// reads of the previous site), each file written through a buffer.
    private struct StateLines: Sendable {
        var organisations: StateFile
        var keys: StateFile

        init(path: String) {
            organisations = StateFile(path: path)
            keys = StateFile(path: (path as NSString).deletingLastPathComponent + "/" + BuildState.keysFile)
        }

        mutating func append(_ line: [UInt8]) -> OutputWriter.Failure? {
            let failure = organisations.append(line)
            return keys.append(BuildState.keysLine(of: line[...])) ?? failure
        }

        mutating func close() -> OutputWriter.Failure? {
            let failure = organisations.close()
            return keys.close() ?? failure
        }
    }

    /// One file of the build state written through a buffer.
    private struct StateFile: Sendable {
        let path: String
        let descriptor: Int32
        var buffer: [UInt8] = []

        init(path: String) {
            self.path = path
            let folder = (path as NSString).deletingLastPathComponent
            mkdir(folder, 0o755)
            // The previous site's own state is there when it is being rewritten: replace it.
            unlink(path)
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }

        mutating func append(_ line: [UInt8]) -> OutputWriter.Failure? {
            buffer += line
            return buffer.count >= 1 << 20 ? flush() : nil
        }

        mutating func flush() -> OutputWriter.Failure? {
            defer { buffer.removeAll(keepingCapacity: true) }
            guard descriptor >= 0 else { return .io("cannot write \(path): \(String(cString: strerror(errno)))") }
            var written = 0
            while written < buffer.count {
                let count = buffer.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, buffer.count - written) }
                guard count > 0 else { return .io("cannot write \(path): \(String(cString: strerror(errno)))") }
                written += count
            }
            return nil
        }

        mutating func close() -> OutputWriter.Failure? {
            let failure = flush()
            if descriptor >= 0 { Foundation.close(descriptor) }
            return failure
        }
    }
}
