/// A small deterministic random number generator (Steele, Lea and Flood's SplitMix64).
///
/// Synthetic data must be the same on every machine and every run, so it cannot use the system's
/// generator; SplitMix64 is fast, has a 64-bit state that is cheap to derive per organisation, and
/// passes BigCrush.
public struct SplitMix64: Sendable {
    /// The generator's whole state.
    public var state: UInt64

    /// A generator that starts from `seed`.
    public init(seed: UInt64) { state = seed }

    /// A generator for the item numbered `number` of a stream seeded by `seed`: items do not depend
    /// on each other, so one item can be made again without making the ones before it.
    public init(seed: UInt64, item number: Int) {
        var mixer = SplitMix64(seed: seed ^ (UInt64(truncatingIfNeeded: number) &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next() % UInt64(bound))
    }

    /// A number in `range`.
    public mutating func within(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// A number in [0, 1) with 53 random bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// One element of a non-empty array, each equally likely.
    public mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[below(elements.count)]
    }

    /// One element of a non-empty list of (weight, element), each as likely as its weight says.
    public mutating func pick<Element>(weighted elements: [(Int, Element)]) -> Element {
        var remaining = below(elements.reduce(0) { $0 + $1.0 })
        for (weight, element) in elements {
            if remaining < weight { return element }
            remaining -= weight
        }
        return elements[elements.count - 1].1
    }

    /// `bytes` random bytes in lower-case hex.
    public mutating func hex(bytes: Int) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(2 * bytes)
        for _ in 0..<bytes {
            let byte = next() & 0xff
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
