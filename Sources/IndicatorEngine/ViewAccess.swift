/// Where a comparison's object path reaches into an observation's property stream, resolved once
/// when the comparison is compiled, so that it can be decided without building STIX objects.
///
/// A path's leading keys either lead to a property `ObservationView` puts (`leaf`, and any list
/// steps after it are walked in that value), or under an open path (`open`), or to nothing any
/// observation kind has (`absent`). When they stop at a nested object instead
/// (`file:hashes`, `network-traffic:src_ref`), the object itself is what the comparison looks at,
/// which the stream does not hold: such paths are `nested`, and decided on the built objects.
enum ViewAccess: Sendable {
    /// The value at `path`; `rest` are the steps after its keys.
    case leaf(ViewPath, rest: [Pattern.PathStep.Kind])
    /// The value under `key` of the open `path`; `rest` are the steps after the key.
    case open(ViewPath, key: String, rest: [Pattern.PathStep.Kind])
    /// No property of any streamed observation lies there.
    case absent
    /// A nested object, which only the built view holds.
    case nested

    /// Resolves the path `steps` of an object of type `objectType`.
    init(objectType: String, steps: [Pattern.PathStep.Kind]) {
        var keys: [String] = []
        for step in steps {
            guard case .key(let key) = step else { break }
            keys.append(key)
        }
        var access = ViewAccess.absent
        for path in ViewPath.allCases where path.objectType == objectType {
            let pathKeys = path.keys
            if keys.count > pathKeys.count || (keys.count == pathKeys.count && !path.isOpen) {
                guard Array(keys[..<pathKeys.count]) == pathKeys else { continue }
                if path.isOpen {
                    self = .open(path, key: keys[pathKeys.count], rest: Array(steps[(pathKeys.count + 1)...]))
                } else {
                    self = .leaf(path, rest: Array(steps[pathKeys.count...]))
                }
                return
            }
            if Array(pathKeys[..<keys.count]) == keys { access = .nested }
        }
        self = access
    }

    /// The paths whose values the access reads.
    var paths: UInt64 {
        switch self {
        case .leaf(let path, _), .open(let path, _, _): 1 << UInt64(path.rawValue)
        case .absent, .nested: 0
        }
    }
}
