/// One component of a name in a template (`organisation` and `contacts` in
/// `{{#organisation.contacts}}`), split and hashed once when the template is parsed, so that a
/// lookup while rendering hashes nothing.
struct TemplateKey: Sendable, Equatable {
    let name: String
    let hash: Int

    init(_ name: String) {
        self.name = name
        // FNV-1a: cheap, and the same in every process, which the tables do not need but tests like.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        self.hash = Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }

    static func == (left: TemplateKey, right: TemplateKey) -> Bool {
        left.hash == right.hash && left.name == right.name
    }
}
