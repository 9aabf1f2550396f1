/// Reads back the JSON that `JSONWriter` writes, value by value, straight into the reader's own
/// types: how incremental builds and `bulletin merge` read the summaries they stored.
///
/// Foundation's `JSONDecoder` took about a third of a millisecond per stored summary (10.7 s of
/// worker time for 30,000 reused organisations), building a tree of boxed values and matching
/// coding keys; the stored lines are this tool's own, so a reader that knows their shape does
/// without both. It accepts any JSON whitespace but only what `JSONWriter` writes: strings,
/// integers, booleans, `null`, objects and arrays.
public struct JSONReader {
    /// A line that is not the JSON expected, at a byte offset.
    public struct Failure: Error, Sendable {
        public var offset: Int

        public init(offset: Int) {
            self.offset = offset
        }
    }

    private let bytes: ArraySlice<UInt8>
    private var position: Int

    public init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
    }

    /// Where the next value starts, as an index of the bytes read.
    public var offset: Int { position }

    /// Reads an object, calling `member` with each key; `member` reads the key's value (or
    /// `skipValue()`s it).
    public mutating func object(_ member: (inout JSONReader, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if try peek() == UInt8(ascii: "}") {
            position += 1
            return
        }
        repeat {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
        } while try separator(closing: UInt8(ascii: "}"))
    }

    /// Reads an array, calling `element` for each of its elements.
    public mutating func array(_ element: (inout JSONReader) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        if try peek() == UInt8(ascii: "]") {
            position += 1
            return
        }
        repeat {
            try element(&self)
        } while try separator(closing: UInt8(ascii: "]"))
    }

    /// An array of strings.
    public mutating func strings() throws -> [String] {
        var strings: [String] = []
        try array { strings.append(try $0.string()) }
        return strings
    }

    /// A string, or `nil` for `null`.
    public mutating func optionalString() throws -> String? {
        try null() ? nil : string()
    }

    /// An integer, or `nil` for `null`.
    public mutating func optionalInteger() throws -> Int? {
        try null() ? nil : integer()
    }

    public mutating func integer() throws -> Int {
        _ = try peek()
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        let start = position
        var value = 0
        while position < bytes.endIndex, case let digit = bytes[position] &- UInt8(ascii: "0"), digit < 10 {
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = times.addingReportingOverflow(Int(digit))
            guard !overflow, !overflowSum else { throw Failure(offset: position) }
            value = sum
            position += 1
        }
        guard position > start else { throw Failure(offset: position) }
        return negative ? -value : value
    }

    public mutating func bool() throws -> Bool {
        if try literal("true") { return true }
        if try literal("false") { return false }
        throw Failure(offset: position)
    }

    /// Whether the next value is `null`, which is then read.
    public mutating func null() throws -> Bool {
        try literal("null")
    }

    public mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = position
        // Most strings hold no escape: their bytes are the string.
        while position < bytes.endIndex {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                defer { position += 1 }
                return String(decoding: bytes[start..<position], as: UTF8.self)
            case UInt8(ascii: "\\"):
                return try escapedString(from: start)
            default:
                position += 1
            }
        }
        throw Failure(offset: position)
    }

    /// Skips one value of any kind.
    public mutating func skipValue() throws {
        switch try peek() {
        case UInt8(ascii: "{"): try object { reader, _ in try reader.skipValue() }
        case UInt8(ascii: "["): try array { try $0.skipValue() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try bool()
        case UInt8(ascii: "n"): guard try null() else { throw Failure(offset: position) }
        default: _ = try integer()
        }
    }

    /// Throws unless only whitespace is left.
    public mutating func end() throws {
        skipWhitespace()
        guard position == bytes.endIndex else { throw Failure(offset: position) }
    }

    private mutating func escapedString(from start: Int) throws -> String {
        var utf8 = Array(bytes[start..<position])
        var pendingHigh: UInt16?
        while position < bytes.endIndex {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "\"") {
                guard pendingHigh == nil else { throw Failure(offset: position) }
                return String(decoding: utf8, as: UTF8.self)
            }
            guard byte == UInt8(ascii: "\\") else {
                guard pendingHigh == nil else { throw Failure(offset: position) }
                utf8.append(byte)
                continue
            }
            guard position < bytes.endIndex else { break }
            let escape = bytes[position]
            position += 1
            if escape == UInt8(ascii: "u") {
                let unit = try hexUnit()
                if let high = pendingHigh {
                    guard (0xDC00...0xDFFF).contains(unit) else { throw Failure(offset: position) }
                    pendingHigh = nil
                    let scalar = 0x10000 + (UInt32(high - 0xD800) << 10) + UInt32(unit - 0xDC00)
                    utf8 += String(Unicode.Scalar(scalar)!).utf8
                } else if (0xD800...0xDBFF).contains(unit) {
                    pendingHigh = unit
                } else {
                    guard let scalar = Unicode.Scalar(unit) else { throw Failure(offset: position) }
                    utf8 += String(scalar).utf8
                }
                continue
            }
            guard pendingHigh == nil else { throw Failure(offset: position) }
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            default: throw Failure(offset: position)
            }
        }
        throw Failure(offset: position)
    }

    private mutating func hexUnit() throws -> UInt16 {
        guard position + 4 <= bytes.endIndex else { throw Failure(offset: position) }
        var unit: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Failure(offset: position)
            }
            unit = unit << 4 | UInt16(digit)
            position += 1
        }
        return unit
    }

    /// After a member or element: whether another follows (a comma), or the container ends.
    private mutating func separator(closing: UInt8) throws -> Bool {
        let byte = try peek()
        position += 1
        if byte == UInt8(ascii: ",") { return true }
        guard byte == closing else { throw Failure(offset: position - 1) }
        return false
    }

    private mutating func literal(_ word: StaticString) throws -> Bool {
        _ = try peek()
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.endIndex else { return false }
        let matches = word.withUTF8Buffer { buffer in buffer.elementsEqual(bytes[position..<(position + count)]) }
        if matches { position += count }
        return matches
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard try peek() == byte else { throw Failure(offset: position) }
        position += 1
    }

    /// The next byte that is not whitespace, not read.
    private mutating func peek() throws -> UInt8 {
        skipWhitespace()
        guard position < bytes.endIndex else { throw Failure(offset: position) }
        return bytes[position]
    }

    private mutating func skipWhitespace() {
        while position < bytes.endIndex {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }
}
