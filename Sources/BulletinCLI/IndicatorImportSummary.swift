import BulletinModel
import ContentLoading
import Foundation

/// The closing lines of `bulletin import indicators`, on standard error: what was read, what was
/// written, merged and skipped, and why.
struct IndicatorImportSummary {
    let feed: IndicatorImport
    let outcome: IndicatorMerger.Outcome
    /// Errors reported: entries with errors were not imported.
    let errors: Int

    /// The indicators were written to `file`.
    func wrote(_ file: String) {
        say(readLine + "; wrote \(file): \(outcome.entries.count) indicators (" + changes + ")" + errorNote)
    }

    /// The indicators went to standard output.
    func printed() {
        say(readLine + "; printed \(outcome.entries.count) indicators" + errorNote)
    }

    /// The file to merge into could not be read: nothing was written.
    func failed() {
        say(readLine + "; \(errors) error\(errors == 1 ? "" : "s"), nothing was written")
    }

    private var errorNote: String {
        errors == 0 ? "" : "; \(errors) error\(errors == 1 ? "" : "s"): the entries with errors were not imported"
    }

    /// `read 58 rows of MSTIC IOC feed x.json: 55 indicators, 3 merged as duplicates, 2 skipped (…)`.
    private var readLine: String {
        var line = "read \(feed.entriesRead) \(feed.entryNoun) of \(feed.feed.title) \(fileName): \(feed.indicators.count) indicators"
        if outcome.duplicates > 0 { line += ", \(outcome.duplicates) merged as duplicates" }
        let skipped = feed.skipped.values.reduce(0, +)
        if skipped > 0 {
            line += ", \(skipped) skipped (" + feed.skipped.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + ")"
        }
        if !outcome.curated.isEmpty { line += ", \(outcome.curated.count) already in indicators.yml" }
        if !feed.otherContent.isEmpty {
            line += "; the file also holds " + feed.otherContent.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + " objects, which are not indicators"
        }
        return line
    }

    private var changes: String {
        var text = "\(outcome.added.count) new, \(outcome.updated.count) with new sources, \(outcome.unchanged.count) unchanged"
        if !outcome.moved.isEmpty {
            text += "; dropped " + outcome.moved.map { "\($0.id) (now \($0.curatedID) in indicators.yml)" }.joined(separator: ", ")
        }
        return text
    }

    private var fileName: String { (feed.file as NSString).lastPathComponent }

    private func say(_ line: String) {
        FileHandle.standardError.write(Data("bulletin: \(line)\n".utf8))
    }
}
