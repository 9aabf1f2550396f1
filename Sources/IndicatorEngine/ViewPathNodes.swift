/// The trie of a `RuleIndex` resolved for each `ViewPath`, once, when the index is built: probing
/// an observation's property is then a table lookup, not a walk of nested objects.
///
/// For a path `type:k1.k2...kn`, the trie walk over the nested view would visit the nodes of
/// `k1`, `k1.k2`, ... in turn, reporting each node's presence anchors (the value there exists:
/// an object holding the rest of the path), and test the value at the last. Nested objects exist
/// in the view exactly when a property below them does, so a property stands for its whole chain:
/// `presence` is every presence anchor above the value's node, and `leaf` is the node whose
/// tests the value goes through (for an open path, the node whose children are the keys).
struct ViewPathNodes: Sendable {
    /// What one path leads to.
    struct Entry: Sendable {
        /// The node of the whole path, or -1 when no anchor lies at or below it.
        var leaf: Int32 = -1
        /// The presence anchors of the nodes above `leaf` (or above where the path leaves the
        /// trie), in `postings`.
        var presence: PostingRange = .empty
    }

    /// By `ViewPath.rawValue`.
    let entries: [Entry]
    /// The pattern numbers of every `Entry.presence`.
    let postings: [Int32]
    /// One bit per `ViewPath.rawValue`: whether a probe has anything to do with the path's values.
    let wanted: UInt64

    init(rootTypes: [String], rootNodes: [Int32], nodes: [RuleIndexTables.Node], childKeys: [String], childNodes: [Int32], postings trie: [Int32]) {
        precondition(ViewPath.allCases.count <= 64, "one bit per view path")
        var entries: [Entry] = []
        var postings: [Int32] = []
        var wanted: UInt64 = 0
        for path in ViewPath.allCases {
            var entry = Entry()
            if let root = rootTypes.firstIndex(of: path.objectType) {
                var node = Int(rootNodes[root])
                var reached = true
                var presence: [Int32] = []
                for (depth, key) in path.keys.enumerated() {
                    guard let child = (Int(nodes[node].childStart)..<Int(nodes[node].childEnd)).first(where: { childKeys[$0] == key }) else {
                        reached = false
                        break
                    }
                    node = Int(childNodes[child])
                    // The leaf's own presence is reported when its value is visited; an open path's
                    // node is an object whose presence its keys' values carry.
                    if depth < path.keys.count - 1 || path.isOpen {
                        let range = nodes[node].presence
                        presence += trie[Int(range.start)..<Int(range.end)]
                    }
                }
                if reached { entry.leaf = Int32(node) }
                entry.presence = .append(Set(presence).sorted(), to: &postings)
                if reached || !presence.isEmpty { wanted |= 1 << UInt64(path.rawValue) }
            }
            entries.append(entry)
        }
        self.entries = entries
        self.postings = postings
        self.wanted = wanted
    }
}
