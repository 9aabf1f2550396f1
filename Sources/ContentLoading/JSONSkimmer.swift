/// Finds a few values in a JSON document without parsing it: the catalogue pass of a build only
/// needs each document's organisation id, and the full read later checks everything.
///
/// It trusts nothing and checks nothing: malformed text ends the skim with `nil`, never a trap,
/// and whatever it lets through the parser refuses with a located error. Skipping is a loop with
/// a depth counter, so no nesting can exhaust the stack.
struct JSONSkimmer {
    let bytes: ArraySlice<UInt8>
    private(set) var position: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
    }

    /// In the object at `position`, moves to the value of the first member named `key`; `false`
    /// when there is no such member or no object.
    mutating func seekMember(_ key: StaticString) -> Bool {
        skipWhitespace()
        guard take(UInt8(ascii: "{")) else { return false }
        while true {
            skipWhitespace()
            guard let name = skipString() else { return false }
            skipWhitespace()
            guard take(UInt8(ascii: ":")) else { return false }
            skipWhitespace()
            if Self.decoded(name).elementsEqual(UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)) { return true }
            guard skipValue() else { return false }
            skipWhitespace()
            guard take(UInt8(ascii: ",")) else { return false }
        }
    }

    /// The string at `position`, escapes decoded (bytes that are not UTF-8 become U+FFFD).
    mutating func string() -> String? {
        skipWhitespace()
        return skipString().map { String(decoding: Self.decoded($0), as: UTF8.self) }
    }

    /// Moves past the value at `position`, however deep; `false` if the text ends first.
    mutating func skipValue() -> Bool {
        skipWhitespace()
        guard position < bytes.endIndex else { return false }
        switch bytes[position] {
        case UInt8(ascii: "\""):
            return skipString() != nil
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            break
        default:
            // A number or literal, checked by the parser later.
            let start = position
            while position < bytes.endIndex, !Self.endsScalar(bytes[position]) { position += 1 }
            return position > start
        }
        var depth = 0
        while position < bytes.endIndex {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                guard skipString() != nil else { return false }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 {
                    position += 1
                    return true
                }
            default:
                break
            }
            position += 1
        }
        return false
    }

    mutating func skipWhitespace() {
        while position < bytes.endIndex, bytes[position] <= 0x20, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    /// Consumes `byte` if it is next.
    mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.endIndex, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// Moves past the string at `position` and returns its raw content (between the quotes).
    private mutating func skipString() -> ArraySlice<UInt8>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = position
        while position < bytes.endIndex {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                position += 1
                return bytes[start..<position - 1]
            case UInt8(ascii: "\\"): position += 2
            default: position += 1
            }
        }
        position = bytes.endIndex
        return nil
    }

    private static func decoded(_ raw: ArraySlice<UInt8>) -> [UInt8] {
        raw.contains(UInt8(ascii: "\\")) ? JSONStringEscapes.decode(raw) : Array(raw)
    }

    private static func endsScalar(_ byte: UInt8) -> Bool {
        [UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D].contains(byte)
    }
}
