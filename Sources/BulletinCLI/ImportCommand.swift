import ArgumentParser

/// `bulletin import`: converters from other tools' formats into bulletin's own.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert scan results and indicator feeds from other tools into bulletin's formats.",
        discussion: """
            Each importer writes bulletin's own documented formats (scan documents, indicators.yml \
            entries), so that the rest of the pipeline has one path. Every importer reports what it read, \
            what it wrote and what it could not place; a malformed entry is an error at its file, line and \
            column, and no entry is dropped without a word.
            """,
        subcommands: [
            ImportIndicatorsCommand.self,
        ]
    )
}
