import ArgumentParser

/// The options every command that reads input shares.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The content folder, holding advisories/<name>/advisory.md.", valueName: "folder"))
    var content = "Content"

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp(
            "Scan files or folders to read (folders are walked for *.json, *.jsonl, *.ndjson). Default: <content>/scans.",
            valueName: "path"))
    var scans: [String] = []

    @Option(name: .long, help: ArgumentHelp("How to print diagnostics: text (file:line:column: …) or json (one object per line).", valueName: "format"))
    var diagnostics: DiagnosticPrinter.Format = .text

    /// The scan paths, defaulting to the content folder's `scans`.
    var scanPaths: [String] {
        scans.isEmpty ? [content.hasSuffix("/") ? content + "scans" : content + "/scans"] : scans
    }
}

extension DiagnosticPrinter.Format: ExpressibleByArgument {}
