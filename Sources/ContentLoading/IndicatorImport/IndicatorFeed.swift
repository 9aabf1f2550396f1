import BulletinModel

/// The foreign indicator formats `bulletin import indicators` reads.
public enum IndicatorFeed: String, Sendable, CaseIterable {
    /// A STIX 2.1 bundle: indicator objects with `pattern_type: stix`.
    case stix
    /// A MISP event in JSON: attributes, also inside objects, with `to_ids` set.
    case misp
    /// Microsoft's MSTIC IOC feed, JSON or CSV.
    case mstic
    /// Neo23x0/signature-base IOC files: `hash-iocs.txt`, `filename-iocs.txt`.
    case signatureBase = "signature-base"

    /// How the format is named in messages and provenance.
    public var title: String {
        switch self {
        case .stix: "STIX 2.1 bundle"
        case .misp: "MISP event"
        case .mstic: "MSTIC IOC feed"
        case .signatureBase: "signature-base IOC file"
        }
    }

    /// Reads `file` in this format. `now` decides which STIX indicators have expired.
    public func read(_ file: String, now: Instant) -> IndicatorImport {
        switch self {
        case .stix: STIXBundleReader(now: now).read(file)
        case .misp: MISPEventReader().read(file)
        case .mstic: MSTICFeedReader().read(file)
        case .signatureBase: SignatureBaseReader().read(file)
        }
    }
}

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
