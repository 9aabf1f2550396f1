import BulletinModel

/// The comparisons of one bracketed observation expression (`[a AND (b OR c)]`), compiled.
///
/// An observation satisfies the expression when one of its objects satisfies all of it: AND and OR
/// inside brackets combine comparisons about the *same* object, as the reference matcher
/// intersects and unions root objects. A comparison about another object type is false for the
/// object, so `[file:name = 'a' AND directory:path = 'b']` can never hold.
indirect enum CompiledCondition: Sendable {
    case comparison(CompiledComparison)
    case and(CompiledCondition, CompiledCondition)
    case or(CompiledCondition, CompiledCondition)

    /// Compiles a comparison expression.
    init(_ expression: Pattern.ComparisonExpression) throws(PatternCompileError) {
        switch expression.kind {
        case .comparison(let comparison): self = .comparison(try CompiledComparison(comparison))
        case .and(let left, let right): self = .and(try CompiledCondition(left), try CompiledCondition(right))
        case .or(let left, let right): self = .or(try CompiledCondition(left), try CompiledCondition(right))
        }
    }

    /// Whether `object` satisfies the expression.
    func holds(for object: STIXObject) -> Bool {
        switch self {
        case .comparison(let comparison): comparison.holds(for: object)
        case .and(let left, let right): left.holds(for: object) && right.holds(for: object)
        case .or(let left, let right): left.holds(for: object) || right.holds(for: object)
        }
    }

    /// Whether one of `objects` satisfies the expression.
    func holds(forAnyOf objects: [STIXObject]) -> Bool {
        objects.contains { holds(for: $0) }
    }
}

/// One comparison, compiled: the object type, the path to walk and the test for what is found.
///
/// A class, though it never changes: every observation of every host is tested against it, and
/// taking a struct of strings, arrays and enums out of a `CompiledCondition` case retained each of
/// them (a fifth of a comparison's cost); a reference is retained once.
final class CompiledComparison: Sendable {
    /// What is asked of the values at the path.
    enum Test: Sendable {
        /// `EXISTS` (a value is there) or `NOT EXISTS` (the object has none).
        case exists(negated: Bool)
        /// Some value at the path passes.
        case value(ValueTest)
    }

    /// The object type the comparison speaks of; objects of other types fail it.
    let objectType: String
    /// The path after the colon; the first step is always a key.
    let steps: [Pattern.PathStep.Kind]
    /// What the values at the path must pass.
    let test: Test
    /// Where the path reaches into an observation's property stream.
    let access: ViewAccess

    /// Compiles `comparison`, turning its literal into the fastest form of its test.
    init(_ comparison: Pattern.Comparison) throws(PatternCompileError) {
        objectType = comparison.path.objectType
        steps = comparison.path.steps.map(\.kind)
        access = ViewAccess(objectType: objectType, steps: steps)
        let negated = comparison.negated
        guard let literal = comparison.value else {
            test = .exists(negated: negated)
            return
        }
        let offset = literal.range.lowerBound
        switch (comparison.operator, literal.value) {
        case (.in, .list(let elements)):
            test = .value(.member(try MemberSet(elements), negated: negated))
        case (.like, .string(let text)):
            test = .value(.like(LikePattern(text), negated: negated))
        case (.matches, .string(let text)):
            do {
                test = .value(.matches(try RegularExpression(text), negated: negated))
            } catch {
                throw .badRegex(error, at: offset)
            }
        case (.isSubset, .string(let text)), (.isSuperset, .string(let text)):
            guard let block = AddressRange(cidr: text) else {
                throw .badAddressRange(text, operator: comparison.operator.rawValue, at: offset)
            }
            test = .value(comparison.operator == .isSubset
                ? .subset(block, negated: negated) : .superset(block, negated: negated))
        case (.equal, let value), (.notEqual, let value):
            guard let operand = Operand(value) else { throw .unexpectedOperand(at: offset) }
            test = .value(.equal(operand, inverted: (comparison.operator == .notEqual) != negated))
        case (.less, let value), (.lessOrEqual, let value), (.greater, let value), (.greaterOrEqual, let value):
            guard let operand = Operand(value) else { throw .unexpectedOperand(at: offset) }
            test = .value(.order(comparison.operator, operand, negated: negated))
        default:
            throw .unexpectedOperand(at: offset)
        }
    }

    /// Whether `object` is of the comparison's type and passes it.
    func holds(for object: STIXObject) -> Bool {
        guard object.type == objectType, case .key(let first) = steps[0] else { return false }
        let rest = steps[1...]
        let root = object.properties[first]
        switch test {
        case .exists(let negated):
            return (root.map { CompiledComparison.anyValue(at: rest, in: $0) { _ in true } } ?? false) != negated
        case .value(let valueTest):
            guard let root else { return false }
            return CompiledComparison.anyValue(at: rest, in: root) { valueTest.passes($0) }
        }
    }

    /// Walks `steps` down from `value` and says whether any value reached passes `test`. A step
    /// that cannot be taken (a missing key, an index past the end, a key into a list) reaches
    /// nothing; `[*]` reaches every element.
    static func anyValue(at steps: ArraySlice<Pattern.PathStep.Kind>, in value: STIXValue, where test: (STIXValue) -> Bool) -> Bool {
        guard let step = steps.first else { return test(value) }
        let rest = steps.dropFirst()
        switch step {
        case .key(let key):
            guard case .object(let properties) = value, let next = properties[key] else { return false }
            return anyValue(at: rest, in: next, where: test)
        case .index(let index):
            guard case .list(let elements) = value, index < elements.count else { return false }
            return anyValue(at: rest, in: elements[index], where: test)
        case .anyIndex:
            guard case .list(let elements) = value else { return false }
            return elements.contains { anyValue(at: rest, in: $0, where: test) }
        }
    }
}
