import BulletinModel

/// The literals of an `IN (...)` list as a hash set, tested with the reference matcher's notion of
/// membership (Python's `value in set`).
///
/// Strings are looked up by Swift's hash and then confirmed code point by code point, because
/// `IN` must not treat canonically equivalent spellings (precomposed and decomposed `é`) as
/// equal, while Swift's `String` does. Numbers and booleans share one key space, as they do in
/// Python (`true` is 1). Hex and binary literals are kept only to be matched by nothing: a string
/// value is never a member of a set of bytes.
struct MemberSet: Sendable {
    /// The one kind of literal a list holds; lists of mixed kinds do not compile.
    enum Kind: String, Sendable {
        case string, number, boolean, timestamp, binary
    }

    private var strings: [String: [String]] = [:]
    private var numbers: Set<Double> = []
    private var timestamps: Set<Instant> = []
    /// `nil` for the empty list.
    let kind: Kind?

    /// Builds the set, refusing lists that mix kinds of literal (integers with floats may mix).
    init(_ literals: [Pattern.Literal]) throws(PatternCompileError) {
        var kind: Kind?
        for literal in literals {
            let literalKind = MemberSet.kind(of: literal.value)
            if let kind, kind != literalKind {
                throw .mixedList(kind.rawValue, literalKind.rawValue, at: literal.range.lowerBound)
            }
            kind = literalKind
            switch literal.value {
            case .string(let text): strings[text, default: []].append(text)
            case .integer(let number): numbers.insert(Double(number))
            case .float(let number): numbers.insert(number)
            case .boolean(let flag): numbers.insert(flag ? 1 : 0)
            case .timestamp(let timestamp): timestamps.insert(Instant(timestamp))
            case .hex, .binary, .list: break
            }
        }
        self.kind = kind
    }

    private static func kind(of value: Pattern.Literal.Value) -> Kind {
        switch value {
        case .string: .string
        case .integer, .float: .number
        case .boolean: .boolean
        case .timestamp: .timestamp
        case .hex, .binary, .list: .binary
        }
    }

    /// Whether `value` is one of the literals.
    func contains(_ value: STIXValue) -> Bool {
        switch value {
        case .string(let text), .timestamp(let text):
            if kind == .timestamp { return Instant(stix: text).map { timestamps.contains($0) } ?? false }
            return strings[text]?.contains { $0.utf8.elementsEqual(text.utf8) } ?? false
        case .integer(let number): return numbers.contains(Double(number))
        case .float(let number): return numbers.contains(number)
        case .boolean(let flag): return numbers.contains(flag ? 1 : 0)
        case .list, .object: return false
        }
    }
}
