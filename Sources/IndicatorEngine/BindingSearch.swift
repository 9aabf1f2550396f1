import BulletinModel

/// Decides whether a pattern's observation expressions can be bound to distinct observations of a
/// host under its operators and qualifiers, and which observations take part.
///
/// Semantics, as the reference matcher defines them (every observation here is one observed-data
/// whose first and last observed times are its `time`):
/// - a *binding* assigns one observation to each observation expression that is used; AND uses
///   both sides, OR one side, `REPEATS n` n copies of its expression; all observations of a
///   binding are distinct;
/// - `A FOLLOWEDBY B`: every time in A's part is at or before every time in B's part (equal times
///   qualify);
/// - `WITHIN d SECONDS`: the times of the part differ by at most d;
/// - `START s STOP e`: every time of the part is in `[s, e)`;
/// - an observation without a time takes no part under FOLLOWEDBY, WITHIN or START/STOP.
///
/// The search is depth-first over the tree in continuation-passing style, so each choice sees all
/// the constraints of what is already bound: time windows narrow every leaf's candidates (sorted
/// by time and cut by binary search), a WITHIN's span so far narrows the rest of its part, AND
/// binds its side with fewer candidates first, and REPEATS takes its copies in ascending order of
/// their first observation so that it does not revisit the same set in another order. Work is
/// bounded by a step budget: hostile data may make a pattern undecidable in time, never a build
/// hang.
///
/// Evidence: after a first binding proves the match, each remaining candidate of each expression is
/// tried in a search that forces it into that expression (in the first copy of any REPEATS, on its
/// side of any OR, with the time windows it implies); the union of the bindings found is the
/// evidence, which equals the union of all the reference matcher's bindings.
struct BindingSearch {
    /// The candidates of one observation expression.
    private struct Leaf {
        /// Timed candidates, ascending by time, then entry.
        var timed: [(time: Int64, entry: Int)]
        /// Candidates without a time, in entry order.
        var untimed: [Int]
    }

    /// Constraints an ancestor puts on a subtree's observations.
    private struct Bounds {
        var earliest = Int64.min
        var latest = Int64.max
        var requiresTime = false
        /// Whether the forced candidate (evidence search) must be bound in this subtree.
        var forcedActive = true
        /// REPEATS symmetry breaking: a leaf takes only entries after this one.
        var afterEntry = -1
    }

    /// What a bound subtree used: its time span and first entry.
    private struct Summary {
        var earliest = Int64.max
        var latest = Int64.min
        var firstEntry = Int.max

        func merged(_ other: Summary) -> Summary {
            Summary(earliest: min(earliest, other.earliest), latest: max(latest, other.latest),
                    firstEntry: min(firstEntry, other.firstEntry))
        }
    }

    /// The running span of an enclosing WITHIN.
    private struct Span {
        var limit: Int64
        var earliest = Int64.max
        var latest = Int64.min
    }

    /// The search's mutable state; every change is undone on the way back.
    private struct State {
        var used: [Bool]
        var bound: [Int] = []
        var spans: [Span] = []
        var steps = 0
        var budget = 0
        var exhausted = false
        /// Evidence search: this leaf must be bound to this entry.
        var forced: (leaf: Int, entry: Int, time: Int64?)?
    }

    private typealias Continuation = (inout State, Summary) -> Bool

    /// Steps the match decision may take on one host.
    static let decisionBudget = 2_000_000
    /// Steps all evidence searches together may take on one host.
    static let evidenceBudget = 2_000_000
    /// Steps the evidence search for one observation may take.
    static let evidenceBudgetPerObservation = 20_000

    private let tree: ObservationTree
    private let leaves: [Leaf]
    private let times: [Int64?]
    /// How many candidates each subtree (known by its leaf range) can draw on at most; AND searches
    /// its more selective side first, whose bindings then narrow the other side's time window.
    private let weights: [Range<Int>: Int]
    private var state: State

    /// Prepares a search over `candidates` (the entries satisfying each observation expression, in
    /// entry order) with the entries' `times`.
    init(tree: ObservationTree, candidates: [[Int]], times: [Instant?]) {
        self.tree = tree
        self.times = times.map { $0?.microseconds }
        leaves = candidates.map { entries in
            var leaf = Leaf(timed: [], untimed: [])
            for entry in entries {
                if let time = times[entry]?.microseconds { leaf.timed.append((time, entry)) } else { leaf.untimed.append(entry) }
            }
            leaf.timed.sort { ($0.time, $0.entry) < ($1.time, $1.entry) }
            return leaf
        }
        state = State(used: Array(repeating: false, count: times.count))
        var weights: [Range<Int>: Int] = [:]
        BindingSearch.weigh(tree, leaves: leaves, into: &weights)
        self.weights = weights
    }

