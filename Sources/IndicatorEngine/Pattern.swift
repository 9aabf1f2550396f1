/// A parsed STIX 2.1 pattern: observation expressions joined by AND, OR and FOLLOWEDBY, each a
/// bracketed set of comparisons that one observed object must satisfy.
///
/// Every node records the UTF-8 byte range of the pattern text it was written at, so that later
/// stages (the rule compiler, `bulletin verify`) can point into `indicators.yml` as precisely as the
/// parser does. A parenthesised group has no node of its own; the range of the grouped node covers
/// the parentheses. Binary operators are left-associative, as in the grammar: `a OR b OR c` is
/// `or(or(a, b), c)`.
public struct Pattern: Hashable, Sendable {
    /// The whole pattern.
    public var expression: ObservationExpression

    /// Creates a pattern from its top observation expression.
    public init(expression: ObservationExpression) {
        self.expression = expression
    }
}

extension Pattern {
    /// Observation expressions, combined across different observations.
    ///
    /// Precedence, loosest first: FOLLOWEDBY, OR, AND, then qualifiers, which bind to the observation
    /// expression right before them (`[a] FOLLOWEDBY [b] WITHIN 5 SECONDS` qualifies `[b]` only).
    public struct ObservationExpression: Hashable, Sendable {
        /// The shape of an observation expression.
        public indirect enum Kind: Hashable, Sendable {
            /// `[...]`: comparisons that a single observed object must satisfy together.
            case observation(ComparisonExpression)
            /// Both sides match, possibly on different observations.
            case and(ObservationExpression, ObservationExpression)
            /// Either side matches.
            case or(ObservationExpression, ObservationExpression)
            /// The right side matches after the left side did.
            case followedBy(ObservationExpression, ObservationExpression)
            /// The expression, restricted by a qualifier.
            case qualified(ObservationExpression, Qualifier)
        }

        /// What the expression is.
        public var kind: Kind
        /// Where it was written: UTF-8 byte offsets into the pattern text.
        public var range: Range<Int>

        /// Creates an observation expression.
        public init(_ kind: Kind, range: Range<Int>) {
            self.kind = kind
            self.range = range
        }
    }

    /// A restriction on which observations may satisfy an observation expression.
    public struct Qualifier: Hashable, Sendable {
        /// The three qualifiers of STIX 2.1.
        public enum Kind: Hashable, Sendable {
            /// `WITHIN n SECONDS`: all matching observations fall in a window of `seconds`.
            case within(seconds: Double)
            /// `REPEATS n TIMES`: the expression matches `times` times over distinct observations.
            case repeats(times: Int)
            /// `START t'..' STOP t'..'`: matching observations fall between `start` and `stop`; the
            /// parser guarantees `start < stop`.
            case startStop(start: Timestamp, stop: Timestamp)
        }

        /// Which qualifier, with its values.
        public var kind: Kind
        /// Where it was written, from its first keyword to its last token.
        public var range: Range<Int>

        /// Creates a qualifier.
        public init(_ kind: Kind, range: Range<Int>) {
            self.kind = kind
            self.range = range
        }
    }

    /// Comparisons combined inside one pair of brackets. AND binds tighter than OR.
    public struct ComparisonExpression: Hashable, Sendable {
        /// The shape of a comparison expression.
        public indirect enum Kind: Hashable, Sendable {
            /// A single comparison.
            case comparison(Comparison)
            /// Both comparisons hold for the same object.
            case and(ComparisonExpression, ComparisonExpression)
            /// Either comparison holds.
            case or(ComparisonExpression, ComparisonExpression)
        }

        /// What the expression is.
        public var kind: Kind
        /// Where it was written.
        public var range: Range<Int>

        /// Creates a comparison expression.
        public init(_ kind: Kind, range: Range<Int>) {
            self.kind = kind
            self.range = range
        }
    }

    /// One test of an object property against a value, such as `file:name NOT LIKE '%.aspx'`.
    public struct Comparison: Hashable, Sendable {
        /// The property tested.
        public var path: ObjectPath
        /// How it is tested.
        public var `operator`: ComparisonOperator
        /// Whether the test was written with NOT, which inverts it.
        public var negated: Bool
        /// The right-hand side: a `.list` for IN, a string for LIKE, MATCHES, ISSUBSET and
        /// ISSUPERSET, and `nil` only for EXISTS.
        public var value: Literal?
        /// Where it was written, from the path (or NOT, or EXISTS) to the end of the value.
        public var range: Range<Int>

