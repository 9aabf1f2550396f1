import BulletinModel

/// A STIX pattern compiled once for evaluation against many hosts.
///
/// The bracketed observation expressions become `CompiledCondition`s; the operators and
/// qualifiers between them become an `ObservationTree` that `BindingSearch` satisfies with
/// distinct observations (see there for the semantics of AND, OR, FOLLOWEDBY and the qualifiers).
public struct CompiledPattern: Sendable {
    /// The bracketed observation expressions, in the order they are written.
    let conditions: [CompiledCondition]
    /// How the observation expressions combine.
    let tree: ObservationTree
    /// Per condition, the view paths it reads when an observation's property stream can decide it
    /// (`CompiledCondition.streamPaths`).
    let streamPaths: [UInt64?]

    /// The most observations one match may need (REPEATS counts multiplied out); beyond it the
    /// search could not be bounded.
    public static let observationLimit = 1024

    /// Compiles `pattern`, or says which literal or qualifier cannot be compiled.
    public init(_ pattern: Pattern) throws(PatternCompileError) {
        var conditions: [CompiledCondition] = []
        tree = try ObservationTree.build(pattern.expression, conditions: &conditions)
        self.conditions = conditions
        streamPaths = conditions.map(\.streamPaths)
        if tree.observationsNeeded > Self.observationLimit {
            throw .tooLarge(limit: Self.observationLimit, at: pattern.expression.range.lowerBound)
        }
    }

    /// Whether the pattern is one bracketed observation expression (with or without qualifiers):
    /// then every observation that satisfies it holds one of the pattern's index anchors, so only
    /// the observations the `RuleIndex` names need testing.
    var isSingleObservationExpression: Bool { conditions.count == 1 }

    /// Evaluates the pattern against `data`: whether it matches, and which entries take part.
    /// `entries`, when given, are the only entries that can satisfy a condition (ascending); the
    /// matcher passes them only for single-expression patterns, where the index guarantees it.
    public func evaluate(_ data: ObservedData, onlyEntries entries: [Int]? = nil) -> PatternEvaluation {
        var data = data
        return evaluate(&data, onlyEntries: entries)
    }

    /// `evaluate(_:onlyEntries:)` on entries read one by one: only the entries tested are asked
    /// for their objects and times (the search never looks at the time of an entry that satisfies
    /// no condition).
    func evaluate(_ data: inout some ObservedEntries, onlyEntries entries: [Int]? = nil) -> PatternEvaluation {
        let tested = entries ?? Array(0..<data.count)
        var candidates: [[Int]] = Array(repeating: [], count: conditions.count)
        for entry in tested {
            for (number, condition) in conditions.enumerated()
            where data.satisfies(condition, paths: streamPaths[number], entry: entry) {
                candidates[number].append(entry)
            }
        }
        if case .leaf = tree.kind {
            // A lone observation expression without qualifiers: every candidate is a binding by
            // itself, as `BindingSearch` would find.
            return PatternEvaluation(matched: !candidates[0].isEmpty, evidence: candidates[0], isComplete: true)
        }
        var times = [Instant?](repeating: nil, count: data.count)
        for entry in tested { times[entry] = data.time(of: entry) }
        var search = BindingSearch(tree: tree, candidates: candidates, times: times)
        return search.evaluate()
    }
}

/// The outcome of evaluating a pattern against observed data.
public struct PatternEvaluation: Sendable, Hashable {
    /// Whether some set of distinct observations satisfies the pattern.
    public var matched: Bool
    /// The indices of the entries that take part in at least one satisfying binding, ascending;
    /// empty when the pattern did not match.
    public var evidence: [Int]
    /// Whether the search finished. It stops after a fixed number of steps so that hostile data
    /// cannot stall a build; an unfinished search reports no match (or, after a match, evidence
    /// that may lack some entries), and the matcher warns about it.
    public var isComplete: Bool

