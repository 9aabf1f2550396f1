/// One lexical unit of a STIX pattern, with the UTF-8 byte range it was read from.
struct PatternToken: Hashable, Sendable {
    /// The reserved words of the grammar. They are upper-case only: `and` is an identifier.
    enum Keyword: String, Hashable, Sendable {
        case and = "AND", or = "OR", not = "NOT", followedBy = "FOLLOWEDBY"
        case like = "LIKE", matches = "MATCHES", isSuperset = "ISSUPERSET", isSubset = "ISSUBSET"
        case exists = "EXISTS", `in` = "IN"
        case start = "START", stop = "STOP", within = "WITHIN", seconds = "SECONDS"
        case repeats = "REPEATS", times = "TIMES"
        /// Reserved by the grammar for a future qualifier; accepted nowhere.
        case last = "LAST"
    }

    /// What the token is.
    enum Kind: Hashable, Sendable {
        /// Punctuation: `[ ] ( ) : . , *`.
        case leftBracket, rightBracket, leftParen, rightParen, colon, dot, comma, asterisk
        /// `=`, `==`, `!=`, `<>`, `<`, `<=`, `>`, `>=`.
        case comparison(Pattern.ComparisonOperator)
        /// A reserved word.
        case keyword(Keyword)
        /// `[A-Za-z_][A-Za-z0-9_-]*` that is not a keyword or a boolean. Hyphens are legal only in
        /// object types; the parser rejects them in property names.
        case identifier(String)
        /// A scalar constant, already decoded and validated.
        case literal(Pattern.Literal.Value)
        /// The end of the text.
        case end
    }

    /// What the token is.
    var kind: Kind
    /// Where it was read.
    var range: Range<Int>
}

/// Splits pattern text into tokens on demand, decoding and validating literals as it goes.
///
/// The parser pulls one token at a time, so problems are reported in text order: a bad escape
/// late in a pattern does not hide an unknown object type before it. Works on UTF-8 bytes; all
/// syntax is ASCII, and other characters are legal only inside quoted literals and as whitespace.
struct PatternLexer {
    /// The pattern text.
    let bytes: [UInt8]
    /// The offset of the next unread byte.
    private(set) var position = 0

    /// Creates a lexer at the start of `text`.
    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// The pattern text in `range`, for messages.
    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// Reads the next token; at the end, returns `.end` (repeatedly).
    mutating func next() throws(PatternSyntaxError) -> PatternToken {
        try skipWhitespaceAndComments()
        let start = position
        guard start < bytes.count else { return PatternToken(kind: .end, range: start..<start) }
        let byte = bytes[start]

        func token(_ kind: PatternToken.Kind, length: Int) -> PatternToken {
            position = start + length
            return PatternToken(kind: kind, range: start..<position)
        }
        switch byte {
        case ascii("["): return token(.leftBracket, length: 1)
        case ascii("]"): return token(.rightBracket, length: 1)
        case ascii("("): return token(.leftParen, length: 1)
        case ascii(")"): return token(.rightParen, length: 1)
        case ascii(":"): return token(.colon, length: 1)
        case ascii(","): return token(.comma, length: 1)
        case ascii("*"): return token(.asterisk, length: 1)
        case ascii("="): return token(.comparison(.equal), length: peek(1) == ascii("=") ? 2 : 1)
        case ascii("!") where peek(1) == ascii("="): return token(.comparison(.notEqual), length: 2)
        case ascii("<") where peek(1) == ascii("="): return token(.comparison(.lessOrEqual), length: 2)
        case ascii("<") where peek(1) == ascii(">"): return token(.comparison(.notEqual), length: 2)
        case ascii("<"): return token(.comparison(.less), length: 1)
        case ascii(">") where peek(1) == ascii("="): return token(.comparison(.greaterOrEqual), length: 2)
        case ascii(">"): return token(.comparison(.greater), length: 1)
        case ascii("'"): return try string()
        case ascii(".") where peek(1).map(isDigit) != true: return token(.dot, length: 1)
        case ascii("0")...ascii("9"), ascii("."): return try number()
        case ascii("+"), ascii("-"):
            let next = peek(1), afterNext = peek(2)
            if let next, isDigit(next) || (next == ascii(".") && afterNext.map(isDigit) == true) {
                return try number()
            }
        case _ where isIdentifierStart(byte): return try identifierOrPrefixedLiteral()
        default: break
        }
        throw .invalidCharacter(character(at: start), at: start)
    }

    // MARK: Trivia

    /// Skips whitespace (including the Unicode spaces the grammar lists) and `/* */` and `//` comments.
    private mutating func skipWhitespaceAndComments() throws(PatternSyntaxError) {
        while position < bytes.count {
            let width = whitespaceWidth(at: position)
            if width > 0 {
                position += width
            } else if bytes[position] == ascii("/"), peek(1) == ascii("*") {
                let start = position
                position += 2
                while position < bytes.count, !(bytes[position] == ascii("*") && peek(1) == ascii("/")) {
                    position += 1
                }
                guard position < bytes.count else { throw .unterminatedComment(at: start) }
                position += 2
            } else if bytes[position] == ascii("/"), peek(1) == ascii("/") {
                while position < bytes.count, bytes[position] != ascii("\n"), bytes[position] != ascii("\r") {
                    position += 1
                }
            } else {
                return
            }
        }
    }

