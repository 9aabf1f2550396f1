/// Reads the fields of one JSON object, recording every problem (missing required field, wrong
/// type, number out of range, unknown key) instead of stopping at the first, so that one run
/// reports them all.
///
/// Keys are compared as bytes against the names asked for, starting after the last one found:
/// scanners write an object's keys in the same order every time, so the readers usually find each
/// key at the first try.
struct ObjectReader {
    private let tape: JSONTape
    private let object: Int
    /// Where the object is in its document.
    let pointer: String
    /// The object's role in messages: `host`, `organisation`, `file observation`.
    let role: String
    /// Members read so far, by position: a bit each for the first 64, a set beyond.
    private var readMembers: UInt64 = 0
    private var readBeyond: Set<Int> = []
    /// Where the next search starts: the member after the last one found.
    private var cursor: (node: Int, ordinal: Int)

    /// Opens `value` as an object, or records why it is not one.
    init?(_ value: JSONValue, pointer: String, role: String, problems: inout [ScanProblem]) {
        guard value.kind == .object else {
            problems.append(ScanProblem(severity: .error, pointer: pointer, offset: value.offset, summary: "\(role) must be a JSON object", id: "scan.type-mismatch"))
            return nil
        }
        tape = value.tape
        object = value.index
        self.pointer = pointer
        self.role = role
        cursor = (object + 1, 0)
    }

    /// Where the object starts in its document.
    var offset: Int { tape.offset(of: object) }

    /// Whether the object has `key` at all (null counts as present).
    mutating func has(_ key: StaticString) -> Bool { member(key) != nil }

    /// Where `key`'s value starts, null included, for problems found after reading it.
    mutating func offset(of key: StaticString) -> Int? { member(key).map(tape.offset(of:)) }

    /// A string field; records a problem if it has another type, or is missing and `required`.
    mutating func string(_ key: StaticString, required: Bool = false, problems: inout [ScanProblem]) -> String? {
        guard let value = present(key, required: required, problems: &problems) else { return nil }
        switch tape.nodes[value].kind {
        case .string, .untypedScalar: return tape.string(at: value)
        default:
            mismatch(key, value, "a string", problems: &problems)
            return nil
        }
    }

    /// An integer field whose value must lie in `range`; a number outside it (or beyond 64 bits)
    /// is an error that says the range, not a silent clamp.
    mutating func int(_ key: StaticString, in range: ClosedRange<Int>, problems: inout [ScanProblem]) -> Int? {
        guard let value = present(key, required: false, problems: &problems) else { return nil }
        let kind = tape.nodes[value].kind
        guard kind == .number || kind == .untypedScalar else {
            mismatch(key, value, "an integer", problems: &problems)
            return nil
        }
        switch tape.integer(at: value) {
        case .value(let number) where range.contains(number):
            return number
        case .value, .outOfRange:
            problems.append(ScanProblem(
                severity: .error, pointer: JSONPointer.appending(key: key.description, to: pointer), offset: tape.offset(of: value),
                summary: "'\(key)' of \(role) is \(tape.string(at: value).inert), out of range: it must be a whole number from \(range.lowerBound) to \(range.upperBound)",
                id: "scan.number-out-of-range"))
        case .notInteger:
            mismatch(key, value, "an integer", problems: &problems)
        }
        return nil
    }

    /// A string of `digits` hex digits in any case (a hash), lower-cased; anything else is an
    /// error.
    mutating func hexString(_ key: StaticString, digits: Int, problems: inout [ScanProblem]) -> String? {
        guard let value = present(key, required: false, problems: &problems) else { return nil }
        let node = tape.nodes[value]
        guard node.kind == .string || node.kind == .untypedScalar else {
            mismatch(key, value, "a string", problems: &problems)
            return nil
        }
        let raw = node.isComplex && node.kind == .string ? JSONStringEscapes.decode(tape.rawBytes(of: value))[...] : tape.rawBytes(of: value)
        var isHex = raw.count == digits
        let lowered = String(unsafeUninitializedCapacity: raw.count) { buffer in
            for (index, original) in raw.enumerated() {
                let byte = original | 0x20  // ASCII letters to lower case; digits have the bit already
                isHex = isHex && ((byte &- UInt8(ascii: "0") < 10 && original == byte) || byte &- UInt8(ascii: "a") < 6)
                buffer[index] = byte
            }
            return raw.count
        }
        guard isHex else {
            problems.append(ScanProblem(
                severity: .error, pointer: JSONPointer.appending(key: key.description, to: pointer), offset: tape.offset(of: value),
                summary: "'\(key)' must be \(digits) hex digits", id: "scan.invalid-hash"))
            return nil
        }
        return lowered
    }

    /// A list of strings.
    mutating func strings(_ key: StaticString, problems: inout [ScanProblem]) -> [String] {
        guard let value = present(key, required: false, problems: &problems) else { return [] }
        let elements = self.elements(of: value)
        guard tape.nodes[value].kind == .array,
            elements.allSatisfy({ tape.nodes[$0].kind == .string || tape.nodes[$0].kind == .untypedScalar })
        else {
            mismatch(key, value, "a list of strings", problems: &problems)
            return []
        }
        return elements.map(tape.string(at:))
    }

