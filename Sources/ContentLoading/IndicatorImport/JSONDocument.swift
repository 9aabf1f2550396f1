import BulletinModel
import Foundation

/// Any JSON value, for feeds whose shape we check ourselves (STIX bundles, MISP events, MSTIC
/// feeds) rather than decode into fixed types, so that every field problem can be reported.
enum JSONValue: Decodable, Hashable, Sendable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    /// A number as its text, so that `15.02` and `1` keep their spelling in provenance.
    case number(String)
    case bool(Bool)
    case null

    init(from decoder: any Decoder) throws {
        if var elements = try? decoder.unkeyedContainer() {
            var values: [JSONValue] = []
            while !elements.isAtEnd { values.append(try elements.decode(JSONValue.self)) }
            self = .array(values)
        } else if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var values: [String: JSONValue] = [:]
            for key in object.allKeys { values[key.stringValue] = try object.decode(JSONValue.self, forKey: key) }
            self = .object(values)
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                self = .null
            } else if let flag = try? single.decode(Bool.self) {
                self = .bool(flag)
            } else if let integer = try? single.decode(Int.self) {
                self = .number(String(integer))
            } else if let number = try? single.decode(Double.self) {
                self = .number(String(number))
            } else {
                self = .string(try single.decode(String.self))
            }
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let values) = self { return values[key] }
        return nil
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    var object: [String: JSONValue]? {
        if case .object(let values) = self { return values }
        return nil
    }

    /// How the value is named in messages: `a string`, `an object`.
    var kind: String {
        switch self {
        case .object: "an object"
        case .array: "a list"
        case .string: "a string"
        case .number: "a number"
        case .bool: "true or false"
        case .null: "null"
        }
    }
}

/// A JSON feed file decoded into values, with line and column worked out for the paths that a
/// diagnostic or a provenance note names.
struct JSONDocument {
    let file: String
    let root: JSONValue
    private let bytes: [UInt8]
    private let lines: LineIndex

    /// Reads and decodes `file`; a file that is not JSON is an error at the first bad character.
    static func read(_ file: String, diagnostics: inout [Diagnostic]) -> JSONDocument? {
        guard let data = FileManager.default.contents(atPath: file) else {
            diagnostics.append(.error("cannot read file", id: "import.unreadable", at: SourceLocation(file: file)))
            return nil
        }
        let bytes = [UInt8](data)
        if let error = JSONLocator.syntaxError(in: bytes) {
            let (line, column) = LineIndex(bytes).position(of: error.offset)
            diagnostics.append(.error("\(error.message); the file is not valid JSON", id: "import.syntax", at: SourceLocation(file: file, line: line, column: column)))
            return nil
        }
        guard let root = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            diagnostics.append(.error("the file could not be decoded as JSON", id: "import.syntax", at: SourceLocation(file: file, line: 1, column: 1)))
            return nil
        }
        return JSONDocument(file: file, root: root, bytes: bytes, lines: LineIndex(bytes))
    }

    /// Where the value at `path` starts.
    func location(_ path: [JSONPathComponent]) -> SourceLocation {
        at(offset: JSONLocator.offset(of: path, in: bytes), path: path)
    }

    /// Where each element of the list at `path` starts, found in one pass over the file: a feed's
    /// rows are located together, not one rescan each.
    func elementLocations(_ path: [JSONPathComponent]) -> [SourceLocation] {
        JSONLocator.elementOffsets(ofArrayAt: path, in: bytes).enumerated().map { index, offset in
            at(offset: offset, path: path + [.index(index)])
        }
    }

    private func at(offset: Int, path: [JSONPathComponent]) -> SourceLocation {
        let (line, column) = lines.position(of: offset)
        return SourceLocation(file: file, line: line, column: column, jsonPointer: JSONPathComponent.pointer(path))
    }
}
