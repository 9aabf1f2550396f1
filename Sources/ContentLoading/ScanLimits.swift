/// How large and how deeply nested one scan document may be before it is refused unread.
///
/// Scan data is attacker-controlled, and both limits bound what one document can cost: memory
/// (the document and its parse are held whole) and nesting (which a scan never needs beyond a few
/// levels). They apply per *document*: a `.json` file, or one line of a JSON Lines file, so a
/// JSON Lines file of many gigabytes stays legitimate while one organisation of 2 GB does not.
public struct ScanLimits: Sendable, Hashable {
    /// The most bytes one document may have.
    public var maximumDocumentBytes: Int
    /// The deepest nesting of objects and arrays; the document's own object is level 1.
    public var maximumDepth: Int

    /// 256 MiB: two orders of magnitude above the largest organisation of a national sweep.
    public static let defaultDocumentBytes = 256 << 20
    /// Scan documents nest 8 levels at most (a batch's observation fields); 64 leaves room for
    /// the unknown types of newer scanners.
    public static let defaultDepth = 64
    /// The parser's offsets are 32-bit, so no document may exceed 4 GiB - 1 byte.
    public static let largestDocument = Int(UInt32.max)

    public init(maximumDocumentBytes: Int = defaultDocumentBytes, maximumDepth: Int = defaultDepth) {
        self.maximumDocumentBytes = maximumDocumentBytes
        self.maximumDepth = maximumDepth
    }

    /// The byte count written as `text`: digits, optionally followed by `K`, `M` or `G` (powers of
    /// 1024, as `ulimit` and `sort -S` count), with an optional `B` or `iB`; `nil` if it is not one.
    public static func bytes(_ text: String) -> Int? {
        var digits = Substring(text.uppercased())
        for suffix in ["IB", "B"] where digits.hasSuffix(suffix) && digits.count > suffix.count {
            digits = digits.dropLast(suffix.count)
            break
        }
        var shift = 0
        switch digits.last {
        case "K": shift = 10
        case "M": shift = 20
        case "G": shift = 30
        default: break
        }
        if shift > 0 { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let value = Int(digits), value >= 0, value <= Int.max >> shift else { return nil }
        return value << shift
    }

    /// `count` the way `bytes(_:)` reads it: `256M` when a whole number of units, digits otherwise.
    public static func describe(bytes count: Int) -> String {
        for (unit, shift) in [("G", 30), ("M", 20), ("K", 10)] where count > 0 && count & ((1 << shift) - 1) == 0 {
            return "\(count >> shift)\(unit)"
        }
        return "\(count) bytes"
    }
}
