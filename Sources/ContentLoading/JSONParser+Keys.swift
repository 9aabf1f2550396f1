/// How the parser compares object keys (by value: escapes decoded) and words its messages.
extension JSONParser {
    /// Whether two key nodes name the same key: fingerprints first, then bytes.
    func sameKey(_ a: Int, _ b: Int) -> Bool {
        let first = nodes[a], second = nodes[b]
        if !first.isComplex && !second.isComplex {
            guard first.length == second.length, first.end == second.end else { return false }
            return memoryEqual(Int(first.offset) + 1, Int(second.offset) + 1, count: Int(first.length))
        }
        return keyBytes(a) == keyBytes(b)
    }

    /// Whether `count` bytes of the text at two offsets are equal.
    func memoryEqual(_ a: Int, _ b: Int, count: Int) -> Bool {
        for offset in 0..<count where text[a + offset] != text[b + offset] { return false }
        return true
    }

    /// A key's value as bytes, escapes decoded.
    func keyBytes(_ key: Int) -> [UInt8] {
        let node = nodes[key]
        let raw = text[Int(node.offset) + 1..<Int(node.offset) + 1 + Int(node.length)]
        return node.isComplex ? JSONStringEscapes.decode(raw) : Array(raw)
    }

    /// A key's value as text, for messages.
    func keyText(_ key: Int) -> String {
        String(decoding: keyBytes(key), as: UTF8.self)
    }

    /// The error for a key given twice, at the second, naming where the first is.
    func duplicate(first: Int, second: Int) -> JSONParseError {
        let (line, column) = LineIndex(lineStarts: lineStarts).position(of: Int(nodes[first].offset))
        return JSONParseError(.duplicateKey(keyText(second), firstLine: line, firstColumn: column), at: Int(nodes[second].offset))
    }

    /// A short, printable description of the byte at `offset` for messages.
    func describe(_ offset: Int) -> String {
        offset < text.count ? describeByte(text[offset], quoted: true) : "end of file"
    }

    /// A byte as messages show it: itself when printable ASCII, its hex value otherwise.
    func describeByte(_ byte: UInt8, quoted: Bool) -> String {
        guard byte >= 0x21 && byte < 0x7F else { return "byte 0x\(Self.hex(UInt32(byte), digits: 2))" }
        return quoted ? "'\(Unicode.Scalar(byte))'" : "\(Unicode.Scalar(byte))"
    }

    /// `value` in upper-case hex, zero-padded to `digits`.
    static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
