/// A `MATCHES` regular expression compiled to a Thompson automaton, searched in linear time.
///
/// Hostile scan data must not be able to stall a build, so the expression is never run by a
/// backtracking engine: `(a+)+$` against ten thousand `a`s and a `!` takes ten thousand steps here,
/// where a backtracking engine takes longer than the universe has. The simulation keeps the set of
/// automaton states alive at each character (Thompson 1968, as in RE2 and Go's `regexp`), so the
/// work is bounded by (text length x program size). The program size itself is bounded at compile
/// time (`instructionLimit`): counted repetitions such as `x{1000}` are expanded, and an expression
/// that would expand beyond the limit is refused rather than made slow.
struct RegexProgram: Sendable {
    /// One automaton state.
    enum Instruction: Sendable {
        /// Consume one character from `sets[index]`, then continue at the next instruction.
        case character(Int)
        /// Continue at both targets.
        case split(Int, Int)
        case jump(Int)
        /// Continue at the next instruction only if the position satisfies the assertion.
        case assertion(RegexAssertion)
        case match
    }

    /// The most instructions an expression may compile to.
    static let instructionLimit = 5_000

    /// The automaton; instruction 0 is the start state.
    private(set) var instructions: [Instruction] = []
    /// The character sets the `.character` instructions refer to, each stored once.
    private(set) var sets: [RegexCharacterSet] = []
    /// The index of each set in `sets`, so that finding one again is a hash lookup: a search of
    /// the list made an expression of n distinct characters (CJK text, say) cost n^2/2 set
    /// comparisons to compile, 12 million for the 4,900 that `instructionLimit` allows.
    private var setIndices: [RegexCharacterSet: Int] = [:]
    /// Whether every match must start at the beginning of the text (`^` or `\A` first), so the
    /// search need not try later starting points.
    private(set) var anchoredAtStart = false
    /// The sets one of which the first character of any match is in, or `nil` when a match can be
    /// empty. While no attempt is alive, the search skips characters in none of them.
    private(set) var firstSets: [Int]?
    /// The ASCII characters in one of `firstSets`, as a bitmap (bit n is character n).
    private var firstASCII: (low: UInt64, high: UInt64) = (0, 0)

    /// Compiles `node`; fails when the program would exceed `instructionLimit`.
    init(_ node: RegexNode) throws(RegexSyntaxError) {
        try emit(node)
        instructions.append(.match)
        anchoredAtStart = RegexProgram.startsWithTextAnchor(node)
        firstSets = firstCharacterSets()
        for index in firstSets ?? [] {
            firstASCII.low |= sets[index].asciiMembers.low
            firstASCII.high |= sets[index].asciiMembers.high
        }
    }

    /// Whether `scalar` can be the first character of a match (with `firstSets` known).
    private func canStartMatch(_ scalar: Unicode.Scalar, _ firstSets: [Int]) -> Bool {
        let value = scalar.value
        if value < 64 { return firstASCII.low & (1 << UInt64(value)) != 0 }
        if value < 128 { return firstASCII.high & (1 << UInt64(value - 64)) != 0 }
        return firstSets.contains { sets[$0].contains(scalar) }
    }

    /// The character instructions reachable from the start without consuming anything (assertions
    /// assumed to hold), or `nil` if the match state is.
    private func firstCharacterSets() -> [Int]? {
        var seen = Set<Int>()
        var pending = [0]
        var found = Set<Int>()
        while let state = pending.popLast() {
            guard seen.insert(state).inserted else { continue }
            switch instructions[state] {
            case .match: return nil
            case .character(let index): found.insert(index)
            case .jump(let target): pending.append(target)
            case .split(let first, let second): pending += [first, second]
            case .assertion: pending.append(state + 1)
            }
        }
        return found.sorted()
    }

    // MARK: Compilation

    private mutating func emit(_ node: RegexNode) throws(RegexSyntaxError) {
        switch node {
        case .empty:
            break
        case .character(let set):
            if let existing = setIndices[set] {
                try append(.character(existing))
            } else {
                setIndices[set] = sets.count
                sets.append(set)
                try append(.character(sets.count - 1))
            }
        case .sequence(let parts):
            for part in parts { try emit(part) }
        case .alternation(let alternatives):
            var jumpsToEnd: [Int] = []
            for (index, alternative) in alternatives.enumerated() {
                if index < alternatives.count - 1 {
                    let split = instructions.count
                    try append(.split(split + 1, -1))
                    try emit(alternative)
                    jumpsToEnd.append(instructions.count)
                    try append(.jump(-1))
                    instructions[split] = .split(split + 1, instructions.count)
                } else {
                    try emit(alternative)
                }
            }
            for jump in jumpsToEnd { instructions[jump] = .jump(instructions.count) }
        case .repetition(let body, let minimum, let maximum):
            // A body that compiles to nothing (an empty group, `x{0}`) matches only the empty
            // string, and so does any repetition of it. Its copies would append nothing either, so
            // `instructionLimit` would never stop nested counts such as `(?:(?:){99999}){99999}`
            // from looping 10^10 times: a hostile indicator could hang the compiler.
            if body.compilesToNothing { break }
            for _ in 0..<minimum { try emit(body) }
            if let maximum {
                var exits: [Int] = []
                for _ in minimum..<max(minimum, maximum) {
                    exits.append(instructions.count)
                    try append(.split(instructions.count + 1, -1))
                    try emit(body)
                }
                for exit in exits { instructions[exit] = .split(exit + 1, instructions.count) }
            } else {
                let loop = instructions.count
                try append(.split(loop + 1, -1))
                try emit(body)
                try append(.jump(loop))
                instructions[loop] = .split(loop + 1, instructions.count)
            }
        case .assertion(let assertion):
            try append(.assertion(assertion))
        }
    }

