import ArgumentParser

/// `bulletin`: the root command.
public struct BulletinCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "bulletin",
        abstract: "Turn scan results and security advisories into per-organisation notification reports.",
        discussion: """
            bulletin reads advisory bundles (Markdown with YAML front matter, in Content/advisories/) and \
            scan results (bulletin.scan/1 JSON or JSON Lines), decides for every host of every organisation \
            whether it is affected, and renders a static site: an HTML and a Markdown report per affected \
            organisation, an index page and index.json.

            Problems in the input are printed as file:line:column: error: message [id], like a compiler's. \
            A build with any error writes nothing and exits with status 1.

            Formats: docs/scan-format.md and docs/advisory-format.md in the bulletin repository.
            """,
        version: "0.1.0",
        subcommands: [BuildCommand.self, MergeCommand.self, VerifyCommand.self, ImportCommand.self, SynthCommand.self],
        defaultSubcommand: nil
    )

    public init() {}
}
