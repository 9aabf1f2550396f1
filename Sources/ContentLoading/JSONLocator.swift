import Foundation

/// Finds positions inside JSON text: where a value at a path starts, and where and why the text
/// stops being JSON.
///
/// `JSONDecoder` does the decoding (it is fast) but reports neither; this scanner runs only when a
/// diagnostic needs a position, so it favours clear messages over speed.
struct JSONLocator {
    /// A syntax error: where the text stops being JSON and what was expected there.
    struct SyntaxError: Error, Equatable {
        var offset: Int
        var message: String
        /// Set when a complete document was followed by more text: JSON Lines in a `.json` file.
        var endOfFirstDocument: Int? = nil
    }

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0
    /// Deeper documents are refused rather than risking the stack (scan documents nest 5 levels).
    static let maximumDepth = 512

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The first syntax error of the document, or `nil` when it is well-formed JSON.
    static func syntaxError(in bytes: [UInt8]) -> SyntaxError? {
        var scanner = JSONLocator(bytes)
        do {
            scanner.skipWhitespace()
            try scanner.skipValue(lookingFor: [])
            scanner.skipWhitespace()
            if scanner.position < bytes.count {
                var error = SyntaxError(offset: scanner.position, message: "unexpected \(scanner.describeCurrent()) after the end of the JSON document")
                error.endOfFirstDocument = scanner.position
                throw error
            }
            return nil
        } catch let error as SyntaxError {
            return error
        } catch {
            return SyntaxError(offset: scanner.position, message: "not valid JSON")
        }
    }

    /// The byte offset where the value at `path` starts, or where the deepest existing part of the
    /// path starts when the rest is missing.
    static func offset(of path: [JSONPathComponent], in bytes: [UInt8]) -> Int {
        var scanner = JSONLocator(bytes)
        scanner.skipWhitespace()
        var found = scanner.position
        _ = try? scanner.skipValue(lookingFor: path[...], found: &found)
        return found
    }

    /// The byte offsets where each element of the array at `path` starts, found in one pass.
    static func elementOffsets(ofArrayAt path: [JSONPathComponent], in bytes: [UInt8]) -> [Int] {
        var scanner = JSONLocator(bytes)
        scanner.skipWhitespace()
        var found = scanner.position
        _ = try? scanner.skipValue(lookingFor: path[...], found: &found)
        scanner = JSONLocator(bytes)
        scanner.position = found
        guard scanner.peek(UInt8(ascii: "[")) else { return [] }
        scanner.position += 1
        var offsets: [Int] = []
        while true {
            scanner.skipWhitespace()
            if scanner.peek(UInt8(ascii: "]")) || scanner.position >= bytes.count { return offsets }
            offsets.append(scanner.position)
            var ignored = 0
            guard (try? scanner.skipValue(lookingFor: [], found: &ignored)) != nil else { return offsets }
            scanner.skipWhitespace()
            guard scanner.peek(UInt8(ascii: ",")) else { return offsets }
            scanner.position += 1
        }
    }

    private mutating func skipValue(lookingFor path: [JSONPathComponent]) throws {
        var ignored = 0
        try skipValue(lookingFor: path[...], found: &ignored)
    }