        /// Creates a comparison.
        public init(path: ObjectPath, operator: ComparisonOperator, negated: Bool, value: Literal?, range: Range<Int>) {
            self.path = path
            self.operator = `operator`
            self.negated = negated
            self.value = value
            self.range = range
        }
    }

    /// The comparison operators, spelled as in patterns.
    public enum ComparisonOperator: String, Hashable, Sendable, CaseIterable {
        /// `=`, also written `==`.
        case equal = "="
        /// `!=`, also written `<>`.
        case notEqual = "!="
        /// `<`.
        case less = "<"
        /// `<=`.
        case lessOrEqual = "<="
        /// `>`.
        case greater = ">"
        /// `>=`.
        case greaterOrEqual = ">="
        /// Equal to one of a list of values.
        case `in` = "IN"
        /// SQL LIKE: `%` matches any run of characters, `_` any one character.
        case like = "LIKE"
        /// A PCRE regular expression matches somewhere in the value.
        case matches = "MATCHES"
        /// The IP address or CIDR range lies within the given range.
        case isSubset = "ISSUBSET"
        /// The CIDR range contains the given address or range.
        case isSuperset = "ISSUPERSET"
        /// The property is present; written before the path, `EXISTS file:name`.
        case exists = "EXISTS"
    }

    /// Which property of an observed object a comparison reads, e.g. `file:hashes.'SHA-256'`.
    public struct ObjectPath: Hashable, Sendable {
        /// The object type before the colon: a STIX 2.1 Cyber-observable type or an `x-` custom type.
        public var objectType: String
        /// Where the object type was written, for diagnostics about the type alone.
        public var objectTypeRange: Range<Int>
        /// The steps after the colon; never empty, and the first is always a key.
        public var steps: [PathStep]
        /// Where the whole path was written.
        public var range: Range<Int>

        /// Creates an object path.
        public init(objectType: String, objectTypeRange: Range<Int>, steps: [PathStep], range: Range<Int>) {
            self.objectType = objectType
            self.objectTypeRange = objectTypeRange
            self.steps = steps
            self.range = range
        }
    }

    /// One step of an object path.
    public struct PathStep: Hashable, Sendable {
        /// What the step selects.
        public enum Kind: Hashable, Sendable {
            /// A property or dictionary key; quoted keys (`'SHA-256'`) arrive unescaped, without quotes.
            case key(String)
            /// `[n]`: one element of a list, counted from 0.
            case index(Int)
            /// `[*]`: any element of a list.
            case anyIndex
        }

        /// What the step selects.
        public var kind: Kind
        /// Where it was written: the key itself (without the dot), or the brackets with the index.
        public var range: Range<Int>

        /// Creates a path step.
        public init(_ kind: Kind, range: Range<Int>) {
            self.kind = kind
            self.range = range
        }
    }

    /// A constant written in a pattern.
    public struct Literal: Hashable, Sendable {
        /// The value, decoded: strings unescaped, hex and base64 turned into bytes.
        public enum Value: Hashable, Sendable {
            /// `'...'`, unescaped.
            case string(String)
            /// A whole number, optionally signed.
            case integer(Int)
            /// A number with a decimal point.
            case float(Double)
            /// `true` or `false` (lower-case only).
            case boolean(Bool)
            /// `t'...'`.
            case timestamp(Timestamp)
            /// `h'...'`.
            case hex([UInt8])
            /// `b'...'`, base64 in the pattern.
            case binary([UInt8])
            /// `(a, b, ...)`, the right-hand side of IN; its elements are never lists.
            case list([Literal])
        }

        /// The value.
        public var value: Value
        /// Where it was written, including quotes, prefixes and, for lists, the parentheses.
        public var range: Range<Int>

        /// Creates a literal.
        public init(_ value: Value, range: Range<Int>) {
            self.value = value
            self.range = range
        }
    }
}
