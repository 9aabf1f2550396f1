import BulletinModel

/// A necessary condition for a pattern to match: some observed object of `objectType` has, at
/// `path`, a value that passes `test`.
///
/// A pattern's anchors form a disjunction. If none of a host's objects satisfies any of them, the
/// pattern cannot match on that host, so the exact evaluator need not run it there. Anchors may be
/// weaker than the comparisons they come from (that only costs evaluations), never stronger.
struct Anchor: Hashable, Sendable {
    /// What the value at the path must be like.
    enum Test: Hashable, Sendable {
        /// Any value at all: the comparison cannot hold where the path resolves to nothing.
        case present
        /// A string equal to this one (Swift `String` equality, which is never stricter than the
        /// evaluator's code-point equality).
        case string(String)
        /// A number or boolean equal to this key (see `Anchor.numberKey`).
        case number(UInt64)
        /// A string containing this literal.
        case literal(LiteralNeedle)
        /// An IP address or CIDR whose address lies in this range.
        case range(AddressRange)
    }

    /// The object type the comparison names.
    var objectType: String
    /// The keys of the object path. List steps (`[0]`, `[*]`) are left out: the index looks into
    /// every element of every list it meets, which covers both.
    var path: [String]
    /// What the value must be like.
    var test: Test

    /// The key under which numbers and booleans meet: the `Double` bit pattern, with -0 folded
    /// into 0 and booleans as 0 and 1.
    ///
    /// Integers and floats compare numerically in STIX (`5 = 5.0`), and the reference matcher's
    /// `IN` lets `true` equal `1`; keying all three on one `Double` keeps every such pair together.
    /// Distinct large integers may share a key, which only widens the candidates. NaN equals
    /// nothing, so it has no key.
    static func numberKey(_ value: Double) -> UInt64? {
        if value.isNaN { return nil }
        return (value == 0 ? 0.0 : value).bitPattern
    }

    /// A rough chance that a random object passes the anchor; lower is more selective. Used only
    /// to choose between the sides of an AND, so it need be no better than an ordering.
    var hitEstimate: Double {
        let bits: Int
        switch test {
        case .present: bits = 0
        case .string(let value): bits = min(3 * value.utf8.count, 48)
        case .number: bits = 8
        case .literal(let needle):
            bits = min(3 * needle.bytes.count, 40) - 4 - (needle.caseInsensitive ? 2 : 0) + (needle.atStart ? 2 : 0)
        case .range(let range): bits = range.prefixLength >= 96 ? range.prefixLength - 96 : range.prefixLength / 4
        }
        return 1 / Double(1 << UInt64(max(1, min(bits, 60))))
    }
}

/// Derives each pattern's anchors: the disjunction of conditions of which at least one holds on
/// some object whenever the pattern matches.
///
/// The rules, each sound on its own:
/// - `=` and `IN` (not negated): the value equals one of the literals. Timestamp, hex and binary
///   literals, whose equality the evaluator decides after conversion, only require presence.
/// - `LIKE`, `MATCHES`: the value contains a literal every match must contain (`RequiredLiteral`),
///   or, when there is none to be sure of, presence.
/// - `ISSUBSET` with a CIDR: the address lies in its range. Otherwise presence.
/// - `<`, `<=`, `>`, `>=`, `ISSUPERSET`, `EXISTS` (not negated): presence. A comparison on a
///   missing property is false.
/// - Anything negated, and `!=`: none (the pattern is unanchored). Both hold on values unrelated
///   to the literal, and `!=` may hold where the property is missing.
/// - Properties ending in `_hex` or `_bin` hold bytes that the evaluator decodes before comparing,
///   so comparisons on them only require presence.
/// - Inside brackets, `A AND B` needs both, so either side's anchors suffice: the more selective
///   one is kept. `A OR B` needs one: the union, unanchored if either side is.
/// - Between observation expressions, AND and FOLLOWEDBY as AND, OR as OR; a qualifier only
///   restricts its expression further.
enum PatternAnchors {
    /// The anchors of `pattern`, or `nil` when it has none and must always be evaluated.
    static func anchors(of pattern: Pattern) -> [Anchor]? {
        anchors(of: pattern.expression)?.anchors
    }

    /// A disjunction of anchors with its selectivity estimate.
    struct Disjunction {
        /// At least one holds wherever the expression does.
        var anchors: [Anchor]
        /// The sum of the anchors' estimates.
        var hitEstimate: Double

        /// The disjunction of `anchors`.
        init(_ anchors: [Anchor]) {
            self.anchors = anchors
            hitEstimate = anchors.reduce(0) { $0 + $1.hitEstimate }
        }

        /// Both must hold: either disjunction is a necessary condition, so keep the sharper one.
        static func both(_ sides: [Disjunction?]) -> Disjunction? {
            sides.compactMap { $0 }.min { $0.hitEstimate < $1.hitEstimate }
        }

        /// One must hold: every side's anchors are needed, and an unanchored side makes the whole so.
        static func either(_ sides: [Disjunction?]) -> Disjunction? {
            var anchors: [Anchor] = []
            for side in sides {
                guard let side else { return nil }
                anchors += side.anchors
            }
            return Disjunction(anchors)
        }
    }

