import ArgumentParser
import BulletinModel
import ContentLoading
import Foundation

/// `bulletin import indicators`: indicator feeds into an advisory's `imported-indicators.yml`.
struct ImportIndicatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "Import indicators of compromise from a STIX bundle, a MISP event, the MSTIC feed or signature-base.",
        discussion: """
            Reads FILE in the format --format names and writes its indicators as indicators.yml entries: \
            into <advisory>/imported-indicators.yml with --advisory (merged with what is there; the \
            hand-written indicators.yml is never changed), or to standard output without it.

            stix: a STIX 2.1 bundle. Indicators with pattern_type stix, patterns kept as written and checked \
            by bulletin's engine. Other pattern types, revoked, expired (valid_until before --date) and \
            benign indicators are reported and skipped.

            misp: a MISP event in JSON. Event.Attribute and Event.Object[].Attribute with to_ids true: \
            md5, sha1, sha256, filename|<hash>, filename, ip-src, ip-dst, domain, hostname, url, uri, \
            user-agent. Attributes with to_ids false are context and are counted; other types are reported.

            mstic: Microsoft's MSTIC IOC feed, JSON (DateAdded, FirstSeen, Indicator, IndicatorType, TLP, \
            ThreatType, AdditionalMetadata: an object for hashes, an empty string for paths), its JSON Lines \
            form (.jsonl) or its CSV form.

            signature-base: hash-iocs.txt (HASH;COMMENT, the type from the hash's length) or \
            filename-iocs.txt (REGEX;SCORE[;FP_REGEX]: a case-sensitive search in the full path, FP_REGEX \
            excluding matches; %VARIABLE% becomes its Windows default location). Told apart by file \
            name, else by content.

            Every indicator is imported as status experimental. Hashes give verdict compromised with high \
            confidence; file names and paths suspicious, medium; addresses, domains, URLs and user agents \
            suspicious, low. Entries with the same pattern are merged, and each keeps every source (format, \
            file, original id, dates, TLP, threat type) in its description. Ids depend only on the pattern, \
            so importing the same file again changes nothing. A pattern indicators.yml already has is not \
            imported again.

            Standard error lists every entry that was not imported, located (file:line:column), and a \
            summary of what was read, written, merged and skipped. A malformed entry is an error located \
            at file:line:column and is not imported; the other entries are still written, and the exit \
            status is 1. When the existing imported-indicators.yml cannot be read (or was edited by hand), \
            nothing is written.

            Example:
              bulletin import indicators feed.json --format mstic \\
                --advisory Content/advisories/2021-03-exchange-proxylogon
            """
    )

    @Argument(help: ArgumentHelp("The feed file to read.", valueName: "file"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("The feed's format: stix, misp, mstic or signature-base.", valueName: "format"))
    var format: IndicatorFeed

    @Option(name: .long, help: ArgumentHelp("The advisory bundle folder to write imported-indicators.yml into. Default: print to standard output.", valueName: "folder"))
    var advisory: String?

    @Option(name: .long, help: ArgumentHelp("The date at which STIX indicators' valid_until is judged (YYYY-MM-DD). Default: SOURCE_DATE_EPOCH, else today.", valueName: "date"))
    var date: String?

    @Option(name: .long, help: ArgumentHelp("How to print diagnostics: text (file:line:column: …) or json (one object per line).", valueName: "format"))
    var diagnostics: DiagnosticPrinter.Format = .text

    func run() throws {
        let printer = DiagnosticPrinter(format: diagnostics)
        let day: String
        switch ReportDate.resolve(option: date, environment: ProcessInfo.processInfo.environment) {
        case .success(let resolved): day = resolved
        case .failure(let problem):
            printer.print([problem])
            throw ExitCode(64)
        }
        if let advisory, !FileManager.default.fileExists(atPath: (advisory as NSString).appendingPathComponent("advisory.md")) {
            printer.print([.error("'\(advisory)' is not an advisory bundle (it has no advisory.md); pass the advisory's folder, such as Content/advisories/<name>", id: "import.no-advisory", at: nil)])
            throw ExitCode(64)
        }

        var feed = format.read(file, now: Instant(date: day)!)
        feed.checkPatterns()
        // Problems of the file being merged into: it must be read whole, or rewriting it would
        // lose entries.
        var target: [Diagnostic] = []
        let existing = advisory.map { ImportedIndicatorsFile.read(bundle: $0, diagnostics: &target) } ?? []
        let curated = advisory.map { ImportedIndicatorsFile.curatedPatterns(bundle: $0) } ?? [:]
        let outcome = IndicatorMerger().merge(feed.indicators, into: existing, curated: curated)
        let notes = outcome.curated.map { indicator, id in
            Diagnostic(.note, "indicators.yml already has this pattern as '\(id)'; not imported again", id: "import.curated", at: indicator.location)
        }
        let problems = feed.diagnostics + target + notes
        printer.print(problems)
        let summary = IndicatorImportSummary(feed: feed, outcome: outcome, errors: problems.filter { $0.severity == .error }.count)
        guard !target.containsError else {
            summary.failed()
            throw ExitCode(1)
        }
        // As every importer does, entries with errors are left out and the others are written;
        // the exit status still reports the errors.
        let text = ImportedIndicatorsFile.render(outcome.entries)
        if let advisory {
            let path = (advisory as NSString).appendingPathComponent(ImportedIndicatorsFile.name)
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                printer.print([.error("cannot write the file: \(error.localizedDescription)", id: "import.unwritable", at: SourceLocation(file: path))])
                throw ExitCode(1)
            }
            summary.wrote(path)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
            summary.printed()
        }
        if problems.containsError { throw ExitCode(1) }
    }
}

extension IndicatorFeed: ExpressibleByArgument {}