    /// The byte length of the whitespace character at `offset`, or 0.
    private func whitespaceWidth(at offset: Int) -> Int {
        switch bytes[offset] {
        case ascii(" "), ascii("\t"), ascii("\n"), ascii("\r"), 0x0B, 0x0C: return 1
        case 0xC2 where [0x85, 0xA0].contains(byte(at: offset + 1)): return 2  // NEL, no-break space
        case 0xE1 where byte(at: offset + 1) == 0x9A && byte(at: offset + 2) == 0x80: return 3  // ogham space
        case 0xE2 where byte(at: offset + 1) == 0x80:
            let last = byte(at: offset + 2) ?? 0  // U+2000-200A, line/paragraph separators, narrow nbsp
            return (0x80...0x8A).contains(last) || [0xA8, 0xA9, 0xAF].contains(last) ? 3 : 0
        case 0xE2 where byte(at: offset + 1) == 0x81 && byte(at: offset + 2) == 0x9F: return 3  // math space
        case 0xE3 where byte(at: offset + 1) == 0x80 && byte(at: offset + 2) == 0x80: return 3  // ideographic
        default: return 0
        }
    }

    // MARK: Words

    /// Reads an identifier, keyword, boolean, or a literal with a one-letter prefix (`t'`, `h'`, `b'`).
    private mutating func identifierOrPrefixedLiteral() throws(PatternSyntaxError) -> PatternToken {
        let start = position
        var end = start + 1
        while end < bytes.count, isIdentifierStart(bytes[end]) || isDigit(bytes[end]) || bytes[end] == ascii("-") {
            end += 1
        }
        let word = text(start..<end)
        if end - start == 1, byte(at: end) == ascii("'") {
            switch word {
            case "t", "h", "b": return try prefixedLiteral(prefix: bytes[start])
            case "T", "H", "B": throw .upperCaseLiteralPrefix(word, at: start)
            default: break
            }
        }
        position = end
        let kind: PatternToken.Kind = switch word {
        case "true": .literal(.boolean(true))
        case "false": .literal(.boolean(false))
        default: PatternToken.Keyword(rawValue: word).map { .keyword($0) } ?? .identifier(word)
        }
        return PatternToken(kind: kind, range: start..<end)
    }

    // MARK: Numbers

    /// Reads an integer (`[+-]?(0|[1-9][0-9]*)`) or a float (`[+-]?[0-9]*.[0-9]+`).
    private mutating func number() throws(PatternSyntaxError) -> PatternToken {
        let start = position
        var end = start
        if bytes[end] == ascii("+") || bytes[end] == ascii("-") { end += 1 }
        let integerStart = end
        while end < bytes.count, isDigit(bytes[end]) { end += 1 }
        let integerDigits = end - integerStart
        var isFloat = false
        if byte(at: end) == ascii("."), byte(at: end + 1).map(isDigit) == true {
            isFloat = true
            end += 1
            while end < bytes.count, isDigit(bytes[end]) { end += 1 }
        }
        // Whatever glues onto the number is part of the mistake: `1e5`, `0x1F`, `1.`, `1.2.3`.
        var junkEnd = end
        while let next = byte(at: junkEnd), isIdentifierStart(next) || isDigit(next) || next == ascii(".") {
            junkEnd += 1
        }
        // The grammar splits `1AND` into a number and a keyword, so that much gluing is legal.
        let gluedKeyword = PatternToken.Keyword(rawValue: text(end..<junkEnd)) != nil
        guard junkEnd == end || gluedKeyword else {
            let reason = byte(at: end) == ascii(".") && junkEnd == end + 1
                ? "write at least one digit after the decimal point, e.g. 1.0"
                : "numbers are decimal with an optional fraction and no exponent, e.g. 42, -7 or 0.5"
            throw .badNumber(text(start..<junkEnd), at: start, reason)
        }
        let written = text(start..<end)
        position = end
        if isFloat {
            guard let value = Double(written), value.isFinite else {
                throw .badNumber(written, at: start, "it is out of range")
            }
            return PatternToken(kind: .literal(.float(value)), range: start..<end)
        }
        if integerDigits > 1, bytes[integerStart] == ascii("0") {
            throw .badNumber(written, at: start, "integers have no leading zeros")
        }
        guard let value = Int(written) else {
            throw .badNumber(written, at: start, "it does not fit in a 64-bit integer")
        }
        return PatternToken(kind: .literal(.integer(value)), range: start..<end)
    }

    // MARK: Quoted literals

