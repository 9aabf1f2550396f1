/// Parses a `MATCHES` regular expression with the syntax of Python's `re` module, which the
/// reference matcher uses, into a `RegexNode`.
///
/// Everything a finite automaton can decide is accepted: literals and escapes, classes, `.`, the
/// anchors `^ $ \A \Z \b \B`, groups (`(...)`, `(?:...)`, `(?P<name>...)`), alternation, greedy and
/// lazy quantifiers, inline flags `(?aimsx)` at the start and scoped flags `(?i:...)`. What needs
/// backtracking is refused with an explanation: backreferences, lookahead and lookbehind, atomic
/// groups, possessive quantifiers and conditionals. Python's own errors (`nothing to repeat`,
/// `bad escape`, ...) are errors here too, so a pattern that the oracle cannot compile never
/// passes `bulletin verify`.
struct RegexParser {
    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var flags = RegexFlags()
    private var depth = 0

    /// The deepest group nesting accepted; far beyond real expressions, well within the stack.
    static let nestingLimit = 100

    /// Parses a whole expression.
    static func parse(_ expression: String) throws(RegexSyntaxError) -> RegexNode {
        var parser = RegexParser(scalars: Array(expression.unicodeScalars))
        try parser.parseGlobalFlags()
        let node = try parser.parseAlternation()
        if parser.position < parser.scalars.count {
            throw parser.error("unbalanced parenthesis ')'", at: parser.position)
        }
        return node
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    // MARK: Structure

    private mutating func parseAlternation() throws(RegexSyntaxError) -> RegexNode {
        var alternatives = [try parseSequence()]
        while peek() == "|" {
            position += 1
            alternatives.append(try parseSequence())
        }
        return alternatives.count == 1 ? alternatives[0] : .alternation(alternatives)
    }

    /// What the previous item of a sequence was, which decides whether a quantifier may follow.
    private enum ItemKind { case atom, assertion, repeated }

    private mutating func parseSequence() throws(RegexSyntaxError) -> RegexNode {
        var items: [(node: RegexNode, kind: ItemKind)] = []
        while let scalar = peek(), scalar != "|", scalar != ")" {
            if flags.verbose, skipVerboseFiller() { continue }
            let start = position
            if let quantifier = try parseQuantifier() {
                guard let last = items.last, last.kind != .assertion else {
                    throw error("nothing to repeat", at: start)
                }
                guard last.kind != .repeated else { throw error("multiple repeat", at: start) }
                if peek() == "?" {
                    position += 1  // lazy: the same language
                } else if peek() == "+" {
                    throw unsupported("possessive quantifiers such as *+", at: position)
                }
                items[items.count - 1] = (.repetition(last.node, min: quantifier.min, max: quantifier.max), .repeated)
                continue
            }
            if let atom = try parseAtom() { items.append(atom) }
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0].node
        default: return .sequence(items.map(\.node))
        }
    }

    /// Reads `*`, `+`, `?` or a well-formed `{m,n}`; a `{` that starts no quantifier is a literal.
    private mutating func parseQuantifier() throws(RegexSyntaxError) -> (min: Int, max: Int?)? {
        switch peek() {
        case "*": position += 1; return (0, nil)
        case "+": position += 1; return (1, nil)
        case "?": position += 1; return (0, 1)
        case "{":
            let start = position
            position += 1
            let low = digits()
            var high = low
            let hasComma = peek() == ","
            if hasComma {
                position += 1
                high = digits()
            }
            guard peek() == "}", hasComma || !low.isEmpty else {
                position = start
                return nil
            }
            position += 1
            let limit = 100_000
            guard low.count <= 6, high.count <= 6 else {
                throw error("the repetition number is too large", at: start)
            }
            let minimum = Int(low) ?? 0
            let maximum = high.isEmpty ? nil : Int(high)
            if let maximum, maximum < minimum { throw error("min repeat greater than max repeat", at: start) }
            if minimum > limit || (maximum ?? 0) > limit { throw error("the repetition number is too large", at: start) }
            return (minimum, maximum)
        default:
            return nil
        }
    }

    private mutating func parseAtom() throws(RegexSyntaxError) -> (node: RegexNode, kind: ItemKind)? {
        let start = position
        let scalar = scalars[position]
        position += 1
        switch scalar {
        case "(": return try parseGroup(openedAt: start)
        case "[": return (.character(try parseClass(openedAt: start)), .atom)
        case ".": return (.character(set([flags.dotAll ? .any : .anyExceptNewline])), .atom)
        case "^": return (.assertion(flags.multiline ? .startOfLine : .startOfText), .assertion)
        case "$": return (.assertion(flags.multiline ? .endOfLine : .endOfTextOrFinalNewline), .assertion)
        case "\\": return try parseEscape(at: start)
        default: return (.character(set([.scalar(scalar)])), .atom)
        }
    }

