/// The parsed form of a `MATCHES` regular expression, before it becomes an automaton.
///
/// Only constructs that a finite automaton can decide are representable: there is no node for
/// backreferences, lookaround, atomic groups or possessive quantifiers, which the parser refuses
/// with an explanation instead.
indirect enum RegexNode: Hashable, Sendable {
    /// Matches the empty string.
    case empty
    /// One character from a set.
    case character(RegexCharacterSet)
    /// Each part in turn.
    case sequence([RegexNode])
    /// Any one of the alternatives.
    case alternation([RegexNode])
    /// The node `min` to `max` times (`nil`: unbounded). Greedy and lazy quantifiers are the same
    /// here: MATCHES asks only whether a match exists, not which one.
    case repetition(RegexNode, min: Int, max: Int?)
    /// A zero-width test of the position.
    case assertion(RegexAssertion)
}

/// A zero-width condition on the position between two characters.
enum RegexAssertion: Hashable, Sendable {
    /// `\A`, and `^` without `(?m)`.
    case startOfText
    /// `^` under `(?m)`: the start, or just after a line feed.
    case startOfLine
    /// `\Z`: the very end.
    case endOfText
    /// `$` without `(?m)`: the end, or just before a line feed that ends the text (Python's rule).
    case endOfTextOrFinalNewline
    /// `$` under `(?m)`: the end, or just before any line feed.
    case endOfLine
    /// `\b` and `\B`; `ascii` selects the `(?a)` notion of a word character.
    case wordBoundary(negated: Bool, ascii: Bool)

    /// Whether the assertion holds between `previous` and `next` (`nil` at either end of the text).
    func holds(previous: Unicode.Scalar?, next: Unicode.Scalar?, isFinalNewline: Bool) -> Bool {
        switch self {
        case .startOfText: return previous == nil
        case .startOfLine: return previous == nil || previous == "\n"
        case .endOfText: return next == nil
        case .endOfTextOrFinalNewline: return next == nil || isFinalNewline
        case .endOfLine: return next == nil || next == "\n"
        case .wordBoundary(let negated, let ascii):
            let before = previous.map { RegexCharacterSet.isMember($0, of: .word, ascii: ascii) } ?? false
            let after = next.map { RegexCharacterSet.isMember($0, of: .word, ascii: ascii) } ?? false
            return (before != after) != negated
        }
    }
}

/// The inline flags of Python's `re` that change what a `MATCHES` expression means.
struct RegexFlags: Hashable, Sendable {
    /// `i`.
    var ignoreCase = false
    /// `m`: `^` and `$` also match at line breaks.
    var multiline = false
    /// `s`: `.` also matches a line feed.
    var dotAll = false
    /// `x`: whitespace and `#` comments in the expression are ignored.
    var verbose = false
    /// `a`: `\w`, `\d`, `\s`, `\b` and case folding are ASCII-only.
    var ascii = false
}

/// Why a `MATCHES` expression was refused, and where in it.
struct RegexSyntaxError: Error, Hashable, Sendable {
    /// The offset in Unicode scalars from the start of the (unescaped) expression.
    var position: Int
    /// What is wrong, completing "invalid regular expression: ...".
    var reason: String
}
