/// An ASCII string that every value matching some LIKE or MATCHES comparison contains.
///
/// Needles are ASCII on purpose. The evaluator normalises to NFC and may compare by grapheme
/// cluster, so a non-ASCII literal can match differently spelt bytes (U+212A KELVIN SIGN is `K`
/// after normalisation), and `LiteralScanner` lets every non-ASCII value through untested. For an
/// ASCII value, bytes, code points, NFC and grapheme clusters all agree with an ASCII needle.
struct LiteralNeedle: Hashable, Sendable {
    /// The literal, never empty.
    var bytes: [UInt8]
    /// Whether ASCII letters match either case, as under a regex's leading `(?i)`.
    var caseInsensitive: Bool
    /// Whether the literal must start the value, as in `LIKE 'abc%'`.
    var atStart: Bool
}

/// Finds the literal text that a LIKE or MATCHES operand forces every matching value to contain.
///
/// Both answer `nil` when they cannot be sure of one; the comparison then only requires presence.
/// Being unsure is always safe; a literal that a match may lack would hide the indicator.
enum RequiredLiteral {
    /// The longest literal run of a LIKE operand, split at `%` and `_` (wildcards everywhere in
    /// STIX: there is no escape character) and at non-ASCII characters.
    ///
    /// A run at the very start of the operand is marked `atStart`. Runs at the end are not
    /// anchored there, because the reference matcher's `$` also matches before a final newline.
    static func like(_ operand: String) -> LiteralNeedle? {
        var best: LiteralNeedle?
        var run: [UInt8] = []
        var runStartsOperand = true
        func finish() {
            if !run.isEmpty, run.count > best?.bytes.count ?? 0 || (run.count == best?.bytes.count && runStartsOperand) {
                best = LiteralNeedle(bytes: run, caseInsensitive: false, atStart: runStartsOperand)
            }
            run = []
            runStartsOperand = false
        }
        for scalar in operand.unicodeScalars {
            if scalar == "%" || scalar == "_" || !scalar.isASCII {
                finish()
            } else {
                run.append(UInt8(scalar.value))
            }
        }
        finish()
        return best
    }

    /// The longest literal run that every match of a regular expression contains.
    ///
    /// Only a conservative subset is read: a top-level sequence of plain characters, escaped
    /// punctuation, `.`, anchors, the class escapes `\d \D \w \W \s \S \b \B \A \z \Z`, bracketed
    /// classes and groups (both opaque), and quantifiers (which take the quantified character off
    /// the run). Leading `(?i)`, `(?m)`, `(?s)` flags are allowed; `(?i)` makes the needle case-
    /// insensitive. Anything else — top-level `|`, other escapes, inline flags elsewhere,
    /// comments, `\Q...\E`, nested classes, verbs, unbalanced brackets — gives `nil`, since the
    /// dialects the evaluator might use (Python `re`, PCRE, ICU, Swift Regex) read those differently.
    static func regex(_ source: String) -> LiteralNeedle? {
        var reader = RegexReader(Array(source.unicodeScalars))
        return reader.longestRun()
    }
}

/// The scanner behind `RequiredLiteral.regex`.
private struct RegexReader {
    let scalars: [Unicode.Scalar]
    var position = 0
    var runs: [[UInt8]] = []
    var run: [UInt8] = []

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    mutating func flush() {
        if !run.isEmpty { runs.append(run) }
        run = []
    }

