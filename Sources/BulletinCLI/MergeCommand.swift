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

    @Option(name: .long, help: ArgumentHelp("The templates folder (Mustache templates and style.css).", valueName: "folder"))
    var templates = "Templates"

    @Option(name: .long, help: ArgumentHelp("The output folder; replaced as a whole.", valueName: "folder"))
    var output = "Output"

    @Option(name: .long, help: ArgumentHelp("The report date, YYYY-MM-DD, as the shards were built with.", valueName: "date"))
    var date: String?

    @Flag(name: .long, help: "The shards were built with --all.")
    var all = false

    @Option(name: .long, help: ArgumentHelp("How to print diagnostics: text (file:line:column: …) or json (one object per line).", valueName: "format"))
    var diagnostics: DiagnosticPrinter.Format = .text

    func run() throws {
        let printer = DiagnosticPrinter(format: diagnostics)
        let reportDate: String
        switch ReportDate.resolve(option: date, environment: ProcessInfo.processInfo.environment) {
        case .success(let value): reportDate = value
        case .failure(let diagnostic):
            printer.print([diagnostic])
            throw ExitCode(1)
        }
        let merge = ShardMerge(
            shards: shards, content: content, templates: templates, output: output, reportDate: reportDate, includeUnaffected: all, printer: printer)
        guard merge.run() else { throw ExitCode(1) }
    }
}
