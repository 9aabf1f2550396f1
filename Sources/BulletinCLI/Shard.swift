/// One of N shards of a run larger than one machine (`--shard K/N`): the organisations whose id
/// hashes to K. The hash is FNV-1a of the id's bytes, so the split is the same on every machine
/// and in every run, and an organisation stays in its shard as others come and go.
struct Shard: Hashable, Sendable, CustomStringConvertible {
    /// 1-based.
    var index: Int
    var count: Int

    /// Parses `K/N` with 1 ≤ K ≤ N.
    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    var description: String { "\(index)/\(count)" }

    /// Whether the organisation `id` belongs to this shard.
    func contains(_ id: String) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return Int(hash % UInt64(count)) == index - 1
    }
}
