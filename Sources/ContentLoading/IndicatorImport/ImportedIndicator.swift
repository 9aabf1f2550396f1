import BulletinModel

/// One indicator read from a foreign feed, before it becomes an `indicators.yml` entry: a STIX
/// pattern over our observation views, what a match means, and where it came from.
///
/// Two imported indicators with the same `pattern` are the same indicator: the readers build
/// patterns canonically from an observable's kind and normalised value, so "same value and type"
/// and "same pattern" are one test.
public struct ImportedIndicator: Sendable, Hashable {
    /// The STIX 2.1 pattern text, whitespace as the source wrote it for STIX bundles.
    public let pattern: String
    /// The pattern with runs of whitespace made one space: the identity of the indicator.
    public let key: String
    /// Maps pattern offsets back into the source file, so that a pattern the engine refuses is an
    /// error at the place in the feed that holds it.
    public var patternOrigin: TextOrigin
    public var title: String
    public var verdict: Finding.Verdict
    public var confidence: Finding.Confidence
    /// One line per source that named this indicator: format, file, original id, dates, TLP.
    public var provenance: [String]
    /// Where the indicator was read, for diagnostics about it.
    public var location: SourceLocation
    /// How a pattern that the engine refuses is reported: as an error (a STIX bundle's own
    /// pattern is broken) or as a skipped row (a translation we could not make runnable).
    public var refusal: Refusal
    /// The start of the indicator's id (`SHA256-b75f163ca9b9`, `FILEPATH`, `STIX`); the merger
    /// completes it so that the same pattern always gets the same id.
    public var idStem: String

    /// What a refused pattern means for the import.
    public enum Refusal: Sendable, Hashable {
        /// The feed itself is wrong: an error, and nothing is written.
        case error
        /// The row is well-formed but has no runnable form here: counted and reported as skipped.
        case skip
    }

    public init(
        pattern: String, patternOrigin: TextOrigin? = nil, title: String, verdict: Finding.Verdict, confidence: Finding.Confidence,
        provenance: [String], location: SourceLocation, refusal: Refusal = .skip, idStem: String
    ) {
        self.pattern = pattern
        self.key = Self.key(of: pattern)
        self.patternOrigin = patternOrigin ?? TextOrigin(file: location.file, lineStarts: [TextOrigin.Position(line: location.line, column: location.column)])
        self.title = title
        self.verdict = verdict
        self.confidence = confidence
        self.provenance = provenance
        self.location = location
        self.refusal = refusal
        self.idStem = idStem
    }

    /// `pattern` with every run of whitespace outside string literals made one space and the ends
    /// trimmed.
    public static func key(of pattern: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pattern.utf8.count)
        var pendingSpace = false
        var inString = false
        var escaped = false
        for byte in pattern.utf8 {
            if inString {
                // Inside a string literal every character counts: 'a  b' is not 'a b'.
                bytes.append(byte)
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "'") { inString = false }
            } else if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                pendingSpace = !bytes.isEmpty
            } else {
                if byte == UInt8(ascii: "'") { inString = true }
                if pendingSpace { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
