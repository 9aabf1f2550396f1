import BulletinModel

/// What reading one feed file gave: the indicators it names, and an account of every entry that
/// did not become one, so that nothing is dropped without a word.
public struct IndicatorImport: Sendable {
    public var feed: IndicatorFeed
    public var file: String
    /// Entries read: indicator objects, attributes, rows or lines that name an indicator.
    public var entriesRead = 0
    /// What the entries, and the things around them that are not entries, were called (`rows`).
    public var entryNoun: String
    public var indicators: [ImportedIndicator] = []
    /// How many entries were skipped, by reason.
    public var skipped: [String: Int] = [:]
    /// Other things the file holds that are not indicators (STIX `malware` objects, say), by kind.
    public var otherContent: [String: Int] = [:]
    /// Every problem and every skipped entry, located.
    public var diagnostics: [Diagnostic] = []

    public init(feed: IndicatorFeed, file: String, entryNoun: String) {
        self.feed = feed
        self.file = file
        self.entryNoun = entryNoun
    }

    /// Records that the entry at `location` was not imported: a warning when it could not be
    /// placed, a note when the feed itself marks it as context (MISP `to_ids: false`).
    public mutating func skip(_ reason: String, detail: String, at location: SourceLocation, severity: Diagnostic.Severity = .warning) {
        skipped[reason, default: 0] += 1
        diagnostics.append(Diagnostic(severity, "\(detail); not imported", id: "import.skipped", at: location))
    }

    /// Records a malformed entry: an error, and the import writes nothing.
    public mutating func malformed(_ summary: String, at location: SourceLocation) {
        skipped["malformed", default: 0] += 1
        diagnostics.append(.error(summary, id: "import.malformed", at: location))
    }
}
