import ArgumentParser
import BulletinModel
import ContentLoading
import Foundation

/// `bulletin import test-proxylogon`: the output folder of Microsoft's Test-ProxyLogon.ps1.
struct ImportTestProxyLogonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-proxylogon",
        abstract: "Import the output folder of Microsoft's Test-ProxyLogon.ps1 for one organisation.",
        discussion: """
            Reads the files the script writes into its -OutPath folder, one host per Exchange server: \
            <Server>-Cve-2021-26855.csv (HttpProxy requests), -Cve-2021-26857.csv (Unified Messaging \
            errors), -Cve-2021-26858.log and -Cve-2021-26858-DownloadPaths.log (OAB generator), \
            -Cve-2021-27065.log and -Cve-2021-27065-ResetVDir.csv (ECP), -other.csv (LSASS dumps, \
            archives) and -LogAgeDays.csv (how far back each log reaches, which the report states). \
            Files as Windows PowerShell writes them are read as they are: the #TYPE line, quoting, \
            the server's date and number formats.

            Event times are the server's local time without a zone: give --utc-offset to keep them.

            Writes <organisation>.test-proxylogon.json into the output folder, replacing the file of an \
            earlier import for the same organisation. The organisation's name and contacts come from the \
            organisation directory.

            Example:
              bulletin import test-proxylogon Test-ProxyLogonLogs --organisation harbour-clinic --utc-offset +00:00 --output Imported
            """
    )

    @Argument(help: ArgumentHelp("The folder Test-ProxyLogon.ps1 wrote (its -OutPath).", valueName: "folder"))
    var folder: String

    @Option(name: .long, help: ArgumentHelp("The id of the organisation whose servers these are, as in the organisation directory.", valueName: "id"))
    var organisation: String

    @Option(name: .long, help: ArgumentHelp("The organisation directory.", valueName: "file"))
    var organisations = "Content/organisations.yml"

    @Option(name: .long, help: ArgumentHelp("The servers' offset from UTC when the script ran (Z, +01:00, -05:00), for event times.", valueName: "offset"))
    var utcOffset: String?

    @Option(name: .long, help: ArgumentHelp("The folder to write the scan document into; created if needed.", valueName: "folder"))
    var output: String

    @Option(name: .long, help: ArgumentHelp("How to print diagnostics: text (file:line:column: …) or json (one object per line).", valueName: "format"))
    var diagnostics: DiagnosticPrinter.Format = .text

    func validate() throws {
        if let utcOffset, !TestProxyLogonImporter.isValidOffset(utcOffset) {
            throw ValidationError("--utc-offset '\(utcOffset)' is not an offset such as Z, +01:00 or -05:00")
        }
    }

    func run() throws {
        let printer = DiagnosticPrinter(format: diagnostics)
        let loaded = OrganisationDirectoryLoader().load(file: organisations)
        var problems = loaded.diagnostics
        guard let directory = loaded.directory else {
            printer.print(problems)
            Summary.failed(problems)
            throw ExitCode(1)
        }
        guard let entry = directory.entry(id: organisation) else {
            problems.append(.error(
                "organisation '\(organisation)' is not in the organisation directory; add it there (docs/organisations-format.md) or check the id",
                id: "import.unknown-organisation", at: SourceLocation(file: organisations)))
            printer.print(problems)
            Summary.failed(problems)
            throw ExitCode(1)
        }
        var report = TestProxyLogonImporter(organisation: entry.organisation, utcOffset: utcOffset).importFolder(folder)
        report.diagnostics = problems + report.diagnostics
        if report.organisations.isEmpty && !report.diagnostics.containsError {
            report.diagnostics.append(.error(
                "no Test-ProxyLogon output in this folder; pass the folder given to the script's -OutPath",
                id: "test-proxylogon.empty", at: SourceLocation(file: folder)))
        }
        if !report.organisations.isEmpty {
            do {
                _ = try ImportWriter(output: output, suffix: "test-proxylogon").write(report.organisations, scanner: "bulletin import test-proxylogon", replacingOthers: false)
            } catch {
                report.diagnostics.append(.error("cannot write into \(output): \(error.localizedDescription)", id: "import.write", at: nil))
            }
        }
        printer.print(report.diagnostics)
        ImportSummary(report: report, files: nil, output: output, unassignedFile: nil).print()
        if report.diagnostics.containsError { throw ExitCode(1) }
    }
}