    /// Creates an evaluation.
    public init(matched: Bool, evidence: [Int], isComplete: Bool) {
        self.matched = matched
        self.evidence = evidence
        self.isComplete = isComplete
    }
}

/// The observation operators and qualifiers of a pattern, over its numbered observation
/// expressions ("leaves", numbered in text order so that every subtree holds a contiguous range).
struct ObservationTree: Sendable {
    /// The operator or qualifier at this node.
    indirect enum Kind: Sendable {
        case leaf(Int)
        case and(ObservationTree, ObservationTree)
        case or(ObservationTree, ObservationTree)
        case followedBy(ObservationTree, ObservationTree)
        /// All observations of the subtree within `microseconds` of each other.
        case within(ObservationTree, microseconds: Int64)
        case repeats(ObservationTree, times: Int)
        /// All observations of the subtree at or after `start` and before `stop`.
        case startStop(ObservationTree, start: Instant, stop: Instant)
    }

    /// What the node is.
    let kind: Kind
    /// The leaves of this subtree.
    let leaves: Range<Int>
    /// The most observations a binding of this subtree takes.
    let observationsNeeded: Int

    /// Builds the tree of `expression`, appending its bracketed expressions to `conditions` in text
    /// order and checking the qualifiers' values.
    static func build(
        _ expression: Pattern.ObservationExpression, conditions: inout [CompiledCondition]
    ) throws(PatternCompileError) -> ObservationTree {
        func pair(_ left: Pattern.ObservationExpression, _ right: Pattern.ObservationExpression)
            throws(PatternCompileError) -> (ObservationTree, ObservationTree)
        {
            (try build(left, conditions: &conditions), try build(right, conditions: &conditions))
        }
        switch expression.kind {
        case .observation(let comparisons):
            conditions.append(try CompiledCondition(comparisons))
            return ObservationTree(kind: .leaf(conditions.count - 1), leaves: conditions.count - 1..<conditions.count, observationsNeeded: 1)
        case .and(let left, let right):
            let (l, r) = try pair(left, right)
            return ObservationTree(kind: .and(l, r), leaves: l.leaves.lowerBound..<r.leaves.upperBound, observationsNeeded: l.observationsNeeded + r.observationsNeeded)
        case .or(let left, let right):
            let (l, r) = try pair(left, right)
            return ObservationTree(kind: .or(l, r), leaves: l.leaves.lowerBound..<r.leaves.upperBound, observationsNeeded: max(l.observationsNeeded, r.observationsNeeded))
        case .followedBy(let left, let right):
            let (l, r) = try pair(left, right)
            return ObservationTree(kind: .followedBy(l, r), leaves: l.leaves.lowerBound..<r.leaves.upperBound, observationsNeeded: l.observationsNeeded + r.observationsNeeded)
        case .qualified(let inner, let qualifier):
            let body = try build(inner, conditions: &conditions)
            let offset = qualifier.range.lowerBound
            switch qualifier.kind {
            case .within(let seconds):
                guard seconds > 0 else { throw .withinZero(at: offset) }
                // Python rounds a duration to whole microseconds; a huge one saturates.
                let microseconds = Int64(min(seconds * 1_000_000, 4e18).rounded())
                return ObservationTree(kind: .within(body, microseconds: microseconds), leaves: body.leaves, observationsNeeded: body.observationsNeeded)
            case .repeats(let times):
                guard times >= 1 else { throw .repeatsZero(at: offset) }
                let cap = CompiledPattern.observationLimit + 1  // keeps the product from overflowing
                let needed = min(body.observationsNeeded, cap) * min(times, cap)
                return ObservationTree(kind: .repeats(body, times: times), leaves: body.leaves, observationsNeeded: needed)
            case .startStop(let start, let stop):
                return ObservationTree(kind: .startStop(body, start: Instant(start), stop: Instant(stop)), leaves: body.leaves, observationsNeeded: body.observationsNeeded)
            }
        }
    }
}