    /// The anchors of an observation expression, or `nil` when it has none.
    static func anchors(of expression: Pattern.ObservationExpression) -> Disjunction? {
        switch expression.kind {
        case .observation(let comparisons):
            return anchors(of: comparisons)
        case .and, .followedBy:
            return .both(operands(of: expression).map(anchors(of:)))
        case .or:
            return .either(operands(of: expression).map(anchors(of:)))
        case .qualified(let inner, let qualifier):
            // REPEATS 0 TIMES would match vacuously, if an evaluator allowed it.
            if case .repeats(let times) = qualifier.kind, times < 1 { return nil }
            return anchors(of: inner)
        }
    }

    /// The anchors of the comparisons inside one pair of brackets, or `nil` when they have none.
    static func anchors(of expression: Pattern.ComparisonExpression) -> Disjunction? {
        switch expression.kind {
        case .comparison(let comparison):
            return anchors(of: comparison).map(Disjunction.init)
        case .and:
            return .both(operands(of: expression).map(anchors(of:)))
        case .or:
            return .either(operands(of: expression).map(anchors(of:)))
        }
    }

    /// The anchors of one comparison (the rules above), or `nil` when it has none.
    static func anchors(of comparison: Pattern.Comparison) -> [Anchor]? {
        if comparison.negated || comparison.operator == .notEqual { return nil }
        var path: [String] = []
        for step in comparison.path.steps {
            if case .key(let key) = step.kind { path.append(key) }
        }
        let objectType = comparison.path.objectType
        let present = [Anchor(objectType: objectType, path: path, test: .present)]
        if path.contains(where: { $0.hasSuffix("_hex") || $0.hasSuffix("_bin") }) { return present }
        func anchor(_ test: Anchor.Test) -> Anchor { Anchor(objectType: objectType, path: path, test: test) }

        switch comparison.operator {
        case .equal:
            guard let literal = comparison.value, let test = equalityTest(literal.value) else { return present }
            return [anchor(test)]
        case .in:
            guard case .list(let elements)? = comparison.value?.value, !elements.isEmpty else { return present }
            var tests: [Anchor.Test] = []
            for element in elements {
                guard let test = equalityTest(element.value) else { return present }
                if !tests.contains(test) { tests.append(test) }
            }
            return tests.map(anchor)
        case .like:
            guard case .string(let text)? = comparison.value?.value,
                let needle = RequiredLiteral.like(text)
            else { return present }
            return [anchor(.literal(needle))]
        case .matches:
            guard case .string(let text)? = comparison.value?.value,
                let needle = RequiredLiteral.regex(text)
            else { return present }
            return [anchor(.literal(needle))]
        case .isSubset:
            guard case .string(let text)? = comparison.value?.value,
                let range = AddressRange(cidr: text)
            else { return present }
            return [anchor(.range(range))]
        case .less, .lessOrEqual, .greater, .greaterOrEqual, .isSuperset, .exists:
            return present
        case .notEqual:
            return nil
        }
    }

    /// The equality test for one literal, or `nil` when only presence can be required.
    static func equalityTest(_ value: Pattern.Literal.Value) -> Anchor.Test? {
        switch value {
        case .string(let string): return .string(string)
        case .integer(let integer): return Anchor.numberKey(Double(integer)).map(Anchor.Test.number)
        case .float(let float): return Anchor.numberKey(float).map(Anchor.Test.number)
        case .boolean(let boolean): return Anchor.numberKey(boolean ? 1 : 0).map(Anchor.Test.number)
        case .timestamp, .hex, .binary, .list: return nil
        }
    }

    /// The operands of a chain of one operator, left to right, walked without recursion: the
    /// parser builds `a OR b OR c ...` left-deep, and indicator feeds write thousands of terms.
    static func operands(of expression: Pattern.ObservationExpression) -> [Pattern.ObservationExpression] {
        func split(_ node: Pattern.ObservationExpression) -> (Pattern.ObservationExpression, Pattern.ObservationExpression)? {
            switch (expression.kind, node.kind) {
            case (.and, .and(let l, let r)), (.or, .or(let l, let r)), (.followedBy, .followedBy(let l, let r)): (l, r)
            case (.and, .followedBy(let l, let r)), (.followedBy, .and(let l, let r)): (l, r)
            default: nil
            }
        }
        return flatten(expression, split: split)
    }

    /// The operands of a chain of AND or of OR inside brackets, as `operands(of:)` above.
    static func operands(of expression: Pattern.ComparisonExpression) -> [Pattern.ComparisonExpression] {
        flatten(expression) { node in
            switch (expression.kind, node.kind) {
            case (.and, .and(let l, let r)), (.or, .or(let l, let r)): (l, r)
            default: nil
            }
        }
    }

    private static func flatten<Node>(_ root: Node, split: (Node) -> (Node, Node)?) -> [Node] {
        var operands: [Node] = []
        var pending = [root]
        while let node = pending.popLast() {
            if let (left, right) = split(node) {
                pending.append(right)
                pending.append(left)
            } else {
                operands.append(node)
            }
        }
        return operands
    }
}
