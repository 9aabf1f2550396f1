/// A compiled SQL LIKE pattern: `%` matches any run of characters (including none and including
/// line breaks), `_` exactly one, everything else itself; the whole value must match.
///
/// Matching is the two-cursor wildcard algorithm, which backtracks only to the most recent `%`, so
/// it takes at most (value length x pattern length) steps and usually one pass: no regular
/// expression is built and nothing can backtrack catastrophically on hostile values.
///
/// Differs from the reference matcher, which translates LIKE to a Python regex: there `%` and `_`
/// do not match a line break, and a value with one trailing line break still matches. This
/// follows the STIX specification (SQL LIKE semantics) instead; the oracle tests list both cases.
struct LikePattern: Hashable, Sendable {
    private enum Token: Hashable, Sendable {
        case scalar(Unicode.Scalar)
        case anyOne
        case anyRun
    }

    private let tokens: [Token]

    /// Compiles `pattern`, normalised to NFC as the value will be.
    init(_ pattern: String) {
        var tokens: [Token] = []
        for scalar in UnicodeText.normalizedScalars(pattern) {
            switch scalar {
            case "%": if tokens.last != .anyRun { tokens.append(.anyRun) }
            case "_": tokens.append(.anyOne)
            default: tokens.append(.scalar(scalar))
            }
        }
        self.tokens = tokens
    }

    /// Whether the whole of `value` matches.
    func matches(_ value: String) -> Bool {
        // ASCII values, nearly all of them, are matched in place, byte by byte, without a copy.
        let inPlace = value.utf8.withContiguousStorageIfAvailable { bytes in
            UnicodeText.isASCII(bytes) ? match(bytes.lazy.map { Unicode.Scalar($0) }) : nil
        }
        if let inPlace, let result = inPlace { return result }
        return match(UnicodeText.normalizedScalars(value))
    }

    private func match<Text: RandomAccessCollection<Unicode.Scalar>>(_ text: Text) -> Bool where Text.Index == Int {
        var t = 0, p = 0
        var lastRun = -1, resumeAt = 0
        while t < text.count {
            if p < tokens.count {
                switch tokens[p] {
                case .anyRun:
                    lastRun = p
                    resumeAt = t
                    p += 1
                    continue
                case .anyOne:
                    t += 1
                    p += 1
                    continue
                case .scalar(let scalar) where scalar == text[t]:
                    t += 1
                    p += 1
                    continue
                case .scalar:
                    break
                }
            }
            // Mismatch: let the most recent `%` swallow one more character, or fail without one.
            guard lastRun >= 0 else { return false }
            resumeAt += 1
            t = resumeAt
            p = lastRun + 1
        }
        while p < tokens.count, tokens[p] == .anyRun { p += 1 }
        return p == tokens.count
    }
}