    mutating func longestRun() -> LiteralNeedle? {
        var caseInsensitive = false
        while let flags = leadingFlags() {
            if flags.contains("i") { caseInsensitive = true }
        }
        while let scalar = peek() {
            switch scalar {
            case "\\":
                guard let escaped = peek(1), escaped.isASCII else { return nil }
                if !isAlphanumeric(escaped) {
                    run.append(UInt8(escaped.value))
                } else if "dDwWsSbBAzZ".unicodeScalars.contains(escaped) {
                    flush()
                } else {
                    return nil
                }
                position += 2
            case "[":
                flush()
                guard skipClass() else { return nil }
            case "(":
                flush()
                guard skipGroup() else { return nil }
            case ")", "|":
                return nil
            case "*", "+", "?":
                dropQuantified()
                position += 1
            case "{":
                // A valid `{m,n}` quantifies the previous character; an invalid one is a literal
                // brace in Python and an error elsewhere: either way, nothing before it is needed.
                dropQuantified()
                position += 1
                skipQuantifierBody()
            case ".", "^", "$", "]", "}":
                flush()
                position += 1
            default:
                if scalar.isASCII { run.append(UInt8(scalar.value)) } else { flush() }
                position += 1
            }
        }
        flush()
        guard let longest = runs.max(by: { $0.count < $1.count }) else { return nil }
        return LiteralNeedle(bytes: longest, caseInsensitive: caseInsensitive, atStart: false)
    }

    /// Consumes a leading `(?ims)` group and returns its letters.
    mutating func leadingFlags() -> [Unicode.Scalar]? {
        guard peek() == "(", peek(1) == "?" else { return nil }
        var offset = 2
        var letters: [Unicode.Scalar] = []
        while let scalar = peek(offset), "ims".unicodeScalars.contains(scalar) {
            letters.append(scalar)
            offset += 1
        }
        guard !letters.isEmpty, peek(offset) == ")" else { return nil }
        position += offset + 1
        return letters
    }

    /// The quantifier applies to the last character of the run, which may then be absent or
    /// repeated: end the run before it.
    mutating func dropQuantified() {
        if !run.isEmpty { run.removeLast() }
        flush()
    }

    /// Skips `m}`, `m,}`, `m,n}` or `,n}` after a `{`, when it is there.
    mutating func skipQuantifierBody() {
        var offset = 0
        while let scalar = peek(offset), isDigit(scalar) || scalar == "," { offset += 1 }
        if peek(offset) == "}" { position += offset + 1 }
    }

    /// Skips a bracketed class starting at `position`; false when it cannot be read safely.
    mutating func skipClass() -> Bool {
        position += 1
        if peek() == "^" { position += 1 }
        if peek() == "]" { position += 1 }
        while let scalar = peek() {
            switch scalar {
            case "\\":
                guard skipEscapeInside() else { return false }
            case "[":
                return false  // POSIX classes and set operations, read differently by each dialect
            case "]":
                position += 1
                return true
            default:
                position += 1
            }
        }
        return false
    }

    /// Skips a group starting at `position`, with what it nests; false when it cannot be read
    /// safely or changes flags for what follows.
    mutating func skipGroup() -> Bool {
        var depth = 0
        while let scalar = peek() {
            switch scalar {
            case "\\":
                guard skipEscapeInside() else { return false }
            case "[":
                guard skipClass() else { return false }
            case "(":
                if peek(1) == "*" || (peek(1) == "?" && (peek(2) == "#" || isFlagSetting())) { return false }
                depth += 1
                position += 1
            case ")":
                depth -= 1
                position += 1
                if depth == 0 { return true }
            default:
                position += 1
            }
        }
        return false
    }

    /// Whether `position` starts `(?flags)`, which changes the flags of the rest of the pattern.
    func isFlagSetting() -> Bool {
        var offset = 2
        while let scalar = peek(offset), scalar.isASCII, isAlphanumeric(scalar) || scalar == "-" || scalar == "^" {
            offset += 1
        }
        return peek(offset) == ")"
    }

    /// Skips an escape inside a class or group. Refuses `\Q`, `\E` (quoting) and `\c` (whose
    /// argument may be a bracket); other escapes are one token followed by braces or plain text.
    mutating func skipEscapeInside() -> Bool {
        guard let escaped = peek(1) else { return false }
        if "QEc".unicodeScalars.contains(escaped) { return false }
        position += 2
        return true
    }

    func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        isDigit(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }
}
