/// Parses one JSON document (RFC 8259) into a `JSONTape`, strictly: scan data is written by
/// attackers, so what other parsers let through is refused here, at the byte where it happens.
///
/// - No recursion: open containers are an explicit stack, and nesting deeper than the limit is an
///   error, so no document can exhaust the call stack.
/// - A key given twice in one object is an error naming both places (parsers disagree on which
///   value wins, so the document means different things to different tools).
/// - Strings must be UTF-8 and their escapes Unicode characters: invalid bytes and lone surrogates
///   are errors, never replaced.
/// - Line starts are recorded while skipping whitespace (the only place a raw newline may be), so
///   every offset has a line and column without a second pass.
///
/// Plain string bytes are skipped eight at a time; strings and numbers are only delimited here,
/// and converted by the readers that need them.
struct JSONParser {
    let text: UnsafeBufferPointer<UInt8>
    private let maximumDepth: Int
    private var position = 0
    private(set) var nodes: [JSONTape.Node] = []
    private(set) var lineStarts: [Int] = [0]
    /// The nodes of the containers open at `position`, innermost last.
    private var open: [Int] = []
    /// The keys of the object being closed, kept to reuse its memory.
    private var keyScratch: [Int] = []
    /// How to fix text that is not UTF-8: scanners on Windows often write the ANSI code page.
    private static let convertHint = "scan files must be UTF-8: convert this one, e.g. with iconv -f WINDOWS-1252 -t UTF-8"
    /// Objects up to this many keys are checked for duplicates pair by pair; larger ones by sorting.
    private static let pairwiseKeyLimit = 32

    private init(text: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.text = text
        self.maximumDepth = maximumDepth
    }

    /// Parses `bytes` as exactly one JSON document surrounded by optional whitespace.
    static func parse(_ bytes: ArraySlice<UInt8>, maximumDepth: Int) -> Result<JSONTape, JSONParseError> {
        guard bytes.count <= ScanLimits.largestDocument else {
            return .failure(JSONParseError(.syntax("document larger than \(ScanLimits.describe(bytes: ScanLimits.largestDocument))"), at: 0))
        }
        return bytes.withUnsafeBufferPointer { text in
            var parser = JSONParser(text: text, maximumDepth: maximumDepth)
            do throws(JSONParseError) {
                try parser.parseDocument()
            } catch {
                return .failure(parser.positioned(error))
            }
            return .success(JSONTape(bytes: bytes, nodes: parser.nodes, lines: LineIndex(lineStarts: parser.lineStarts)))
        }
    }

    private mutating func parseDocument() throws(JSONParseError) {
        nodes.reserveCapacity(text.count / 12 + 8)
        try parseValues()
        skipWhitespace()
        if position < text.count {
            throw JSONParseError(.syntax("unexpected \(describe(position)) after the end of the JSON document"), at: position, endOfFirstDocument: position)
        }
    }

    /// Parses the value at `position` and, when it opens containers, everything up to the end of
    /// the outermost one: one loop over values, then over the closing of containers.
    private mutating func parseValues() throws(JSONParseError) {
        nextValue: while true {
            skipWhitespace()
            switch position < text.count ? text[position] : 0 {
            case UInt8(ascii: "{"):
                try openContainer(.object)
                skipWhitespace()
                if peek(UInt8(ascii: "}")) {
                    position += 1
                    open.removeLast()
                    nodes[nodes.count - 1].end = UInt32(nodes.count)
                } else {
                    try parseKey()
                    continue nextValue
                }
            case UInt8(ascii: "["):
                try openContainer(.array)
                skipWhitespace()
                if peek(UInt8(ascii: "]")) {
                    position += 1
                    open.removeLast()
                    nodes[nodes.count - 1].end = UInt32(nodes.count)
                } else {
                    nodes[nodes.count - 1].length = 1
                    continue nextValue
                }
            case UInt8(ascii: "\""): try parseString()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try parseNumber()
            case UInt8(ascii: "t"): try parseLiteral("true", .true)
            case UInt8(ascii: "f"): try parseLiteral("false", .false)
            case UInt8(ascii: "n"): try parseLiteral("null", .null)
            default: throw syntaxError("unexpected \(describe(position)); expected a value")
            }
            // A value ended: go on to the next member of the innermost container, or close it.
            while let container = open.last {
                skipWhitespace()
                let byte = position < text.count ? text[position] : 0
                if nodes[container].kind == .object {
                    if byte == UInt8(ascii: ",") {
                        position += 1
                        skipWhitespace()
                        try parseKey()
                        continue nextValue
                    }
                    guard byte == UInt8(ascii: "}") else { throw syntaxError("unexpected \(describe(position)); expected ',' or '}' in object") }
                    position += 1
                    try closeObject()
                } else {
                    if byte == UInt8(ascii: ",") {
                        position += 1
                        nodes[container].length += 1
                        continue nextValue
                    }
                    guard byte == UInt8(ascii: "]") else { throw syntaxError("unexpected \(describe(position)); expected ',' or ']' in array") }
                    position += 1
                    open.removeLast()
                    nodes[container].end = UInt32(nodes.count)
                }
            }
            return
        }
    }

