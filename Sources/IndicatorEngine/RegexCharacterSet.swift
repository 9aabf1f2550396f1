/// The set of characters one step of a regular expression accepts: a literal, `.`, a class such
/// as `[^a-z\d]`, or an escape such as `\w`, with Python's meaning of each.
///
/// Python's `re` works on code points; the categories follow its Unicode rules (`\d` is a decimal
/// digit of any script, `\w` a letter, number or underscore), or the ASCII ones under `(?a)`.
/// Case-insensitive matching tries the character, its lower case and its upper case, which is how
/// Python's `IGNORECASE` behaves for everything but a handful of exotic code points.
struct RegexCharacterSet: Hashable, Sendable {
    /// One member of a set.
    enum Item: Hashable, Sendable {
        case scalar(Unicode.Scalar)
        case range(Unicode.Scalar, Unicode.Scalar)
        /// `\d`, `\w`, `\s` and their negations `\D`, `\W`, `\S`.
        case category(Category, negated: Bool)
        /// `.`: everything but a line feed, unless `(?s)`.
        case anyExceptNewline
        case any
    }

    /// The character categories of the escapes.
    enum Category: Hashable, Sendable {
        case digit, word, space
    }

    /// The members; a character matching any of them is in the set (unless `negated`).
    var items: [Item]
    /// `[^...]`.
    var negated: Bool
    /// `(?i)`: case variants of a character count as the character.
    var ignoreCase: Bool
    /// `(?a)`: categories and case folding are ASCII-only.
    var ascii: Bool
    /// The answer for each ASCII character, worked out once: bit n of the pair is character n.
    private(set) var asciiMembers: (low: UInt64, high: UInt64) = (0, 0)

    /// Creates a set and tabulates its ASCII members.
    init(items: [Item], negated: Bool, ignoreCase: Bool, ascii: Bool) {
        self.items = items
        self.negated = negated
        self.ignoreCase = ignoreCase
        self.ascii = ascii
        guard items.count == 1, case .scalar(let literal) = items[0] else {
            for value in 0..<128 { tabulate(UInt8(value)) }
            return
        }
        // A literal, which nearly every set of an expression is: only the literal and its case
        // variants can answer otherwise than any other ASCII character, which is outside the set
        // (inside when negated). Testing all 128 made each character of an expression cost 128
        // membership tests, most of the time it took to compile a long one.
        if negated { asciiMembers = (~0, ~0) }
        let variants = [literal, Self.lowercase(literal, ascii: ascii), Self.uppercase(literal, ascii: ascii)]
        for variant in variants where variant.isASCII { tabulate(UInt8(variant.value)) }
    }

    /// Sets or clears the bit of ASCII character `value` to whether it is in the set.
    private mutating func tabulate(_ value: UInt8) {
        let bit: UInt64 = 1 << UInt64(value % 64)
        let member = computeContains(Unicode.Scalar(value))
        if value < 64 {
            asciiMembers.low = member ? asciiMembers.low | bit : asciiMembers.low & ~bit
        } else {
            asciiMembers.high = member ? asciiMembers.high | bit : asciiMembers.high & ~bit
        }
    }

    /// Whether `scalar` is in the set.
    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 64 { return asciiMembers.low & (1 << UInt64(value)) != 0 }
        if value < 128 { return asciiMembers.high & (1 << UInt64(value - 64)) != 0 }
        return computeContains(scalar)
    }

    static func == (lhs: RegexCharacterSet, rhs: RegexCharacterSet) -> Bool {
        (lhs.items, lhs.negated, lhs.ignoreCase, lhs.ascii) == (rhs.items, rhs.negated, rhs.ignoreCase, rhs.ascii)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(items)
        hasher.combine(negated)
        hasher.combine(ignoreCase)
        hasher.combine(ascii)
    }

    private func computeContains(_ scalar: Unicode.Scalar) -> Bool {
        var found = containsExactly(scalar)
        if !found, ignoreCase {
            let lower = RegexCharacterSet.lowercase(scalar, ascii: ascii)
            let upper = RegexCharacterSet.uppercase(scalar, ascii: ascii)
            found = (lower != scalar && containsExactly(lower)) || (upper != scalar && containsExactly(upper))
        }
        return found != negated
    }

    private func containsExactly(_ scalar: Unicode.Scalar) -> Bool {
        for item in items {
            switch item {
            case .scalar(let member): if member == scalar { return true }
            case .range(let low, let high): if low <= scalar && scalar <= high { return true }
            case .category(let category, let negated):
                if RegexCharacterSet.isMember(scalar, of: category, ascii: ascii) != negated { return true }
            case .anyExceptNewline: if scalar != "\n" { return true }
            case .any: return true
            }
        }
        return false
    }

    /// Whether `scalar` belongs to `\d`, `\w` or `\s`.
    static func isMember(_ scalar: Unicode.Scalar, of category: Category, ascii: Bool) -> Bool {
        let value = scalar.value
        if ascii || value < 0x80 {
            switch category {
            case .digit: return (0x30...0x39).contains(value)
            case .word:
                return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
                    || value == 0x5F
            case .space:
                // Python's str.isspace() for ASCII also counts the four information separators.
                return value == 0x20 || (0x09...0x0D).contains(value) || (ascii ? false : (0x1C...0x1F).contains(value))
            }
        }
        let properties = scalar.properties
        switch category {
        case .digit:
            return properties.generalCategory == .decimalNumber
        case .word:
            switch properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .decimalNumber, .letterNumber, .otherNumber:
                return true
            default:
                return properties.numericType != nil
            }
        case .space:
            return properties.isWhitespace
        }
    }

    /// The simple lower-case mapping, or the scalar itself when there is none (or it is not one
    /// scalar long).
    static func lowercase(_ scalar: Unicode.Scalar, ascii: Bool) -> Unicode.Scalar {
        if scalar.value < 0x80 || ascii {
            return (0x41...0x5A).contains(scalar.value) ? Unicode.Scalar(scalar.value + 32)! : scalar
        }
        return single(scalar.properties.lowercaseMapping) ?? scalar
    }

    /// The simple upper-case mapping, or the scalar itself.
    static func uppercase(_ scalar: Unicode.Scalar, ascii: Bool) -> Unicode.Scalar {
        if scalar.value < 0x80 || ascii {
            return (0x61...0x7A).contains(scalar.value) ? Unicode.Scalar(scalar.value - 32)! : scalar
        }
        return single(scalar.properties.uppercaseMapping) ?? scalar
    }

    private static func single(_ text: String) -> Unicode.Scalar? {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next(), scalars.next() == nil else { return nil }
        return first
    }
}
