import ArgumentParser
import BulletinModel
import Foundation
import ReportRendering

/// `bulletin build`: load, assess, render and publish the site.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site: a report for every affected organisation, plus index.html and index.json.",
        discussion: """
            Loads every advisory and scan file, reports every problem found, and only when there is no \
            error renders the site into a staging folder that then replaces the output folder as a whole. \
            A failed build leaves the previous output untouched.

            The report date is --date, else SOURCE_DATE_EPOCH, else today (UTC). The same inputs and date \
            always give the same bytes.

            Exit status: 0 on success, 1 when an error was reported, 64 on a usage error.
            """
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("How many organisations to build at once. Default: the number of cores. The output is the same for any number.", valueName: "n"))
    var jobs: Int?

    @Flag(name: .long, help: "Print the time each stage took (load, compile, match, render per template, write) on standard error.")
    var timings = false

    @Flag(name: .long, help: "Build every organisation again, ignoring what the previous output holds.")
    var clean = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Build only shard K of N (1 ≤ K ≤ N): the organisations whose id hashes to K, and no site pages; combine the shards' outputs with 'bulletin merge'.",
            valueName: "K/N"))
    var shard: String?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard must be K/N with 1 ≤ K ≤ N, such as 2/8") }
    }

    func run() throws {
        let printer = DiagnosticPrinter(format: input.diagnostics)
        let reportDate = try site.reportDate(printer: printer)
        let build = SiteBuild(
            content: input.content, scans: input.scanPaths, templates: site.templates, output: site.output, reportDate: reportDate,
            includeUnaffected: site.all, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, showTimings: timings, clean: clean,
            shard: shard.flatMap(Shard.init), printer: printer, scanLimits: input.scanLimits)
        guard build.run() else { throw ExitCode(1) }
    }
}
