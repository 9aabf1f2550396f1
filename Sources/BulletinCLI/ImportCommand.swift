import ArgumentParser

/// `bulletin import`: the importers of formats that CERTs and vendors already publish.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert scan reports and indicator feeds from other tools into bulletin's own formats.",
        discussion: """
            Nobody rewrites their scans or feeds by hand: each importer reads a format as its producer             writes it and writes bulletin's own documented formats: bulletin.scan/1 documents             (docs/scan-format.md) into an output folder, which `bulletin build --scans` then reads like             any other scan file, or imported-indicators.yml entries beside an advisory's indicators.yml             (docs/advisory-format.md).

            Each importer prints what it read, what it wrote, what it could not place and what it             rejected, by kind of entry. Malformed entries are errors located at file:line:column; the             other entries are still written. Scan rows that no organisation owns go to a report file in             the output folder. Nothing is dropped silently.

            Exit status: 0 when every entry was read, 1 when an error was reported, 64 on a usage error.
            """,
        subcommands: [
            ImportShadowserverCommand.self,
            ImportTestProxyLogonCommand.self,
            ImportIndicatorsCommand.self,
        ]
    )
}