    @discardableResult
    private static func weigh(_ node: ObservationTree, leaves: [Leaf], into weights: inout [Range<Int>: Int]) -> Int {
        let weight: Int
        switch node.kind {
        case .leaf(let index): weight = leaves[index].timed.count + leaves[index].untimed.count
        case .and(let left, let right), .followedBy(let left, let right):
            weight = min(weigh(left, leaves: leaves, into: &weights), weigh(right, leaves: leaves, into: &weights))
        case .or(let left, let right):
            weight = weigh(left, leaves: leaves, into: &weights) + weigh(right, leaves: leaves, into: &weights)
        case .within(let body, _), .repeats(let body, _), .startStop(let body, _, _):
            weight = weigh(body, leaves: leaves, into: &weights)
        }
        weights[node.leaves] = weight
        return weight
    }

    /// The weight of `node`; 1 when it must hold the forced entry of an evidence search.
    private func weight(of node: ObservationTree, _ bounds: Bounds, _ state: State) -> Int {
        if bounds.forcedActive, let forced = state.forced, node.leaves.contains(forced.leaf) { return 1 }
        return weights[node.leaves] ?? 0
    }

    /// Decides the match, then collects every entry that takes part in some satisfying binding.
    mutating func evaluate() -> PatternEvaluation {
        guard let first = run(forced: nil, budget: Self.decisionBudget) else {
            return PatternEvaluation(matched: false, evidence: [], isComplete: !state.exhausted)
        }
        if case .leaf(let only) = tree.kind {
            // Every candidate of a lone observation expression is a binding by itself.
            let all = leaves[only].timed.map(\.entry) + leaves[only].untimed
            return PatternEvaluation(matched: true, evidence: all.sorted(), isComplete: true)
        }
        var evidence = Set(first)
        var remaining = Self.evidenceBudget
        var isComplete = true
        for (index, leaf) in leaves.enumerated() {
            for entry in leaf.timed.map(\.entry) + leaf.untimed where !evidence.contains(entry) {
                guard remaining > 0 else {
                    isComplete = false
                    break
                }
                let binding = run(forced: (index, entry, times[entry]), budget: min(remaining, Self.evidenceBudgetPerObservation))
                remaining -= state.steps
                if state.exhausted { isComplete = false }
                if let binding { evidence.formUnion(binding) }
            }
        }
        return PatternEvaluation(matched: true, evidence: evidence.sorted(), isComplete: isComplete)
    }

    /// One search for a binding; returns its entries.
    private mutating func run(forced: (leaf: Int, entry: Int, time: Int64?)?, budget: Int) -> [Int]? {
        // The state is moved out while the search runs, so that the search can mutate it while
        // reading the (immutable) rest of `self`.
        var working = State(used: [])
        swap(&working, &state)
        defer { swap(&working, &state) }
        working.steps = 0
        working.budget = budget
        working.exhausted = false
        working.forced = forced
        var found: [Int]?
        _ = solve(tree, Bounds(), &working) { state, _ in
            found = state.bound
            return true
        }
        return found
    }

    // MARK: Search

    private func solve(_ node: ObservationTree, _ bounds: Bounds, _ state: inout State, _ next: Continuation) -> Bool {
        if state.exhausted { return false }
        switch node.kind {
        case .leaf(let index):
            return solveLeaf(index, bounds, &state, next)
        case .and(let left, let right):
            let (first, second) = weight(of: right, bounds, state) < weight(of: left, bounds, state) ? (right, left) : (left, right)
            return solve(first, bounds, &state) { state, firstSummary in
                solve(second, bounds, &state) { state, secondSummary in next(&state, firstSummary.merged(secondSummary)) }
            }
        case .or(let left, let right):
            if bounds.forcedActive, let forced = state.forced, node.leaves.contains(forced.leaf) {
                // The forced entry belongs to one leaf, which only one side holds.
                return solve(left.leaves.contains(forced.leaf) ? left : right, bounds, &state, next)
            }
            return solve(left, bounds, &state, next) || solve(right, bounds, &state, next)
        case .followedBy(let left, let right):
            var inner = bounds
            inner.requiresTime = true
            var leftBounds = inner
            if bounds.forcedActive, let forced = state.forced, right.leaves.contains(forced.leaf), let time = forced.time {
                leftBounds.latest = min(leftBounds.latest, time)
            }
            return solve(left, leftBounds, &state) { state, leftSummary in
                var rightBounds = inner
                rightBounds.earliest = max(inner.earliest, leftSummary.latest)
                return solve(right, rightBounds, &state) { state, rightSummary in
                    next(&state, leftSummary.merged(rightSummary))
                }
            }
        case .within(let body, let limit):
            var inner = bounds
            inner.requiresTime = true
            if bounds.forcedActive, let forced = state.forced, body.leaves.contains(forced.leaf), let time = forced.time {
                inner.earliest = max(inner.earliest, time.subtractingSaturating(limit))
                inner.latest = min(inner.latest, time.addingSaturating(limit))
            }
            state.spans.append(Span(limit: limit))
            let result = solve(body, inner, &state) { state, summary in
                // Leaving the WITHIN: its span no longer constrains what follows.
                let span = state.spans.removeLast()
                defer { state.spans.append(span) }
                return next(&state, summary)
            }
            state.spans.removeLast()
            return result
        case .startStop(let body, let start, let stop):
            var inner = bounds
            inner.requiresTime = true
            inner.earliest = max(inner.earliest, start.microseconds)
            inner.latest = min(inner.latest, stop.microseconds - 1)
            return solve(body, inner, &state, next)
        case .repeats(let body, let times):
            return solveRepeats(body, times, copy: 0, previousFirst: -1, Summary(), bounds, &state, next)
        }
    }

