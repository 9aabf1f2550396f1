import Foundation

/// How many observations a synthetic host carries: heavy-tailed, as in the 2021 data.
///
/// Most hosts were only seen from outside, and an external scan sees little: a build number and
/// at most a scanner's verdict. Hosts that were also swept from inside carry log extracts whose
/// length follows a Pareto law (minimum 4 rows, shape 1.05): half carry fewer than 8 rows, one in
/// thirty more than 100, one in seven hundred the 2,000 rows a sweep extracts at most; the mean is
/// about 25.
enum ObservationCount {
    /// The most rows a sweep extracts from one host.
    static let maximum = 2_000

    /// The length of one host's log extract, 4 to 2,000.
    static func logExtract(random: inout SplitMix64) -> Int {
        let minimum = 4.0, shape = 1.05
        let uniform = 1 - random.unit() // in (0, 1]
        let length = minimum * pow(uniform, -1 / shape)
        return length >= Double(maximum) ? maximum : Int(length)
    }
}
