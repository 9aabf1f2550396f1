/// Finds, in one pass over a value's UTF-8, every needle of one property that the value contains.
///
/// Each needle is represented by one gram of up to four of its bytes. A pass over the value looks
/// every window of that size up in an 8 KiB bitmap of the grams' hashes, which stays in the first-
/// level cache; windows are independent of each other, so the loop runs at the speed of loads, not
/// of a chain of table lookups as an automaton's would. Only where a window's bit is set is the
/// gram looked up and its needles compared in full. Needles that must start the value are compared
/// there and nowhere else. The cost per value is a few instructions per byte, however many LIKE and
/// MATCHES indicators look at the property.
///
/// Grams are hashed with bit 5 of every byte set, which folds ASCII case (and confuses a few
/// punctuation characters with control characters, harmlessly): case-insensitive needles share
/// the bitmap, and the full comparison settles case.
///
/// A class, immutable, so that handing it to the walk's closures costs one reference count.
final class LiteralScanner: Sendable {
    /// The needles, in the order given; reported by their position here.
    let needles: [LiteralNeedle]
    /// The needles that must start the value.
    private let prefixNeedles: [Int]
    /// For gram lengths 1 to 4 (index 0 to 3): a bitmap of 2^16 bits over the folded grams'
    /// hashes, or empty when no needle has a gram of that length.
    private let bitmaps: [[UInt64]]
    /// The gram lengths some needle uses.
    private let gramLengths: [Int]
    /// An open-addressing table from gram key (`key(_:length:)`) to the needles it stands for:
    /// slot `s` holds key `gramKeys[s]` (0 is empty) and `gramEntries[gramStarts[s]..<gramStarts[s + 1]]`.
    private let gramKeys: [UInt64]
    private let gramStarts: [Int32]
    private let gramEntries: [Entry]

    /// A needle standing behind a gram, and where in the needle the gram begins.
    private struct Entry: Sendable {
        var needle: Int32
        var offset: Int32
    }

