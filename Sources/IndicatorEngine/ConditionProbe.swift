import BulletinModel

/// Decides a bracketed observation expression on an observation's property stream, object by
/// object, as `CompiledCondition.holds(forAnyOf:)` decides it on the built objects: only the
/// properties the comparisons read are computed, and no nested dictionary is built.
///
/// Usable when every comparison of the condition resolves to a `.leaf`, `.open` or `.absent`
/// `ViewAccess` (`CompiledCondition.streamPaths`), and for every observation kind but `.other`.
struct ConditionProbe: ViewPropertySink {
    /// One value the stream put in the current object.
    struct Value {
        var path: ViewPath
        /// The key under an open path.
        var key: String?
        var value: STIXValue
    }

    private let condition: CompiledCondition
    private let paths: UInt64
    private var objectType: String?
    private var values: [Value] = []
    /// Whether an object so far satisfied the condition.
    private(set) var holds = false

    /// A probe for `condition`, which reads the values of `paths` (`CompiledCondition.streamPaths`).
    init(_ condition: CompiledCondition, paths: UInt64) {
        self.condition = condition
        self.paths = paths
        // An object streams a handful of wanted values; growing from empty reallocated at each of
        // the first three, a third of what deciding a LIKE candidate cost.
        values.reserveCapacity(8)
    }

    /// Whether one of the objects of `observation` satisfies `condition`.
    static func holds(_ condition: CompiledCondition, paths: UInt64, in observation: Observation) -> Bool {
        InPlaceObservation.with(observation) { holds(condition, paths: paths, in: $0) }
    }

    /// Whether one of the objects of the observation read by `observation` satisfies `condition`.
    static func holds(_ condition: CompiledCondition, paths: UInt64, in observation: InPlaceObservation) -> Bool {
        var probe = ConditionProbe(condition, paths: paths)
        ObservationView.properties(of: observation, into: &probe)
        probe.finishObject()
        return probe.holds
    }

    /// Whether the object of `software` satisfies `condition`.
    static func holds(_ condition: CompiledCondition, paths: UInt64, in software: SoftwareEntry) -> Bool {
        var probe = ConditionProbe(condition, paths: paths)
        ObservationView.properties(of: software, into: &probe)
        probe.finishObject()
        return probe.holds
    }

    func wants(_ path: ViewPath) -> Bool {
        paths & (1 << UInt64(path.rawValue)) != 0
    }

    mutating func beginObject(_ type: String) {
        finishObject()
        objectType = type
    }

    mutating func property(_ path: ViewPath, _ value: STIXValue) {
        if paths & (1 << UInt64(path.rawValue)) != 0 { values.append(Value(path: path, key: nil, value: value)) }
    }

    mutating func property(_ path: ViewPath, key: String, _ value: STIXValue) {
        values.append(Value(path: path, key: key, value: value))
    }

    /// Decides the current object, if any, and forgets its values.
    private mutating func finishObject() {
        if let objectType, !holds { holds = condition.holds(objectType: objectType, values: values) }
        values.removeAll(keepingCapacity: true)
    }
}

extension CompiledCondition {
    /// The view paths the condition reads, when the property stream can decide it; `nil` when a
    /// comparison looks at a nested object (`ViewAccess.nested`).
    ///
    /// They include the `type` of each object type a comparison names: every object of that type
    /// must be streamed even when none of its properties is read, as NOT EXISTS holds on one
    /// without the property. Objects of other types fail every comparison, so the stream may
    /// leave them out.
    var streamPaths: UInt64? {
        switch self {
        case .comparison(let comparison):
            if case .nested = comparison.access { return nil }
            let type: UInt64 = ViewPath.typePath(of: comparison.objectType).map { 1 << UInt64($0.rawValue) } ?? 0
            return comparison.access.paths | type
        case .and(let left, let right), .or(let left, let right):
            guard let left = left.streamPaths, let right = right.streamPaths else { return nil }
            return left | right
        }
    }

    /// Whether an object of `objectType` with these streamed `values` satisfies the expression.
    func holds(objectType: String, values: [ConditionProbe.Value]) -> Bool {
        switch self {
        case .comparison(let comparison): comparison.holds(objectType: objectType, values: values)
        case .and(let left, let right): left.holds(objectType: objectType, values: values) && right.holds(objectType: objectType, values: values)
        case .or(let left, let right): left.holds(objectType: objectType, values: values) || right.holds(objectType: objectType, values: values)
        }
    }
}

extension CompiledComparison {
    /// `holds(for:)` on an object given by its type and streamed values: the value reached by the
    /// path's leading keys is the one the stream put there, and the rest of the path is walked in
    /// it exactly as in the built object.
    func holds(objectType: String, values: [ConditionProbe.Value]) -> Bool {
        guard objectType == self.objectType else { return false }
        let root: STIXValue?
        let rest: [Pattern.PathStep.Kind]
        switch access {
        case .leaf(let path, let steps):
            root = values.first { $0.path == path && $0.key == nil }?.value
            rest = steps
        case .open(let path, let key, let steps):
            root = values.first { $0.path == path && $0.key == key }?.value
            rest = steps
        case .absent, .nested:
            root = nil
            rest = []
        }
        switch test {
        case .exists(let negated):
            return (root.map { CompiledComparison.anyValue(at: rest[...], in: $0) { _ in true } } ?? false) != negated
        case .value(let valueTest):
            guard let root else { return false }
            return CompiledComparison.anyValue(at: rest[...], in: root) { valueTest.passes($0) }
        }
    }
}
