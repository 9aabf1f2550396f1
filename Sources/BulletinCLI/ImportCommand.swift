import ArgumentParser

/// `bulletin import`: the importers of formats that CERTs and vendors already publish.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn reports in foreign formats into bulletin's own scan documents.",
        discussion: """
            Nobody rewrites their scans by hand: each importer reads a format as its producer writes it \
            and writes bulletin.scan/1 documents (docs/scan-format.md) into an output folder, which \
            `bulletin build --scans` then reads like any other scan file.

            Each importer prints what it read, what it wrote, what it could not place and what it \
            rejected, by kind of row. Malformed rows are errors located at file:line:column; the other \
            rows are still written. Rows that no organisation owns go to a report file in the output \
            folder. Nothing is dropped silently.

            Exit status: 0 when every row was read, 1 when an error was reported, 64 on a usage error.
            """,
        subcommands: [
            ImportShadowserverCommand.self,
            ImportTestProxyLogonCommand.self,
        ]
    )
}