    /// Skips one value, recording in `found` the start of each value along `path`.
    private mutating func skipValue(lookingFor path: ArraySlice<JSONPathComponent>, found: inout Int) throws {
        skipWhitespace()
        guard position < bytes.count else { throw SyntaxError(offset: position, message: "unexpected end of file; expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): try skipObject(lookingFor: path, found: &found)
        case UInt8(ascii: "["): try skipArray(lookingFor: path, found: &found)
        case UInt8(ascii: "\""): _ = try readString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skipNumber()
        case UInt8(ascii: "t"): try expectWord("true")
        case UInt8(ascii: "f"): try expectWord("false")
        case UInt8(ascii: "n"): try expectWord("null")
        default: throw SyntaxError(offset: position, message: "unexpected \(describeCurrent()); expected a value")
        }
    }

    private mutating func enter() throws {
        depth += 1
        if depth > Self.maximumDepth {
            throw SyntaxError(offset: position, message: "nesting deeper than \(Self.maximumDepth) levels")
        }
    }

    private mutating func skipObject(lookingFor path: ArraySlice<JSONPathComponent>, found: inout Int) throws {
        try enter()
        defer { depth -= 1 }
        position += 1
        skipWhitespace()
        if peek(UInt8(ascii: "}")) { position += 1; return }
        while true {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else {
                throw SyntaxError(offset: position, message: "unexpected \(describeCurrent()); expected a key in double quotes")
            }
            let key = try readString()
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else {
                throw SyntaxError(offset: position, message: "unexpected \(describeCurrent()); expected ':' after key \"\(key)\"")
            }
            position += 1
            skipWhitespace()
            if case .key(key)? = path.first {
                found = position
                try skipValue(lookingFor: path.dropFirst(), found: &found)
            } else {
                try skipValue(lookingFor: [], found: &found)
            }
            skipWhitespace()
            if peek(UInt8(ascii: ",")) { position += 1; continue }
            if peek(UInt8(ascii: "}")) { position += 1; return }
            throw SyntaxError(offset: position, message: "unexpected \(describeCurrent()); expected ',' or '}' in object")
        }
    }

    private mutating func skipArray(lookingFor path: ArraySlice<JSONPathComponent>, found: inout Int) throws {
        try enter()
        defer { depth -= 1 }
        position += 1
        skipWhitespace()
        if peek(UInt8(ascii: "]")) { position += 1; return }
        var index = 0
        while true {
            skipWhitespace()
            if case .index(index)? = path.first {
                found = position
                try skipValue(lookingFor: path.dropFirst(), found: &found)
            } else {
                try skipValue(lookingFor: [], found: &found)
            }
            index += 1
            skipWhitespace()
            if peek(UInt8(ascii: ",")) { position += 1; continue }
            if peek(UInt8(ascii: "]")) { position += 1; return }
            throw SyntaxError(offset: position, message: "unexpected \(describeCurrent()); expected ',' or ']' in array")
        }
    }

    /// Reads a string literal, validating escapes and UTF-8, and returns its value.
    private mutating func readString() throws -> String {
        let start = position
        position += 1
        var value: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                guard let text = String(validating: value, as: UTF8.self) else {
                    throw SyntaxError(offset: start, message: "string is not valid UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                position += 1
                guard position < bytes.count else { break }
                let escape = bytes[position]
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): value.append(escape)
                case UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"): value.append(0x20)
                case UInt8(ascii: "u"):
                    let digits = bytes[min(position + 1, bytes.count)..<min(position + 5, bytes.count)]
                    guard digits.count == 4, digits.allSatisfy({ $0.isHexDigit }) else {
                        throw SyntaxError(offset: position - 1, message: "'\\u' must be followed by four hex digits")
                    }
                    value.append(UInt8(ascii: "?"))
                    position += 4
                default:
                    throw SyntaxError(offset: position - 1, message: "invalid escape '\\\(Unicode.Scalar(escape))' in string; a backslash is written '\\\\' in JSON")
                }
                position += 1
            case 0..<0x20:
                throw SyntaxError(offset: position, message: "control character in string; write it as an escape such as '\\n'")
            default:
                value.append(byte)
                position += 1
            }
        }
        throw SyntaxError(offset: start, message: "unterminated string")
    }

    private mutating func skipNumber() throws {
        let start = position
        if peek(UInt8(ascii: "-")) { position += 1 }
        guard position < bytes.count, bytes[position].isDigit else {
            throw SyntaxError(offset: start, message: "invalid number")
        }
        if bytes[position] == UInt8(ascii: "0"), position + 1 < bytes.count, bytes[position + 1].isDigit {
            throw SyntaxError(offset: start, message: "numbers may not have leading zeros; quote versions such as \"15.02\" as strings")
        }
        while position < bytes.count, bytes[position].isDigit { position += 1 }
        if peek(UInt8(ascii: ".")) {
            position += 1
            guard position < bytes.count, bytes[position].isDigit else { throw SyntaxError(offset: position, message: "expected a digit after '.'") }
            while position < bytes.count, bytes[position].isDigit { position += 1 }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            position += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { position += 1 }
            guard position < bytes.count, bytes[position].isDigit else { throw SyntaxError(offset: position, message: "expected a digit in exponent") }
            while position < bytes.count, bytes[position].isDigit { position += 1 }
        }
    }

    private mutating func expectWord(_ word: String) throws {
        let expected = Array(word.utf8)
        guard bytes.count >= position + expected.count, Array(bytes[position..<position + expected.count]) == expected else {
            throw SyntaxError(offset: position, message: "unexpected \(describeCurrent()); expected a value (strings need double quotes)")
        }
        position += expected.count
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private func peek(_ byte: UInt8) -> Bool {
        position < bytes.count && bytes[position] == byte
    }

    /// A short, printable description of the byte at the current position for messages.
    private func describeCurrent() -> String {
        guard position < bytes.count else { return "end of file" }
        let byte = bytes[position]
        if byte >= 0x21 && byte < 0x7F { return "'\(Unicode.Scalar(byte))'" }
        return String(format: "byte 0x%02X", byte)
    }
}

extension UInt8 {
    fileprivate var isDigit: Bool { self >= 0x30 && self <= 0x39 }
    fileprivate var isHexDigit: Bool { isDigit || (self >= 0x41 && self <= 0x46) || (self >= 0x61 && self <= 0x66) }
}
