import ArgumentParser
import BulletinModel
import ContentLoading
import Foundation
import ReportRendering

/// `bulletin merge`: the site of a run built in shards.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the outputs of 'bulletin build --shard K/N' into one site.",
        discussion: """
            Each shard's output holds its organisations' reports and a summary of each (in \
            .bulletin-build/). merge checks that every shard of 1/N to N/N is given once and that all \
            were built from the same advisories, templates, site.yml, report date and bulletin, then \
            takes the reports as they are and renders the index, index.json, briefing, findings.csv, \
            advisory pages and manifest from the summaries. The result is the site one build of all \
            the scans would have made, byte for byte.

            Give the same --content, --templates, --date and --all as the shards were built with.

            Exit status: 0 on success, 1 when an error was reported, 64 on a usage error.
            """
    )

    @Argument(help: ArgumentHelp("The output folders of the shards, one per shard.", valueName: "shard-output"))
    var shards: [String]

    @Option(name: .long, help: ArgumentHelp("The content folder, holding advisories/<name>/advisory.md and site.yml.", valueName: "folder"))
    var content = "Content"

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("How to print diagnostics: text (file:line:column: …) or json (one object per line).", valueName: "format"))
    var diagnostics: DiagnosticPrinter.Format = .text

    func run() throws {
        let printer = DiagnosticPrinter(format: diagnostics)
        let reportDate = try site.reportDate(printer: printer)
        let merge = ShardMerge(
            shards: shards, content: content, templates: site.templates, output: site.output, reportDate: reportDate, includeUnaffected: site.all, printer: printer)
        guard merge.run() else { throw ExitCode(1) }
    }
}