    private mutating func openContainer(_ kind: JSONTape.Kind) throws(JSONParseError) {
        guard open.count < maximumDepth else { throw JSONParseError(.tooDeep(limit: maximumDepth), at: position) }
        open.append(nodes.count)
        nodes.append(JSONTape.Node(kind: kind, offset: position))
        position += 1
    }

    /// Parses `"key":` of the innermost object, leaving `position` at the value.
    private mutating func parseKey() throws(JSONParseError) {
        guard peek(UInt8(ascii: "\"")) else { throw syntaxError("unexpected \(describe(position)); expected a key in double quotes") }
        nodes[open[open.count - 1]].length += 1
        let key = nodes.count
        try parseString()
        if !nodes[key].isComplex {
            nodes[key].end = JSONTape.fingerprint(text.baseAddress! + Int(nodes[key].offset) + 1, count: Int(nodes[key].length))
        }
        skipWhitespace()
        guard peek(UInt8(ascii: ":")) else {
            throw syntaxError("unexpected \(describe(position)); expected ':' after key \"\(keyText(key).inert)\"")
        }
        position += 1
    }

    private mutating func parseString() throws(JSONParseError) {
        let start = position
        var index = position + 1
        var isComplex = false
        let base = text.baseAddress!
        scan: while true {
            while index + 8 <= text.count {
                let special = Self.specialBytes(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                if special != 0 {
                    index += special.trailingZeroBitCount >> 3
                    break
                }
                index += 8
            }
            guard index < text.count else { throw JSONParseError(.syntax("unterminated string"), at: start) }
            switch text[index] {
            case UInt8(ascii: "\""): break scan
            case UInt8(ascii: "\\"):
                isComplex = true
                index = try skipEscape(at: index, stringStart: start)
            case 0..<0x20:
                throw JSONParseError(.syntax("control character in string; write it as an escape such as '\\n'"), at: index)
            case 0x80...: index = try skipUTF8Character(at: index)
            default: index += 1
            }
        }
        nodes.append(JSONTape.Node(kind: .string, offset: start, length: index - start - 1, isComplex: isComplex))
        position = index + 1
    }

    /// The high bit of each of eight bytes (read little-endian) that ends a run of plain string
    /// bytes: a quote, a backslash, a control character or a non-ASCII byte. Each test is the
    /// classic "has a zero byte" trick; its lowest set bit is always exact (borrows only move up),
    /// which is all the caller uses.
    @inline(__always)
    private static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let below = (word &- ones &* 0x20) & ~word
        let quotes = (quote &- ones) & ~quote
        let backslashes = (backslash &- ones) & ~backslash
        return (below | quotes | backslashes | word) & (ones &* 0x80)
    }

