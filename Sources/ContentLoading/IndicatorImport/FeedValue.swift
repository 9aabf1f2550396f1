import BulletinModel

/// Any JSON value, for feeds whose shape we check ourselves (STIX bundles, MISP events, MSTIC
/// feeds) rather than decode into fixed types, so that every field problem can be reported.
enum FeedValue: Hashable, Sendable {
    case object([String: FeedValue])
    case array([FeedValue])
    case string(String)
    /// A number as its text, so that `15.02` and `1` keep their spelling in provenance.
    case number(String)
    case bool(Bool)
    case null

    /// The value at node `index` of a parsed document. Recursion is bounded by the parser's depth
    /// limit.
    init(tape: JSONTape, index: Int) {
        let node = tape.nodes[index]
        switch node.kind {
        case .object:
            var values: [String: FeedValue] = [:]
            var member = index + 1
            while member < Int(node.end) {
                values[tape.string(at: member)] = FeedValue(tape: tape, index: member + 1)
                member = tape.next(after: member + 1)
            }
            self = .object(values)
        case .array:
            var values: [FeedValue] = []
            var element = index + 1
            while element < Int(node.end) {
                values.append(FeedValue(tape: tape, index: element))
                element = tape.next(after: element)
            }
            self = .array(values)
        case .string, .untypedScalar: self = .string(tape.string(at: index))
        case .number: self = .number(tape.string(at: index))
        case .true: self = .bool(true)
        case .false: self = .bool(false)
        case .null: self = .null
        }
    }

    subscript(key: String) -> FeedValue? {
        if case .object(let values) = self { return values[key] }
        return nil
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var array: [FeedValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    var object: [String: FeedValue]? {
        if case .object(let values) = self { return values }
        return nil
    }

    /// How the value is named in messages: `a string`, `an object`.
    var kind: String {
        switch self {
        case .object: "an object"
        case .array: "a list"
        case .string: "a string"
        case .number: "a number"
        case .bool: "true or false"
        case .null: "null"
        }
    }
}
