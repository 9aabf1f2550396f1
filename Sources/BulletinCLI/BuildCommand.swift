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

    @Option(name: .long, help: ArgumentHelp("The templates folder (Mustache templates and style.css).", valueName: "folder"))
    var templates = "Templates"

    @Option(name: .long, help: ArgumentHelp("The output folder; replaced as a whole by each build.", valueName: "folder"))
    var output = "Output"

    @Option(name: .long, help: ArgumentHelp("The report date, YYYY-MM-DD.", valueName: "date"))
    var date: String?

    @Flag(name: .long, help: "Render reports for every organisation, not only the affected ones.")
    var all = false

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
        let reportDate: String
        switch ReportDate.resolve(option: date, environment: ProcessInfo.processInfo.environment) {
        case .success(let value): reportDate = value
        case .failure(let diagnostic):
            printer.print([diagnostic])
            throw ExitCode(1)
        }
        let build = SiteBuild(
            content: input.content, scans: input.scanPaths, templates: templates, output: output, reportDate: reportDate,
            includeUnaffected: all, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, showTimings: timings, clean: clean,
            shard: shard.flatMap(Shard.init), printer: printer, scanLimits: input.scanLimits)
        guard build.run() else { throw ExitCode(1) }
    }
}
