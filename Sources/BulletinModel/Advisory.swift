/// One advisory bundle from `Content/advisories/<folder>/`, as loaded and validated.
public struct Advisory: Sendable, Hashable {
    /// The unique identifier from front matter, such as `BUL-2021-0001`.
    public var id: String
    /// The bundle's folder name, used for the advisory page's URL.
    public var slug: String
    public var title: String
    /// One plain-text paragraph for the index and the briefing.
    public var summary: String
    /// ISO dates (`YYYY-MM-DD`), kept as written.
    public var published: String
    public var updated: String?
    public var severity: Severity
    /// TLP 2.0 marking of the advisory page.
    public var tlp: TLP
    /// TLP 2.0 marking printed on every per-organisation report.
    public var reportTLP: TLP
    public var cves: [CVE]
    public var references: [Reference]
    public var affected: [AffectedProduct]
    /// The CommonMark body rendered to HTML by libcmark (raw HTML dropped, unsafe URLs removed).
    public var bodyHTML: String
    /// The CommonMark body as written, for Markdown outputs.
    public var bodyMarkdown: String
    /// Remediation steps from `remediation/*.md`, sorted by `order` then id.
    public var remediation: [RemediationStep]
    /// Indicators of compromise from `indicators.yml`, in file order.
    public var indicators: [Indicator]
    /// Where `advisory.md` was read.
    public var location: SourceLocation

    public init(
        id: String, slug: String, title: String, summary: String, published: String, updated: String?,
        severity: Severity, tlp: TLP, reportTLP: TLP, cves: [CVE], references: [Reference],
        affected: [AffectedProduct], bodyHTML: String, bodyMarkdown: String,
        remediation: [RemediationStep], indicators: [Indicator] = [], location: SourceLocation
    ) {
        self.id = id
        self.slug = slug
        self.title = title
        self.summary = summary
        self.published = published
        self.updated = updated
        self.severity = severity
        self.tlp = tlp
        self.reportTLP = reportTLP
        self.cves = cves
        self.references = references
        self.affected = affected
        self.bodyHTML = bodyHTML
        self.bodyMarkdown = bodyMarkdown
        self.remediation = remediation
        self.indicators = indicators
        self.location = location
    }

    /// The advisory's overall severity.
    public enum Severity: String, Sendable, Hashable, CaseIterable, Codable {
        case critical, high, medium, low
    }

    /// A Traffic Light Protocol 2.0 marking.
    public enum TLP: String, Sendable, Hashable, CaseIterable, Codable {
        case clear = "CLEAR"
        case green = "GREEN"
        case amber = "AMBER"
        case amberStrict = "AMBER+STRICT"
        case red = "RED"

        /// The marking as printed on a document: `TLP:AMBER+STRICT`.
        public var marking: String { "TLP:\(rawValue)" }
    }

    /// A vulnerability the advisory covers.
    public struct CVE: Sendable, Hashable {
        public var id: String
        public var title: String
        public var cvssScore: Double?
        public var cvssVector: String?
        /// Date the CVE was added to CISA's Known Exploited Vulnerabilities catalogue.
        public var kevAdded: String?

        public init(id: String, title: String, cvssScore: Double?, cvssVector: String?, kevAdded: String?) {
            self.id = id
            self.title = title
            self.cvssScore = cvssScore
            self.cvssVector = cvssVector
            self.kevAdded = kevAdded
        }
    }

    /// A link for further reading.
    public struct Reference: Sendable, Hashable {
        public var title: String
        public var url: String

        public init(title: String, url: String) {
            self.title = title
            self.url = url
        }
    }
}
