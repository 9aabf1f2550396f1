import ArgumentParser
import BulletinModel
import ContentLoading
import Foundation

/// `bulletin import shadowserver`: Shadowserver's Vulnerable Exchange Server reports.
struct ImportShadowserverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shadowserver",
        abstract: "Import Shadowserver \"Vulnerable Exchange Server\" CSV reports.",
        discussion: """
            Reads the daily CSV reports (columns timestamp, ip, port, hostname, tag, asn, geo, region, city, \
            naics, sic, sector, version, servername, url; newer reports add severity, protocol, \
            hostname_source; any order). Each row becomes a host, named by its address, of the \
            organisation that owns the address in the organisation directory \
            (docs/organisations-format.md): the Exchange build as a software entry, and each part of the \
            tag as a detection (exchange;cve-2021-26855: confirmed vulnerable by an active probe; \
            exchange;webshell: a web shell answered).

            Writes <organisation>.shadowserver.json per organisation into the output folder, replacing \
            the *.shadowserver.json files of an earlier run (pass every report of the period at once), \
            and shadowserver-unassigned.csv with the rows no organisation owns, with the file and line \
            each came from.

            Example:
              bulletin import shadowserver reports/2021-03-1*-scan_exchange-*.csv --output Imported
              bulletin build --scans Content/scans Imported
            """
    )

    @Argument(help: ArgumentHelp("Shadowserver CSV reports, read in the order given.", valueName: "report.csv"))
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("The organisation directory.", valueName: "file"))
    var organisations = "Content/organisations.yml"

    @Option(name: .long, help: ArgumentHelp("The folder to write scan documents and the unassigned report into; created if needed.", valueName: "folder"))
    var output: String

    @Option(name: .long, help: ArgumentHelp("How to print diagnostics: text (file:line:column: …) or json (one object per line).", valueName: "format"))
    var diagnostics: DiagnosticPrinter.Format = .text

    func run() throws {
        let printer = DiagnosticPrinter(format: diagnostics)
        let loaded = OrganisationDirectoryLoader().load(file: organisations)
        guard let directory = loaded.directory else {
            printer.print(loaded.diagnostics)
            Summary.failed(loaded.diagnostics)
            throw ExitCode(1)
        }
        var report = ShadowserverImporter(directory: directory).importReports(files)
        report.diagnostics = loaded.diagnostics + report.diagnostics
        let writer = ImportWriter(output: output, suffix: "shadowserver")
        do {
            _ = try writer.write(report.organisations, scanner: "bulletin import shadowserver", replacingOthers: true)
            // Columns a newer report adds are kept too, after the documented ones.
            let known = ShadowserverImporter.reportColumns
            let added = Set(report.unassigned.flatMap(\.fields.keys)).subtracting(known).sorted()
            _ = try writer.writeUnassigned(report.unassigned, columns: known + added)
        } catch {
            report.diagnostics.append(.error("cannot write into \(output): \(error.localizedDescription)", id: "import.write", at: nil))
        }
        printer.print(report.diagnostics)
        ImportSummary(report: report, files: files.count, output: output, unassignedFile: writer.unassignedPath).print()
        if report.diagnostics.containsError { throw ExitCode(1) }
    }
}
