import ArgumentParser
import BulletinModel
import Foundation

/// `bulletin verify`: load and check everything, write nothing.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check advisories and scans and report every problem, without writing anything.",
        discussion: """
            Runs the same loading and checks as build and prints every diagnostic. Use it in CI or before \
            publishing. Exit status: 0 when there is no error, 1 otherwise.
            """
    )

    @OptionGroup var input: InputOptions

    func run() throws {
        let printer = DiagnosticPrinter(format: input.diagnostics)
        var diagnostics: [Diagnostic] = []
        let loaded = Pipeline(content: input.content, scans: input.scanPaths, templates: nil, scanLimits: input.scanLimits).load(diagnostics: &diagnostics)
        var samples = 0
        if !diagnostics.containsError {
            let ruleSet = Pipeline.compile(loaded, diagnostics: &diagnostics)
            if !diagnostics.containsError {
                samples = Pipeline.verify(loaded, ruleSet: ruleSet, diagnostics: &diagnostics)
                _ = Pipeline.assess(loaded, ruleSet: ruleSet, diagnostics: &diagnostics)
            }
        }
        printer.print(diagnostics)
        guard !diagnostics.containsError else {
            Summary.failed(diagnostics)
            throw ExitCode(1)
        }
        Summary.verified(loaded, samples: samples, diagnostics: diagnostics)
    }
}
