/// The equality strings of every trie node in one open-addressing hash table, keyed by (node,
/// exact UTF-8 bytes of the string).
///
/// Built for the hot path of hash indicators: the value's bytes are hashed in 8-byte words by a
/// fixed multiply–rotate hash instead of `Hasher`'s SipHash, and each slot keeps 32 bits of the
/// hash next to the entry number, so a value that is no indicator (nearly all of them) usually
/// costs one cache line. The table is built from indicators only; values probed against it
/// cannot lengthen its probe sequences, so the unseeded hash opens no flooding attack.
///
/// Byte equality is scalar equality, which is how the evaluator compares `=` and `IN` (see
/// `UnicodeText`). It is finer than Swift's `String ==`, so the index keeps a `String`-keyed
/// dictionary as well and consults it for non-ASCII values, which could be canonically equal to
/// a key with other bytes, should an evaluator ever compare that way.
///
/// A class, immutable, so that handing it to the walk's closures costs one reference count.
final class ExactStringTable: Sendable {
    /// A blocked Bloom filter, 16 bits per key, two bits set in one word per key: an eighth of the
    /// slots' size, and turns away nearly every value that is no key without touching them. For
    /// thousands of keys it stays in cache; for 100,000 indicators it is half a megabyte, which
    /// the work between hosts evicts, so the matcher tests a host's values together
    /// (`DeferredLookup`).
    private let filter: [UInt64]
    private let filterMask: Int
    /// Per slot: the hash's upper 32 bits, and the entry number + 1 in the lower 32 (0 is empty).
    private let slots: [UInt64]
    private let mask: Int
    private let nodes: [Int32]
    private let keyStarts: [Int]
    private let keyBytes: [UInt8]
    private let values: [PostingRange]

    /// One key of one node and its patterns.
    struct Entry {
        var node: Int32
        var key: String
        var patterns: PostingRange
    }

    /// Builds the table; keys must be unique per node.
    init(_ entries: [Entry]) {
        var capacity = 16
        while capacity < 2 * entries.count { capacity *= 2 }
        var slots = [UInt64](repeating: 0, count: capacity)
        var filter = [UInt64](repeating: 0, count: capacity / 8)
        var nodes: [Int32] = []
        var keyStarts: [Int] = [0]
        var keyBytes: [UInt8] = []
        var values: [PostingRange] = []
        for entry in entries {
            var key = entry.key
            let hash = key.withUTF8 { Self.hash(node: entry.node, Self.hash($0).hash) }
            var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(values.count + 1)
            filter[Self.filterWord(hash, mask: capacity / 8 - 1)] |= Self.filterBits(hash)
            nodes.append(entry.node)
            keyBytes.append(contentsOf: key.utf8)
            keyStarts.append(keyBytes.count)
            values.append(entry.patterns)
        }
        self.slots = slots
        mask = capacity - 1
        self.filter = filter
        filterMask = capacity / 8 - 1
        self.nodes = nodes
        self.keyStarts = keyStarts
        self.keyBytes = keyBytes
        self.values = values
    }

    /// Whether the filter is larger than a core's cache is likely to keep between two hosts
    /// (256 KB and more, for over 65,536 keys), so that its lookups are worth batching
    /// (`DeferredLookup`).
    var isLarge: Bool { filter.count > 16_384 }

    /// The patterns of `node` whose key has exactly these bytes; `bytesHash` is `hash(bytes).hash`.
    func patterns(node: Int32, bytes: UnsafeBufferPointer<UInt8>, bytesHash: UInt64) -> PostingRange? {
        mayContain(node: node, bytesHash: bytesHash) ? slotPatterns(node: node, bytes: bytes, bytesHash: bytesHash) : nil
    }

    /// Whether the filter lets the value through: when not, `node` has no key with its bytes.
    /// One load, whose address depends on nothing but the hash, so that many of these can wait
    /// for memory at once (see `DeferredLookup`).
    func mayContain(node: Int32, bytesHash: UInt64) -> Bool {
        let hash = Self.hash(node: node, bytesHash)
        let bits = Self.filterBits(hash)
        return filter[Self.filterWord(hash, mask: filterMask)] & bits == bits
    }