    /// Checks the escape at `index` (a backslash) and returns the index after it.
    private func skipEscape(at index: Int, stringStart: Int) throws(JSONParseError) -> Int {
        guard index + 1 < text.count else { throw JSONParseError(.syntax("unterminated string"), at: stringStart) }
        switch text[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return index + 2
        case UInt8(ascii: "u"):
            guard let unit = hexQuad(at: index + 2) else {
                throw JSONParseError(.syntax("'\\u' must be followed by four hex digits"), at: index)
            }
            switch unit {
            case 0xDC00...0xDFFF:
                throw JSONParseError(.invalidText("'\\u\(Self.hex(unit, digits: 4))' is the second half of a surrogate pair without its first half, so it is no character; write characters beyond U+FFFF as a whole pair (\\uD83D\\uDE00) or unescaped"), at: index)
            case 0xD800...0xDBFF:
                guard index + 7 < text.count, text[index + 6] == UInt8(ascii: "\\"), text[index + 7] == UInt8(ascii: "u"),
                    let low = hexQuad(at: index + 8), (0xDC00...0xDFFF).contains(low)
                else {
                    throw JSONParseError(.invalidText("'\\u\(Self.hex(unit, digits: 4))' is the first half of a surrogate pair without its second half (\\uDC00-\\uDFFF), so it is no character; write characters beyond U+FFFF as a whole pair (\\uD83D\\uDE00) or unescaped"), at: index)
                }
                return index + 12
            default:
                return index + 6
            }
        default:
            throw JSONParseError(.syntax("invalid escape '\\\(describeByte(text[index + 1], quoted: false))' in string; a backslash is written '\\\\' in JSON"), at: index)
        }
    }