    /// An object whose values are strings (integers and booleans are accepted and kept as text,
    /// since log columns are often typed by the exporting tool).
    mutating func stringMap(_ key: StaticString, problems: inout [ScanProblem]) -> [String: String] {
        guard let value = present(key, required: false, problems: &problems) else { return [:] }
        guard tape.nodes[value].kind == .object else {
            problems.append(ScanProblem(
                severity: .error, pointer: JSONPointer.appending(key: key.description, to: pointer), offset: tape.offset(of: value),
                summary: "'\(key)' of \(role) must be an object of strings", id: "scan.type-mismatch"))
            return [:]
        }
        var result: [String: String] = [:]
        var member = value + 1
        while member < Int(tape.nodes[value].end) {
            let field = member + 1
            member = tape.next(after: field)
            switch tape.nodes[field].kind {
            case .string, .untypedScalar: result[tape.string(at: field - 1)] = tape.string(at: field)
            case .true: result[tape.string(at: field - 1)] = "true"
            case .false: result[tape.string(at: field - 1)] = "false"
            case .null: break
            case .number:
                let name = tape.string(at: field - 1)
                let fieldPointer = JSONPointer.appending(key: name, to: JSONPointer.appending(key: key.description, to: pointer))
                switch tape.integer(at: field) {
                case .value(let number): result[name] = String(number)
                case .outOfRange:
                    problems.append(ScanProblem(
                        severity: .error, pointer: fieldPointer, offset: tape.offset(of: field),
                        summary: "'\(key).\(name.inert)' of \(role) is \(tape.string(at: field).inert), beyond 64 bits; write it as a string", id: "scan.number-out-of-range"))
                case .notInteger:
                    problems.append(ScanProblem(
                        severity: .error, pointer: fieldPointer, offset: tape.offset(of: field),
                        summary: "'\(key).\(name.inert)' of \(role) must be a string", id: "scan.type-mismatch"))
                }
            case .object, .array:
                let name = tape.string(at: field - 1)
                problems.append(ScanProblem(
                    severity: .error, pointer: JSONPointer.appending(key: name, to: JSONPointer.appending(key: key.description, to: pointer)),
                    offset: tape.offset(of: field), summary: "'\(key).\(name.inert)' of \(role) must be a string", id: "scan.type-mismatch"))
            }
        }
        return result
    }

    /// An object whose values are numbers, each at least `minimum` (log ages in days); a value of
    /// another type, or below the minimum, is an error at that value.
    mutating func numberMap(_ key: StaticString, minimum: Int, problems: inout [ScanProblem]) -> [String: Double] {
        guard let value = present(key, required: false, problems: &problems) else { return [:] }
        guard tape.nodes[value].kind == .object else {
            mismatch(key, value, "an object of numbers", problems: &problems)
            return [:]
        }
        var result: [String: Double] = [:]
        var member = value + 1
        while member < Int(tape.nodes[value].end) {
            let field = member + 1
            member = tape.next(after: field)
            let name = tape.string(at: field - 1)
            let kind = tape.nodes[field].kind
            if kind == .number || kind == .untypedScalar, let number = Double(tape.string(at: field)), number.isFinite, number >= Double(minimum) {
                result[name] = number
                continue
            }
            problems.append(ScanProblem(
                severity: .error, pointer: JSONPointer.appending(key: name, to: JSONPointer.appending(key: key.description, to: pointer)),
                offset: tape.offset(of: field),
                summary: "'\(key).\(name.inert)' of \(role) must be a number, \(minimum) or more", id: "scan.invalid-value"))
        }
        return result
    }

    /// `key`'s value, for objects the caller reads itself; `nil` when missing or null.
    mutating func nested(_ key: StaticString, required: Bool = false, problems: inout [ScanProblem]) -> JSONValue? {
        present(key, required: required, problems: &problems).map { JSONValue(tape: tape, index: $0) }
    }

    /// Reads `key` as an array, giving each element and its pointer to `body`.
    mutating func array(_ key: StaticString, required: Bool = false, problems: inout [ScanProblem], _ body: (JSONValue, String, inout [ScanProblem]) -> Void) {
        guard let value = present(key, required: required, problems: &problems) else { return }
        guard tape.nodes[value].kind == .array else {
            mismatch(key, value, "a list", problems: &problems)
            return
        }
        let base = JSONPointer.appending(key: key.description, to: pointer) + "/"
        var element = value + 1
        var number = 0
        while element < Int(tape.nodes[value].end) {
            body(JSONValue(tape: tape, index: element), base + String(number), &problems)
            element = tape.next(after: element)
            number += 1
        }
    }

