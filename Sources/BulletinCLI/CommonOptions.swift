import ArgumentParser
import ContentLoading
import Foundation

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

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The most bytes one scan document may have: a .json file, or one line of a JSON Lines file (so JSON Lines files may be of any size). K, M and G are powers of 1024; at most 4G - 1 byte.",
            valueName: "size"))
    var maxScanSize = ByteCount(bytes: ScanLimits.defaultDocumentBytes)

    @Option(
        name: .long,
        help: ArgumentHelp("The deepest nesting of objects and arrays in a scan document (the document itself is level 1; scans need 8).", valueName: "levels"))
    var maxDepth = ScanLimits.defaultDepth

    func validate() throws {
        guard (1...ScanLimits.largestDocument).contains(maxScanSize.bytes) else {
            throw ValidationError("--max-scan-size must be from 1 byte to 4G - 1 byte (\(ScanLimits.largestDocument) bytes), not \(maxScanSize.bytes)")
        }
        guard maxDepth >= 1 else {
            throw ValidationError("--max-depth must be at least 1, not \(maxDepth)")
        }
    }

    /// The limits each scan document must keep to.
    var scanLimits: ScanLimits {
        ScanLimits(maximumDocumentBytes: maxScanSize.bytes, maximumDepth: maxDepth)
    }

    /// The scan paths, defaulting to the content folder's `scans`.
    var scanPaths: [String] {
        scans.isEmpty ? [content.hasSuffix("/") ? content + "scans" : content + "/scans"] : scans
    }
}

extension DiagnosticPrinter.Format: ExpressibleByArgument {}

/// The options of the commands that publish a site (`build`, `merge`): where the templates are,
/// where the site goes, its report date and whether unaffected organisations get reports. A
/// merge must be given the same values as the shards were built with.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The templates folder (Mustache templates and style.css).", valueName: "folder"))
    var templates = "Templates"

    @Option(name: .long, help: ArgumentHelp("The output folder; replaced as a whole by each build.", valueName: "folder"))
    var output = "Output"

    @Option(name: .long, help: ArgumentHelp("The report date, YYYY-MM-DD.", valueName: "date"))
    var date: String?

    @Flag(name: .long, help: "Render reports for every organisation, not only the affected ones.")
    var all = false

    /// `--date`, else SOURCE_DATE_EPOCH, else today; a bad value is printed and ends the command.
    func reportDate(printer: DiagnosticPrinter) throws -> String {
        switch ReportDate.resolve(option: date, environment: ProcessInfo.processInfo.environment) {
        case .success(let value): return value
        case .failure(let diagnostic):
            printer.print([diagnostic])
            throw ExitCode(1)
        }
    }
}
