import BulletinModel

/// The test one comparison applies to each value its object path selects, compiled once: IN lists
/// become hash sets, LIKE a wildcard matcher, MATCHES an automaton, ISSUBSET a parsed CIDR block.
///
/// Type rules are the reference matcher's (the STIX specification leaves most of them open):
///
/// - `=` and `!=` compare numbers with numbers (integer 1 equals float 1.0), strings with strings
///   code point by code point, booleans with booleans, and timestamps with timestamps, reading a
///   string value as a STIX timestamp when the literal is `t'...'`. A hex or binary literal equals
///   a string whose code points are all below 256 and spell its bytes. Any other pairing is
///   "not equal", so `!=` and NOT hold for it.
/// - `<`, `<=`, `>`, `>=` order the same pairs. A pairing without an order is false *whatever the
///   NOT*; only a string with code points of 256 or more against a hex or binary literal is
///   false before NOT, so NOT makes it true. (This asymmetry is the reference matcher's.)
/// - IN is membership with Python's equality: numbers and booleans share one value space
///   (`true` is 1), strings match strings only, and hex literals never match strings.
/// - LIKE, MATCHES, ISSUBSET and ISSUPERSET are false for values that are not strings (or not
///   addresses), before NOT.
///
/// Values whose path does not exist never reach a test, so no comparison, negated or not, holds
/// for a missing property.
enum ValueTest: Sendable {
    /// `=` (or `!=`, as `inverted`), after NOT is folded in.
    case equal(Operand, inverted: Bool)
    case order(Pattern.ComparisonOperator, Operand, negated: Bool)
    case member(MemberSet, negated: Bool)
    case like(LikePattern, negated: Bool)
    case matches(RegularExpression, negated: Bool)
    /// The value lies in the block.
    case subset(AddressRange, negated: Bool)
    /// The value contains the block.
    case superset(AddressRange, negated: Bool)

    /// Whether `value` passes.
    func passes(_ value: STIXValue) -> Bool {
        switch self {
        case .equal(let operand, let inverted):
            return Operand.equals(value, operand) != inverted
        case .order(let op, let operand, let negated):
            switch Operand.order(value, operand) {
            case .unordered: return false
            case .failed: return negated
            case .ordered(let sign):
                let result: Bool
                switch op {
                case .less: result = sign < 0
                case .lessOrEqual: result = sign <= 0
                case .greater: result = sign > 0
                default: result = sign >= 0
                }
                return result != negated
            }
        case .member(let set, let negated):
            return set.contains(value) != negated
        case .like(let pattern, let negated):
            guard let text = value.text else { return negated }
            return pattern.matches(text) != negated
        case .matches(let expression, let negated):
            guard let text = value.text else { return negated }
            return expression.matches(text) != negated
        case .subset(let block, let negated):
            guard let range = value.text.flatMap(AddressRange.init(cidr:)) else { return negated }
            return block.contains(range) != negated
        case .superset(let block, let negated):
            guard let range = value.text.flatMap(AddressRange.init(cidr:)) else { return negated }
            return range.contains(block) != negated
        }
    }
}

/// The right-hand side of a comparison, in the form values are compared with.
enum Operand: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case timestamp(Instant)
    /// A hex or binary literal.
    case bytes([UInt8])

    /// Converts a scalar literal; `nil` for a list.
    init?(_ value: Pattern.Literal.Value) {
        switch value {
        case .string(let text): self = .string(text)
        case .integer(let number): self = .integer(number)
        case .float(let number): self = .float(number)
        case .boolean(let flag): self = .boolean(flag)
        case .timestamp(let timestamp): self = .timestamp(Instant(timestamp))
        case .hex(let bytes), .binary(let bytes): self = .bytes(bytes)
        case .list: return nil
        }
    }

    /// Whether `value` equals `operand` under the rules above.
    static func equals(_ value: STIXValue, _ operand: Operand) -> Bool {
        switch (value, operand) {
        case (.string(let text), .string(let literal)), (.timestamp(let text), .string(let literal)):
            return text.utf8.elementsEqual(literal.utf8)
        case (.string(let text), .timestamp(let instant)), (.timestamp(let text), .timestamp(let instant)):
            return Instant(stix: text) == instant
        case (.string(let text), .bytes(let bytes)), (.timestamp(let text), .bytes(let bytes)):
            return latin1(text) == bytes
        case (.integer(let number), .integer(let literal)): return number == literal
        case (.integer(let number), .float(let literal)): return Double(number) == literal
        case (.float(let number), .integer(let literal)): return number == Double(literal)
        case (.float(let number), .float(let literal)): return number == literal
        case (.boolean(let flag), .boolean(let literal)): return flag == literal
        default: return false
        }
    }

    /// How an order comparison between a value and an operand turns out.
    enum Ordering {
        /// No order exists between the two: the comparison is false, even under NOT.
        case unordered
        /// An order exists but this string cannot take part (code points of 256 or more against
        /// bytes): the comparison is false, and NOT makes it true.
        case failed
        /// Negative, zero or positive as the value is below, equal to or above the operand.
        case ordered(Int)
    }

    /// Orders `value` against `operand`.
    static func order(_ value: STIXValue, _ operand: Operand) -> Ordering {
        func sign<T: Comparable>(_ left: T, _ right: T) -> Ordering { .ordered(left < right ? -1 : left == right ? 0 : 1) }
        switch (value, operand) {
        case (.string(let text), .string(let literal)), (.timestamp(let text), .string(let literal)):
            return compareBytes(Array(text.utf8), Array(literal.utf8))
        case (.string(let text), .timestamp(let instant)), (.timestamp(let text), .timestamp(let instant)):
            guard let parsed = Instant(stix: text) else { return .unordered }
            return sign(parsed, instant)
        case (.string(let text), .bytes(let bytes)), (.timestamp(let text), .bytes(let bytes)):
            guard let own = latin1(text) else { return .failed }
            return compareBytes(own, bytes)
        case (.integer(let number), .integer(let literal)): return sign(number, literal)
        case (.integer(let number), .float(let literal)): return sign(Double(number), literal)
        case (.float(let number), .integer(let literal)): return sign(number, Double(literal))
        case (.float(let number), .float(let literal)): return sign(number, literal)
        default: return .unordered
        }
    }

    /// Lexicographic order of byte strings; for UTF-8 this is code point order, as Python orders
    /// strings.
    private static func compareBytes(_ left: [UInt8], _ right: [UInt8]) -> Ordering {
        for (a, b) in zip(left, right) where a != b { return .ordered(a < b ? -1 : 1) }
        return .ordered(left.count < right.count ? -1 : left.count == right.count ? 0 : 1)
    }

    /// The string as bytes when every code point is below 256; how STIX compares text with binary.
    static func latin1(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            guard scalar.value < 256 else { return nil }
            bytes.append(UInt8(scalar.value))
        }
        return bytes
    }
}

extension STIXValue {
    /// The text of a string or timestamp value (a timestamp is a JSON string in STIX), else `nil`.
    var text: String? {
        switch self {
        case .string(let text), .timestamp(let text): text
        default: nil
        }
    }
}
