/// An organisation's key (`BuildKey`) as a build keeps it in memory: the 32 bytes its 64 hex
/// digits spell rather than a String of them. A build keeps two per organisation (the current
/// output's and the previous site's): at 300,000 organisations the Strings cost 70 MB more.
struct StoredKey: Hashable, Sendable {
    private var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0, d: UInt64 = 0

    /// The key no build computes (all zeros): what a stored `-` (an organisation never reused)
    /// or anything but 64 hex digits becomes, so that it matches nothing.
    static let never = StoredKey()

    private init() {}

    /// The key spelled by `hex`, or `never`.
    init(hex: some Collection<UInt8>) {
        guard hex.count == 64 else { return }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var word: UInt64 = 0
        for (index, digit) in hex.enumerated() {
            let value: UInt8
            switch digit {
            case 0x30...0x39: value = digit - 0x30
            case 0x61...0x66: value = digit - 0x61 + 10
            case 0x41...0x46: value = digit - 0x41 + 10
            default: return
            }
            word = word << 4 | UInt64(value)
            guard index % 16 == 15 else { continue }
            switch index / 16 {
            case 0: words.0 = word
            case 1: words.1 = word
            case 2: words.2 = word
            default: words.3 = word
            }
            word = 0
        }
        (a, b, c, d) = words
    }

    init(_ key: String) {
        self.init(hex: key.utf8)
    }
}
