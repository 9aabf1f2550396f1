/// Skips text that needs no escape eight bytes at a time: the escapers see every byte of every
/// report, and most of those bytes are plain ASCII that a byte-by-byte loop compared one by one.
///
/// The tests are the classic word-at-a-time ones ("Bit Twiddling Hacks"): for a word `w`,
/// `(w - 0x01…01) & ~w & 0x80…80` is non-zero exactly when some byte of `w` is zero, so `w ^ c…c`
/// finds a byte equal to `c`; `(w - n…n) & ~w & 0x80…80` finds a byte below `n` (for `n` up to
/// 0x80). They say whether a word holds such a byte, not which one: the escaper then looks at
/// that word byte by byte, as before.
enum PlainWords {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether some byte of `word` is `byte`.
    @inline(__always)
    static func contains(_ word: UInt64, _ byte: UInt8) -> Bool {
        let masked = word ^ (ones &* UInt64(byte))
        return (masked &- ones) & ~masked & highBits != 0
    }

    /// Whether some byte of `word` is below `bound` (at most 0x80).
    @inline(__always)
    static func containsByte(_ word: UInt64, below bound: UInt8) -> Bool {
        (word &- ones &* UInt64(bound)) & ~word & highBits != 0
    }

    /// Whether some byte of `word` is not ASCII.
    @inline(__always)
    static func containsNonASCII(_ word: UInt64) -> Bool {
        word & highBits != 0
    }

    /// The first index at or after `start` whose word of eight bytes is not all plain by
    /// `isPlain`, or the start of the last, shorter piece: the caller goes on byte by byte from
    /// there.
    @inline(__always)
    static func skip(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, while isPlain: (UInt64) -> Bool) -> Int {
        guard let base = bytes.baseAddress else { return start }
        var index = start
        while index + 8 <= bytes.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            guard isPlain(word) else { return index }
            index += 8
        }
        return index
    }
}