    /// Reads a `'...'` string, where only `\\` and `\'` are escapes.
    private mutating func string() throws(PatternSyntaxError) -> PatternToken {
        let start = position
        var value: [UInt8] = []
        var cursor = start + 1
        while true {
            guard cursor < bytes.count else { throw .unterminatedString(at: start) }
            switch bytes[cursor] {
            case ascii("'"):
                position = cursor + 1
                let string = String(decoding: value, as: UTF8.self)
                return PatternToken(kind: .literal(.string(string)), range: start..<position)
            case ascii("\\"):
                guard let escaped = byte(at: cursor + 1) else { throw .unterminatedString(at: start) }
                guard escaped == ascii("\\") || escaped == ascii("'") else {
                    throw .badEscape(character(at: cursor + 1), at: cursor)
                }
                value.append(escaped)
                cursor += 2
            case let other:
                value.append(other)
                cursor += 1
            }
        }
    }

    /// Reads `t'...'`, `h'...'` or `b'...'`, whose contents have no escapes, and validates them.
    private mutating func prefixedLiteral(prefix: UInt8) throws(PatternSyntaxError) -> PatternToken {
        let start = position
        let contentStart = start + 2
        guard let close = bytes[contentStart...].firstIndex(of: ascii("'")) else {
            throw .unterminatedString(at: start)
        }
        let content = bytes[contentStart..<close]
        let value: Pattern.Literal.Value
        switch prefix {
        case ascii("t"):
            do {
                value = .timestamp(try Pattern.Timestamp(rfc3339: content))
            } catch {
                throw .badTimestamp(error.reason, at: error.offset)
            }
        case ascii("h"):
            value = .hex(try hexBytes(content, literalStart: start))
        default:
            value = .binary(try base64Bytes(content, literalStart: start))
        }
        position = close + 1
        return PatternToken(kind: .literal(value), range: start..<position)
    }

    /// Decodes hex digits, two per byte.
    private func hexBytes(_ content: ArraySlice<UInt8>, literalStart: Int) throws(PatternSyntaxError) -> [UInt8] {
        var result: [UInt8] = []
        var high: UInt8?
        for index in content.indices {
            guard let nibble = hexValue(content[index]) else {
                throw .badHex("'\(character(at: index))' is not a hex digit; use 0-9 and a-f", at: index)
            }
            if let pending = high {
                result.append(pending << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        guard high == nil else {
            throw .badHex("odd number of digits (\(content.count)); write two hex digits per byte", at: literalStart)
        }
        return result
    }

    /// Decodes padded base64 (RFC 4648 alphabet), as the grammar's BinaryLiteral requires.
    private func base64Bytes(_ content: ArraySlice<UInt8>, literalStart: Int) throws(PatternSyntaxError) -> [UInt8] {
        guard !content.isEmpty else {
            throw .badBinary("b'' is empty; write base64 data such as b'AAEC'", at: literalStart)
        }
        let padding = content.reversed().prefix { $0 == ascii("=") }.count
        var bits: UInt32 = 0
        var bitCount = 0
        var result: [UInt8] = []
        for index in content.indices.dropLast(padding) {
            if content[index] == ascii("=") {
                throw .badBinary("'=' may only pad the end of base64 data", at: index)
            }
            guard let sextet = base64Value(content[index]) else {
                let character = character(at: index)
                throw .badBinary("'\(character)' is not a base64 character; use A-Z, a-z, 0-9, + and /", at: index)
            }
            bits = bits << 6 | UInt32(sextet)
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                result.append(UInt8(truncatingIfNeeded: bits >> UInt32(bitCount)))
            }
        }
        guard content.count % 4 == 0, padding <= 2 else {
            throw .badBinary("base64 length must be a multiple of 4, padded with '='", at: literalStart)
        }
        return result
    }

    // MARK: Bytes

    /// The byte at `offset`, or `nil` past the end.
    private func byte(at offset: Int) -> UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    /// The byte `distance` after the current position.
    private func peek(_ distance: Int) -> UInt8? {
        byte(at: position + distance)
    }

    /// The whole (possibly multi-byte) character starting at `offset`, for messages.
    private func character(at offset: Int) -> String {
        var end = offset + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return text(offset..<end)
    }
}

/// The byte value of an ASCII character, for readable `switch` patterns over bytes.
private func ascii(_ scalar: Unicode.Scalar) -> UInt8 { UInt8(ascii: scalar) }

/// Whether `byte` is an ASCII digit.
private func isDigit(_ byte: UInt8) -> Bool { byte >= ascii("0") && byte <= ascii("9") }

/// Whether `byte` may start an identifier: an ASCII letter or underscore.
private func isIdentifierStart(_ byte: UInt8) -> Bool {
    ((byte | 0x20) >= ascii("a") && (byte | 0x20) <= ascii("z")) || byte == ascii("_")
}

/// The value of a hex digit.
private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case ascii("0")...ascii("9"): byte - ascii("0")
    case ascii("a")...ascii("f"): byte - ascii("a") + 10
    case ascii("A")...ascii("F"): byte - ascii("A") + 10
    default: nil
    }
}

/// The value of a base64 character.
private func base64Value(_ byte: UInt8) -> UInt8? {
    switch byte {
    case ascii("A")...ascii("Z"): byte - ascii("A")
    case ascii("a")...ascii("z"): byte - ascii("a") + 26
    case ascii("0")...ascii("9"): byte - ascii("0") + 52
    case ascii("+"): 62
    case ascii("/"): 63
    default: nil
    }
}
