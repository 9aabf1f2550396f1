import ArgumentParser
import BulletinModel
import Foundation
import ScanSynthesis

/// `bulletin synth`: write a synthetic national corpus of scan results.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write a synthetic corpus of scan results, shaped like the March 2021 Exchange sweeps, for benchmarks and tests.",
        discussion: """
            Writes --organisations organisations as bulletin.scan/1 JSON Lines into the --output folder, \
            --per-file organisations per file (organisations-000001-001000.jsonl, …). The same number and \
            seed always give byte-identical files, and each organisation depends only on the seed and its \
            number: organisation 17 is the same in a corpus of 100 and of 30,000, so growing a corpus \
            rewrites only its last file.

            The mix follows the public 2021 data: one to five hosts per organisation, most with one; \
            Exchange 2013, 2016 and 2019 builds, many on a vulnerable cumulative update, some patched, some \
            on an update with no fix, a few Exchange 2010 and hosts with no Exchange entry; seven hosts in \
            ten seen from outside only (a build, half of them with three parts only, sometimes a scanner's \
            verdict), three in ten swept from inside with 4 to 2,000 observations each, heavy-tailed (HttpProxy \
            requests, files, events, processes, log lines, connections), including benign look-alikes of \
            every indicator; about 3.5% of hosts compromised, with the traces of the attack chain or an \
            upstream exchange;webshell verdict. Names, contacts and addresses are invented, with .example \
            domains and documentation address ranges.

            The folder may be new, empty or an earlier corpus (whose files are replaced); bulletin refuses \
            to write into a folder holding other files. The closing line on standard error counts the \
            organisations by the status each was made to have under the shipped ProxyLogon advisory.

            Example: bulletin synth --organisations 30000 --output Synthetic && bulletin build --scans Synthetic
            """
    )

    @Option(name: .long, help: ArgumentHelp("How many organisations to write.", valueName: "count"))
    var organisations: Int

    @Option(name: .long, help: ArgumentHelp("The seed: the same seed gives the same corpus.", valueName: "number"))
    var seed: UInt64 = 2021

    @Option(name: .long, help: ArgumentHelp("The folder to write the corpus into.", valueName: "folder"))
    var output: String

    @Option(name: .long, help: ArgumentHelp("Organisations per JSON Lines file.", valueName: "count"))
    var perFile = 1_000

    func validate() throws {
        guard organisations >= 1 else { throw ValidationError("--organisations must be at least 1") }
        guard perFile >= 1 else { throw ValidationError("--per-file must be at least 1") }
    }

    func run() throws {
        let writer = CorpusWriter(folder: URL(fileURLWithPath: output), organisationsPerFile: perFile)
        var statuses: [HostStatus: Int] = [:]
        var hosts = 0, observations = 0
        do {
            try writer.write(count: organisations, synthesizer: CorpusSynthesizer(seed: seed)) { _, written in
                for organisation in written {
                    statuses[organisation.plannedStatus, default: 0] += 1
                    hosts += organisation.plannedHostStatuses.count
                    observations += organisation.observationCount
                }
            }
        } catch {
            DiagnosticPrinter(format: .text).print([.error(error.description, id: "synth.output", at: nil)])
            throw ExitCode(1)
        }
        let files = (organisations + perFile - 1) / perFile
        let mix = HostStatus.allCases.reversed().compactMap { status in statuses[status].map { "\($0) \(status.rawValue)" } }
        FileHandle.standardError.write(Data("bulletin: synthesized \(organisations) organisations, \(hosts) hosts, \(observations) observations into \(files) file\(files == 1 ? "" : "s") in \(output) (planned: \(mix.joined(separator: ", ")))\n".utf8))
    }
}
