import BulletinModel

/// Gathers anchors into per-type tries and freezes them into `RuleIndex`'s tables.
struct RuleIndexBuilder {
    /// A trie node while anchors are still arriving. Every list of patterns is ascending because
    /// patterns arrive in order, so a repeat is always the last element.
    private struct Draft {
        var children: [String: Int] = [:]
        var presence: [Int32] = []
        var strings: [String: [Int32]] = [:]
        var stringOrder: [String] = []
        var numbers: [UInt64: [Int32]] = [:]
        var numberOrder: [UInt64] = []
        var needles: [LiteralNeedle: [Int32]] = [:]
        var needleOrder: [LiteralNeedle] = []
        var blocks: [AddressRange: [Int32]] = [:]
    }

    private var roots: [String: Int] = [:]
    private var drafts: [Draft] = []

    /// Adds one anchor of pattern number `pattern`; patterns must arrive in ascending order.
    mutating func add(_ anchor: Anchor, pattern: Int32) {
        let node = node(type: anchor.objectType, path: anchor.path)
        switch anchor.test {
        case .present:
            Self.append(pattern, to: &drafts[node].presence)
        case .string(let value):
            if drafts[node].strings[value] == nil { drafts[node].stringOrder.append(value) }
            Self.append(pattern, to: &drafts[node].strings[value, default: []])
        case .number(let key):
            if drafts[node].numbers[key] == nil { drafts[node].numberOrder.append(key) }
            Self.append(pattern, to: &drafts[node].numbers[key, default: []])
        case .literal(let needle):
            if drafts[node].needles[needle] == nil { drafts[node].needleOrder.append(needle) }
            Self.append(pattern, to: &drafts[node].needles[needle, default: []])
        case .range(let block):
            Self.append(pattern, to: &drafts[node].blocks[block, default: []])
        }
    }

    private static func append(_ pattern: Int32, to patterns: inout [Int32]) {
        if patterns.last != pattern { patterns.append(pattern) }
    }

    /// The node for `path` under the root of `type`, created as needed.
    private mutating func node(type: String, path: [String]) -> Int {
        var node: Int
        if let root = roots[type] {
            node = root
        } else {
            node = drafts.count
            drafts.append(Draft())
            roots[type] = node
        }
        for key in path {
            if let child = drafts[node].children[key] {
                node = child
            } else {
                let child = drafts.count
                drafts.append(Draft())
                drafts[node].children[key] = child
                node = child
            }
        }
        return node
    }

    /// The frozen tables.
    func build() -> RuleIndexTables {
        var postings: [Int32] = []
        var nodes: [RuleIndexTables.Node] = []
        var childKeys: [String] = []
        var childNodes: [Int32] = []
        var exactStrings: [ExactStringTable.Entry] = []
        var strings: [RuleIndexTables.StringKey: PostingRange] = [:]
        var numbers: [RuleIndexTables.NumberKey: PostingRange] = [:]
        var literalSets: [RuleIndexTables.LiteralSet] = []
        var rangeTables: [RangeTable] = []
        nodes.reserveCapacity(drafts.count)
        for (number, draft) in drafts.enumerated() {
            let number = Int32(number)
            var node = RuleIndexTables.Node()
            node.childStart = Int32(childKeys.count)
            for (key, child) in draft.children.sorted(by: { $0.key < $1.key }) {
                childKeys.append(key)
                childNodes.append(Int32(child))
            }
            node.childEnd = Int32(childKeys.count)

            node.presence = .append(draft.presence, to: &postings)
            if !draft.needleOrder.isEmpty {
                let start = Int32(postings.count)
                let patterns = draft.needleOrder.map { PostingRange.append(draft.needles[$0]!, to: &postings) }
                let all = PostingRange(start: start, end: Int32(postings.count))
                node.literalSet = Int32(literalSets.count)
                literalSets.append(.init(scanner: LiteralScanner(needles: draft.needleOrder), patterns: patterns, all: all))
            }

            // Equality postings go in one run, so that a value the index cannot key (a timestamp)
            // can pass all of them at once.
            let equalitiesStart = Int32(postings.count)
            for value in draft.stringOrder {
                let patterns = PostingRange.append(draft.strings[value]!, to: &postings)
                exactStrings.append(.init(node: number, key: value, patterns: patterns))
                strings[.init(node: number, value: value)] = patterns
                if !value.utf8.allSatisfy({ $0 < 0x80 }) { node.hasNonASCIIStrings = true }
            }
            for key in draft.numberOrder {
                numbers[.init(node: number, bits: key)] = .append(draft.numbers[key]!, to: &postings)
            }
            node.allEqualities = PostingRange(start: equalitiesStart, end: Int32(postings.count))
            node.hasStrings = !draft.stringOrder.isEmpty
            node.hasNumbers = !draft.numberOrder.isEmpty

            if !draft.blocks.isEmpty {
                node.rangeTable = Int32(rangeTables.count)
                rangeTables.append(RangeTable(blocks: draft.blocks, postings: &postings))
            }
            nodes.append(node)
        }
        let roots = roots.sorted { $0.key < $1.key }
        return RuleIndexTables(
            rootTypes: roots.map(\.key), rootNodes: roots.map { Int32($0.value) }, nodes: nodes,
            childKeys: childKeys, childNodes: childNodes, exactStrings: ExactStringTable(exactStrings),
            strings: strings, numbers: numbers, literalSets: literalSets, rangeTables: rangeTables, postings: postings
        )
    }
}
