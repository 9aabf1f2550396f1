import BulletinModel

/// The frozen lookup structures of a `RuleIndex`, and the walk that probes an object against them.
///
/// A final class with only `let` properties, so that the walk reads them without reference
/// counting, and trie nodes hold no references at all: tables live side by side here and nodes
/// name them by number.
final class RuleIndexTables: Sendable {
    /// One step of an object path and the anchors whose path ends there.
    struct Node: Sendable {
        /// The node's children are `childKeys[childStart..<childEnd]`, `childNodes[...]` likewise.
        var childStart: Int32 = 0
        var childEnd: Int32 = 0
        /// Patterns that need any value here.
        var presence: PostingRange = .empty
        /// Every pattern with an equality anchor here.
        var allEqualities: PostingRange = .empty
        /// Whether there are string equality anchors, and whether one of their strings is not
        /// ASCII (then every lookup goes through `strings`, see `ExactStringTable`).
        var hasStrings = false
        var hasNonASCIIStrings = false
        /// Whether there are number equality anchors.
        var hasNumbers = false
        /// The LIKE/MATCHES needles in `literalSets`, or -1.
        var literalSet: Int32 = -1
        /// The ISSUBSET blocks in `rangeTables`, or -1.
        var rangeTable: Int32 = -1
    }

    /// A string equality key of one node, compared as Swift compares strings.
    struct StringKey: Hashable, Sendable {
        /// The trie node.
        var node: Int32
        /// The string the value must equal.
        var value: String
    }

    /// A number equality key of one node (`Anchor.numberKey`).
    struct NumberKey: Hashable, Sendable {
        /// The trie node.
        var node: Int32
        /// `Anchor.numberKey` of the number the value must equal.
        var bits: UInt64
    }

    /// The needles of one node and their patterns. A class, so that the walk takes it from
    /// `literalSets` with one reference count instead of copying every array inside.
    final class LiteralSet: Sendable {
        /// Finds the needles in a value.
        let scanner: LiteralScanner
        /// The patterns of each needle.
        let patterns: [PostingRange]
        /// Every pattern of `patterns`.
        let all: PostingRange

        /// Groups a scanner with its needles' patterns.
        init(scanner: LiteralScanner, patterns: [PostingRange], all: PostingRange) {
            self.scanner = scanner
            self.patterns = patterns
            self.all = all
        }
    }

    /// The object types with anchors and their trie roots, in parallel. Few types have anchors,
    /// so comparing the type with each is faster than hashing it.
    let rootTypes: [String]
    let rootLengths: [Int]
    let rootNodes: [Int32]
    /// The trie nodes of all object types; children and tables are found through them.
    let nodes: [Node]
    /// The property names of every node's children, in runs (`Node.childStart`).
    let childKeys: [String]
    /// The UTF-8 length of each child key, checked before comparing keys.
    let childLengths: [Int]
    /// The node each child key leads to.
    let childNodes: [Int32]
    /// String equality for ASCII values, byte-exact.
    let exactStrings: ExactStringTable
    /// String equality under Swift's `==`, for non-ASCII values and keys.
    let strings: [StringKey: PostingRange]
    /// Number and boolean equality.
    let numbers: [NumberKey: PostingRange]
    /// The needles of the nodes with LIKE or MATCHES anchors (`Node.literalSet`).
    let literalSets: [LiteralSet]
    /// The blocks of the nodes with ISSUBSET anchors (`Node.rangeTable`).
    let rangeTables: [RangeTable]
    /// The pattern numbers every `PostingRange` points into.
    let postings: [Int32]
    /// Where the values of each `ViewPath` are tested, for probing observations directly.
    let viewPaths: ViewPathNodes

    /// Takes the tables `RuleIndexBuilder` froze.
    init(
        rootTypes: [String], rootNodes: [Int32], nodes: [Node], childKeys: [String], childNodes: [Int32],
        exactStrings: ExactStringTable, strings: [StringKey: PostingRange], numbers: [NumberKey: PostingRange],
        literalSets: [LiteralSet], rangeTables: [RangeTable], postings: [Int32]
    ) {
        self.rootTypes = rootTypes
        rootLengths = rootTypes.map(\.utf8.count)
        self.rootNodes = rootNodes
        self.nodes = nodes
        self.childKeys = childKeys
        childLengths = childKeys.map(\.utf8.count)
        self.childNodes = childNodes
        self.exactStrings = exactStrings
        self.strings = strings
        self.numbers = numbers
        self.literalSets = literalSets
        self.rangeTables = rangeTables
        self.postings = postings
        viewPaths = ViewPathNodes(
            rootTypes: rootTypes, rootNodes: rootNodes, nodes: nodes, childKeys: childKeys, childNodes: childNodes, postings: postings)
    }

    /// The child of `node` under `key`, or -1.
    func child(of node: Int, named key: String) -> Int {
        let length = key.utf8.count
        for child in Int(nodes[node].childStart)..<Int(nodes[node].childEnd)
        where childLengths[child] == length && childKeys[child] == key {
            return Int(childNodes[child])
        }
        return -1
    }

