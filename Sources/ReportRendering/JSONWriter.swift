/// Writes JSON straight into bytes (or, `compact`, on one line, for stored state) in the form the
/// outputs have always had: `JSONEncoder`'s sorted, two-space pretty-printing with `"key" : value`,
/// empty containers as `[` newline newline `]`, slashes as they are and control characters as
/// JSON escapes; and besides, every invisible or reordering character as a `\u` escape, so that
/// no line of a report lies to a reader.
///
/// Foundation's `JSONEncoder` spent about 4 million instructions on each organisation's
/// report.json (boxing every value, then sorting every object's keys); this writes the same
/// bytes in a fraction of that. The caller writes an object's keys in sorted order (a test
/// compares each document with that encoder's output), except for `sortedObject`, whose keys come
/// from scan data.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// One entry per open container: whether it has no member yet.
    private var empty: [Bool] = []
    /// One line, no spaces.
    private let compact: Bool
    /// Where the bytes go as soon as there are `chunk` of them, for documents too large to hold.
    private let drain: (([UInt8]) -> Void)?
    private let chunk: Int

    public init(capacity: Int = 4096, compact: Bool = false) {
        bytes.reserveCapacity(capacity)
        self.compact = compact
        drain = nil
        chunk = .max
    }

    /// A writer that hands its bytes to `drain` in pieces of about `chunk` bytes, between the
    /// elements of arrays, and keeps none of them.
    public init(drainingEvery chunk: Int, into drain: @escaping ([UInt8]) -> Void) {
        bytes.reserveCapacity(chunk + chunk / 4)
        compact = false
        self.drain = drain
        self.chunk = chunk
    }

    /// The document with its final newline (for a draining writer: the rest is drained, and
    /// nothing is returned).
    public mutating func finished() -> [UInt8] {
        bytes.append(0x0A)
        guard let drain else { return bytes }
        drain(bytes)
        bytes.removeAll()
        return []
    }

    public mutating func object(_ members: (inout JSONWriter) -> Void) {
        open(UInt8(ascii: "{"))
        members(&self)
        close(UInt8(ascii: "}"))
    }

    public mutating func array<Elements: Sequence>(_ elements: Elements, _ write: (inout JSONWriter, Elements.Element) -> Void) {
        open(UInt8(ascii: "["))
        for element in elements {
            startMember()
            write(&self, element)
            if bytes.count >= chunk, let drain {
                drain(bytes)
                bytes.removeAll(keepingCapacity: true)
            }
        }
        close(UInt8(ascii: "]"))
    }

    public mutating func array(_ strings: [String]) {
        array(strings) { $0.string($1) }
    }

    /// An object whose keys are data (a scan's log names), sorted as `JSONEncoder` sorts them.
    public mutating func sortedObject(_ values: [String: Double]) {
        sortedObject(values) { $0.number($1) }
    }

    public mutating func sortedObject<Value>(_ values: [String: Value], _ write: (inout JSONWriter, Value) -> Void) {
        object { writer in
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                writer.key(key)
                write(&writer, value)
            }
        }
    }

    /// Starts the member `name` of the open object; its value follows.
    public mutating func key(_ name: String) {
        startMember()
        string(name)
        if compact { bytes.append(UInt8(ascii: ":")) } else { append(" : ") }
    }

    public mutating func string(_ value: String?) {
        guard var value else { return null() }
        bytes.append(UInt8(ascii: "\""))
        if value.utf8.withContiguousStorageIfAvailable({ appendEscaped($0) }) == nil {
            value.makeContiguousUTF8()
            value.utf8.withContiguousStorageIfAvailable { appendEscaped($0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A string's content: runs of printable ASCII other than `"` and `\\` are copied whole (most
    /// values are nothing else), and only the bytes between runs are looked at, the multi-byte
    /// ones as characters.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var index = 0
        var runStart = 0
        while index < utf8.count {
            index = PlainWords.skip(utf8, from: index, while: Self.isPlain)
            guard index < utf8.count else { break }
            let byte = utf8[index]
            if byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
            switch byte {
            case UInt8(ascii: "\""): append(#"\""#)
            case UInt8(ascii: "\\"): append(#"\\"#)
            case UInt8(ascii: "\n"): append(#"\n"#)
            case UInt8(ascii: "\r"): append(#"\r"#)
            case UInt8(ascii: "\t"): append(#"\t"#)
            case 0x08: append(#"\b"#)
            case 0x0C: append(#"\f"#)
            case 0..<0x20, 0x7F: unicodeEscape(UInt16(byte))
            default:
                let (scalar, length) = TextEscaping.decodeScalar(utf8, at: index)
                let end = index + length
                if TextEscaping.visibleForm(of: scalar) != nil {
                    for unit in String(scalar).utf16 { unicodeEscape(unit) }
                } else {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[index..<end]))
                }
                index = end
                runStart = end
                continue
            }
            index += 1
            runStart = index
        }
        if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
    }

    /// Whether eight bytes are all copied as they are: printable ASCII other than `"` and `\\`.
    @inline(__always)
    private static func isPlain(_ word: UInt64) -> Bool {
        !(PlainWords.containsNonASCII(word) || PlainWords.containsByte(word, below: 0x20) || PlainWords.contains(word, 0x7F)
            || PlainWords.contains(word, UInt8(ascii: "\"")) || PlainWords.contains(word, UInt8(ascii: "\\")))
    }

    /// Appends the bytes of a literal, without the generic append of a string's UTF-8 view.
    @inline(__always)
    private mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public mutating func bool(_ value: Bool) {
        append(value ? "true" : "false")
    }

    public mutating func number(_ value: Int?) {
        guard let value else { return null() }
        bytes += String(value).utf8
    }

    /// As `JSONEncoder` writes a `Double`: its shortest description, without a trailing `.0`.
    public mutating func number(_ value: Double) {
        let text = value.description
        bytes += (text.hasSuffix(".0") ? text.dropLast(2) : text[...]).utf8
    }

    public mutating func null() {
        append("null")
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        empty.append(true)
    }

    private mutating func close(_ bracket: UInt8) {
        let wasEmpty = empty.removeLast()
        guard !compact else { return bytes.append(bracket) }
        bytes.append(0x0A)
        if wasEmpty { bytes.append(0x0A) }
        indent()
        bytes.append(bracket)
    }

    private mutating func startMember() {
        if empty[empty.count - 1] {
            empty[empty.count - 1] = false
        } else {
            bytes.append(UInt8(ascii: ","))
        }
        guard !compact else { return }
        bytes.append(0x0A)
        indent()
    }

    private mutating func indent() {
        // One append of a run of spaces rather than a generic `repeatElement` append per line,
        // which cost as much as the spaces it wrote.
        var count = 2 * empty.count
        while count > 0 {
            let run = min(count, 64)
            Self.spaces.withUTF8Buffer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<run])) }
            count -= run
        }
    }

    private static let spaces: StaticString = "                                                                "

    private mutating func unicodeEscape(_ unit: UInt16) {
        append(#"\u"#)
        for shift in stride(from: 12, through: 0, by: -4) {
            let digit = UInt8(truncatingIfNeeded: unit >> UInt16(shift)) & 0xF
            bytes.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
        }
    }
}

/// A document that writes itself with `JSONWriter`.
public protocol JSONWritable {
    func write(to writer: inout JSONWriter)
}

extension JSONWritable {
    /// The document's bytes, with the final newline.
    func written(capacity: Int = 4096) -> [UInt8] {
        var writer = JSONWriter(capacity: capacity)
        write(to: &writer)
        return writer.finished()
    }
}
