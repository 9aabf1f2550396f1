import BulletinModel

// The indexing prefilter: which patterns are worth evaluating on a host at all.
//
// Strategy. Every pattern is reduced once, at compile time, to its anchors (`PatternAnchors`): a
// disjunction of conditions "an object of type T has, at path P, a value that passes test X", at
// least one of which holds on some object of the host whenever the pattern matches. A pattern with
// no such condition (NOT, `!=`, or an OR with such a side) is unanchored and always a candidate.
//
// The anchors are stored in one trie per object type, keyed by the path's property names. Each
// trie node holds the tests of the anchors whose path ends there:
//   - equality (`=`, IN): strings in one open-addressing table keyed by (node, exact UTF-8 bytes)
//     behind a cache-sized Bloom filter (`ExactStringTable`), numbers in a table keyed by the
//     normalised `Double` (integers, floats and booleans meet there);
//   - LIKE/MATCHES: a q-gram bitmap over the needed literals, confirmed in full on a hit
//     (`LiteralScanner`);
//   - ISSUBSET: a sorted table of address segments (`RangeTable`);
//   - presence: the patterns that only need some value there.
// Probing an object compares its type with the few types that have anchors, walks its properties
// down the trie, following only the keys some pattern uses (looking each up, or for small objects
// comparing their keys, whichever is cheaper), and asks each reached node's tables about the
// value found. Lists are entered element by element wherever they appear, which covers `[*]`,
// `[n]` and list-valued properties.
//
// Observations are probed without building their objects at all (`candidates(for: Host)`, the
// matcher's way): `ObservationView` writes each observation as a stream of properties named by
// interned paths (`ViewPath`), and every such path was resolved to its trie node, with the
// presence anchors above it, when the index was built (`ViewPathNodes`). A property no anchor
// looks at costs one bit test and is never computed; one that some anchor looks at goes straight
// to its node's tables. Both ways read the same stream, so they report the same patterns.
//
// Complexity per object: one step per property of the trie's paths (the distinct paths patterns
// use, not the patterns), one hash of each equality-tested value and usually one cached filter
// word, a few instructions per byte of each LIKE/MATCHES-tested value, a binary search per
// address, and one step per pattern reported. None of it grows with the number of equality, IN or
// ISSUBSET indicators, and the LIKE/MATCHES cost grows with value length, not indicator count.
// Unanchored patterns cost nothing per object: they are merged into every answer.
//
// Soundness. The index may report patterns that then fail (values that pass an anchor but not
// the comparison, the unchosen side of an AND, non-ASCII values that literal needles let through);
// it never leaves out a pattern that can match, given what `ValueTest` documents of the evaluator:
// no comparison holds for a missing property, paths resolve over `STIXObject` as nested
// dictionaries and lists, strings equal strings code point by code point (the index's byte-exact
// table; Swift's coarser `String ==` for non-ASCII), numbers and booleans share one value space,
// and ISSUBSET reads values with `AddressRange`, as the index does. Where the evaluator's reading
// of a value could differ from the index's (timestamps, numbers meeting LIKE or address tests,
// text that is no address), the value passes every test of its node.

/// Tells, for a host's STIX objects, which patterns may match them: the indexing prefilter that
/// lets the matcher skip the patterns that cannot.
///
/// Compile once per rule set; probe per host with `candidates(for:)`, or with a reusable `Probe`
/// when probing many hosts. The answer is a superset of the patterns that match: never fewer.
/// Probing is additive: the candidates for a host are the union of the candidates for each of its
/// objects, so a caller may probe object by object or observation by observation.
public struct RuleIndex: Sendable {
    /// How many patterns the index was built from; candidates are indices below this.
    public let patternCount: Int
    /// The patterns that have no anchor and are candidates for every host, ascending.
    public let unanchored: [Int]

    /// The lookup structures.
    let tables: RuleIndexTables