    /// `patterns(node:bytes:bytesHash:)` for a value the filter let through.
    func slotPatterns(node: Int32, bytes: UnsafeBufferPointer<UInt8>, bytesHash: UInt64) -> PostingRange? {
        let hash = Self.hash(node: node, bytesHash)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let content = slots[slot]
            if content == 0 { return nil }
            if content & 0xFFFF_FFFF_0000_0000 == tag {
                let entry = Int(content & 0xFFFF_FFFF) - 1
                if nodes[entry] == node && equal(entry, bytes) { return values[entry] }
            }
            slot = (slot + 1) & mask
        }
    }

    private func equal(_ entry: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = keyStarts[entry]
        guard keyStarts[entry + 1] - start == bytes.count else { return false }
        return keyBytes.withUnsafeBufferPointer { keys in
            var offset = 0
            if let key = keys.baseAddress.map(UnsafeRawPointer.init), let value = bytes.baseAddress.map(UnsafeRawPointer.init) {
                while offset + 8 <= bytes.count {
                    let lhs = key.loadUnaligned(fromByteOffset: start + offset, as: UInt64.self)
                    if lhs != value.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
                    offset += 8
                }
            }
            while offset < bytes.count {
                if keys[start + offset] != bytes[offset] { return false }
                offset += 1
            }
            return true
        }
    }

    /// A fast 64-bit hash of `bytes`, and whether they are all ASCII.
    ///
    /// Values of 32 bytes and more (SHA-256 in hex is 64) go four words a step through four
    /// independent lanes: one loop test per 32 bytes instead of per 8, and multiplies that need
    /// not wait for each other. This halves the instructions of hashing a SHA-256, the bulk of
    /// what probing a file observation costs.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, ascii: Bool) {
        let count = bytes.count
        var hash: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(count)
        var highBits: UInt64 = 0
        guard let base = bytes.baseAddress else { return (mix(hash), true) }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        if count >= 32 {
            var lanes = (hash, hash ^ 0x1319_8A2E_0370_7344, hash ^ 0xA409_3822_299F_31D0, hash ^ 0x082E_FA98_EC4E_6C89)
            repeat {
                let words = (
                    raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self),
                    raw.loadUnaligned(fromByteOffset: offset &+ 8, as: UInt64.self),
                    raw.loadUnaligned(fromByteOffset: offset &+ 16, as: UInt64.self),
                    raw.loadUnaligned(fromByteOffset: offset &+ 24, as: UInt64.self))
                highBits |= words.0 | words.1 | words.2 | words.3
                lanes = (round(lanes.0, words.0), round(lanes.1, words.1), round(lanes.2, words.2), round(lanes.3, words.3))
                offset &+= 32
            } while offset &+ 32 <= count
            hash = round(round(round(lanes.0, lanes.1), lanes.2), lanes.3)
        }
        while offset &+ 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            highBits |= word
            hash = round(hash, word)
            offset &+= 8
        }
        if offset < count {
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                word |= UInt64(bytes[offset]) << shift
                shift &+= 8
                offset &+= 1
            }
            highBits |= word
            hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
        }
        return (mix(hash), highBits & 0x8080_8080_8080_8080 == 0)
    }

    /// One word into a lane: multiply, then fold the high half onto the low one, which the
    /// multiply alone never reaches (cheaper than a rotate, which compiles to two multiplies).
    @inline(__always)
    private static func round(_ lane: UInt64, _ word: UInt64) -> UInt64 {
        let product = (lane ^ word) &* 0x9E37_79B9_7F4A_7C15
        return product ^ (product >> 32)
    }

    /// The filter word of a hash: bits the slot number does not use.
    private static func filterWord(_ hash: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: hash >> 20) & mask
    }

    /// The two filter bits of a hash, from bits neither the slot nor the word use.
    private static func filterBits(_ hash: UInt64) -> UInt64 {
        1 << ((hash >> 52) & 63) | 1 << ((hash >> 58) & 63)
    }

    /// Combines a node number into a bytes hash.
    private static func hash(node: Int32, _ bytesHash: UInt64) -> UInt64 {
        mix(bytesHash ^ (UInt64(UInt32(bitPattern: node)) &* 0xC2B2_AE3D_27D4_EB4F))
    }

    /// MurmurHash3's finaliser: every input bit affects every output bit.
    private static func mix(_ value: UInt64) -> UInt64 {
        var h = value
        h = (h ^ (h >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        h = (h ^ (h >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 33)
    }
}