    /// Reports to `sink` every pattern with an anchor that `object` satisfies.
    func collect(_ object: STIXObject, into sink: inout some CandidateSink) {
        let length = object.type.utf8.count
        for position in rootTypes.indices where rootLengths[position] == length && rootTypes[position] == object.type {
            visitChildren(of: Int(rootNodes[position]), in: object.properties, into: &sink)
            return
        }
    }

    /// Reports to `sink` every pattern with an anchor that one of `objects` satisfies.
    func collect(_ objects: [STIXObject], into sink: inout some CandidateSink) {
        for index in objects.indices { collect(objects[index], into: &sink) }
    }

    private func visitChildren(of node: Int, in properties: [String: STIXValue], into sink: inout some CandidateSink) {
        let children = Int(nodes[node].childStart)..<Int(nodes[node].childEnd)
        if children.isEmpty { return }
        // A lookup hashes the key with SipHash, some 350 instructions; comparing a short key with
        // another costs a tenth of that. STIX objects have few properties, so walking their keys
        // is usually cheaper than looking each child up.
        if properties.count > 4 * children.count {
            for child in children {
                if let value = properties[childKeys[child]] { visit(Int(childNodes[child]), value, into: &sink) }
            }
            return
        }
        for (key, value) in properties {
            let length = key.utf8.count
            for child in children where childLengths[child] == length && childKeys[child] == key {
                visit(Int(childNodes[child]), value, into: &sink)
                break
            }
        }
    }

    /// Reports the anchors at `node` (and below it) that `value` satisfies.
    func visit(_ node: Int, _ value: STIXValue, into sink: inout some CandidateSink) {
        let tests = nodes[node]
        report(tests.presence, to: &sink)
        switch value {
        case .list(let elements):
            for element in elements { visit(node, element, into: &sink) }
        case .object(let properties):
            visitChildren(of: node, in: properties, into: &sink)
        case .string(let string):
            if tests.hasStrings || tests.literalSet >= 0 || tests.rangeTable >= 0 {
                probe(node, tests, string: string, into: &sink)
            }
        case .integer(let integer):
            probe(node, tests, number: Double(integer), into: &sink)
        case .float(let float):
            probe(node, tests, number: float, into: &sink)
        case .boolean(let boolean):
            probe(node, tests, number: boolean ? 1 : 0, into: &sink)
        case .timestamp:
            // The evaluator may parse it and compare instants rather than text.
            report(tests.allEqualities, to: &sink)
            reportUntestable(tests, into: &sink)
        }
    }

    private func probe(_ node: Int, _ tests: Node, string: String, into sink: inout some CandidateSink) {
        let exact = tests.hasStrings && !tests.hasNonASCIIStrings
        let ascii = Self.withUTF8(of: string) { bytes in
            var ascii = true
            if exact {
                let hash: UInt64
                (hash, ascii) = ExactStringTable.hash(bytes)
                if ascii, !sink.postpone(node: Int32(node), bytesHash: hash, value: string),
                    let patterns = exactStrings.patterns(node: Int32(node), bytes: bytes, bytesHash: hash)
                {
                    report(patterns, to: &sink)
                }
            }
            if tests.literalSet >= 0 {
                let literals = literalSets[Int(tests.literalSet)]
                if !literals.scanner.scan(bytes, found: { needle in report(literals.patterns[needle], to: &sink) }) {
                    report(literals.all, to: &sink)
                }
            }
            return ascii
        }
        if tests.hasStrings && (!exact || !ascii), let patterns = strings[StringKey(node: Int32(node), value: string)] {
            report(patterns, to: &sink)
        }
        if tests.rangeTable >= 0 {
            let ranges = rangeTables[Int(tests.rangeTable)]
            if let address = AddressRange.address(of: string) {
                report(ranges.patterns(containing: address), to: &sink)
            } else {
                report(ranges.all, to: &sink)
            }
        }
    }

    /// The string's UTF-8 in place when it is stored contiguously (native strings always are),
    /// copied otherwise.
    static func withUTF8<Result>(of string: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = string.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = string
        return copy.withUTF8(body)
    }

    private func probe(_ node: Int, _ tests: Node, number: Double, into sink: inout some CandidateSink) {
        if tests.hasNumbers, let bits = Anchor.numberKey(number), let patterns = numbers[NumberKey(node: Int32(node), bits: bits)] {
            report(patterns, to: &sink)
        }
        // Were an evaluator to read the number as text, a needle or a block might fit it.
        reportUntestable(tests, into: &sink)
    }

    /// Passes every literal and range test of a node, for a value those tests cannot read.
    private func reportUntestable(_ tests: Node, into sink: inout some CandidateSink) {
        if tests.literalSet >= 0 { report(literalSets[Int(tests.literalSet)].all, to: &sink) }
        if tests.rangeTable >= 0 { report(rangeTables[Int(tests.rangeTable)].all, to: &sink) }
    }

    func report(_ patterns: PostingRange, to sink: inout some CandidateSink) {
        var position = Int(patterns.start)
        while position < Int(patterns.end) {
            sink.insert(postings[position])
            position += 1
        }
    }
}
