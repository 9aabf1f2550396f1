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
