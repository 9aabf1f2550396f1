/// The longest run of literal characters that every match of an expression contains, so that a
/// value without it can be refused before the automaton runs: most log lines lack the words an
/// indicator's expression looks for.
struct RegexRequiredText: Hashable, Sendable {
    /// The ASCII characters of the run, each with whether it matches either case.
    var characters: [(byte: UInt8, foldsCase: Bool)]

    static func == (lhs: RegexRequiredText, rhs: RegexRequiredText) -> Bool {
        lhs.characters.elementsEqual(rhs.characters) { $0.byte == $1.byte && $0.foldsCase == $1.foldsCase }
    }

    func hash(into hasher: inout Hasher) {
        for character in characters {
            hasher.combine(character.byte)
            hasher.combine(character.foldsCase)
        }
    }

    /// Whether `text` (ASCII bytes) contains the run. Exact for ASCII text: no other character can
    /// match an ASCII literal case-insensitively there.
    func isContained(in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = characters.count
        guard count <= text.count else { return false }
        let first = characters[0]
        var start = 0
        while start <= text.count - count {
            if Self.matches(text[start], first) {
                var offset = 1
                while offset < count, Self.matches(text[start + offset], characters[offset]) { offset += 1 }
                if offset == count { return true }
            }
            start += 1
        }
        return false
    }

    private static func matches(_ byte: UInt8, _ character: (byte: UInt8, foldsCase: Bool)) -> Bool {
        byte == character.byte || (character.foldsCase && byte | 0x20 == character.byte | 0x20 && (0x61...0x7A).contains(byte | 0x20))
    }
}

extension RegexNode {
    /// The longest literal run of at least two ASCII characters that every match contains, if any.
    var requiredText: RegexRequiredText? {
        let best = requiredRuns.max { $0.count < $1.count }
        guard let best, best.count >= 2 else { return nil }
        return RegexRequiredText(characters: best)
    }

    /// Candidate runs: maximal sequences of single literal characters that cannot be skipped.
    private var requiredRuns: [[(byte: UInt8, foldsCase: Bool)]] {
        switch self {
        case .character:
            return literal.map { [[$0]] } ?? []
        case .sequence(let parts):
            var runs: [[(byte: UInt8, foldsCase: Bool)]] = []
            var current: [(byte: UInt8, foldsCase: Bool)] = []
            for part in parts {
                if let character = part.literal {
                    current.append(character)
                } else if case .assertion = part {
                    continue  // zero-width: the run goes on across it
                } else {
                    runs.append(current)
                    current = []
                    runs += part.requiredRuns
                }
            }
            return runs + [current]
        case .repetition(let body, let minimum, _):
            return minimum >= 1 ? body.requiredRuns : []
        case .alternation, .empty, .assertion:
            return []
        }
    }

    /// The character of a one-character ASCII literal node.
    private var literal: (byte: UInt8, foldsCase: Bool)? {
        guard case .character(let set) = self, !set.negated, set.items.count == 1, case .scalar(let scalar) = set.items[0],
            scalar.isASCII
        else { return nil }
        let isLetter = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
        return (UInt8(scalar.value), set.ignoreCase && isLetter)
    }
}
