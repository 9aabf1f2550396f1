import BulletinModel

/// Merges freshly imported indicators into the entries an advisory already has: one entry per
/// pattern, every source's provenance kept, ids that depend only on the pattern.
///
/// Re-importing a file gives the same entries byte for byte: provenance lines are a sorted set,
/// and an existing entry keeps its id and title.
public struct IndicatorMerger: Sendable {
    /// What merging did.
    public struct Outcome: Sendable {
        /// Every entry of the imported file, sorted by id.
        public var entries: [ImportedIndicatorsFile.Entry]
        /// Entries this import created.
        public var added: [String] = []
        /// Existing entries this import gave a new source.
        public var updated: [String] = []
        /// Existing entries this import named again without anything new.
        public var unchanged: [String] = []
        /// Indicators of this import that another of this import's indicators already named.
        public var duplicates = 0
        /// Indicators whose pattern `indicators.yml` already has, with the id there.
        public var curated: [(indicator: ImportedIndicator, id: String)] = []
        /// Entries of the imported file whose pattern `indicators.yml` now has (someone moved them
        /// there to curate them): dropped from the imported file, with the id in `indicators.yml`.
        public var moved: [(id: String, curatedID: String)] = []
    }

    public init() {}

    /// Merges `imported` into `existing`; `curated` maps the keys of hand-written indicators to
    /// their ids.
    public func merge(_ imported: [ImportedIndicator], into existing: [ImportedIndicatorsFile.Entry], curated: [String: String]) -> Outcome {
        var outcome = Outcome(entries: [])
        var entries: [String: ImportedIndicatorsFile.Entry] = [:]
        var usedIDs: [String: String] = [:]
        for entry in existing {
            if let curatedID = curated[entry.key] {
                outcome.moved.append((entry.id, curatedID))
                continue
            }
            entries[entry.key] = entry
            usedIDs[entry.id] = entry.key
        }
        var groups: [String: [ImportedIndicator]] = [:]
        var order: [String] = []
        for indicator in imported {
            if groups[indicator.key] == nil { order.append(indicator.key) } else { outcome.duplicates += 1 }
            groups[indicator.key, default: []].append(indicator)
        }
        // Ids are handed out in key order, so that a collision resolves the same way whatever
        // order the feed lists its rows in.
        for key in order.sorted() {
            let group = groups[key]!
            if let id = curated[key] {
                outcome.curated.append((group[0], id))
                continue
            }
            let provenance = Set(group.flatMap(\.provenance))
            let verdict = group.map(\.verdict).min(by: Self.isWorse)!
            let confidence = group.map(\.confidence).min(by: Self.isSurer)!
            if var entry = entries[key] {
                let merged = Set(entry.provenance).union(provenance)
                let newVerdict = [entry.verdict, verdict].min(by: Self.isWorse)!
                let newConfidence = [entry.confidence, confidence].min(by: Self.isSurer)!
                if merged.count == entry.provenance.count, newVerdict == entry.verdict, newConfidence == entry.confidence {
                    outcome.unchanged.append(entry.id)
                    continue
                }
                entry.provenance = merged.sorted()
                entry.verdict = newVerdict
                entry.confidence = newConfidence
                entries[key] = entry
                outcome.updated.append(entry.id)
            } else {
                let id = Self.id(stem: group[0].idStem, key: key, taken: usedIDs)
                usedIDs[id] = key
                entries[key] = ImportedIndicatorsFile.Entry(
                    id: id, title: group[0].title, verdict: verdict, confidence: confidence, pattern: group[0].pattern,
                    provenance: provenance.sorted())
                outcome.added.append(id)
            }
        }
        outcome.entries = entries.values.sorted { $0.id < $1.id }
        outcome.added.sort()
        outcome.updated.sort()
        outcome.unchanged.sort()
        return outcome
    }

    /// `IMP-<stem>`, with a digest of the pattern unless the stem already names the value (hashes).
    static func id(stem: String, key: String, taken: [String: String]) -> String {
        let base = stem.contains("-") ? "IMP-\(stem)" : "IMP-\(stem)-\(digest(key))"
        var candidate = base
        var suffix = 2
        while let owner = taken[candidate], owner != key {
            candidate = "\(base)-\(suffix)"
            suffix += 1
        }
        return candidate
    }

    /// Eight hex digits of the 64-bit FNV-1a hash of `text`: stable across runs and machines,
    /// unlike Swift's seeded `hashValue`.
    static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash >> 32, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// Whether `a` is a worse verdict for the host than `b`.
    static func isWorse(_ a: Finding.Verdict, _ b: Finding.Verdict) -> Bool {
        let order: [Finding.Verdict] = [.compromised, .suspicious, .vulnerable]
        return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }

    /// Whether `a` is a higher confidence than `b`.
    static func isSurer(_ a: Finding.Confidence, _ b: Finding.Confidence) -> Bool {
        let order: [Finding.Confidence] = [.high, .medium, .low]
        return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }
}
