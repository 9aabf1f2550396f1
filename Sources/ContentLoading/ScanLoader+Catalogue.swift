/// A skim of scan documents for a build's catalogue pass: which organisation each document is
/// about, found far faster than by reading it, so that documents can be grouped by organisation
/// before any is read in full.
///
/// The skim checks nothing: what it returns is a hint for grouping, and the full read of each
/// document still refuses, with a located error, whatever is wrong with it (including a second
/// `organisation` key the skim did not look at).
extension ScanLoader {
    /// One organisation of a batch document (`"organisations": [...]`), as the skim sees it.
    public struct BatchEntry: Sendable, Hashable {
        /// The entry's `organisation.id`, when it is there as a string.
        public var organisationID: String?
        /// The entry's bytes: indexes into the slice that was skimmed.
        public var bytes: Range<Int>

        public init(organisationID: String?, bytes: Range<Int>) {
            self.organisationID = organisationID
            self.bytes = bytes
        }
    }

    /// The `organisation.id` of a one-organisation document (a `.json` file or one JSON Lines
    /// line), or `nil` when the skim cannot see one (a batch, a missing id, text that is not an
    /// object). Reads only up to the id.
    public static func organisationID(in document: ArraySlice<UInt8>) -> String? {
        var skimmer = JSONSkimmer(withoutByteOrderMark(document))
        return organisationID(&skimmer)
    }

    /// The entries of a batch document, or `nil` when it is not a batch the skim can read to the
    /// end (then read the document whole: the reader reports what is wrong).
    public static func batchEntries(in document: ArraySlice<UInt8>) -> [BatchEntry]? {
        var skimmer = JSONSkimmer(withoutByteOrderMark(document))
        guard skimmer.seekMember("organisations") else { return nil }
        skimmer.skipWhitespace()
        guard skimmer.take(UInt8(ascii: "[")) else { return nil }
        var entries: [BatchEntry] = []
        skimmer.skipWhitespace()
        if skimmer.take(UInt8(ascii: "]")) { return entries }
        while true {
            skimmer.skipWhitespace()
            let start = skimmer.position
            guard skimmer.skipValue() else { return nil }
            var entry = JSONSkimmer(skimmer.bytes[start..<skimmer.position])
            entries.append(BatchEntry(organisationID: organisationID(&entry), bytes: start..<skimmer.position))
            skimmer.skipWhitespace()
            if skimmer.take(UInt8(ascii: "]")) { return entries }
            guard skimmer.take(UInt8(ascii: ",")) else { return nil }
        }
    }

    private static func organisationID(_ skimmer: inout JSONSkimmer) -> String? {
        guard skimmer.seekMember("organisation"), skimmer.seekMember("id") else { return nil }
        return skimmer.string()
    }
}