    private mutating func append(_ instruction: Instruction) throws(RegexSyntaxError) {
        guard instructions.count < Self.instructionLimit else {
            throw RegexSyntaxError(
                position: 0,
                reason: "the expression is too large once its repetition counts are expanded "
                    + "(over \(Self.instructionLimit) states); use smaller counts such as {1,100}")
        }
        instructions.append(instruction)
    }

    private static func startsWithTextAnchor(_ node: RegexNode) -> Bool {
        switch node {
        case .assertion(.startOfText): true
        case .sequence(let parts): parts.first.map(startsWithTextAnchor) ?? false
        case .alternation(let alternatives): alternatives.allSatisfy(startsWithTextAnchor)
        default: false
        }
    }

    // MARK: Search

    /// Whether the expression matches anywhere in `text` (Python's `re.search`).
    func search<Text: RandomAccessCollection<Unicode.Scalar>>(_ text: Text) -> Bool where Text.Index == Int {
        var current = StateSet(capacity: instructions.count)
        var next = StateSet(capacity: instructions.count)
        var pending: [Int] = []
        var position = 0
        while true {
            if position == 0 || !anchoredAtStart {
                if current.isEmpty, !anchoredAtStart, let firstSets {
                    // No attempt alive: skip to the next character that can start a match.
                    while position < text.count, !canStartMatch(text[position], firstSets) {
                        position += 1
                    }
                    if position == text.count { return false }
                }
                if addClosure(of: 0, at: position, in: text, to: &current, pending: &pending) { return true }
            }
            if position == text.count || (current.isEmpty && anchoredAtStart) { return false }
            let scalar = text[position]
            next.removeAll()
            for state in current.states {
                guard case .character(let index) = instructions[state], sets[index].contains(scalar) else { continue }
                if addClosure(of: state + 1, at: position + 1, in: text, to: &next, pending: &pending) { return true }
            }
            swap(&current, &next)
            position += 1
        }
    }

    /// Adds `start` and every state reachable from it without consuming a character; returns
    /// `true` as soon as the match state is reachable.
    private func addClosure<Text: RandomAccessCollection<Unicode.Scalar>>(
        of start: Int, at position: Int, in text: Text, to set: inout StateSet, pending: inout [Int]
    ) -> Bool where Text.Index == Int {
        pending.removeAll(keepingCapacity: true)
        pending.append(start)
        while let state = pending.popLast() {
            guard set.insert(state) else { continue }
            switch instructions[state] {
            case .match:
                return true
            case .character:
                break
            case .jump(let target):
                pending.append(target)
            case .split(let first, let second):
                pending.append(second)
                pending.append(first)
            case .assertion(let assertion):
                let previous = position > 0 ? text[position - 1] : nil
                let next = position < text.count ? text[position] : nil
                let isFinalNewline = position == text.count - 1 && next == "\n"
                if assertion.holds(previous: previous, next: next, isFinalNewline: isFinalNewline) {
                    pending.append(state + 1)
                }
            }
        }
        return false
    }
}

/// A set of automaton states with O(1) insert, membership and clear (Briggs and Torczon's sparse
/// set), iterated in insertion order.
private struct StateSet {
    /// The members, in insertion order.
    private(set) var states: [Int] = []
    private var slots: [Int]

    /// An empty set for states `0..<capacity`.
    init(capacity: Int) {
        slots = Array(repeating: 0, count: capacity)
        states.reserveCapacity(capacity)
    }

    /// Whether no state is in the set.
    var isEmpty: Bool { states.isEmpty }

    /// Inserts `state`; `false` if it was already there.
    mutating func insert(_ state: Int) -> Bool {
        let slot = slots[state]
        if slot < states.count, states[slot] == state { return false }
        slots[state] = states.count
        states.append(state)
        return true
    }

    /// Empties the set in O(1), keeping its storage.
    mutating func removeAll() {
        states.removeAll(keepingCapacity: true)
    }
}

extension RegexNode {
    /// Whether `RegexProgram` compiles the node to no instruction at all: it matches only the empty
    /// string and tests nothing on the way (no assertion, no alternation, whose split is a state).
    var compilesToNothing: Bool {
        switch self {
        case .empty: true
        case .sequence(let parts): parts.allSatisfy(\.compilesToNothing)
        case .repetition(let body, _, let maximum): maximum == 0 || body.compilesToNothing
        case .character, .alternation, .assertion: false
        }
    }
}