    private mutating func parseGroup(openedAt start: Int) throws(RegexSyntaxError) -> (node: RegexNode, kind: ItemKind)? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.nestingLimit else { throw error("groups nest too deeply", at: start) }
        let saved = flags
        defer { flags = saved }
        if peek() == "?" {
            position += 1
            switch peek() {
            case ":":
                position += 1
            case "P":
                position += 1
                if peek() == "=" { throw unsupported("backreferences such as (?P=name)", at: start) }
                guard peek() == "<" else { throw error("unknown extension ?P\(peek().map(String.init) ?? "")", at: start) }
                position += 1
                let nameStart = position
                while let scalar = peek(), scalar != ">" { position += 1 }
                let name = String(String.UnicodeScalarView(scalars[nameStart..<position]))
                guard peek() == ">" else { throw error("missing >, unterminated name", at: nameStart) }
                guard isIdentifier(name) else { throw error("bad character in group name '\(name)'", at: nameStart) }
                position += 1
            case "#":
                while let scalar = peek(), scalar != ")" { position += 1 }
                guard peek() == ")" else { throw error("missing ), unterminated comment", at: start) }
                position += 1
                return nil
            case "=", "!": throw unsupported("lookahead assertions (?= and (?!", at: start)
            case "<":
                if let next = peek(offset: 1), next == "=" || next == "!" {
                    throw unsupported("lookbehind assertions (?<= and (?<!", at: start)
                }
                throw error("unknown extension ?<", at: start)
            case ">": throw unsupported("atomic groups (?>...)", at: start)
            case "(": throw unsupported("conditional groups (?(...)", at: start)
            default:
                let (added, removed, scoped) = try parseFlagLetters(at: start)
                guard scoped else { throw error("global flags not at the start of the expression", at: start) }
                apply(added, removed)
            }
        }
        let inner = try parseAlternation()
        guard peek() == ")" else { throw error("missing ), unterminated subpattern", at: start) }
        position += 1
        return (inner, .atom)
    }

    /// Reads leading `(?aimsx)` groups, which set flags for the whole expression.
    private mutating func parseGlobalFlags() throws(RegexSyntaxError) {
        while peek() == "(", peek(offset: 1) == "?", let letter = peek(offset: 2), "aiLmsux-".unicodeScalars.contains(letter) {
            let start = position
            position += 2
            let (added, removed, scoped) = try parseFlagLetters(at: start)
            if scoped {
                position = start  // a scoped group: parsed as an atom
                return
            }
            apply(added, removed)
        }
    }

    /// Reads flag letters up to `)` (global) or `:` (scoped), after `(?`.
    private mutating func parseFlagLetters(at start: Int) throws(RegexSyntaxError) -> (Set<Unicode.Scalar>, Set<Unicode.Scalar>, scoped: Bool) {
        var added: Set<Unicode.Scalar> = [], removed: Set<Unicode.Scalar> = []
        var removing = false
        while let scalar = peek() {
            position += 1
            switch scalar {
            case "-" where !removing: removing = true
            case ")", ":":
                let scoped = scalar == ":"
                if removing && (removed.isEmpty || !scoped) { throw error("missing flag", at: start) }
                if !scoped && added.isEmpty { throw error("missing flag", at: start) }
                return (added, removed, scoped)
            case "L": throw error("bad inline flags: cannot use 'L' flag with a str pattern", at: start)
            case "a" where removing: throw error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'", at: start)
            case "u":
                throw error("bad inline flags: the reference matcher refuses 'u' (Unicode is the default)", at: start)
            case "a", "i", "m", "s", "x":
                if removing { removed.insert(scalar) } else { added.insert(scalar) }
            default: throw error("unknown extension ?\(scalar)", at: start)
            }
        }
        throw error("missing -, : or )", at: start)
    }

    private mutating func apply(_ added: Set<Unicode.Scalar>, _ removed: Set<Unicode.Scalar>) {
        for (letter, on) in added.map({ ($0, true) }) + removed.map({ ($0, false) }) {
            switch letter {
            case "a": flags.ascii = on
            case "i": flags.ignoreCase = on
            case "m": flags.multiline = on
            case "s": flags.dotAll = on
            case "x": flags.verbose = on
            default: break
            }
        }
    }

    // MARK: Escapes and classes

    private mutating func parseEscape(at start: Int) throws(RegexSyntaxError) -> (node: RegexNode, kind: ItemKind) {
        guard let scalar = peek() else { throw error("bad escape (end of pattern)", at: start) }
        switch scalar {
        case "A": position += 1; return (.assertion(.startOfText), .assertion)
        case "Z": position += 1; return (.assertion(.endOfText), .assertion)
        case "b", "B":
            position += 1
            return (.assertion(.wordBoundary(negated: scalar == "B", ascii: flags.ascii)), .assertion)
        case "1"..."9":
            position += 1
            if let second = peek(), isOctal(scalar), isOctal(second), let third = peek(offset: 1), isOctal(third) {
                position += 2
                return (.character(set([.scalar(try octal([scalar, second, third], at: start))])), .atom)
            }
            throw unsupported("backreferences such as \\\(scalar)", at: start)
        default:
            return (.character(set([try parseClassEscape(at: start, insideClass: false)])), .atom)
        }
    }

    /// An escape that stands for characters: inside a class, or outside one after the anchors and
    /// backreferences are ruled out. The backslash is at `start`; `position` is just after it.
    private mutating func parseClassEscape(at start: Int, insideClass: Bool) throws(RegexSyntaxError) -> RegexCharacterSet.Item {
        guard let scalar = peek() else { throw error("bad escape (end of pattern)", at: start) }
        position += 1
        switch scalar {
        case "d", "D": return .category(.digit, negated: scalar == "D")
        case "w", "W": return .category(.word, negated: scalar == "W")
        case "s", "S": return .category(.space, negated: scalar == "S")
        case "n": return .scalar("\n")
        case "t": return .scalar("\t")
        case "r": return .scalar("\r")
        case "f": return .scalar("\u{0C}")
        case "v": return .scalar("\u{0B}")
        case "a": return .scalar("\u{07}")
        case "b" where insideClass: return .scalar("\u{08}")
        case "x":
            var value: UInt32 = 0
            for _ in 0..<2 {
                guard let digit = peek(), let digitValue = hexValue(digit) else {
                    throw error("incomplete escape \\x", at: start)
                }
                value = value * 16 + digitValue
                position += 1
            }
            return .scalar(Unicode.Scalar(UInt8(value)))
        case "u", "U", "N":
            // The reference matcher also compiles every expression as a bytes pattern, where these
            // escapes are errors, so it refuses them; refusing them here keeps verify honest.
            throw error("bad escape \\\(scalar): write the character itself (the reference matcher refuses \\u, \\U and \\N)", at: start)
        case "0"..."7":
            var octalDigits = [scalar]
            let limit = scalar == "0" || insideClass ? 2 : 0
            while octalDigits.count <= limit, let next = peek(), isOctal(next) {
                octalDigits.append(next)
                position += 1
            }
            return .scalar(try octal(octalDigits, at: start))
        default:
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                throw error("bad escape \\\(scalar)", at: start)
            }
            return .scalar(scalar)
        }
    }

    private mutating func parseClass(openedAt start: Int) throws(RegexSyntaxError) -> RegexCharacterSet {
        var negated = false
        if peek() == "^" {
            negated = true
            position += 1
        }
        var items: [RegexCharacterSet.Item] = []
        while true {
            guard let scalar = peek() else { throw error("unterminated character set", at: start) }
            let itemStart = position
            position += 1
            if scalar == "]" && !items.isEmpty { break }
            let first = scalar == "\\" ? try parseClassEscape(at: itemStart, insideClass: true) : .scalar(scalar)
            guard peek() == "-" else {
                items.append(first)
                continue
            }
            position += 1
            guard let next = peek() else { throw error("unterminated character set", at: start) }
            let secondStart = position
            position += 1
            if next == "]" {
                items += [first, .scalar("-")]
                break
            }
            let second = next == "\\" ? try parseClassEscape(at: secondStart, insideClass: true) : .scalar(next)
            guard case .scalar(let low) = first, case .scalar(let high) = second, low <= high else {
                throw error("bad character range", at: itemStart)
            }
            items.append(.range(low, high))
        }
        return RegexCharacterSet(items: items, negated: negated, ignoreCase: flags.ignoreCase, ascii: flags.ascii)
    }

    // MARK: Scanning

    private func peek(offset: Int = 0) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    /// Skips whitespace and a `#` comment in verbose mode; says whether it skipped anything.
    private mutating func skipVerboseFiller() -> Bool {
        guard let scalar = peek() else { return false }
        if scalar == "#" {
            while let next = peek(), next != "\n" { position += 1 }
            return true
        }
        if [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"].contains(scalar) {
            position += 1
            return true
        }
        return false
    }

    private mutating func digits() -> String {
        var text = ""
        while let scalar = peek(), ("0"..."9").contains(scalar) {
            text.unicodeScalars.append(scalar)
            position += 1
        }
        return text
    }

    private func set(_ items: [RegexCharacterSet.Item]) -> RegexCharacterSet {
        RegexCharacterSet(items: items, negated: false, ignoreCase: flags.ignoreCase, ascii: flags.ascii)
    }

    private func isOctal(_ scalar: Unicode.Scalar) -> Bool { ("0"..."7").contains(scalar) }

    private func octal(_ digits: [Unicode.Scalar], at start: Int) throws(RegexSyntaxError) -> Unicode.Scalar {
        let value = digits.reduce(UInt32(0)) { $0 * 8 + ($1.value - 0x30) }
        guard value <= 0o377 else { throw error("octal escape value outside of range 0-0o377", at: start) }
        return Unicode.Scalar(value)!
    }

    private func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": scalar.value - 0x30
        case "a"..."f": scalar.value - 0x61 + 10
        case "A"..."F": scalar.value - 0x41 + 10
        default: nil
        }
    }

    private func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first.properties.isXIDStart else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isXIDContinue }
    }

    private func error(_ reason: String, at position: Int) -> RegexSyntaxError {
        RegexSyntaxError(position: position, reason: reason)
    }

    private func unsupported(_ construct: String, at position: Int) -> RegexSyntaxError {
        RegexSyntaxError(
            position: position,
            reason: "\(construct) are not supported: MATCHES runs in linear time on scan data and cannot backtrack")
    }
}