    private func solveRepeats(
        _ body: ObservationTree, _ times: Int, copy: Int, previousFirst: Int, _ soFar: Summary, _ bounds: Bounds,
        _ state: inout State, _ next: Continuation
    ) -> Bool {
        if copy == times { return next(&state, soFar) }
        // Copies are interchangeable, so they are taken in ascending order of first entry. In an
        // evidence search the first copy holds the forced entry and only the others are ordered.
        let forcedHere = bounds.forcedActive && state.forced.map { body.leaves.contains($0.leaf) } == true
        let after = copy == 0 || (forcedHere && copy == 1) ? -1 : previousFirst
        var copyBounds = bounds
        copyBounds.forcedActive = bounds.forcedActive && copy == 0
        if case .leaf = body.kind { copyBounds.afterEntry = after }
        return solve(body, copyBounds, &state) { state, summary in
            guard summary.firstEntry > after else { return false }
            return solveRepeats(body, times, copy: copy + 1, previousFirst: summary.firstEntry, soFar.merged(summary), bounds, &state, next)
        }
    }

    private func solveLeaf(_ index: Int, _ bounds: Bounds, _ state: inout State, _ next: Continuation) -> Bool {
        var earliest = bounds.earliest
        var latest = bounds.latest
        for span in state.spans where span.earliest <= span.latest {
            earliest = max(earliest, span.latest.subtractingSaturating(span.limit))
            latest = min(latest, span.earliest.addingSaturating(span.limit))
        }
        guard earliest <= latest else { return false }
        let requiresTime = bounds.requiresTime || !state.spans.isEmpty
        if bounds.forcedActive, let forced = state.forced, forced.leaf == index {
            if let time = forced.time {
                guard earliest <= time, time <= latest else { return false }
            } else if requiresTime {
                return false
            }
            return bind(forced.entry, at: forced.time, bounds, &state, next)
        }
        let leaf = leaves[index]
        var position = leaf.timed.partitioningIndex { $0.time >= earliest }
        while position < leaf.timed.count, leaf.timed[position].time <= latest {
            let (time, entry) = leaf.timed[position]
            position += 1
            if bind(entry, at: time, bounds, &state, next) { return true }
            if state.exhausted { return false }
        }
        if !requiresTime {
            for entry in leaf.untimed {
                if bind(entry, at: nil, bounds, &state, next) { return true }
                if state.exhausted { return false }
            }
        }
        return false
    }

    /// Binds `entry` to the current leaf, continues, and undoes the binding.
    private func bind(_ entry: Int, at time: Int64?, _ bounds: Bounds, _ state: inout State, _ next: Continuation) -> Bool {
        guard !state.used[entry], entry > bounds.afterEntry else { return false }
        state.steps += 1
        guard state.steps <= state.budget else {
            state.exhausted = true
            return false
        }
        state.used[entry] = true
        state.bound.append(entry)
        let savedSpans = state.spans
        if let time {
            for index in state.spans.indices {
                state.spans[index].earliest = min(state.spans[index].earliest, time)
                state.spans[index].latest = max(state.spans[index].latest, time)
            }
        }
        let summary = Summary(earliest: time ?? .max, latest: time ?? .min, firstEntry: entry)
        let result = next(&state, summary)
        state.spans = savedSpans
        state.bound.removeLast()
        state.used[entry] = false
        return result
    }
}

extension Int64 {
    fileprivate func addingSaturating(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    fileprivate func subtractingSaturating(_ other: Int64) -> Int64 {
        let (difference, overflow) = subtractingReportingOverflow(other)
        return overflow ? (other > 0 ? .min : .max) : difference
    }
}

extension Array {
    /// The first index whose element satisfies `belongs`, for a predicate that is false and then
    /// true along the array (binary search).
    fileprivate func partitioningIndex(where belongs: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if belongs(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