    /// Prepares the scanner. `needles` must be non-empty ASCII (see `LiteralNeedle`).
    init(needles: [LiteralNeedle]) {
        self.needles = needles
        var prefixNeedles: [Int] = []
        var bitmaps: [[UInt64]] = Array(repeating: [], count: 4)
        var grams: [UInt64: [Entry]] = [:]
        for (number, needle) in needles.enumerated() {
            if needle.atStart {
                prefixNeedles.append(number)
                continue
            }
            let length = min(4, needle.bytes.count)
            let offset = Self.rarestGram(of: needle.bytes, length: length)
            var gram: UInt32 = 0
            for (shift, byte) in needle.bytes[offset..<(offset + length)].enumerated() {
                gram |= UInt32(byte) << (8 * UInt32(shift))
            }
            let folded = Self.fold(gram, length: length)
            if bitmaps[length - 1].isEmpty { bitmaps[length - 1] = Array(repeating: 0, count: 1 << 10) }
            let bit = Self.bit(folded)
            bitmaps[length - 1][bit >> 6] |= 1 << UInt64(bit & 63)
            grams[Self.key(folded, length: length), default: []].append(Entry(needle: Int32(number), offset: Int32(offset)))
        }
        self.prefixNeedles = prefixNeedles
        self.bitmaps = bitmaps
        gramLengths = (1...4).filter { !bitmaps[$0 - 1].isEmpty }

        var capacity = 8
        while capacity < 2 * grams.count { capacity *= 2 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var slotEntries = [[Entry]](repeating: [], count: capacity)
        for (key, entries) in grams {
            var slot = Self.slot(key, capacity: capacity)
            while keys[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = key
            slotEntries[slot] = entries
        }
        var starts: [Int32] = [0]
        var flat: [Entry] = []
        for entries in slotEntries {
            flat += entries
            starts.append(Int32(flat.count))
        }
        gramKeys = keys
        gramStarts = starts
        gramEntries = flat
    }

    /// Calls `found` with the number of each needle `value` contains (a needle may be reported
    /// more than once). Returns false, having reported nothing, when `value` is not ASCII: then
    /// the needles prove nothing and the caller must treat them all as found.
    func scan(_ value: UnsafeBufferPointer<UInt8>, found: (Int) -> Void) -> Bool {
        guard let base = value.baseAddress else {
            return true  // the empty value contains no needle
        }
        let raw = UnsafeRawPointer(base)
        let count = value.count
        var highBits: UInt64 = 0
        var offset = 0
        while offset + 8 <= count {
            highBits |= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        while offset < count {
            highBits |= UInt64(value[offset])
            offset += 1
        }
        if highBits & 0x8080_8080_8080_8080 != 0 { return false }

        for number in prefixNeedles where matches(needles[number], at: 0, in: value) { found(number) }
        for length in gramLengths {
            bitmaps[length - 1].withUnsafeBufferPointer { bitmap in
                var position = 0
                if length == 4, let words = bitmap.baseAddress {
                    // The common case, kept to a load, a multiply and a bit test per byte. `bit`
                    // is below 2^16 and the bitmap has 2^10 words, so no check is needed.
                    while position &+ 4 <= count {
                        let folded = raw.loadUnaligned(fromByteOffset: position, as: UInt32.self) | 0x2020_2020
                        let bit = Self.bit(folded)
                        if words[bit &>> 6] & (1 &<< UInt64(truncatingIfNeeded: bit & 63)) != 0 {
                            confirm(Self.key(folded, length: 4), at: position, in: value, found: found)
                        }
                        position &+= 1
                    }
                    return
                }
                let mask: UInt32 = (1 << (8 * UInt32(length))) - 1
                while position + length <= count {
                    var window: UInt32 = 0
                    for index in 0..<length { window |= UInt32(value[position + index]) << (8 * UInt32(index)) }
                    let folded = (window | 0x2020_2020) & mask
                    let bit = Self.bit(folded)
                    if bitmap[bit >> 6] & (1 << UInt64(bit & 63)) != 0 {
                        confirm(Self.key(folded, length: length), at: position, in: value, found: found)
                    }
                    position += 1
                }
            }
        }
        return true
    }

    /// Reports the needles behind the gram at `position` that really are there.
    private func confirm(_ key: UInt64, at position: Int, in value: UnsafeBufferPointer<UInt8>, found: (Int) -> Void) {
        var slot = Self.slot(key, capacity: gramKeys.count)
        while gramKeys[slot] != key {
            if gramKeys[slot] == 0 { return }
            slot = (slot + 1) & (gramKeys.count - 1)
        }
        for entry in gramEntries[Int(gramStarts[slot])..<Int(gramStarts[slot + 1])] {
            let start = position - Int(entry.offset)
            if start >= 0 && matches(needles[Int(entry.needle)], at: start, in: value) { found(Int(entry.needle)) }
        }
    }

    /// Whether `needle` occurs in `value` at `start`, in case or ignoring it as the needle says.
    private func matches(_ needle: LiteralNeedle, at start: Int, in value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard start + needle.bytes.count <= value.count else { return false }
        return needle.bytes.withUnsafeBufferPointer { bytes in
            if needle.caseInsensitive {
                for index in bytes.indices where Self.lowercased(bytes[index]) != Self.lowercased(value[start + index]) {
                    return false
                }
            } else {
                for index in bytes.indices where bytes[index] != value[start + index] { return false }
            }
            return true
        }
    }

    /// The start of the needle's gram made of the least common bytes, by a rough idea of what
    /// logs and paths are made of: lower-case letters and separators are everywhere, digits,
    /// capitals and other punctuation less so.
    private static func rarestGram(of bytes: [UInt8], length: Int) -> Int {
        func commonness(_ byte: UInt8) -> Int {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): 3
            case UInt8(ascii: " "), UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "\\"), UInt8(ascii: "-"): 4
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): 2
            default: 1
            }
        }
        return (0...(bytes.count - length)).min { first, second in
            bytes[first..<(first + length)].reduce(0) { $0 + commonness($1) }
                < bytes[second..<(second + length)].reduce(0) { $0 + commonness($1) }
        } ?? 0
    }

    /// The first `length` bytes of `window` with bit 5 of each set.
    private static func fold(_ window: UInt32, length: Int) -> UInt32 {
        let mask: UInt32 = length == 4 ? .max : (1 << (8 * UInt32(length))) - 1
        return (window | 0x2020_2020) & mask
    }

    private static func bit(_ folded: UInt32) -> Int {
        Int((folded &* 0x9E37_79B1) >> 16)
    }

    private static func key(_ folded: UInt32, length: Int) -> UInt64 {
        UInt64(folded) | UInt64(length) << 32
    }

    private static func slot(_ key: UInt64, capacity: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & (capacity - 1)
    }

    /// ASCII lower case.
    static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}
