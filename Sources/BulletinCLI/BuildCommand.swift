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

    func run() throws {
        let printer = DiagnosticPrinter(format: input.diagnostics)
        var diagnostics: [Diagnostic] = []
        let reportDate: String
        switch ReportDate.resolve(option: date, environment: ProcessInfo.processInfo.environment) {
        case .success(let value): reportDate = value
        case .failure(let diagnostic):
            printer.print([diagnostic])
            throw ExitCode(1)
        }
        var writer = OutputWriter(output: URL(fileURLWithPath: output))
        writer.protected = ([input.content, templates] + input.scanPaths).map { URL(fileURLWithPath: $0) }
        do {
            try writer.checkReplaceable()
        } catch {
            diagnostics.append(.error(error.description, id: "output.refused", at: nil))
        }
        let pipeline = Pipeline(content: input.content, scans: input.scanPaths, templates: templates, scanLimits: input.scanLimits)
        let loaded = pipeline.load(diagnostics: &diagnostics)
        guard !diagnostics.containsError, let templateSet = loaded.templates, let publisher = loaded.publisher else {
            printer.print(diagnostics)
            Summary.failed(diagnostics)
            throw ExitCode(1)
        }
        let ruleSet = Pipeline.compile(loaded, diagnostics: &diagnostics)
        if !diagnostics.containsError {
            _ = Pipeline.verify(loaded, ruleSet: ruleSet, diagnostics: &diagnostics)
        }
        guard !diagnostics.containsError else {
            printer.print(diagnostics)
            Summary.failed(diagnostics)
            throw ExitCode(1)
        }
        let assessments = Pipeline.assess(loaded, ruleSet: ruleSet, diagnostics: &diagnostics)
        let files = SiteRenderer(templates: templateSet).render(SiteRenderer.Input(
            advisories: loaded.advisories, assessments: assessments, reportDate: reportDate, publisher: publisher, includeUnaffected: all))
        printer.print(diagnostics)
        do {
            try writer.write(files)
        } catch {
            printer.print([.error(error.description, id: "output.write", at: nil)])
            throw ExitCode(1)
        }
        Summary.built(assessments: assessments, files: files, output: output, diagnostics: diagnostics)
    }
}
