#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One parsed JSON document as a flat list of nodes in document order, each pointing back into the
/// document's bytes: the located value tree that the scan readers walk.
///
/// A container's node is followed by its members (for objects, each key's string node then its
/// value) and records where they end, so that skipping a value is one lookup and nothing is
/// nested or recursive. Strings and numbers are not converted while parsing; readers convert the
/// few they need, which is why the parse itself stays close to the speed of reading memory.
///
/// Immutable once built (a class of `let`s, so that readers can share it without copying or
/// exclusivity checks).
final class JSONTape: Sendable {
    /// The document's text. Node offsets count from its start index.
    let bytes: ArraySlice<UInt8>
    let nodes: [Node]
    /// Where the document's lines start.
    let lines: LineIndex

    init(bytes: ArraySlice<UInt8>, nodes: [Node], lines: LineIndex) {
        self.bytes = bytes
        self.nodes = nodes
        self.lines = lines
    }

    /// What a node is.
    enum Kind: UInt8, Sendable {
        case object, array, string, number, `true`, `false`, null
        /// A YAML plain scalar (`size: 12`, `name: Exchange`), which YAML leaves untyped: it reads
        /// as a string, and as a number when its text is one. JSON never produces it.
        case untypedScalar
    }

    /// One value, or one object key (a `.string` node).
    struct Node: Sendable {
        /// Where the value starts: its first byte, the opening quote for a string.
        var offset: UInt32
        /// Strings: bytes between the quotes. Numbers and untyped scalars: bytes of the text.
        /// Containers: number of members.
        var length: UInt32
        /// Containers: the index of the first node after the container's last member. Object keys
        /// without escapes: their fingerprint.
        var end: UInt32
        var kind: Kind
        /// Strings: contains a backslash escape, so its bytes are not its value. Numbers: written
        /// with a fraction or exponent.
        var isComplex: Bool

        init(kind: Kind, offset: Int, length: Int = 0, isComplex: Bool = false) {
            self.offset = UInt32(truncatingIfNeeded: offset)
            self.length = UInt32(truncatingIfNeeded: length)
            self.end = 0
            self.kind = kind
            self.isComplex = isComplex
        }
    }

    /// The index of the node after `index`'s value and everything inside it.
    @inline(__always)
    func next(after index: Int) -> Int {
        let node = nodes[index]
        return node.kind == .object || node.kind == .array ? Int(node.end) : index + 1
    }

    /// The byte offset of a node's value from the document's start.
    @inline(__always)
    func offset(of index: Int) -> Int { Int(nodes[index].offset) }

    /// The bytes of a string's content (between the quotes, escapes not decoded), or of a number's
    /// or untyped scalar's text.
    @inline(__always)
    func rawBytes(of index: Int) -> ArraySlice<UInt8> {
        let node = nodes[index]
        let start = bytes.startIndex + Int(node.offset) + (node.kind == .string ? 1 : 0)
        return bytes[start..<start + Int(node.length)]
    }

    /// The value of a string node, escapes decoded; the text of a number or untyped scalar.
    func string(at index: Int) -> String {
        let raw = rawBytes(of: index)
        guard nodes[index].kind == .string, nodes[index].isComplex else {
            // From a contiguous buffer, String takes its fast path (a check and a copy); the bytes
            // were validated as UTF-8 while parsing.
            return raw.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
        }
        return JSONStringEscapes.decode(raw).withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether a key node's value is `key`, comparing bytes without making a `String`.
    @inline(__always)
    func key(at index: Int, is key: StaticString) -> Bool {
        let node = nodes[index]
        let count = key.utf8CodeUnitCount
        if node.isComplex {
            return JSONStringEscapes.decode(rawBytes(of: index)).elementsEqual(UnsafeBufferPointer(start: key.utf8Start, count: count))
        }
        guard Int(node.length) == count, node.end == Self.fingerprint(key.utf8Start, count: count) else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            memcmp(buffer.baseAddress! + Int(node.offset) + 1, key.utf8Start, count) == 0
        }
    }

    /// The first four bytes of a key, kept in its node's `end` by the parser (key nodes have no
    /// members) so that looking a key up and checking for duplicates compare one number before
    /// any bytes.
    @inline(__always)
    static func fingerprint(_ bytes: UnsafePointer<UInt8>, count: Int) -> UInt32 {
        var value: UInt32 = 0
        for index in 0..<min(count, 4) {
            value |= UInt32(bytes[index]) << (8 * UInt32(index))
        }
        return value
    }

    /// The fingerprint of a key given as bytes.
    static func fingerprint(of key: some Sequence<UInt8>) -> UInt32 {
        var value: UInt32 = 0
        for (index, byte) in key.prefix(4).enumerated() {
            value |= UInt32(byte) << (8 * UInt32(index))
        }
        return value
    }

    /// The 1-based line and column (in bytes) of a byte offset.
    func position(of offset: Int) -> (line: Int, column: Int) {
        lines.position(of: offset)
    }

    /// The byte offset where the value at an RFC 6901 `pointer` starts, or where the deepest
    /// existing part of it starts when the rest is missing.
    func offset(ofPointer pointer: String) -> Int {
        var index = 0
        for step in JSONPointer.steps(pointer) {
            let node = nodes[index]
            var member = index + 1
            var found: Int?
            if node.kind == .object {
                while member < Int(node.end) {
                    if string(at: member) == step { found = member + 1; break }
                    member = next(after: member + 1)
                }
            } else if node.kind == .array, let wanted = Int(step), wanted >= 0, wanted < Int(node.length) {
                for _ in 0..<wanted { member = next(after: member) }
                found = member
            }
            guard let found else { break }
            index = found
        }
        return offset(of: index)
    }
}
