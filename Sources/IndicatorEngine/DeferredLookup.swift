/// An exact-string lookup of the index put off until a whole host has been streamed, so that
/// its filter words are fetched from memory together rather than one after another.
///
/// With 100,000 hash indicators the table's filter is half a megabyte, and the work between two
/// hosts (decoding the next, matching it) evicts it: nearly every lookup waits for memory. Done
/// as it is met, each wait comes hundreds of instructions after the last, too far apart for the
/// processor to overlap them. Done here, the filter tests of a host's values are a tight loop of
/// independent loads that wait together; only the few values the filter lets through go on to
/// the slots. A small table stays in cache, and is looked up at once (`ExactStringTable.isLarge`).
struct DeferredLookup {
    /// The entry (software entry or observation of the host) whose value this is.
    var entry: Int32
    /// The trie node whose equality strings the value is looked up in.
    var node: Int32
    /// `ExactStringTable.hash` of the value's bytes.
    var bytesHash: UInt64
    /// The value, kept for comparing bytes with a key whose hash it shares.
    var value: String

    /// Does `lookups`, in order, calling `found` with each one's patterns; leaves `lookups`
    /// empty, its storage kept.
    static func resolve(_ lookups: inout [DeferredLookup], in table: ExactStringTable, found: (Int32, PostingRange) -> Void) {
        // Filter tests first, keeping those that pass at the front: no allocation.
        var passed = 0
        for index in lookups.indices where table.mayContain(node: lookups[index].node, bytesHash: lookups[index].bytesHash) {
            lookups.swapAt(passed, index)
            passed += 1
        }
        for index in 0..<passed {
            let lookup = lookups[index]
            let patterns = RuleIndexTables.withUTF8(of: lookup.value) { bytes in
                table.slotPatterns(node: lookup.node, bytes: bytes, bytesHash: lookup.bytesHash)
            }
            if let patterns { found(lookup.entry, patterns) }
        }
        lookups.removeAll(keepingCapacity: true)
    }
}