    /// Builds the index for `patterns`; candidates name them by their position in this array.
    public init(patterns: [Pattern]) {
        var builder = RuleIndexBuilder()
        var unanchored: [Int] = []
        for (number, pattern) in patterns.enumerated() {
            guard let anchors = PatternAnchors.anchors(of: pattern) else {
                unanchored.append(number)
                continue
            }
            for anchor in anchors { builder.add(anchor, pattern: Int32(number)) }
        }
        patternCount = patterns.count
        self.unanchored = unanchored
        tables = builder.build()
    }

    /// The patterns that may match on a host with these objects: sorted, without duplicates,
    /// always including `unanchored`.
    public func candidates(for objects: [STIXObject]) -> [Int] {
        var found = CandidateList()
        tables.collect(objects, into: &found)
        return found.merged(with: unanchored)
    }

    /// The patterns that may match on `host`: the same as `candidates(for:)` on the objects of all
    /// its software entries and observations, found without building those objects
    /// (`ObservationProbe`).
    public func candidates(for host: BulletinModel.Host) -> [Int] {
        var probe = ObservationProbe(tables, sink: CandidateList())
        host.software.withUnsafeBufferPointer { software in
            for index in software.indices { probe.add(software[index]) }
        }
        InPlaceObservation.forEach(in: host.observations) { probe.add($0) }
        return probe.sink.merged(with: unanchored)
    }

    /// The patterns that may match on a host with these observations' objects; the same as
    /// `candidates(for:)` on all their objects together.
    public func candidates(forObjectsOf observations: some Sequence<[STIXObject]>) -> [Int] {
        var found = CandidateList()
        for objects in observations {
            tables.collect(objects, into: &found)
        }
        return found.merged(with: unanchored)
    }
}

/// Receives the pattern numbers a probe reports, duplicates included.
protocol CandidateSink {
    mutating func insert(_ pattern: Int32)
    /// Takes the exact-string lookup of `value` at `node` to be done later, together with the
    /// others of the host (`DeferredLookup`), or returns false to have it done now.
    mutating func postpone(node: Int32, bytesHash: UInt64, value: String) -> Bool
}

extension CandidateSink {
    mutating func postpone(node: Int32, bytesHash: UInt64, value: String) -> Bool { false }
}

/// Collects reported patterns in a plain array, for one-off probes: no allocation proportional
/// to the number of patterns, as `RuleIndex.Probe` needs.
struct CandidateList: CandidateSink {
    private var patterns: [Int32] = []
    private var compactedCount = 0

    mutating func insert(_ pattern: Int32) {
        patterns.append(pattern)
        // Objects that hit the same patterns again and again must not make the list grow without
        // bound: deduplicate whenever it has doubled since the last time.
        if patterns.count >= 4096 && patterns.count >= 2 * compactedCount { compact() }
    }

    private mutating func compact() {
        patterns.sort()
        patterns = patterns.uniqued()
        compactedCount = patterns.count
    }

    /// The collected patterns and `always`, ascending and unique.
    func merged(with always: [Int]) -> [Int] {
        var sorted = patterns
        sorted.sort()
        return mergeAscending(sorted.uniqued(), always)
    }
}

extension Array where Element: Equatable {
    /// The sorted array without repeats.
    fileprivate func uniqued() -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(count)
        for element in self where result.last != element { result.append(element) }
        return result
    }
}

/// Merges two ascending sequences of pattern numbers into one, without repeats.
func mergeAscending(_ found: [Int32], _ always: [Int], into result: inout [Int]) {
    result.removeAll(keepingCapacity: true)
    var i = 0
    var j = 0
    while i < found.count || j < always.count {
        let next: Int
        if j == always.count || (i < found.count && Int(found[i]) <= always[j]) {
            next = Int(found[i])
            i += 1
        } else {
            next = always[j]
            j += 1
        }
        if result.last != next { result.append(next) }
    }
}

/// `mergeAscending(_:_:into:)` into a new array.
func mergeAscending(_ found: [Int32], _ always: [Int]) -> [Int] {
    if found.isEmpty { return always }
    var result: [Int] = []
    result.reserveCapacity(found.count + always.count)
    mergeAscending(found, always, into: &result)
    return result
}