    private func hexQuad(at index: Int) -> UInt32? {
        guard index + 4 <= text.count else { return nil }
        var value: UInt32 = 0
        for offset in index..<index + 4 {
            guard let digit = JSONStringEscapes.hexDigit(text[offset]) else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Checks the UTF-8 sequence starting at `index` (RFC 3629: no overlong forms, no surrogates,
    /// nothing above U+10FFFF) and returns the index after it; an error points at the byte that
    /// starts the bad sequence (the `é` of a Latin-1 file, say), which is the one to fix.
    private func skipUTF8Character(at index: Int) throws(JSONParseError) -> Int {
        let lead = text[index]
        let length: Int
        var second: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; second = 0xA0...0xBF
        case 0xED: length = 3; second = 0x80...0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0: length = 4; second = 0x90...0xBF
        case 0xF4: length = 4; second = 0x80...0x8F
        case 0xF1...0xF3: length = 4
        default:
            throw JSONParseError(.invalidText("byte 0x\(Self.hex(UInt32(lead), digits: 2)) is not UTF-8 (no character starts with it); \(Self.convertHint)"), at: index)
        }
        for offset in 1..<length {
            let allowed = offset == 1 ? second : 0x80...0xBF
            guard index + offset < text.count, allowed.contains(text[index + offset]) else {
                let next = index + offset < text.count ? "by byte 0x\(Self.hex(UInt32(text[index + offset]), digits: 2))" : "by the end of the file"
                throw JSONParseError(.invalidText("byte 0x\(Self.hex(UInt32(lead), digits: 2)) is not UTF-8 here (followed \(next), it starts no valid character); \(Self.convertHint)"), at: index)
            }
        }
        return index + length
    }

    private mutating func parseNumber() throws(JSONParseError) {
        let start = position
        var index = position
        if text[index] == UInt8(ascii: "-") { index += 1 }
        guard index < text.count, Self.isDigit(text[index]) else { throw JSONParseError(.syntax("invalid number"), at: start) }
        if text[index] == UInt8(ascii: "0"), index + 1 < text.count, Self.isDigit(text[index + 1]) {
            throw JSONParseError(.syntax("numbers may not have leading zeros; quote versions such as \"15.02\" as strings"), at: start)
        }
        index = skipDigits(from: index)
        var isComplex = false
        if index < text.count, text[index] == UInt8(ascii: ".") {
            isComplex = true
            index += 1
            guard index < text.count, Self.isDigit(text[index]) else { throw JSONParseError(.syntax("expected a digit after '.'"), at: index) }
            index = skipDigits(from: index)
        }
        if index < text.count, text[index] | 0x20 == UInt8(ascii: "e") {
            isComplex = true
            index += 1
            if index < text.count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") { index += 1 }
            guard index < text.count, Self.isDigit(text[index]) else { throw JSONParseError(.syntax("expected a digit in exponent"), at: index) }
            index = skipDigits(from: index)
        }
        nodes.append(JSONTape.Node(kind: .number, offset: start, length: index - start, isComplex: isComplex))
        position = index
    }

    private func skipDigits(from start: Int) -> Int {
        var index = start
        while index < text.count, Self.isDigit(text[index]) { index += 1 }
        return index
    }

    private mutating func parseLiteral(_ word: StaticString, _ kind: JSONTape.Kind) throws(JSONParseError) {
        let length = word.utf8CodeUnitCount
        guard position + length <= text.count, (0..<length).allSatisfy({ text[position + $0] == word.utf8Start[$0] }) else {
            throw syntaxError("unexpected \(describe(position)); expected a value (strings need double quotes)")
        }
        nodes.append(JSONTape.Node(kind: kind, offset: position, length: length))
        position += length
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while position < text.count {
            switch text[position] {
            case 0x20, 0x09, 0x0D: position += 1
            case 0x0A:
                position += 1
                lineStarts.append(position)
            default: return
            }
        }
    }

    @inline(__always)
    private func peek(_ byte: UInt8) -> Bool {
        position < text.count && text[position] == byte
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    private func syntaxError(_ message: String) -> JSONParseError {
        JSONParseError(.syntax(message), at: position)
    }
}

extension JSONParser {
    /// Closes the innermost object and checks that no key is given twice.
    private mutating func closeObject() throws(JSONParseError) {
        let object = open.removeLast()
        nodes[object].end = UInt32(nodes.count)
        let count = Int(nodes[object].length)
        guard count > 1 else { return }
        var keys = keyScratch
        keys.removeAll(keepingCapacity: true)
        defer { keyScratch = keys }
        var member = object + 1
        while member < nodes.count {
            keys.append(member)
            let value = nodes[member + 1]
            member = value.kind == .object || value.kind == .array ? Int(value.end) : member + 2
        }
        if count <= Self.pairwiseKeyLimit {
            // Each key sets one of 64 bits chosen by its fingerprint and length; only a key whose
            // bit is already set is compared with the keys before it. Escaped keys have no
            // fingerprint, so an object with one compares every pair.
            let escaped = keys.contains { nodes[$0].isComplex }
            var seen: UInt64 = 0
            for later in keys.indices {
                let name = nodes[keys[later]]
                let bit: UInt64 = 1 << (((name.end ^ name.length << 24) &* 0x9E37_79B1) >> 26)
                if escaped || seen & bit != 0 {
                    for earlier in 0..<later where sameKey(keys[earlier], keys[later]) {
                        throw duplicate(first: keys[earlier], second: keys[later])
                    }
                }
                seen |= bit
            }
            return
        }
        // Sorting by key text (then by position) puts every repeated key right after its first use.
        let texts = keys.map(keyBytes)
        let order = keys.indices.sorted { a, b in
            texts[a].lexicographicallyPrecedes(texts[b]) || (texts[a] == texts[b] && a < b)
        }
        var earliest: (first: Int, second: Int)?
        var run = 0
        while run < order.count {
            var end = run + 1
            while end < order.count, texts[order[end]] == texts[order[run]] { end += 1 }
            if end - run > 1, order[run + 1] < (earliest?.second ?? .max) { earliest = (order[run], order[run + 1]) }
            run = end
        }
        if let earliest { throw duplicate(first: keys[earliest.first], second: keys[earliest.second]) }
    }

    /// `error` with its line and column: every line before the error's offset has been seen.
    fileprivate func positioned(_ error: JSONParseError) -> JSONParseError {
        var error = error
        (error.line, error.column) = LineIndex(lineStarts: lineStarts).position(of: error.offset)
        return error
    }
}
