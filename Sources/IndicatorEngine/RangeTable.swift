import BulletinModel

/// A run of pattern numbers in `RuleIndex`'s shared postings array.
struct PostingRange: Hashable, Sendable {
    /// The first position.
    var start: Int32
    /// Past the last position.
    var end: Int32

    /// No patterns.
    static let empty = PostingRange(start: 0, end: 0)

    /// Whether the run names no pattern.
    var isEmpty: Bool { start == end }

    /// Appends `patterns` to `postings` and returns where they went.
    static func append(_ patterns: some Sequence<Int32>, to postings: inout [Int32]) -> PostingRange {
        let start = Int32(postings.count)
        postings.append(contentsOf: patterns)
        return PostingRange(start: start, end: Int32(postings.count))
    }
}

/// Which ISSUBSET blocks of one property contain an address: a sorted range lookup.
///
/// The blocks' boundaries cut the address space into segments, each covered by the same blocks
/// throughout; a lookup is a binary search for the segment, whose patterns are precomputed.
/// CIDR blocks are nested or disjoint, so a segment lies in at most 129 distinct blocks and the
/// table stays linear in their number. A class, so that the walk takes it with one reference count.
final class RangeTable: Sendable {
    /// The first address of each segment, ascending; the first is 0.
    let starts: [UInt128]
    /// The patterns of each segment.
    let segments: [PostingRange]
    /// Every pattern of the table, for values the index cannot read as addresses.
    let all: PostingRange

    /// Builds the table for `blocks`, appending its patterns to `postings`.
    init(blocks: [AddressRange: [Int32]], postings: inout [Int32]) {
        let ordered = blocks.keys.sorted { ($0.lower, ~$0.upper) < ($1.lower, ~$1.upper) }
        var boundaries: Set<UInt128> = [0]
        for block in ordered {
            boundaries.insert(block.lower)
            if block.upper < .max { boundaries.insert(block.upper + 1) }
        }
        let starts = boundaries.sorted()
        var segments: [PostingRange] = []
        var active: [AddressRange] = []
        var next = 0
        for start in starts {
            active.removeAll { $0.upper < start }
            while next < ordered.count, ordered[next].lower == start {
                active.append(ordered[next])
                next += 1
            }
            let patterns = Set(active.flatMap { blocks[$0] ?? [] }).sorted()
            segments.append(.append(patterns, to: &postings))
        }
        self.starts = starts
        self.segments = segments
        all = .append(Set(blocks.values.joined()).sorted(), to: &postings)
    }

    /// The patterns whose blocks contain `address`.
    func patterns(containing address: UInt128) -> PostingRange {
        var low = 0
        var high = starts.count  // the answer lies in low..<high
        while high - low > 1 {
            let middle = (low + high) / 2
            if starts[middle] <= address { low = middle } else { high = middle }
        }
        return segments[low]
    }
}
