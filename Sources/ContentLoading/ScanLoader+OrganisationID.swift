import BulletinModel

extension ScanLoader {
    /// The organisation a single-organisation scan document describes, read without decoding it:
    /// the string at `/organisation/id`, when `bytes` hold exactly one JSON object with that
    /// member (and no `organisations` batch) and the id is a valid, escape-free organisation id.
    /// Anything else is `nil`, and the caller decodes the document to learn more.
    ///
    /// This only walks the structure (strings, brackets) so cataloguing a large JSON Lines file
    /// costs a pass over its bytes, not a decode. A faster strict reader may replace it; callers
    /// depend only on this signature.
    public static func organisationID(in bytes: ArraySlice<UInt8>) -> String? {
        var skim = StructureSkim(bytes: bytes)
        return skim.organisationID()
    }
}

/// A cursor that walks JSON structure without building values.
private struct StructureSkim {
    let bytes: ArraySlice<UInt8>
    var position: Int

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
    }

    mutating func organisationID() -> String? {
        var id: String?
        var isBatch = false
        let complete = object { key, skim in
            if key.elementsEqual("organisation".utf8) {
                guard skim.peek() == UInt8(ascii: "{") else { return skim.value() }
                return skim.object { innerKey, skim in
                    if innerKey.elementsEqual("id".utf8), skim.peek() == UInt8(ascii: "\"") {
                        guard let text = skim.string(), !text.contains(UInt8(ascii: "\\")) else { return false }
                        id = String(decoding: text, as: UTF8.self)
                        return true
                    }
                    return skim.value()
                }
            }
            if key.elementsEqual("organisations".utf8) { isBatch = true }
            return skim.value()
        }
        skipWhitespace()
        guard complete, position == bytes.endIndex, !isBatch, let id, Organisation.isValidID(id) else { return nil }
        return id
    }

    func peek() -> UInt8? {
        var index = position
        while index < bytes.endIndex, Self.isWhitespace(bytes[index]) { index += 1 }
        return index < bytes.endIndex ? bytes[index] : nil
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    mutating func skipWhitespace() {
        while position < bytes.endIndex, Self.isWhitespace(bytes[position]) { position += 1 }
    }

    /// Walks an object, handing each member's key to `member`, which must consume the value.
    mutating func object(_ member: (ArraySlice<UInt8>, inout StructureSkim) -> Bool) -> Bool {
        skipWhitespace()
        guard position < bytes.endIndex, bytes[position] == UInt8(ascii: "{") else { return false }
        position += 1
        skipWhitespace()
        if position < bytes.endIndex, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return true
        }
        while true {
            skipWhitespace()
            guard let key = string() else { return false }
            skipWhitespace()
            guard position < bytes.endIndex, bytes[position] == UInt8(ascii: ":") else { return false }
            position += 1
            guard member(key, &self) else { return false }
            skipWhitespace()
            guard position < bytes.endIndex else { return false }
            let separator = bytes[position]
            position += 1
            if separator == UInt8(ascii: "}") { return true }
            guard separator == UInt8(ascii: ",") else { return false }
        }
    }

    /// Reads a string's raw bytes (escapes left as written).
    mutating func string() -> ArraySlice<UInt8>? {
        skipWhitespace()
        guard position < bytes.endIndex, bytes[position] == UInt8(ascii: "\"") else { return nil }
        let start = position + 1
        var index = start
        while index < bytes.endIndex {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                position = index + 1
                return bytes[start..<index]
            case UInt8(ascii: "\\"): index += 2
            default: index += 1
            }
        }
        return nil
    }

    /// Skips one value of any kind; nested brackets are counted, not parsed.
    mutating func value() -> Bool {
        skipWhitespace()
        guard position < bytes.endIndex else { return false }
        switch bytes[position] {
        case UInt8(ascii: "\""):
            return string() != nil
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while position < bytes.endIndex {
                switch bytes[position] {
                case UInt8(ascii: "\""):
                    guard string() != nil else { return false }
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        position += 1
                        return true
                    }
                default: break
                }
                position += 1
            }
            return false
        default:
            while position < bytes.endIndex, !Self.isWhitespace(bytes[position]), bytes[position] != UInt8(ascii: ","),
                bytes[position] != UInt8(ascii: "}"), bytes[position] != UInt8(ascii: "]")
            {
                position += 1
            }
            return true
        }
    }
}
