/// One indicator from an advisory's `indicators.yml`: a STIX 2.1 pattern, what a match means, and
/// the sample data that proves it matches what it should and nothing else.
public struct Indicator: Sendable, Hashable {
    public var id: String
    public var title: String
    public var verdict: Finding.Verdict
    public var confidence: Finding.Confidence
    public var status: Status
    public var cves: [String]
    /// The STIX 2.1 pattern text, as the pattern parser sees it (YAML escaping already removed).
    public var pattern: String
    /// Maps offsets in `pattern` back to `indicators.yml`, so that pattern errors point at the file.
    public var patternOrigin: TextOrigin
    /// Short Markdown shown next to the evidence.
    public var description: String?
    /// Remediation step ids a match calls for.
    public var remediation: [String]
    /// Observation sets that must match.
    public var matchSamples: [Sample]
    /// Observation sets that must not match.
    public var noMatchSamples: [Sample]
    /// The advisory the indicator belongs to.
    public var advisoryID: String
    /// Where the indicator's entry starts in `indicators.yml`.
    public var location: SourceLocation

    public init(
        id: String, title: String, verdict: Finding.Verdict, confidence: Finding.Confidence, status: Status, cves: [String],
        pattern: String, patternOrigin: TextOrigin, description: String?, remediation: [String], matchSamples: [Sample],
        noMatchSamples: [Sample], advisoryID: String, location: SourceLocation
    ) {
        self.id = id
        self.title = title
        self.verdict = verdict
        self.confidence = confidence
        self.status = status
        self.cves = cves
        self.pattern = pattern
        self.patternOrigin = patternOrigin
        self.description = description
        self.remediation = remediation
        self.matchSamples = matchSamples
        self.noMatchSamples = noMatchSamples
        self.advisoryID = advisoryID
        self.location = location
    }

    /// Whether an indicator is trusted to publish on.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Needs at least one `match` and one `no_match` sample.
        case stable
        /// Still being tested; samples optional.
        case experimental
    }

    /// A set of observations an indicator is verified against: one scan host, as a pattern is
    /// evaluated per host.
    public struct Sample: Sendable, Hashable {
        /// The host whose observations and software form the sample.
        public var host: Host
        /// Where the sample is listed in `indicators.yml`.
        public var location: SourceLocation

        public init(host: Host, location: SourceLocation) {
            self.host = host
            self.location = location
        }
    }
}

/// Where each line of a piece of text taken from a file starts in that file, so that an offset into
/// the text (a pattern error) can be reported at the file's line and column.
public struct TextOrigin: Sendable, Hashable {
    public var file: String
    /// For each line of the text: the file line and column (1-based, in bytes) where it starts.
    public var lineStarts: [Position]

    /// A line and column in the file.
    public struct Position: Sendable, Hashable {
        public var line: Int
        public var column: Int

        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    public init(file: String, lineStarts: [Position]) {
        self.file = file
        self.lineStarts = lineStarts
    }

    /// The file location of the UTF-8 byte `offset` of `text`.
    public func location(ofOffset offset: Int, in text: String) -> SourceLocation {
        var line = 0
        var lineStart = 0
        var index = 0
        for byte in text.utf8 {
            if index >= offset { break }
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        guard let start = lineStarts.indices.contains(line) ? lineStarts[line] : lineStarts.last else {
            return SourceLocation(file: file)
        }
        return SourceLocation(file: file, line: start.line, column: start.column + (offset - lineStart))
    }
}