    /// Every field not read yet whose value is a string, number or boolean, as text: how an
    /// observation of a type this version does not know keeps its data.
    mutating func remainingScalars(problems: inout [ScanProblem]) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in takeUnread() {
            switch tape.nodes[value].kind {
            case .string, .untypedScalar: result[name] = tape.string(at: value)
            case .true: result[name] = "true"
            case .false: result[name] = "false"
            case .number:
                if case .value(let number) = tape.integer(at: value) {
                    result[name] = String(number)
                } else if let number = tape.double(at: value) {
                    result[name] = String(number)
                } else {
                    problems.append(ScanProblem(
                        severity: .error, pointer: JSONPointer.appending(key: name, to: pointer), offset: tape.offset(of: value),
                        summary: "'\(name.inert)' of \(role) is \(tape.string(at: value).inert), beyond the range of a 64-bit floating-point number; write it as a string",
                        id: "scan.number-out-of-range"))
                }
            case .null, .object, .array: break
            }
        }
        return result
    }

    /// Marks keys as read without reading them (`format`, `type`, read elsewhere).
    mutating func accept(_ keys: StaticString...) {
        for key in keys {
            _ = member(key)
        }
    }

    /// Records a warning for each key nobody read: kept out of reports, reported once per run.
    mutating func reportUnknownKeys(problems: inout [ScanProblem]) {
        for (name, value) in takeUnread().sorted(by: { $0.name < $1.name }) {
            problems.append(ScanProblem(
                severity: .warning, pointer: JSONPointer.appending(key: name, to: pointer), offset: tape.offset(of: value),
                summary: "unknown key '\(name.inert)' in \(role) is ignored (it may come from a newer scan format)",
                id: "scan.unknown-key", onceKey: "\(role).\(name)"))
        }
    }

    // MARK: - Members

    /// The value node of `key`, marked as read, searching from the member after the last one found.
    private mutating func member(_ key: StaticString) -> Int? {
        let length = UInt32(key.utf8CodeUnitCount)
        let fingerprint = JSONTape.fingerprint(key.utf8Start, count: key.utf8CodeUnitCount)
        let nodes = tape.nodes
        let end = Int(nodes[object].end)
        var (member, ordinal) = cursor
        for _ in 0..<Int(nodes[object].length) {
            if member >= end { (member, ordinal) = (object + 1, 0) }
            let name = nodes[member]
            let value = nodes[member + 1]
            let next = value.kind == .object || value.kind == .array ? Int(value.end) : member + 2
            // A fingerprint holds a key of up to four bytes whole; longer keys compare their bytes.
            if name.isComplex || (name.length == length && name.end == fingerprint), length <= 4 && !name.isComplex || tape.key(at: member, is: key) {
                markRead(ordinal)
                cursor = (next, ordinal + 1)
                return member + 1
            }
            (member, ordinal) = (next, ordinal + 1)
        }
        return nil
    }

    /// `key`'s value node unless it is missing or null; records a missing required field.
    private mutating func present(_ key: StaticString, required: Bool, problems: inout [ScanProblem]) -> Int? {
        guard let value = member(key), tape.nodes[value].kind != .null else {
            if required {
                problems.append(ScanProblem(severity: .error, pointer: pointer, offset: offset, summary: "\(role) has no '\(key)', which is required", id: "scan.missing-field"))
            }
            return nil
        }
        return value
    }

    private mutating func markRead(_ ordinal: Int) {
        if ordinal < 64 { readMembers |= 1 << UInt64(ordinal) } else { readBeyond.insert(ordinal) }
    }

    private func isRead(_ ordinal: Int) -> Bool {
        ordinal < 64 ? readMembers & (1 << UInt64(ordinal)) != 0 : readBeyond.contains(ordinal)
    }

    /// The name and value node of each member not read yet, in document order, marked read.
    private mutating func takeUnread() -> [(name: String, value: Int)] {
        var unread: [(name: String, value: Int)] = []
        var member = object + 1
        var ordinal = 0
        while member < Int(tape.nodes[object].end) {
            if !isRead(ordinal) {
                unread.append((tape.string(at: member), member + 1))
                markRead(ordinal)
            }
            member = tape.next(after: member + 1)
            ordinal += 1
        }
        return unread
    }

    /// The element nodes of an array node (none for any other node).
    private func elements(of array: Int) -> [Int] {
        guard tape.nodes[array].kind == .array else { return [] }
        var result: [Int] = []
        result.reserveCapacity(Int(tape.nodes[array].length))
        var element = array + 1
        while element < Int(tape.nodes[array].end) {
            result.append(element)
            element = tape.next(after: element)
        }
        return result
    }

    private func mismatch(_ key: StaticString, _ value: Int, _ kind: String, problems: inout [ScanProblem]) {
        problems.append(ScanProblem(
            severity: .error, pointer: JSONPointer.appending(key: key.description, to: pointer), offset: tape.offset(of: value),
            summary: "'\(key)' of \(role) must be \(kind)", id: "scan.type-mismatch"))
    }
}
