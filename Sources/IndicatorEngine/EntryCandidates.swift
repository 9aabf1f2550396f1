/// Collects which entries of a host made which patterns candidates, as the matcher probes the
/// host entry by entry. Hits are rare (most observations match no anchor), so they are kept as a
/// plain list of (pattern, entry) keys and sorted once at the end.
struct EntryCandidates: CandidateSink {
    /// The entry being probed.
    var entry: Int32 = 0
    /// Pattern in the upper 32 bits, entry in the lower: sorting orders by pattern, then entry.
    private var keys: [UInt64] = []
    /// Whether exact-string lookups are postponed to `resolveDeferred(in:)`.
    private let defersLookups: Bool
    /// The exact-string lookups postponed so far.
    private var deferred: [DeferredLookup] = []

    /// Candidates of a host with `entries` entries, probed against `tables`.
    init(entries: Int, tables: RuleIndexTables) {
        defersLookups = tables.exactStrings.isLarge
        if defersLookups { deferred.reserveCapacity(entries) }
    }

    mutating func insert(_ pattern: Int32) {
        let key = UInt64(UInt32(bitPattern: pattern)) << 32 | UInt64(UInt32(bitPattern: entry))
        // An entry reports a pattern once per anchor it satisfies; drop the immediate repeats.
        if keys.last != key { keys.append(key) }
    }

    mutating func postpone(node: Int32, bytesHash: UInt64, value: String) -> Bool {
        guard defersLookups else { return false }
        deferred.append(DeferredLookup(entry: entry, node: node, bytesHash: bytesHash, value: value))
        return true
    }

    /// Does the postponed lookups, reporting each pattern found for the entry that asked.
    mutating func resolveDeferred(in tables: RuleIndexTables) {
        guard !deferred.isEmpty else { return }
        var lookups = deferred
        deferred = []
        DeferredLookup.resolve(&lookups, in: tables.exactStrings) { entry, patterns in
            self.entry = entry
            tables.report(patterns, to: &self)
        }
    }

    /// Whether no pattern was reported.
    var isEmpty: Bool { keys.isEmpty }

    /// Each reported pattern, ascending, with the entries that reported it, ascending and unique.
    func byPattern() -> [(pattern: Int, entries: [Int])] {
        var result: [(pattern: Int, entries: [Int])] = []
        var previous: UInt64?
        for key in keys.sorted() where key != previous {
            previous = key
            let pattern = Int(key >> 32)
            let entry = Int(key & 0xFFFF_FFFF)
            if result.last?.pattern == pattern {
                result[result.count - 1].entries.append(entry)
            } else {
                result.append((pattern, [entry]))
            }
        }
        return result
    }
}
